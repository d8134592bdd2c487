import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { sharedTestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp } from '../../../test/support/test-app.js';
import { MutableClock } from '../../../test/support/mutable-clock.js';
import { nextNationalId, signIn, signInAsAdministrator, TEST_PASSWORD } from '../../../test/support/accounts.js';
import { enforceAccountRules } from './index.js';

const clock = new MutableClock(new Date('2026-11-25T02:00:00Z'));
let db: Database;
let app: FastifyInstance;
let admin: string;

const doc = (number: string) => ({ number, date: '2026-11-20', issuer: 'UBND phường Bình Phước' });
let seq = 0;
function requestBody(overrides: Record<string, unknown> = {}) {
  seq += 1;
  return {
    username: `canbo${seq}x${Date.now().toString(36)}`,
    fullName: 'Lê Thị Hồng',
    nationalId: nextNationalId(),
    organisation: 'UBND phường Bình Phước',
    position: 'Công chức địa chính',
    request: doc(`${seq}/ĐN-UBND`),
    grants: [{ role: 'commune_officer', unitCode: '25195' }],
    ...overrides,
  };
}

const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, cookie = admin) =>
  app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

async function issuedAccount(overrides: Record<string, unknown> = {}) {
  const body = requestBody(overrides);
  const created = await api('POST', '/admin/accounts', body);
  expect(created.statusCode).toBe(201);
  const issued = await api('POST', `/admin/accounts/${created.json().id}/issue`);
  expect(issued.statusCode).toBe(200);
  return { id: created.json().id as string, username: body.username, nationalId: body.nationalId, initialPassword: issued.json().initialPassword as string };
}

async function activeAccount(overrides: Record<string, unknown> = {}) {
  const a = await issuedAccount(overrides);
  const cookie = await signIn(app, a.username, a.initialPassword);
  const changed = await api('POST', '/auth/password', { currentPassword: a.initialPassword, newPassword: TEST_PASSWORD }, cookie);
  expect(changed.statusCode).toBe(204);
  return { ...a, cookie };
}

beforeAll(async () => {
  db = await sharedTestDatabase();
  app = await buildTestApp(db, {}, clock);
  admin = (await signInAsAdministrator(app, db, clock)).cookie;
});
afterAll(() => app.close());

