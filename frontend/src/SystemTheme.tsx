import { CssBaseline, GlobalStyles, ThemeProvider, useMediaQuery } from '@mui/material';
import type { Theme } from '@mui/material/styles';
import { useMemo, type ReactNode } from 'react';
import { makeTheme } from './theme';

const skipLink = (theme: Theme) => ({
  '.skip-link': { position: 'absolute', left: -9999, top: 8, zIndex: 2000, padding: '8px 12px', background: theme.palette.background.paper, color: theme.palette.text.primary, borderRadius: 8 },
  '.skip-link:focus': { left: 8 },
});

/** Light or dark as the system is set, switching live when the setting changes. */
export function SystemTheme({ children }: { children: ReactNode }) {
  // noSsr: the first render already knows the setting, so a dark system never flashes light.
  const dark = useMediaQuery('(prefers-color-scheme: dark)', { noSsr: true });
  const theme = useMemo(() => makeTheme(dark ? 'dark' : 'light'), [dark]);
  return (
    <ThemeProvider theme={theme}>
      {/* Native controls (date and time pickers, scroll bars) follow the same scheme. */}
      <CssBaseline enableColorScheme />
      <GlobalStyles styles={skipLink} />
      {children}
    </ThemeProvider>
  );
}
