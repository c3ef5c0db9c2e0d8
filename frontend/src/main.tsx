import { CssBaseline, GlobalStyles, ThemeProvider } from '@mui/material';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { theme } from './theme';

const skipLink = {
  '.skip-link': { position: 'absolute', left: -9999, top: 8, zIndex: 2000, padding: '8px 12px', background: '#fff', borderRadius: 8 },
  '.skip-link:focus': { left: 8 },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <GlobalStyles styles={skipLink} />
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </ThemeProvider>
  </StrictMode>,
);
