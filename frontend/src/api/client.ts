import axios, { type AxiosError, type InternalAxiosRequestConfig } from 'axios';
import { toApiError } from './errors';
import type { Tokens } from './types';

/**
 * What the client needs from whoever keeps the tokens (the auth store). Kept as an interface
 * so the client does not import the store, which itself calls the API.
 */
export interface TokenKeeper {
  tokens(): Tokens | null;
  refreshed(tokens: Tokens): void;
  /** The server refused to renew the session: it has ended without the user signing out. */
  signedOut(): void;
}

let keeper: TokenKeeper | null = null;

export function connectTokenKeeper(k: TokenKeeper): void {
  keeper = k;
}

// A list in the query is the parameter repeated (`habit=1&habit=2`), as the schema's arrays are
// (OpenAPI's form style, exploded) and as Django reads them; axios would write `habit[]=1`.
export const http = axios.create({ baseURL: '/api/', timeout: 20000, paramsSerializer: { indexes: null } });

// Endpoints where a 401 means "wrong credentials", not "expired access token".
const NO_REFRESH = ['auth/login/', 'auth/register/', 'auth/refresh/', 'auth/forgot-password/', 'auth/reset-password/'];

http.interceptors.request.use((config) => {
  const access = keeper?.tokens()?.access;
  if (access && !config.headers.Authorization) {
    config.headers.Authorization = `Bearer ${access}`;
  }
  return config;
});

let refreshing: Promise<Tokens> | null = null;

/** One refresh at a time: concurrent 401s wait for the same rotation. */
function refreshTokens(refresh: string): Promise<Tokens> {
  refreshing ??= axios
    .post<Tokens>('/api/auth/refresh/', { refresh }, { timeout: 20000 })
    .then((res) => res.data)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

type RetriableConfig = InternalAxiosRequestConfig & { _retried?: boolean };

http.interceptors.response.use(undefined, async (error: AxiosError) => {
  const config = error.config as RetriableConfig | undefined;
  const refresh = keeper?.tokens()?.refresh;
  const eligible =
    error.response?.status === 401 &&
    config &&
    !config._retried &&
    !NO_REFRESH.some((path) => config.url?.endsWith(path));
  if (!eligible) throw toApiError(error);
  // Without a refresh token the user is signed out already: there is no session to renew or end.
  if (!refresh) throw toApiError(error);
  config._retried = true;
  let tokens: Tokens;
  try {
    tokens = await refreshTokens(refresh);
  } catch {
    keeper?.signedOut();
    throw toApiError(error);
  }
  keeper?.refreshed(tokens);
  config.headers.Authorization = `Bearer ${tokens.access}`;
  try {
    return await http.request(config);
  } catch (retryError) {
    throw toApiError(retryError);
  }
});
