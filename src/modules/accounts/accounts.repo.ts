// SQL of accounts, their documents and grants.
import type { Queryable } from '../../db/database.js';

export type AccountStatus = 'requested' | 'issued' | 'active' | 'locked' | 'closed';
export type LockReason = 'initial_password_unchanged' | 'compromised' | 'departed' | 'project_accepted' | 'project_ended' | 'other';

export interface DocumentRef {
  number: string;
  date: string;
  issuer: string;
}

export interface GrantView {
  role: string;
  roleName: { vi: string; en: string };
  unitCode: string;
  unitName: string;
}

export interface AccountSummary {
  id: string;
  username: string;
  fullName: string;
  organisation: string;
  position: string;
  status: AccountStatus;
  lockReason: LockReason | null;
  issuedAt: string | null;
  projectId: string | null;
  grants: GrantView[];
}

export interface AccountDetail extends AccountSummary {
  nationalId: string;
  email: string | null;
  phone: string | null;
  documents: Array<{ kind: string; number: string | null; date: string | null; issuer: string | null; note: string | null; recordedAt: string; recordedBy: string | null }>;
}

export interface AccountSecrets {
  id: string;
  username: string;
  fullName: string;
  nationalId: string;
  status: AccountStatus;
  passwordHash: string | null;
  passwordChangedAt: Date | null;
  mustChangePassword: boolean;
  totpSecret: string | null;
  totpEnabled: boolean;
  totpRequired: boolean;
  failedLogins: number;
  loginBlockedUntil: Date | null;
  issuedAt: Date | null;
}

/** The grants live at the time in parameter `now` (the app's clock, not the database's). */
const grantsAt = (now: string) => `coalesce((select json_agg(json_build_object('role', g.role_code, 'roleName', json_build_object('vi', r.name_vi, 'en', r.name_en),
                                  'unitCode', u.code, 'unitName', u.kind || ' ' || u.name) order by g.role_code, u.code)
                   from account_grant g join role r on r.code = g.role_code join admin_unit u on u.id = g.unit_id
                  where g.account_id = a.id and g.valid_from <= ${now} and (g.valid_to is null or g.valid_to > ${now})), '[]'::json)`;

const summaryAt = (now: string) => `a.id, a.username, a.full_name as "fullName", a.organisation, a.position, a.status, a.lock_reason as "lockReason",
                 a.issued_at as "issuedAt", a.contractor_project_id as "projectId", ${grantsAt(now)} as grants`;

export async function listAccounts(db: Queryable, filter: { status?: string | undefined; q?: string | undefined }, now: Date): Promise<AccountSummary[]> {
  const { rows } = await db.query<AccountSummary>(
    `select ${summaryAt('$3::timestamptz')} from account a
      where ($1::text is null or a.status = $1)
        and ($2::text is null or a.username ilike '%' || $2 || '%' or a.full_name ilike '%' || $2 || '%' or a.organisation ilike '%' || $2 || '%')
      order by a.full_name limit 500`,
    [filter.status ?? null, filter.q ?? null, now],
  );
  return rows.map(isoDates);
}

function isoDates<T extends { issuedAt: string | null }>(row: T): T {
  return { ...row, issuedAt: row.issuedAt ? new Date(row.issuedAt).toISOString() : null };
}

export async function getAccount(db: Queryable, id: string, now: Date): Promise<AccountDetail | undefined> {
  const { rows } = await db.query<AccountDetail>(
    `select ${summaryAt('$2::timestamptz')}, a.national_id as "nationalId", a.email, a.phone,
            coalesce((select json_agg(json_build_object('kind', d.kind, 'number', d.number, 'date', d.document_date, 'issuer', d.issuer,
                                                        'note', d.note, 'recordedAt', d.recorded_at, 'recordedBy', rb.full_name)
                                      order by d.recorded_at, array_position(array['request', 'issue', 'rights_change', 'lock', 'unlock', 'close'], d.kind))
                        from account_document d left join account rb on rb.id = d.recorded_by where d.account_id = a.id), '[]'::json) as documents
       from account a where a.id = $1`,
    [id, now],
  );
  return rows[0] ? isoDates(rows[0]) : undefined;
}

export async function getSecrets(db: Queryable, where: { id?: string; username?: string }): Promise<AccountSecrets | undefined> {
  const { rows } = await db.query<AccountSecrets>(
    `select a.id, a.username, a.full_name as "fullName", a.national_id as "nationalId", a.status,
            a.password_hash as "passwordHash", a.password_changed_at as "passwordChangedAt",
            a.must_change_password as "mustChangePassword", a.totp_secret as "totpSecret", a.totp_enabled as "totpEnabled",
            exists (select 1 from account_grant g join role r on r.code = g.role_code
                     where g.account_id = a.id and (g.valid_to is null or g.valid_to > now()) and r.require_totp) as "totpRequired",
            a.failed_logins as "failedLogins", a.login_blocked_until as "loginBlockedUntil", a.issued_at as "issuedAt"
       from account a where ($1::uuid is null or a.id = $1) and ($2::text is null or a.username = lower($2))`,
    [where.id ?? null, where.username ?? null],
  );
  return rows[0];
}