describe('accounts (Quy chế Art. 7)', () => {
  it('A1 an account is created only from a written request, recorded with it', async () => {
    const missing = await api('POST', '/admin/accounts', { ...requestBody(), request: undefined });
    expect(missing.statusCode).toBe(400);
    const created = await api('POST', '/admin/accounts', requestBody());
    expect(created.statusCode).toBe(201);
    expect(created.json().status).toBe('requested');
    expect(created.json().documents[0]).toMatchObject({ kind: 'request', issuer: 'UBND phường Bình Phước' });
  });

  it('A2 an account is identified to one person: full name and a 12-digit national ID', async () => {
    const bad = await api('POST', '/admin/accounts', requestBody({ nationalId: '12345' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('body/nationalId');
  });

  it('A3 one person has at most one account', async () => {
    const first = requestBody();
    expect((await api('POST', '/admin/accounts', first)).statusCode).toBe(201);
    const again = await api('POST', '/admin/accounts', requestBody({ nationalId: first.nationalId }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message.vi).toMatch(/mỗi người chỉ có một tài khoản/);
  });

  it('A4 least privilege: a commune officer reads personal data of their commune only', async () => {
    const officer = await activeAccount();
    const inside = await api('GET', '/parcels/25195/1/1/holders', undefined, officer.cookie);
    expect(inside.statusCode).toBe(200);
    expect(inside.json().masked).toBe(false);
    const outside = await api('GET', '/parcels/25216/1/1/holders', undefined, officer.cookie);
    expect(outside.statusCode).toBe(403);
    expect((await api('GET', '/admin/accounts', undefined, officer.cookie)).statusCode).toBe(403);
  });

  it('A4 scope follows the 2025 reorganisation: today\'s ward covers the parcels of the old wards merged into it', async () => {
    // 25198 was Phường Tân Đồng until 2025-07-01, merged into Phường Bình Phước (25195)
    const officer = await activeAccount({ grants: [{ role: 'agency_reader', unitCode: '25195' }] });
    expect((await api('GET', '/parcels/25198/1/1/holders', undefined, officer.cookie)).statusCode).toBe(200);
    // 25216 (Phường Thác Mơ, now Phường Phước Long) is another ward
    expect((await api('GET', '/parcels/25216/1/1/holders', undefined, officer.cookie)).statusCode).toBe(403);
  });

  it('P4 a role without personal-data rights sees holders masked; an unmasked read is logged', async () => {
    const reader = await activeAccount({ grants: [{ role: 'agency_reader', unitCode: '25195' }] });
    const masked = (await api('GET', '/parcels/25195/1/1/holders', undefined, reader.cookie)).json();
    expect(masked.masked).toBe(true);
    for (const h of masked.holders.filter((x: { kind: string }) => x.kind === 'individual')) {
      expect(h.idNumber).toMatch(/^\*{9}\d{3}$/);
      expect(h.address).toBeNull();
    }
    const officer = await activeAccount();
    const before = await db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'read.personal' and actor_id = $1`, [officer.id]);
    await api('GET', '/parcels/25195/1/1/holders', undefined, officer.cookie);
    const after = await db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'read.personal' and actor_id = $1`, [officer.id]);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n + 1);
  });

  it('A5 a rights change needs the written request and is recorded with it', async () => {
    const a = await issuedAccount();
    const without = await api('PUT', `/admin/accounts/${a.id}/grants`, { grants: [{ role: 'district_officer', unitCode: '75' }] });
    expect(without.statusCode).toBe(400);
    const changed = await api('PUT', `/admin/accounts/${a.id}/grants`, { grants: [{ role: 'lro_staff', unitCode: '75' }], document: doc('77/CV-VPĐK') });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().grants.map((g: { role: string }) => g.role)).toEqual(['lro_staff']);
    expect(changed.json().documents.map((d: { kind: string }) => d.kind)).toContain('rights_change');
    const history = await db.query<{ n: number }>('select count(*)::int as n from account_grant where account_id = $1 and valid_to is not null', [a.id]);
    expect(history.rows[0]!.n).toBe(1); // the old grant is kept as history, not deleted
  });

  it('A6 contractor accounts only through an approved project, on its units, for its period', async () => {
    const project = await api('POST', '/admin/projects', {
      name: 'Đo đạc chỉnh lý bản đồ địa chính phường Bình Phước', contractNumber: '12/2026/HĐ',
      planDocument: doc('345/QĐ-SNNMT'), unitCodes: ['25195'], validFrom: '2026-11-01', validTo: '2027-06-30',
    });
    expect(project.statusCode).toBe(201);
    const projectId = project.json().id;
    const wrongUnit = await api('POST', '/admin/accounts', requestBody({ projectId, grants: [{ role: 'contractor', unitCode: '25216' }] }));
    expect(wrongUnit.statusCode).toBe(400);
    const wrongRole = await api('POST', '/admin/accounts', requestBody({ projectId, grants: [{ role: 'lro_staff', unitCode: '25195' }] }));
    expect(wrongRole.statusCode).toBe(400);
    const ok = await api('POST', '/admin/accounts', requestBody({ projectId, grants: [{ role: 'contractor', unitCode: '25195' }] }));
    expect(ok.statusCode).toBe(201);
    const until = await db.query<{ valid_to: Date }>('select valid_to from account_grant where account_id = $1', [ok.json().id]);
    expect(until.rows[0]!.valid_to.toISOString().slice(0, 10)).toBe('2027-06-30');
    expect(ok.json().grants).toMatchObject([{ role: 'contractor', unitCode: '25195' }]); // a grant with an end date is live until then
  });

  it('L3 accepting the project locks its accounts and ends their sessions', async () => {
    const project = (await api('POST', '/admin/projects', {
      name: 'Xây dựng CSDL địa chính xã Tiến Hưng', contractNumber: '13/2026/HĐ', planDocument: doc('346/QĐ-SNNMT'),
      unitCodes: ['25195'], validFrom: '2026-11-01', validTo: '2027-06-30',
    })).json();
    const worker = await activeAccount({ projectId: project.id, grants: [{ role: 'contractor', unitCode: '25195' }] });
    expect((await api('GET', '/auth/me', undefined, worker.cookie)).statusCode).toBe(200);
    const accepted = await api('POST', `/admin/projects/${project.id}/accept`, { document: doc('99/BB-NT') });
    expect(accepted.json().status).toBe('accepted');
    expect((await api('GET', '/auth/me', undefined, worker.cookie)).statusCode).toBe(401);
    const account = (await api('GET', `/admin/accounts/${worker.id}`)).json();
    expect(account).toMatchObject({ status: 'locked', lockReason: 'project_accepted' });
    // reading an account's file shows the holder's national ID: that read is logged (P4)
    const logged = await db.query(`select 1 from audit_log where action = 'read.personal' and object_type = 'account' and object_id = $1`, [worker.id]);
    expect(logged.rows.length).toBeGreaterThan(0);
  });

  it('L1 a new account whose initial password is not changed within a week is locked', async () => {
    const a = await issuedAccount();
    clock.advanceDays(6);
    expect((await enforceAccountRules({ db, clock })).lockedInitialPassword).not.toContain(a.id);
    clock.advanceDays(2);
    const result = await enforceAccountRules({ db, clock });
    expect(result.lockedInitialPassword).toContain(a.id);
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: a.username, password: a.initialPassword } });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('ACCOUNT_LOCKED');
    admin = (await signInAsAdministrator(app, db, clock)).cookie; // a week later: a fresh admin session
  });

  it('L2 locking a lost or compromised account ends its open sessions at once', async () => {
    const a = await activeAccount();
    expect((await api('GET', '/auth/me', undefined, a.cookie)).statusCode).toBe(200);
    const locked = await api('POST', `/admin/accounts/${a.id}/lock`, { reason: 'compromised', document: doc('5/BC-CNTT'), note: 'Lộ mật khẩu' });
    expect(locked.json()).toMatchObject({ status: 'locked', lockReason: 'compromised' });
    expect((await api('GET', '/auth/me', undefined, a.cookie)).statusCode).toBe(401);
    const revoked = await db.query<{ n: number }>('select count(*)::int as n from session where account_id = $1 and revoked_at is null', [a.id]);
    expect(revoked.rows[0]!.n).toBe(0);
  });

  it('L4 the unit head\'s notice of departure locks the account, recorded with the document', async () => {
    const a = await activeAccount();
    const locked = await api('POST', `/admin/accounts/${a.id}/lock`, { reason: 'departed', document: doc('12/TB-UBND'), note: 'Chuyển công tác' });
    expect(locked.statusCode).toBe(200);
    const lockDoc = locked.json().documents.find((d: { kind: string }) => d.kind === 'lock');
    expect(lockDoc).toMatchObject({ number: '12/TB-UBND', issuer: 'UBND phường Bình Phước', note: 'Chuyển công tác' });
    const report = (await api('GET', '/admin/reports/accounts?from=2026-11-01&to=2026-12-31')).json();
    expect(report.locked.map((l: { id: string }) => l.id)).toContain(a.id);
    expect(report.totals.locked).toBe(report.locked.length);
  });

  it('A8 unlock and close are recorded, and the report counts issued accounts', async () => {
    const a = await activeAccount();
    await api('POST', `/admin/accounts/${a.id}/lock`, { reason: 'other', document: doc('1/x') });
    const unlocked = await api('POST', `/admin/accounts/${a.id}/unlock`, { document: doc('2/x') });
    expect(unlocked.json().status).toBe('active');
    const closed = await api('POST', `/admin/accounts/${a.id}/close`, { document: doc('3/x') });
    expect(closed.json()).toMatchObject({ status: 'closed', grants: [] });
    const report = (await api('GET', '/admin/reports/accounts?from=2026-11-01&to=2026-12-31')).json();
    expect(report.issued.map((l: { id: string }) => l.id)).toContain(a.id);
    expect(report.closed.map((l: { id: string }) => l.id)).toContain(a.id);
  });
});
