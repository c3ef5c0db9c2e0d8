import { AxiosError, type InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';
import { ApiError, splitErrors, toApiError, waitInWords } from './errors';

function axiosError(status: number, data: unknown, headers: Record<string, string> = {}): AxiosError {
  const config = { headers: {} } as InternalAxiosRequestConfig;
  return new AxiosError('failed', 'ERR', config, null, { status, data, statusText: '', headers, config });
}

const locked = { error: { code: 'account_locked', message: 'Too many failed sign-ins. This account is locked for a while; try again later.', fields: {} } };

describe('toApiError', () => {
  it('reads the one error shape of the API', () => {
    const err = toApiError(
      axiosError(409, { error: { code: 'habit_has_dependents', message: 'In use.', fields: {}, details: { dependent_habits: [{ id: 2, name: 'Read' }] } } }),
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(409);
    expect(err.code).toBe('habit_has_dependents');
    expect(err.details.dependent_habits).toEqual([{ id: 2, name: 'Read' }]);
  });

  it('joins the messages of a field', () => {
    const err = toApiError(axiosError(400, { error: { code: 'invalid', message: 'Bad.', fields: { password: ['Too short.', 'Too common.'] } } }));
    expect(err.fields).toEqual({ password: 'Too short. Too common.' });
  });

  it('says how long a locked account waits, from Retry-After, and the way out', () => {
    const err = toApiError(axiosError(429, locked, { 'retry-after': '900' }));
    expect(err.code).toBe('account_locked');
    expect(err.message).toBe('Too many failed sign-ins for this account, so it is locked here for now. Try again in about 15 minutes, or reset your password.');
  });

  it('says how long a throttled caller waits', () => {
    const throttled = { error: { code: 'throttled', message: 'Too many requests. Try again later.', fields: {} } };
    expect(toApiError(axiosError(429, throttled, { 'retry-after': '42' })).message).toBe('Too many attempts. Please try again in 42 seconds.');
  });

  it("keeps the server's message when a 429 gives no usable wait", () => {
    expect(toApiError(axiosError(429, locked)).message).toBe(locked.error.message);
    expect(toApiError(axiosError(429, locked, { 'retry-after': 'soon' })).message).toBe(locked.error.message);
    expect(toApiError(axiosError(429, '<html>')).message).toMatch(/Too many attempts/);
  });

  it('puts a wait in words', () => {
    expect(waitInWords(1)).toBe('1 second');
    expect(waitInWords(59)).toBe('59 seconds');
    expect(waitInWords(60)).toBe('a minute');
    expect(waitInWords(61)).toBe('about 2 minutes');
    expect(waitInWords(3540)).toBe('about 59 minutes');
    expect(waitInWords(3600)).toBe('about an hour');
    expect(waitInWords(3 * 3600 + 600)).toBe('about 3 hours');
  });

  it('explains a network failure and a server crash in words', () => {
    const config = { headers: {} } as InternalAxiosRequestConfig;
    expect(toApiError(new AxiosError('Network Error', 'ERR_NETWORK', config)).code).toBe('network_error');
    expect(toApiError(axiosError(502, '<html>')).message).toMatch(/server had a problem/);
  });
});

describe('splitErrors', () => {
  it('puts known fields on the form and the rest in one message', () => {
    const err = new ApiError(400, 'invalid', 'Some fields are not valid.', {
      email: 'Taken.',
      non_field_errors: 'Nope.',
      other: 'Odd.',
    });
    expect(splitErrors(err, ['email'])).toEqual({ fields: { email: 'Taken.' }, general: 'Nope. Odd.' });
  });

  it('falls back to the message when there are no fields', () => {
    expect(splitErrors(new ApiError(429, 'throttled', 'Slow down.'), ['email'])).toEqual({ fields: {}, general: 'Slow down.' });
  });
});
