// Who is signed in, as /auth/me says. Anonymous visitors use the public map; a signed-in
// account whose password must change sees only the change-password form.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, authEvents, getMe, login as loginCall, logout as logoutCall, type LoginRequest, type Me } from '../../api';

export type SessionStatus = 'loading' | 'anonymous' | 'signed-in';

export interface SessionState {
  readonly status: SessionStatus;
  readonly me: Me | null;
  /** Signs in; rejects with the server's ApiError (INVALID_CREDENTIALS, TOTP_REQUIRED, …). */
  readonly login: (request: LoginRequest) => Promise<Me>;
  readonly logout: () => Promise<void>;
  /** Reads /auth/me again (after a password change, or when the server says so). */
  readonly refresh: () => Promise<void>;
  readonly can: (permission: string) => boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export const ADMIN_PERMISSION = 'accounts.admin';

/** Signed in, but a password change or a second-factor set-up must come first. */
export function isPending(me: Me): boolean {
  return me.mustChangePassword || (me.totpRequired && !me.totpEnabled);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<SessionStatus>('loading');

  const refresh = useCallback(async () => {
    try {
      const account = await getMe();
      setMe(account);
      setStatus('signed-in');
    } catch (error) {
      // 401: nobody is signed in. Anything else (server down): carry on as anonymous,
      // the map shows its own errors.
      if (!(error instanceof ApiError) || error.status !== 401) console.warn('auth/me failed', error);
      setMe(null);
      setStatus('anonymous');
    }
  }, []);

  useEffect(() => {
    void refresh();
    return authEvents.subscribe((signal) => {
      if (signal === 'session-ended') {
        setMe(null);
        setStatus('anonymous');
      } else {
        void refresh();
      }
    });
  }, [refresh]);

  const login = useCallback(async (request: LoginRequest) => {
    const account = await loginCall(request);
    setMe(account);
    setStatus('signed-in');
    return account;
  }, []);

  const logout = useCallback(async () => {
    try {
      await logoutCall();
    } finally {
      setMe(null);
      setStatus('anonymous');
    }
  }, []);

  const value = useMemo<SessionState>(
    () => ({
      status,
      me,
      login,
      logout,
      refresh,
      can: (permission) => !!me && !isPending(me) && me.permissions.includes(permission),
    }),
    [status, me, login, logout, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
