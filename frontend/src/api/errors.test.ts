import { AxiosError, type InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';
import { ApiError, splitErrors, toApiError } from './errors';

function axiosError(status: number, data: unknown): AxiosError {
  const config = { headers: {} } as InternalAxiosRequestConfig;
  return new AxiosError('failed', 'ERR', config, null, { status, data, statusText: '', headers: {}, config });
}

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