export interface NewAccount {
  username: string;
  fullName: string;
  nationalId: string;
  organisation: string;
  position: string;
  email?: string | undefined;
  phone?: string | undefined;
  projectId?: string | undefined;
}

/** undefined when the username or the national ID already has an account (A3). */
export async function insertAccount(db: Queryable, a: NewAccount): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `insert into account (username, full_name, national_id, organisation, position, email, phone, contractor_project_id)
     values (lower($1), $2, $3, $4, $5, $6, $7, $8)
     on conflict do nothing returning id`,
    [a.username, a.fullName, a.nationalId, a.organisation, a.position, a.email ?? null, a.phone ?? null, a.projectId ?? null],
  );
  return rows[0]?.id;
}

export async function insertDocument(
  db: Queryable,
  d: { accountId?: string; projectId?: string; kind: string; document?: DocumentRef | undefined; note?: string | undefined; recordedBy: string | null; now: Date },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into account_document (account_id, project_id, kind, number, document_date, issuer, note, recorded_by, recorded_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [d.accountId ?? null, d.projectId ?? null, d.kind, d.document?.number ?? null, d.document?.date ?? null, d.document?.issuer ?? null,
     d.note ?? null, d.recordedBy, d.now],
  );
  return rows[0]!.id;
}

export interface GrantInput {
  role: string;
  unitId: number;
}

/** Ends the live grants and starts the given ones (a rights change keeps the old ones as history). */
export async function replaceGrants(db: Queryable, accountId: string, grants: GrantInput[], documentId: string, now: Date, until?: Date): Promise<void> {
  // grants still running (open-ended, or ending later like a contractor's) end now
  await db.query('update account_grant set valid_to = $2 where account_id = $1 and (valid_to is null or valid_to > $2)', [accountId, now]);
  for (const g of grants) {
    await db.query(
      `insert into account_grant (account_id, role_code, unit_id, valid_from, valid_to, document_id) values ($1, $2, $3, $4, $5, $6)`,
      [accountId, g.role, g.unitId, now, until ?? null, documentId],
    );
  }
}

export async function setStatus(
  db: Queryable,
  id: string,
  change: { status: AccountStatus; lockReason?: LockReason | null; issuedAt?: Date },
): Promise<void> {
  await db.query(
    `update account set status = $2, lock_reason = $3, issued_at = coalesce($4, issued_at), version = version + 1 where id = $1`,
    [id, change.status, change.lockReason ?? null, change.issuedAt ?? null],
  );
}

export async function setPassword(db: Queryable, id: string, hash: string, mustChange: boolean, now: Date | null): Promise<void> {
  await db.query(
    `update account set password_hash = $2, must_change_password = $3, password_changed_at = $4, failed_logins = 0,
            login_blocked_until = null, version = version + 1,
            status = case when status = 'issued' and not $3 then 'active' else status end
      where id = $1`,
    [id, hash, mustChange, now],
  );
}

export async function recordLoginFailure(db: Queryable, id: string, blockUntil: Date | null): Promise<void> {
  await db.query('update account set failed_logins = failed_logins + 1, login_blocked_until = $2 where id = $1', [id, blockUntil]);
}

export async function recordLoginSuccess(db: Queryable, id: string): Promise<void> {
  await db.query('update account set failed_logins = 0, login_blocked_until = null where id = $1 and (failed_logins > 0 or login_blocked_until is not null)', [id]);
}

export async function setTotp(db: Queryable, id: string, secret: string | null, enabled: boolean): Promise<void> {
  await db.query('update account set totp_secret = $2, totp_enabled = $3 where id = $1', [id, secret, enabled]);
}

/** L1: issued accounts whose initial password was not changed by the deadline. */
export async function staleInitialPasswords(db: Queryable, issuedBefore: Date): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select id from account where status = 'issued' and password_changed_at is null and issued_at < $1`,
    [issuedBefore],
  );
  return rows.map((r) => r.id);
}

export async function unitIdByCode(db: Queryable, code: string, on: Date): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>(
    `select id from admin_unit where code = $1 and valid_from <= $2::date and (valid_to is null or valid_to > $2::date)`,
    [code, on.toISOString().slice(0, 10)],
  );
  return rows[0]?.id;
}

export async function roleExists(db: Queryable, code: string): Promise<boolean> {
  return (await db.query('select 1 from role where code = $1', [code])).rows.length > 0;
}

export interface RoleView {
  code: string;
  name: { vi: string; en: string };
  permissions: string[];
  requireTotp: boolean;
}

export async function listRoles(db: Queryable): Promise<RoleView[]> {
  const { rows } = await db.query<RoleView>(
    `select r.code, json_build_object('vi', r.name_vi, 'en', r.name_en) as name, r.require_totp as "requireTotp",
            coalesce(array_agg(rp.permission_code order by rp.permission_code) filter (where rp.permission_code is not null), '{}') as permissions
       from role r left join role_permission rp on rp.role_code = r.code group by r.code order by r.code`,
  );
  return rows;
}

export async function anyAccount(db: Queryable): Promise<boolean> {
  return (await db.query('select 1 from account limit 1')).rows.length > 0;
}
