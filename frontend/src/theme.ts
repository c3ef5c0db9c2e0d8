import { alpha, createTheme } from '@mui/material/styles';

const primary = '#2f6f5e';
const secondary = '#e59a3b';

export const theme = createTheme({
  palette: {
    mode: 'light',
    primary: { main: primary },
    secondary: { main: secondary, contrastText: '#fff' },
    background: { default: '#f6f5f1', paper: '#ffffff' },
    text: { primary: '#1f2a27', secondary: '#5b6764' },
  },
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
      styleOverrides: { root: { borderColor: '#e6e3da' } },
    },
    MuiPaper: { styleOverrides: { outlined: { borderColor: '#e6e3da' } } },
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiTextField: { defaultProps: { fullWidth: true } },
    MuiChip: { styleOverrides: { root: { fontWeight: 600 } } },
    MuiAppBar: {
      styleOverrides: {
        root: {
          backgroundColor: alpha('#ffffff', 0.92),
          color: '#1f2a27',
          backdropFilter: 'blur(8px)',
          borderBottom: '1px solid #e6e3da',
        },
      },
    },
    MuiLinearProgress: { styleOverrides: { root: { borderRadius: 6, height: 8 } } },
  },
});
