import type { PaletteMode } from '@mui/material';
import { alpha, createTheme, type Theme } from '@mui/material/styles';

declare module '@mui/material/styles' {
  interface TypeBackground {
    /** A quiet fill set apart from the paper: tips, codes, empty heatmap cells, progress tracks. */
    subtle: string;
  }
  interface TypeBackgroundOptions {
    subtle?: string;
  }
}

// The two palettes. Status colours (utils/habitText.ts) are mid-tones that read on both.
const palettes = {
  light: {
    primary: { main: '#2f6f5e' },
    secondary: { main: '#e59a3b', contrastText: '#fff' },
    background: { default: '#f6f5f1', paper: '#ffffff', subtle: '#f1eee5' },
    text: { primary: '#1f2a27', secondary: '#5b6764' },
    divider: '#e6e3da',
  },
  // Dark: the same green, lifted so that it keeps its contrast on a dark ground.
  dark: {
    primary: { main: '#6cc2a7' },
    secondary: { main: '#f0a64a' },
    background: { default: '#111715', paper: '#19211e', subtle: '#242e2a' },
    text: { primary: '#e7ece9', secondary: '#a6b3ae' },
    divider: '#2d3834',
  },
} as const;

export function makeTheme(mode: PaletteMode): Theme {
  return createTheme({
    palette: { mode, ...palettes[mode] },
    shape: { borderRadius: 12 },
    typography: {
      fontFamily: '"Inter", "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
      h4: { fontWeight: 700, letterSpacing: '-0.02em' },
      h5: { fontWeight: 700, letterSpacing: '-0.01em' },
      h6: { fontWeight: 650 },
      subtitle1: { fontWeight: 600 },
      button: { textTransform: 'none', fontWeight: 600 },
    },
    components: {
      MuiCard: {
        defaultProps: { variant: 'outlined' },
        styleOverrides: { root: ({ theme }) => ({ borderColor: theme.palette.divider }) },
      },
      MuiPaper: { styleOverrides: { outlined: ({ theme }) => ({ borderColor: theme.palette.divider }) } },
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiTextField: { defaultProps: { fullWidth: true } },
      MuiChip: { styleOverrides: { root: { fontWeight: 600 } } },
      MuiAppBar: {
        styleOverrides: {
          root: ({ theme }) => ({
            backgroundColor: alpha(theme.palette.background.paper, 0.92),
            // MUI lightens the paper of elevated surfaces in dark mode; the bar stays flat.
            backgroundImage: 'none',
            color: theme.palette.text.primary,
            backdropFilter: 'blur(8px)',
            borderBottom: `1px solid ${theme.palette.divider}`,
          }),
        },
      },
      MuiLinearProgress: { styleOverrides: { root: { borderRadius: 6, height: 8 } } },
    },
  });
}

/** The light theme: what tests render with. The app picks by the system setting (main.tsx). */
export const theme = makeTheme('light');
