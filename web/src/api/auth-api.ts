// The holder's own account: log in and out, who am I, password, sessions.
import type { LoginRequest, Me, Session, TotpSetup } from './account-types';
import { getJson, requestJson } from './http-client';
import type { ItemList } from './account-types';

export async function login(request: LoginRequest): Promise<Me> {
  const { account } = await requestJson<{ account: Me }>('POST', '/auth/login', { body: request });
  return account;
}

export function logout(): Promise<void> {
  return requestJson<void>('POST', '/auth/logout');
}

export function getMe(signal?: AbortSignal): Promise<Me> {
  return getJson<Me>('/auth/me', undefined, signal);
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return requestJson<void>('POST', '/auth/password', { body: { currentPassword, newPassword } });
}

export function listSessions(signal?: AbortSignal): Promise<ItemList<Session>> {
  return getJson<ItemList<Session>>('/auth/sessions', undefined, signal);
}

export function revokeSession(id: string): Promise<void> {
  return requestJson<void>('DELETE', `/auth/sessions/${encodeURIComponent(id)}`);
}

/** Starts enrolling a second factor: a new secret, enabled once a code is confirmed. */
export function startTotp(): Promise<TotpSetup> {
  return requestJson<TotpSetup>('POST', '/auth/totp/setup');
}

export function confirmTotp(code: string): Promise<void> {
  return requestJson<void>('POST', '/auth/totp/confirm', { body: { code } });
}
