import { beforeEach, describe, expect, it } from 'vitest';
import { fakeServer, user } from '../test/fakeServer';
import { browserTimezone, useAuth } from './auth';

const session = { user, access: 'a', refresh: 'r' };

describe('auth store', () => {
  beforeEach(() => useAuth.setState({ user: null, tokens: null }));

  it('signs up with the browser timezone and keeps the session', async () => {
    const calls = fakeServer(() => ({ status: 201, data: session }));
    await useAuth.getState().signUp({ email: 'ann@example.com', password: 'long enough', name: 'Ann' });
    expect(calls[0].body).toEqual({ email: 'ann@example.com', password: 'long enough', name: 'Ann', timezone: browserTimezone() });
    expect(useAuth.getState()).toMatchObject({ user, tokens: { access: 'a', refresh: 'r' } });
    expect(JSON.parse(localStorage.getItem('aht-auth')!).state.tokens).toEqual({ access: 'a', refresh: 'r' });
  });

  it('signs out locally and blacklists the refresh token', async () => {
    const calls = fakeServer((c) => (c.url === 'auth/login/' ? { status: 200, data: session } : { status: 204 }));
    await useAuth.getState().signIn('ann@example.com', 'pw');
    await useAuth.getState().signOut();
    expect(useAuth.getState().tokens).toBeNull();
    expect(calls[1]).toMatchObject({ method: 'POST', url: 'auth/logout/', body: { refresh: 'r' } });
    expect(calls[1].body).toEqual({ refresh: 'r', everywhere: false });
  });

  it('signs out everywhere: the server ends every session, then this one is forgotten', async () => {
    useAuth.setState({ user, tokens: { access: 'a', refresh: 'r' } });
    const calls = fakeServer(() => ({ status: 204 }));
    await useAuth.getState().signOutEverywhere();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'POST', url: 'auth/logout/', body: { refresh: 'r', everywhere: true } });
    expect(useAuth.getState()).toMatchObject({ user: null, tokens: null, sessionEnded: false });
  });

  it('keeps this session when signing out everywhere fails: the other devices are still signed in', async () => {
    useAuth.setState({ user, tokens: { access: 'a', refresh: 'r' } });
    fakeServer(() => ({ status: 500 }));
    await expect(useAuth.getState().signOutEverywhere()).rejects.toBeTruthy();
    expect(useAuth.getState()).toMatchObject({ user, tokens: { access: 'a', refresh: 'r' } });
  });

  it('signs out even when the server cannot be reached', async () => {
    useAuth.setState({ user, tokens: { access: 'a', refresh: 'r' } });
    fakeServer(() => ({ status: 500 }));
    await useAuth.getState().signOut();
    expect(useAuth.getState().user).toBeNull();
  });
});
