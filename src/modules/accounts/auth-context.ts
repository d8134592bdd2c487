// Who is calling and what they may do where: resolved from the session cookie on
// every request, so a lock or a revoked session stops working at once (L2).
import type { Actor } from '../audit/index.js';
import type { AccountsDeps } from './accounts.service.js';
import { hashToken, SESSION_IDLE_MS } from './auth.service.js';
import { permissionScopes, unitIdsOfCode } from './scope.repo.js';
import { findSession, touchSession, type SessionAccount } from './sessions.repo.js';

export interface AuthContext extends Omit<SessionAccount, 'lastSeenAt' | 'expiresAt'> {
  /** permission → unit ids it covers */
  scopes: Map<string, Set<number>>;
}

const TOUCH_EVERY_MS = 60_000;

export async function resolveSession(deps: AccountsDeps, token: string): Promise<AuthContext | null> {
  const now = deps.clock.now();
  const session = await findSession(deps.db, hashToken(token));
  if (!session) return null;
  const expired = session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS;
  if (expired || (session.status !== 'active' && session.status !== 'issued')) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(deps.db, session.sessionId, now);
  const scopes = new Map((await permissionScopes(deps.db, session.accountId, now)).map((s) => [s.permission, new Set(s.unitIds)]));
  const { lastSeenAt: _seen, expiresAt: _expires, ...account } = session;
  return { ...account, scopes };
}

export function actorOf(auth: AuthContext | null, requestId: string): Actor {
  return auth ? { id: auth.accountId, name: auth.fullName, requestId } : { id: null, name: 'anonymous', requestId };
}

/** May the caller use this permission anywhere, or on a unit that ever held this code? */
export async function allowed(deps: AccountsDeps, auth: AuthContext, permission: string, unitCode?: string): Promise<boolean> {
  const units = auth.scopes.get(permission);
  if (!units || units.size === 0) return false;
  if (unitCode === undefined) return true;
  return (await unitIdsOfCode(deps.db, unitCode)).some((id) => units.has(id));
}

/** Does the permission cover this unit id (for rows already loaded)? */
export function covers(auth: AuthContext | null, permission: string, unitId: number): boolean {
  return auth?.scopes.get(permission)?.has(unitId) ?? false;
}
