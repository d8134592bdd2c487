// Account administration use cases (Quy chế Art. 7): request, issue, lock, unlock,
// close, rights change. Each decision carries its written document and is one
// transaction attributed to the administrator (the audit triggers record the writes).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import argon2 from 'argon2';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, errors } from '../../kernel/app-error.js';
import type { Clock } from '../../kernel/clock.js';
import { actAs, appendAudit, type Actor } from '../audit/index.js';
import * as repo from './accounts.repo.js';
import { revokeAllSessions } from './sessions.repo.js';
import { checkPassword } from './password-policy.js';
import { getProject, liveProvinceUnitIds } from './projects.repo.js';

export interface AccountsDeps {
  db: Database;
  clock: Clock;
}

export interface GrantRequest {
  role: string;
  unitCode: string;
}

export interface AccountRequest extends repo.NewAccount {
  request: repo.DocumentRef;
  grants: GrantRequest[];
}

export const HASH_OPTIONS = { type: argon2.argon2id } as const;

const notFound = (id: string) => errors.notFound({ vi: 'tài khoản', en: 'Account' }, { accountId: id });

async function resolveGrants(tx: Queryable, grants: GrantRequest[], now: Date): Promise<repo.GrantInput[]> {
  const resolved: repo.GrantInput[] = [];
  for (const [i, g] of grants.entries()) {
    const unitId = await repo.unitIdByCode(tx, g.unitCode, now);
    if (!(await repo.roleExists(tx, g.role)) || unitId === undefined) {
      throw errors.invalid(
        { vi: `Quyền thứ ${i + 1}: vai trò hoặc đơn vị hành chính không tồn tại`, en: `Grant ${i + 1}: unknown role or administrative unit` },
        { field: `body/grants/${i}`, role: g.role, unitCode: g.unitCode },
      );
    }
    resolved.push({ role: g.role, unitId });
  }
  return resolved;
}

async function requireAccount(tx: Queryable, id: string): Promise<repo.AccountSecrets> {
  const account = await repo.getSecrets(tx, { id });
  if (!account) throw notFound(id);
  return account;
}

function refuseTransition(account: repo.AccountSecrets, action: { vi: string; en: string }): never {
  throw new AppError(
    'CONFLICT',
    { vi: `Không thể ${action.vi} tài khoản đang ở trạng thái "${account.status}"`, en: `Cannot ${action.en} an account whose status is "${account.status}"` },
    { status: account.status },
  );
}

async function detail(tx: Queryable, id: string, now: Date): Promise<repo.AccountDetail> {
  return (await repo.getAccount(tx, id, now))!;
}

/** A1, A2, A3: a written request for one identified person; one account per national ID. */
export async function requestAccount(deps: AccountsDeps, actor: Actor, input: AccountRequest): Promise<repo.AccountDetail> {
  const now = deps.clock.now();
  return actAs(deps.db, actor, async (tx) => {
    const grants = await resolveGrants(tx, input.grants, now);
    const project = input.projectId ? await projectForGrants(tx, input.projectId, grants) : undefined;
    const id = await repo.insertAccount(tx, input);
    if (!id) {
      throw new AppError(
        'CONFLICT',
        { vi: 'Người này (số định danh) hoặc tên đăng nhập đã có tài khoản: mỗi người chỉ có một tài khoản', en: 'This person (national ID) or username already has an account: one account per person' },
        { field: 'body/nationalId' },
      );
    }
    const documentId = await repo.insertDocument(tx, { accountId: id, kind: 'request', document: input.request, recordedBy: actor.id, now });
    await repo.replaceGrants(tx, id, grants, documentId, now, project?.validTo);
    await appendAudit(tx, actor, { action: 'account.request', objectType: 'account', objectId: id, details: { grants: input.grants, request: input.request } });
    return detail(tx, id, now);
  });
}

