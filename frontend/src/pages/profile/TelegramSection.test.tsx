import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '../../test/fakeServer';
import { renderAt } from '../../test/render';
import { TelegramSection } from './TelegramSection';

const unbound = { enabled: true, bot_name: 'habits_bot', is_bound: false, is_active: true, telegram_username: null, bound_at: null };

describe('TelegramSection', () => {
  it('is hidden when the server has no Telegram API', async () => {
    const calls = fakeServer(() => ({ status: 404, data: { error: { code: 'not_found', message: 'Not found.', fields: {} } } }));
    const { container } = renderAt(<TelegramSection timeZone="UTC" />);
    await waitFor(() => expect(calls).toHaveLength(1));
    await waitFor(() => expect(container).toBeEmptyDOMElement());
  });

  it('shows a binding code with the deep link', async () => {
    fakeServer((c) =>
      c.url === 'telegram/bind-code/'
        ? { status: 201, data: { code: 'K3Y9Q2', expires_at: '2026-11-22T10:15:00Z', deep_link: 'https://t.me/habits_bot?start=K3Y9Q2' } }
        : { status: 200, data: unbound },
    );
    renderAt(<TelegramSection timeZone="UTC" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Connect Telegram' }));
    expect(await screen.findByLabelText('Binding code')).toHaveTextContent('K3Y9Q2');
    expect(screen.getByRole('link', { name: /Open @habits_bot/ })).toHaveAttribute('href', 'https://t.me/habits_bot?start=K3Y9Q2');
  });

  it('unbinds a bound chat', async () => {
    let bound = true;
    const calls = fakeServer((c) => {
      if (c.method === 'DELETE') {
        bound = false;
        return { status: 204 };
      }
      return { status: 200, data: bound ? { ...unbound, is_bound: true, telegram_username: 'ann' } : unbound };
    });
    renderAt(<TelegramSection timeZone="UTC" />);
    expect(await screen.findByText('Connected as @ann')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    expect(await screen.findByRole('button', { name: 'Connect Telegram' })).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'DELETE' && c.url === 'telegram/')).toBe(true);
  });
});
