import { ThemeProvider } from '@mui/material';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { theme } from '../theme';

/** Renders `ui` at `path` inside the app's theme and a router; other paths render their name. */
export function renderAt(ui: ReactElement, path = '/', route = path) {
  return render(
    <ThemeProvider theme={theme}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path={route} element={ui} />
          <Route path="*" element={<p>at another page</p>} />
        </Routes>
      </MemoryRouter>
    </ThemeProvider>,
  );
}
