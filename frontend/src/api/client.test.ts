import { beforeEach, describe, expect, it } from 'vitest';
import { habitsApi } from '.';
import { useAuth } from '../store/auth';
import { fakeServer } from '../test/fakeServer';

const page = { count: 0, next: null, previous: null, results: [] };

describe('API client tokens', () => {
  beforeEach(() => {
    useAuth.setState({ user: null, tokens: { access: 'old-access', refresh: 'old-refresh' }, sessionEnded: false });
  });

  it('attaches the access token', async () => {
    const calls = fakeServer(() => ({ status: 200, data: page }));
    await habitsApi.list();
    expect(calls[0].auth).toBe('Bearer old-access');
  });

  it('refreshes once on 401, retries with the new token and keeps the rotated refresh token', async () => {
    const calls = fakeServer((c) => {
      if (c.url === 'auth/refresh/') return { status: 200, data: { access: 'new-access', refresh: 'new-refresh' } };
      return c.auth === 'Bearer new-access' ? { status: 200, data: page } : { status: 401, data: { error: { code: 'token_not_valid', message: 'Expired.', fields: {} } } };
    });
    await expect(habitsApi.list()).resolves.toEqual(page);
    expect(calls.map((c) => c.url)).toEqual(['habits/', 'auth/refresh/', 'habits/']);
    expect(calls[1].body).toEqual({ refresh: 'old-refresh' });
    expect(useAuth.getState().tokens).toEqual({ access: 'new-access', refresh: 'new-refresh' });
  });

  it('shares one refresh between concurrent 401s', async () => {
    const calls = fakeServer((c) => {
      if (c.url === 'auth/refresh/') return { status: 200, data: { access: 'new-access', refresh: 'new-refresh' } };
      return c.auth === 'Bearer new-access' ? { status: 200, data: page } : { status: 401 };
    });
    await Promise.all([habitsApi.list(), habitsApi.publicList()]);
    expect(calls.filter((c) => c.url === 'auth/refresh/')).toHaveLength(1);
  });

  it('ends the session when the refresh fails, and says why', async () => {
    fakeServer((c) => (c.url === 'auth/refresh/' ? { status: 401 } : { status: 401 }));
    await expect(habitsApi.list()).rejects.toMatchObject({ status: 401 });
    expect(useAuth.getState()).toMatchObject({ tokens: null, sessionEnded: true });
  });

  it('does not call a 401 after signing out an ended session', async () => {
    useAuth.setState({ tokens: null });
    const calls = fakeServer(() => ({ status: 401 }));
    await expect(habitsApi.list()).rejects.toMatchObject({ status: 401 });
    expect(calls.map((c) => c.url)).toEqual(['habits/']);
    expect(useAuth.getState().sessionEnded).toBe(false);
  });

  it('does not refresh when a sign-in is refused', async () => {
    const calls = fakeServer(() => ({ status: 401, data: { error: { code: 'authentication_failed', message: 'Wrong email or password.', fields: {} } } }));
    await expect(useAuth.getState().signIn('a@b.co', 'x')).rejects.toMatchObject({ message: 'Wrong email or password.' });
    expect(calls).toHaveLength(1);
  });
});
