import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { useAuth } from '../../store/auth';
import { fakeServer, user } from '../../test/fakeServer';
import { renderAt } from '../../test/render';
import { SessionsSection } from './SessionsSection';

describe('SessionsSection', () => {
  beforeEach(() => useAuth.setState({ user, tokens: { access: 'a', refresh: 'r' }, sessionEnded: false }));

  it('asks first, then signs out every device and leaves for sign-in', async () => {
    const calls = fakeServer(() => ({ status: 204 }));
    renderAt(<SessionsSection />, '/profile');
    await userEvent.click(screen.getByRole('button', { name: 'Sign out on all devices' }));
    expect(calls).toHaveLength(0);
    expect(screen.getByRole('dialog', { name: 'Sign out on all devices?' })).toBeVisible();

    await userEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    expect(await screen.findByText('at another page')).toBeInTheDocument();
    expect(calls).toEqual([expect.objectContaining({ method: 'POST', url: 'auth/logout/', body: { refresh: 'r', everywhere: true } })]);
    expect(useAuth.getState().tokens).toBeNull();
  });

  it('sends nothing when cancelled', async () => {
    const calls = fakeServer(() => ({ status: 204 }));
    renderAt(<SessionsSection />, '/profile');
    await userEvent.click(screen.getByRole('button', { name: 'Sign out on all devices' }));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(calls).toHaveLength(0);
    expect(useAuth.getState().tokens).toEqual({ access: 'a', refresh: 'r' });
  });

  it('says so and stays signed in when the server refuses', async () => {
    fakeServer(() => ({ status: 400, data: { error: { code: 'invalid', message: 'Some fields are not valid.', fields: { refresh: ['This refresh token is invalid or expired.'] } } } }));
    renderAt(<SessionsSection />, '/profile');
    await userEvent.click(screen.getByRole('button', { name: 'Sign out on all devices' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This refresh token is invalid or expired.');
    expect(screen.queryByText('at another page')).not.toBeInTheDocument();
    expect(useAuth.getState().user).toEqual(user);
  });
});
