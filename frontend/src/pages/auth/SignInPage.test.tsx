import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { useAuth } from '../../store/auth';
import { fakeServer, user } from '../../test/fakeServer';
import { renderAt } from '../../test/render';
import { SignInPage } from './SignInPage';

const ENDED = 'Your session has ended — please sign in again.';

describe('SignInPage', () => {
  beforeEach(() => useAuth.setState({ user, tokens: { access: 'a', refresh: 'r' }, sessionEnded: false }));

  it('says the session ended when the server refused to renew it', () => {
    useAuth.getState().expire();
    renderAt(<SignInPage />, '/signin');
    expect(screen.getByRole('alert')).toHaveTextContent(ENDED);
  });

  it('says nothing of the kind after signing out on purpose', async () => {
    fakeServer((c) => (c.url === 'auth/login/' ? { status: 200, data: { user, access: 'a2', refresh: 'r2' } } : { status: 204 }));
    useAuth.getState().expire();
    await useAuth.getState().signIn('ann@example.com', 'pw');
    await useAuth.getState().signOut();
    renderAt(<SignInPage />, '/signin');
    expect(screen.queryByText(ENDED)).not.toBeInTheDocument();
  });

  it('tells a locked-out person how long to wait and what else to do', async () => {
    fakeServer(() => ({
      status: 429,
      headers: { 'retry-after': '900' },
      data: { error: { code: 'account_locked', message: 'Too many failed sign-ins. This account is locked for a while; try again later.', fields: {} } },
    }));
    useAuth.setState({ user: null, tokens: null });
    renderAt(<SignInPage />, '/signin');
    await userEvent.type(screen.getByLabelText(/Email/), 'ann@example.com');
    await userEvent.type(screen.getByLabelText(/Password/), 'right-or-wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Try again in about 15 minutes, or reset your password.');
    expect(screen.getByRole('link', { name: 'Forgot your password?' })).toHaveAttribute('href', '/forgot-password');
  });
});