/** A6: contractor accounts only through an active project, on its units, for its period. */
async function projectForGrants(tx: Queryable, projectId: string, grants: repo.GrantInput[]): Promise<{ validTo: Date }> {
  const project = await getProject(tx, projectId);
  if (!project || project.status !== 'active') {
    throw errors.invalid({ vi: 'Dự án không tồn tại hoặc đã nghiệm thu', en: 'The project does not exist or was accepted' }, { field: 'body/projectId' });
  }
  const units = new Set(project.unitIds);
  if (grants.some((g) => g.role !== 'contractor' || !units.has(g.unitId))) {
    throw errors.invalid(
      { vi: 'Tài khoản của đơn vị thi công chỉ có vai trò "contractor" trên các đơn vị của dự án', en: 'Contractor accounts only hold the contractor role on the project units' },
      { field: 'body/grants' },
    );
  }
  return { validTo: new Date(`${project.validTo}T00:00:00Z`) };
}

export function generateInitialPassword(): string {
  // 18 random characters from a set without look-alikes, plus one of each class
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const body = Array.from(crypto.randomBytes(16), (b) => alphabet[b % alphabet.length]).join('');
  return `${body}-K7a`;
}

/** Issues (or re-issues a closed account): a one-time initial password, to be changed at first login. */
export async function issueAccount(deps: AccountsDeps, actor: Actor, id: string): Promise<{ account: repo.AccountDetail; initialPassword: string }> {
  const now = deps.clock.now();
  const initialPassword = generateInitialPassword();
  const hash = await argon2.hash(initialPassword, HASH_OPTIONS);
  const account = await actAs(deps.db, actor, async (tx) => {
    const current = await requireAccount(tx, id);
    if (current.status !== 'requested' && current.status !== 'closed') refuseTransition(current, { vi: 'cấp', en: 'issue' });
    await repo.setPassword(tx, id, hash, true, null);
    await repo.setStatus(tx, id, { status: 'issued', issuedAt: now });
    await repo.insertDocument(tx, { accountId: id, kind: 'issue', recordedBy: actor.id, now });
    await appendAudit(tx, actor, { action: 'account.issue', objectType: 'account', objectId: id });
    return detail(tx, id, now);
  });
  return { account, initialPassword };
}

export interface Decision {
  document: repo.DocumentRef;
  note?: string | undefined;
}

/** L2, L4 (and L1, L3 through the jobs): lock, revoking every open session at once. */
export async function lockAccount(deps: AccountsDeps, actor: Actor, id: string, reason: repo.LockReason, decision: Partial<Decision>): Promise<repo.AccountDetail> {
  const now = deps.clock.now();
  return actAs(deps.db, actor, async (tx) => {
    const current = await requireAccount(tx, id);
    if (current.status === 'closed' || current.status === 'requested') refuseTransition(current, { vi: 'khóa', en: 'lock' });
    await lockInTransaction(tx, actor, id, reason, decision, now);
    return detail(tx, id, now);
  });
}

export async function lockInTransaction(tx: Queryable, actor: Actor, id: string, reason: repo.LockReason, decision: Partial<Decision>, now: Date): Promise<void> {
  await repo.setStatus(tx, id, { status: 'locked', lockReason: reason });
  const revoked = await revokeAllSessions(tx, id, now);
  await repo.insertDocument(tx, { accountId: id, kind: 'lock', document: decision.document, note: decision.note ?? reason, recordedBy: actor.id, now });
  await appendAudit(tx, actor, { action: 'account.lock', objectType: 'account', objectId: id, details: { reason, revokedSessions: revoked } });
}

export async function unlockAccount(deps: AccountsDeps, actor: Actor, id: string, decision: Decision): Promise<repo.AccountDetail> {
  const now = deps.clock.now();
  return actAs(deps.db, actor, async (tx) => {
    const current = await requireAccount(tx, id);
    if (current.status !== 'locked') refuseTransition(current, { vi: 'mở khóa', en: 'unlock' });
    // never changed its initial password: back to issued, with a new week to do it (L1)
    const changed = current.passwordChangedAt !== null;
    await repo.setStatus(tx, id, changed ? { status: 'active' } : { status: 'issued', issuedAt: now });
    await repo.insertDocument(tx, { accountId: id, kind: 'unlock', document: decision.document, note: decision.note, recordedBy: actor.id, now });
    await appendAudit(tx, actor, { action: 'account.unlock', objectType: 'account', objectId: id });
    return detail(tx, id, now);
  });
}

