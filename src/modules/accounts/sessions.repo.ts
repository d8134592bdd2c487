// SQL of login sessions. The cookie carries a random token; only its SHA-256 is stored.
import type { Queryable } from '../../db/database.js';

export interface SessionAccount {
  sessionId: string;
  accountId: string;
  username: string;
  fullName: string;
  nationalId: string;
  status: string;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  totpRequired: boolean;
  lastSeenAt: Date;
  expiresAt: Date;
}

export async function insertSession(
  db: Queryable,
  s: { tokenHash: string; accountId: string; now: Date; expiresAt: Date; ip: string | null; userAgent: string | null },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into session (token_hash, account_id, created_at, last_seen_at, expires_at, ip, user_agent)
     values ($1, $2, $3, $3, $4, $5, left($6, 500)) returning id`,
    [s.tokenHash, s.accountId, s.now, s.expiresAt, s.ip, s.userAgent],
  );
  return rows[0]!.id;
}

/** The live session of a token with its account, whatever the account's status. */
export async function findSession(db: Queryable, tokenHash: string): Promise<SessionAccount | undefined> {
  const { rows } = await db.query<SessionAccount>(
    `select s.id as "sessionId", a.id as "accountId", a.username, a.full_name as "fullName", a.national_id as "nationalId",
            a.status, a.must_change_password as "mustChangePassword", a.totp_enabled as "totpEnabled",
            exists (select 1 from account_grant g join role r on r.code = g.role_code
                     where g.account_id = a.id and (g.valid_to is null or g.valid_to > now()) and r.require_totp) as "totpRequired",
            s.last_seen_at as "lastSeenAt", s.expires_at as "expiresAt"
       from session s join account a on a.id = s.account_id
      where s.token_hash = $1 and s.revoked_at is null`,
    [tokenHash],
  );
  return rows[0];
}

export async function touchSession(db: Queryable, sessionId: string, now: Date): Promise<void> {
  await db.query('update session set last_seen_at = $2 where id = $1', [sessionId, now]);
}

export async function revokeSession(db: Queryable, sessionId: string, accountId: string, now: Date): Promise<boolean> {
  const { rowCount } = await db.query('update session set revoked_at = $3 where id = $1 and account_id = $2 and revoked_at is null', [
    sessionId,
    accountId,
    now,
  ]);
  return rowCount > 0;
}

/** L2: a lost or compromised account loses every open session at once. */
export async function revokeAllSessions(db: Queryable, accountId: string, now: Date): Promise<number> {
  const { rowCount } = await db.query('update session set revoked_at = $2 where account_id = $1 and revoked_at is null', [accountId, now]);
  return rowCount;
}

export interface SessionRow {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

export async function listLiveSessions(db: Queryable, accountId: string, now: Date): Promise<SessionRow[]> {
  const { rows } = await db.query<SessionRow>(
    `select id, created_at as "createdAt", last_seen_at as "lastSeenAt", ip, user_agent as "userAgent"
       from session where account_id = $1 and revoked_at is null and expires_at > $2 order by last_seen_at desc`,
    [accountId, now],
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString(), lastSeenAt: new Date(r.lastSeenAt).toISOString() }));
}
