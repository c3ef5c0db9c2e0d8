import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { SystemTheme } from './SystemTheme';

// The service worker of the installed app and of push notifications (src/sw.js), in the built app
// only: the dev server has no /sw.js.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((err: unknown) => console.warn('Service worker not registered:', err));
  });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SystemTheme>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </SystemTheme>
  </StrictMode>,
);
