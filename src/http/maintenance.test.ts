// Maintenance mode (I3, issue #10 item 5, must show): a read-only subsystem refuses
// writes with a clear bilingual message while its reads still work; a closed one refuses
// reads too; every other subsystem is unaffected; sign-in, notices and the operations
// routes stay open; lifting it restores writes; another process (a second app on the
// same database) honours a change within seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';
import { openTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { buildTestApp, fixedClock } from '../../test/support/test-app.js';
import { createActiveAccount, signIn, signInAsAdministrator } from '../../test/support/accounts.js';
import { ensureReferenceUnits } from '../modules/demo/index.js';
import { subsystemOfUrl } from '../modules/operations/index.js';

let testDb: TestDatabase;
let db: Database;
let app: FastifyInstance;
let other: FastifyInstance; // a second process on the same database
let admin: string;
let officer: string; // prices.edit, planning.edit, no operations.manage

const api = (target: FastifyInstance, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie?: string, payload?: object) =>
  target.inject({ method, url: `/api/v1${url}`, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
const priceTable = (n: number) => ({
  provinceCode: '75', name: `Bảng giá thử ${n}`, decision: { number: `${n}/2026/QĐ-UBND`, date: '2026-01-01', issuer: 'Ủy ban nhân dân tỉnh Đồng Nai' },
  validFrom: '2026-01-01', validTo: null, multiPositionRule: 'nearest', positionRules: [{ position: 1, maxDistanceM: 50, minAlleyWidthM: null, descriptionVi: 'Mặt tiền đường' }],
});
const createTable = (n: number, target = app) => api(target, 'POST', '/prices/tables', officer, priceTable(n));
const setMode = (subsystem: string, mode: 'read_only' | 'closed', cookie = admin) => api(app, 'PUT', `/operations/maintenance/${subsystem}`, cookie, {
  mode, messageVi: 'Nâng cấp cơ sở dữ liệu giá đất.', messageEn: 'Upgrading the land price database.', plannedEnd: '2026-11-25T10:00:00Z',
});

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = testDb.db;
  await ensureReferenceUnits(db);
  app = await buildTestApp(db);
  other = await buildTestApp(db);
  admin = (await signInAsAdministrator(app, db, fixedClock)).cookie;
  const account = await createActiveAccount(db, fixedClock, [{ role: 'dept_land_officer', unitCode: '75' }]);
  officer = await signIn(app, account.username, account.password);
}, 120_000);
afterAll(async () => {
  await other.close();
  await app.close();
  await testDb.close();
});

describe('maintenance mode (I3)', () => {
  it('maps URLs to subsystems by prefix; sign-in, operations, notices and the portal are never suspended', () => {
    expect(subsystemOfUrl('/api/v1/prices/tables')).toBe('prices');
    expect(subsystemOfUrl('/api/v1/prices?x=1')).toBe('prices');
    expect(subsystemOfUrl('/api/v1/pricesx')).toBe('other');
    expect(subsystemOfUrl('/api/v1/parcels/25195/1/1')).toBe('cadastre');
    expect(subsystemOfUrl('/api/v1/admin/documents/integrity')).toBe('documents');
    expect(subsystemOfUrl('/ogc/collections')).toBe('sharing');
    expect(subsystemOfUrl('/api/v1/admin/accounts')).toBe('other');
    expect(subsystemOfUrl('/api/v1/public/dossiers/HS-1')).toBe('dossiers');
    expect(subsystemOfUrl('/api/v1/imports')).toBe('cadastre');
    for (const open of ['/api/v1/auth/login', '/api/v1/auth/me', '/api/v1/operations/maintenance/all', '/api/v1/notices', '/healthz', '/metrics', '/index.html', '/']) {
      expect(subsystemOfUrl(open), open).toBeNull();
    }
  });

  it('I3 read-only refuses writes with a clear message, reads still work, other subsystems are unaffected; lifting restores writes', async () => {
    expect((await createTable(1)).statusCode).toBe(201);
    // only operations.manage may switch it
    expect((await setMode('prices', 'read_only', officer)).statusCode).toBe(403);
    const set = await setMode('prices', 'read_only');
    expect(set.statusCode, set.body).toBe(200);

    const refused = await createTable(2);
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error).toMatchObject({ code: 'MAINTENANCE', details: { subsystem: 'prices', mode: 'read_only' } });
    expect(refused.json().error.message.vi).toBe('Phân hệ "Giá đất" đang ở chế độ chỉ đọc để bảo trì: chưa thể ghi, cập nhật dữ liệu (dự kiến đến 2026-11-25T10:00:00.000Z). Nâng cấp cơ sở dữ liệu giá đất.');
    expect(refused.json().error.message.en).toContain('read-only for maintenance');

    const read = await api(app, 'GET', '/prices/tables');
    expect(read.statusCode).toBe(200);
    expect(read.json().map((t: { name: string }) => t.name)).toContain('Bảng giá thử 1');
    // another subsystem writes as before (planning: a validation error, not maintenance)
    expect((await api(app, 'POST', '/planning/plans', officer, {})).statusCode).toBe(400);
    expect((await api(app, 'GET', '/auth/me', officer)).statusCode).toBe(200);
    const notices = (await api(app, 'GET', '/notices')).json();
    expect(notices.notices).toEqual([expect.objectContaining({ kind: 'maintenance', id: 'prices', mode: 'read_only', messageVi: 'Nâng cấp cơ sở dữ liệu giá đất.' })]);

    expect((await api(app, 'DELETE', '/operations/maintenance/prices', admin)).statusCode).toBe(200);
    expect((await createTable(3)).statusCode).toBe(201);
    expect((await api(app, 'GET', '/notices')).json().notices).toEqual([]);
    expect((await api(app, 'DELETE', '/operations/maintenance/prices', admin)).statusCode).toBe(404);
  });

  it('I3 closed refuses reads too; "all" suspends every subsystem but sign-in and the operations routes', async () => {
    await setMode('prices', 'closed');
    const closed = await api(app, 'GET', '/prices/tables');
    expect(closed.statusCode).toBe(503);
    expect(closed.json().error.message.vi).toContain('đang tạm dừng hoạt động để bảo trì');
    expect((await api(app, 'GET', '/units')).statusCode).toBe(200);
    await api(app, 'DELETE', '/operations/maintenance/prices', admin);

    await setMode('all', 'read_only');
    expect((await api(app, 'POST', '/planning/plans', officer, {})).statusCode).toBe(503);
    expect((await createTable(4)).statusCode).toBe(503);
    expect((await api(app, 'GET', '/units')).statusCode).toBe(200);
    expect((await api(app, 'POST', '/auth/login', undefined, { username: 'khong.co', password: 'sai-mat-khau-123' })).statusCode).toBe(401);
    expect((await api(app, 'POST', '/operations/incidents', officer, { title: 'Không lưu được bảng giá', description: 'Báo lỗi 503' })).statusCode).toBe(201);
    await setMode('all', 'closed');
    expect((await api(app, 'GET', '/units')).statusCode).toBe(503);
    expect((await api(app, 'GET', '/auth/me', officer)).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await api(app, 'DELETE', '/operations/maintenance/all', admin)).statusCode).toBe(200);
    expect((await api(app, 'GET', '/units')).statusCode).toBe(200);
  });

  it('I3 another process honours a change within seconds (notification, not the cache timeout)', async () => {
    expect((await api(other, 'GET', '/prices/tables')).statusCode).toBe(200); // its cache holds "no maintenance"
    await setMode('prices', 'closed');
    const started = Date.now();
    let status = 200;
    while (status !== 503 && Date.now() - started < 3_000) {
      status = (await api(other, 'GET', '/prices/tables')).statusCode;
      if (status !== 503) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(503);
    await api(app, 'DELETE', '/operations/maintenance/prices', admin);
    const lifted = Date.now();
    while (status === 503 && Date.now() - lifted < 3_000) {
      status = (await api(other, 'GET', '/prices/tables')).statusCode;
      if (status === 503) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(200);
  });
});
