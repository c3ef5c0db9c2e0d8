import axios, { type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios';
import { http } from '../api';

export interface Call {
  method: string;
  url: string;
  params: unknown;
  body: unknown;
  auth: string | undefined;
}

type Reply = { status: number; data?: unknown; headers?: Record<string, string> };
type Handler = (call: Call) => Reply;

/**
 * Routes every request of the app's axios instance (and of bare axios, used for token refresh)
 * to `handler`, recording each call. Returns the recorded calls.
 */
export function fakeServer(handler: Handler): Call[] {
  const calls: Call[] = [];
  const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
    const url = `${config.baseURL ?? ''}${config.url ?? ''}`.replace(/^\/api\//, '');
    const call: Call = {
      method: (config.method ?? 'get').toUpperCase(),
      url,
      params: config.params,
      body: typeof config.data === 'string' ? JSON.parse(config.data) : config.data,
      auth: config.headers?.Authorization as string | undefined,
    };
    calls.push(call);
    const reply = handler(call);
    const response = { data: reply.data, status: reply.status, statusText: String(reply.status), headers: reply.headers ?? {}, config };
    if (reply.status >= 400) {
      throw new axios.AxiosError(`Request failed with status code ${reply.status}`, 'ERR_BAD_RESPONSE', config, null, response);
    }
    return response;
  };
  http.defaults.adapter = adapter;
  axios.defaults.adapter = adapter;
  return calls;
}

export const user = { id: 1, email: 'ann@example.com', name: 'Ann', display_name: '', timezone: 'Europe/Berlin', date_joined: '2026-01-01T00:00:00Z' };

export function invalid(fields: Record<string, string[]>): Reply {
  return { status: 400, data: { error: { code: 'invalid', message: 'Some fields are not valid.', fields } } };
}
