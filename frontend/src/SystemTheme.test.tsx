import { useTheme } from '@mui/material/styles';
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SystemTheme } from './SystemTheme';

function Mode() {
  const { palette } = useTheme();
  return <p>{`${palette.mode} on ${palette.background.default}`}</p>;
}

/** A browser whose colour scheme setting is `scheme`. */
function systemScheme(scheme: 'light' | 'dark') {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: query.includes(`prefers-color-scheme: ${scheme}`),
    media: query,
    addEventListener: () => {},
    removeEventListener: () => {},
  }));
}

describe('SystemTheme', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is dark when the system is set to dark', () => {
    systemScheme('dark');
    render(<SystemTheme><Mode /></SystemTheme>);
    expect(screen.getByText('dark on #111715')).toBeInTheDocument();
  });

  it('is light otherwise', () => {
    systemScheme('light');
    render(<SystemTheme><Mode /></SystemTheme>);
    expect(screen.getByText('light on #f6f5f1')).toBeInTheDocument();
  });

  it('switches live when the system setting changes', () => {
    let dark = false;
    const listeners = new Set<() => void>();
    vi.stubGlobal('matchMedia', (query: string) => ({
      get matches() {
        return dark && query.includes('prefers-color-scheme: dark');
      },
      media: query,
      addEventListener: (_: string, listener: () => void) => listeners.add(listener),
      removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
      addListener: (listener: () => void) => listeners.add(listener),
      removeListener: (listener: () => void) => listeners.delete(listener),
    }));
    render(<SystemTheme><Mode /></SystemTheme>);
    expect(screen.getByText('light on #f6f5f1')).toBeInTheDocument();
    act(() => {
      dark = true;
      listeners.forEach((listener) => listener());
    });
    expect(screen.getByText('dark on #111715')).toBeInTheDocument();
  });
});
