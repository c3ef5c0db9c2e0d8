import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { SystemTheme } from './SystemTheme';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SystemTheme>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </SystemTheme>
  </StrictMode>,
);
