// Tells the session holder when the server says the session is gone (401) or that
// something is due first (403 PASSWORD_CHANGE_REQUIRED, TOTP_SETUP_REQUIRED), whichever
// call heard it, so that the portal can follow without every screen handling it.
import type { ApiError } from './api-error';

/** password-change-required: read /auth/me again, it says what is due. */
export type AuthSignal = 'session-ended' | 'password-change-required';
type Listener = (signal: AuthSignal) => void;

const listeners = new Set<Listener>();

export function authSignalOf(path: string, error: Pick<ApiError, 'status' | 'code'>): AuthSignal | null {
  // The auth calls answer 401 for wrong credentials and for "not logged in": the
  // session holder handles those answers itself.
  if (path.startsWith('/auth/')) return null;
  if (error.code === 'PASSWORD_CHANGE_REQUIRED' || error.code === 'TOTP_SETUP_REQUIRED') return 'password-change-required';
  if (error.status === 401 && error.code === 'UNAUTHENTICATED') return 'session-ended';
  return null;
}

export const authEvents = {
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  report(path: string, error: Pick<ApiError, 'status' | 'code'>): void {
    const signal = authSignalOf(path, error);
    if (signal) for (const listener of listeners) listener(signal);
  },
};