export async function closeAccount(deps: AccountsDeps, actor: Actor, id: string, decision: Decision): Promise<repo.AccountDetail> {
  const now = deps.clock.now();
  return actAs(deps.db, actor, async (tx) => {
    const current = await requireAccount(tx, id);
    if (current.status === 'closed') refuseTransition(current, { vi: 'đóng', en: 'close' });
    await repo.setStatus(tx, id, { status: 'closed' });
    await revokeAllSessions(tx, id, now);
    const documentId = await repo.insertDocument(tx, { accountId: id, kind: 'close', document: decision.document, note: decision.note, recordedBy: actor.id, now });
    await repo.replaceGrants(tx, id, [], documentId, now);
    await appendAudit(tx, actor, { action: 'account.close', objectType: 'account', objectId: id });
    return detail(tx, id, now);
  });
}

/** A5: rights change only on the written request of the head of the holder's unit. */
export async function changeGrants(deps: AccountsDeps, actor: Actor, id: string, grants: GrantRequest[], decision: Decision): Promise<repo.AccountDetail> {
  const now = deps.clock.now();
  return actAs(deps.db, actor, async (tx) => {
    const current = await requireAccount(tx, id);
    if (current.status === 'closed') refuseTransition(current, { vi: 'đổi quyền', en: 'change the rights of' });
    const resolved = await resolveGrants(tx, grants, now);
    const documentId = await repo.insertDocument(tx, { accountId: id, kind: 'rights_change', document: decision.document, note: decision.note, recordedBy: actor.id, now });
    await repo.replaceGrants(tx, id, resolved, documentId, now);
    await appendAudit(tx, actor, { action: 'account.rights_change', objectType: 'account', objectId: id, details: { grants } });
    return detail(tx, id, now);
  });
}

/** The first Department administrator (start-up with an empty account table, tests). */
export async function bootstrapAdministrator(
  db: Database,
  input: { username: string; password: string; fullName: string; nationalId: string; totpSecret?: string },
  now: Date = new Date(),
): Promise<string> {
  const policy = checkPassword(input.password, input);
  if (policy) throw errors.invalid(policy, { field: 'password' });
  const hash = await argon2.hash(input.password, HASH_OPTIONS);
  const actor: Actor = { id: null, name: 'bootstrap' };
  return actAs(db, actor, async (tx) => {
    const id = await repo.insertAccount(tx, { ...input, organisation: 'Sở Nông nghiệp và Môi trường', position: 'Quản trị hệ thống' });
    if (!id) throw new AppError('CONFLICT', { vi: 'Tài khoản đã tồn tại', en: 'The account already exists' });
    const documentId = await repo.insertDocument(tx, { accountId: id, kind: 'request', note: 'bootstrap', recordedBy: null, now });
    const provinces = await liveProvinceUnitIds(tx);
    await repo.replaceGrants(tx, id, provinces.map((unitId) => ({ role: 'dept_admin', unitId })), documentId, now);
    await repo.setPassword(tx, id, hash, false, now);
    await repo.setStatus(tx, id, { status: 'active', issuedAt: now });
    if (input.totpSecret) await repo.setTotp(tx, id, input.totpSecret, true);
    return id;
  });
}

/**
 * On a database without accounts, the first Department administrator, with a random
 * password written to a file only the server's user can read (no secret in the repo or
 * the logs). Returns where, or null when accounts already exist.
 */
export async function ensureAdministrator(db: Database, dataDir: string): Promise<{ username: string; passwordFile: string } | null> {
  if (await repo.anyAccount(db)) return null;
  const username = 'quantri';
  const password = generateInitialPassword();
  await bootstrapAdministrator(db, { username, password, fullName: 'Quản trị hệ thống', nationalId: '000000000000' });
  const passwordFile = path.join(dataDir, 'initial-admin-password.txt');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(passwordFile, `${username}\n${password}\n`, { mode: 0o600 });
  return { username, passwordFile };
}

/** An account's file, with the holder's national ID and contact: the read is logged (P4). */
export async function readAccount(deps: AccountsDeps, actor: Actor, id: string): Promise<repo.AccountDetail> {
  const account = await repo.getAccount(deps.db, id, deps.clock.now());
  if (!account) throw notFound(id);
  await actAs(deps.db, actor, (tx) =>
    appendAudit(tx, actor, { action: 'read.personal', objectType: 'account', objectId: id, details: { fields: ['nationalId', 'email', 'phone'] } }),
  );
  return account;
}
