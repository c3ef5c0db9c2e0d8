import { describe, expect, expectTypeOf, it } from 'vitest';
import { fakeServer } from '../test/fakeServer';
import { http } from './client';
import { api, urlFor } from './request';
import type { Habit } from './types';

describe('api', () => {
  it('fills the path, sends the query and the body, and answers the JSON', async () => {
    const habit = { id: 7, name: 'Read' };
    const calls = fakeServer(() => ({ status: 200, data: habit }));
    const answer = await api.patch('/api/habits/{id}/', { path: { id: 7 }, body: { name: 'Read' } });
    expect(answer).toEqual(habit);
    expect(calls).toMatchObject([{ method: 'PATCH', url: 'habits/7/', body: { name: 'Read' } }]);
  });

  it('sends the query as URL parameters', async () => {
    const calls = fakeServer(() => ({ status: 200, data: { count: 0, results: [] } }));
    await api.get('/api/habits/', { query: { is_active: 'true', page_size: 5 } });
    expect(calls[0].url).toBe('habits/');
    expect(calls[0].params).toEqual({ is_active: 'true', page_size: 5 });
  });

  it('repeats a list parameter, as the schema and Django read it', () => {
    expect(http.getUri({ url: 'instances/', params: { habit: [1, 2], date_from: '2026-03-04' } })).toBe(
      '/api/instances/?habit=1&habit=2&date_from=2026-03-04',
    );
  });

  it('takes its types from the schema (checked by tsc, which fails on an unused @ts-expect-error)', () => {
    expectTypeOf(api.get<'/api/habits/{id}/'>).returns.resolves.toEqualTypeOf<Habit>();
    expectTypeOf(api.delete<'/api/habits/{id}/'>).returns.resolves.toEqualTypeOf<void>();
    const never = () => {
      // @ts-expect-error: no such endpoint
      void api.get('/api/habit/');
      // @ts-expect-error: the endpoint does not answer POST
      void api.post('/api/habits/{id}/', { path: { id: 1 } });
      // @ts-expect-error: the path needs its id
      void api.get('/api/habits/{id}/');
      // @ts-expect-error: a body of the wrong shape
      void api.post('/api/auth/login/', { body: { email: 'a@example.com' } });
      // @ts-expect-error: a query parameter the endpoint does not take
      void api.get('/api/habits/', { query: { colour: 'red' } });
    };
    expect(never).toBeTypeOf('function');
  });
});

describe('urlFor', () => {
  it('makes a schema path relative to the /api/ base and escapes the parameters', () => {
    expect(urlFor('/api/habits/{id}/copy/', { id: 7 })).toBe('habits/7/copy/');
    expect(urlFor('/api/x/{name}/', { name: 'a/b' })).toBe('x/a%2Fb/');
  });

  it('refuses a path whose parameter has no value', () => {
    expect(() => urlFor('/api/habits/{id}/')).toThrow(/no value for \{id\}/);
  });
});
