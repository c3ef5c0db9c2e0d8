import { screen } from '@testing-library/react';
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
});
