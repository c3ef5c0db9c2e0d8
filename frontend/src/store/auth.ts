import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { authApi, connectTokenKeeper, type AuthResponse, type Tokens, type User } from '../api';

export function browserTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

interface AuthState {
  user: User | null;
  tokens: Tokens | null;
  /** True once the server refused to renew the session, until the next sign-in: the sign-in page says so. */
  sessionEnded: boolean;
  signIn: (email: string, password: string) => Promise<void>;
  signUp: (body: { email: string; password: string; name?: string }) => Promise<void>;
  signOut: () => Promise<void>;
  /** Ends every session of the account, this one included; fails (keeping this one) if the server refuses. */
  signOutEverywhere: () => Promise<void>;
  /** Forget the session locally, e.g. when the refresh token is refused or the account is gone. */
  clear: () => void;
  /** The session ran out (the refresh token was refused): forget it and remember why. */
  expire: () => void;
  setUser: (user: User) => void;
  setTokens: (tokens: Tokens) => void;
  reloadUser: () => Promise<void>;
}

export const useAuth = create<AuthState>()(
  persist(
    (set, get) => {
      const accept = (res: AuthResponse): void => {
        set({ user: res.user, tokens: { access: res.access, refresh: res.refresh }, sessionEnded: false });
      };
      return {
        user: null,
        tokens: null,
        sessionEnded: false,
        signIn: async (email, password) => accept(await authApi.login({ email, password })),
        signUp: async (body) => accept(await authApi.register({ ...body, timezone: browserTimezone() })),
        signOut: async () => {
          const refresh = get().tokens?.refresh;
          set({ user: null, tokens: null, sessionEnded: false });
          if (refresh) {
            // Blacklisting the refresh token is best effort: the session is already gone here.
            await authApi.logout(refresh).catch(() => undefined);
          }
        },
        signOutEverywhere: async () => {
          const refresh = get().tokens?.refresh;
          // Unlike signOut, not best effort: the other devices stay signed in unless the server says 204.
          if (refresh) await authApi.logout(refresh, true);
          set({ user: null, tokens: null, sessionEnded: false });
        },
        clear: () => set({ user: null, tokens: null }),
        expire: () => set({ user: null, tokens: null, sessionEnded: true }),
        setUser: (user) => set({ user }),
        setTokens: (tokens) => set({ tokens }),
        reloadUser: async () => {
          set({ user: await authApi.me() });
        },
      };
    },
    {
      name: 'aht-auth',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ user: s.user, tokens: s.tokens }),
    },
  ),
);

connectTokenKeeper({
  tokens: () => useAuth.getState().tokens,
  refreshed: (tokens) => useAuth.getState().setTokens(tokens),
  signedOut: () => useAuth.getState().expire(),
});
