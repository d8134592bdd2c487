// Backups and restores (issue #10: O1, B1-B4, R1-R4) on the engine under test (embedded
// PGlite by default, the PostgreSQL server with TEST_DATABASE_URL): a backup written to a
// folder target with its manifest and checksums and read back; several backups and the
// choice by incident time; retention; the removable copy and its register; a corrupted
// backup refused; the drill; refusal audited; and last, backup → destroy → restore →
// identical content, a valid audit chain, the restore log in both databases, the switch.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument as openPdf } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config/config.js';
import type { Database } from '../../db/database.js';
import { openPgliteDatabase } from '../../db/pglite-driver.js';
import { openServerDatabase } from '../../db/pg-driver.js';
import { SYSTEM_ACTOR, verifyAuditLog } from '../audit/index.js';
import { seedDemo } from '../demo/index.js';
import { createLocalStore } from '../documents/index.js';
import { MutableClock } from '../../../test/support/mutable-clock.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { createActiveAccount, signIn, signInAsAdministrator } from '../../../test/support/accounts.js';
import { createFolderTarget } from './backup-target.js';
import { backupDatabase, computeManifest, removableCopy, type StoredManifest } from './backup.service.js';
import { applyPendingRestore, chooseBackup, PENDING_FILE, restoreBackup, restoreLog, type RestoreDeps } from './restore.service.js';
import { restoreLogPdf } from './restore-log-pdf.js';

const serverUrl = process.env.TEST_DATABASE_URL;
let test: TestDatabase;
let db: Database;
let tmp: string;
let clock: MutableClock;
let deps: RestoreDeps & { removableRoot: string };
let dbUrl: string | undefined;
const createdDatabases: string[] = [];

const hours = (n: number) => clock.advanceDays(n / 24);

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await openPdf({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  let text = '';
  for (let i = 1; i <= pdf.numPages; i++) text += (await (await pdf.getPage(i)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
  return text;
}

/** tables whose content a restore must give back exactly (the audit log grows by the restore's own entries) */
const sameContent = (m: { tables: Array<{ table: string; rows: number; checksum: string }> }) => m.tables.filter((t) => t.table !== 'audit_log');

beforeAll(async () => {
  test = await openTestDatabase();
  db = test.db;
  await seedDemo(db, { parcels: 120, seed: 7 });
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'lis-backups-'));
  clock = new MutableClock(new Date('2026-11-01T18:30:00Z')); // 01:30 on 2 Nov, Vietnam time
  const store = createLocalStore(path.join(tmp, 'documents'));
  // one scanned document, so the restore checks a document's object in the store
  const object = await store.put(Readable.from([Buffer.from('%PDF-1.4 bản quét thử / test scan')]), { maxBytes: 1 << 20 });
  await db.query(
    `insert into document (document_uid, version, document_type, title, media_type, size_bytes, sha256, contains_personal_data, uploaded_at, valid_from)
     values (gen_random_uuid(), 1, 'contract', 'Hợp đồng chuyển nhượng', 'application/pdf', $1::bigint, $2::text, true, now(), now())`,
    [object.size, object.sha256],
  );
  if (serverUrl) {
    const { rows } = await db.query<{ name: string }>('select current_database() as name');
    const u = new URL(serverUrl);
    u.pathname = `/${rows[0]!.name}`;
    dbUrl = u.toString();
  }
  deps = {
    db, clock, store, target: createFolderTarget(path.join(tmp, 'target')), databaseUrl: dbUrl, workDir: path.join(tmp, 'work'),
    keepDaily: 14, keepMonthly: 12, dataDir: path.join(tmp, 'data'), removableRoot: path.join(tmp, 'media'),
  };
}, 180_000);

afterAll(async () => {
  await test.close().catch(() => undefined);
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    for (const name of createdDatabases) await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
  await fsp.rm(tmp, { recursive: true, force: true });
});

describe('backups (O1, B1-B4)', () => {
  it('O1 B1 a database backup is written off the data folder with a manifest and checksums, read back and verified', async () => {
    const run = await backupDatabase(deps, { trigger: 'schedule' });
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ kind: 'database', status: 'succeeded', verified: true, engine: serverUrl ? 'postgres' : 'pglite', retention: 'monthly' });
    const manifest = run.manifest as StoredManifest;
    const folder = path.join(tmp, 'target', manifest.folder);
    const dump = serverUrl ? 'database.dump' : 'database.tar.gz';
    expect(fs.readdirSync(folder).sort()).toEqual(['SHA256SUMS', dump, 'documents.txt', 'manifest.json'].sort());
    // the checksum file matches the bytes on the target
    const sums = fs.readFileSync(path.join(folder, 'SHA256SUMS'), 'utf8').trim().split('\n').map((l) => l.split(/\s+/));
    for (const [sum, name] of sums) expect(crypto.createHash('sha256').update(fs.readFileSync(path.join(folder, name!))).digest('hex')).toBe(sum);
    expect(run.sha256).toBe(sums.find(([, n]) => n === dump)![0]);
    // per-table row counts, as the database has them
    const parcels = manifest.tables.find((t) => t.table === 'parcel')!;
    expect(parcels.rows).toBe((await db.query<{ n: number }>('select count(*)::int as n from parcel')).rows[0]!.n);
    expect(parcels.rows).toBeGreaterThan(100);
    expect(manifest.tables.map((t) => t.table)).not.toContain('backup_run');
    expect(manifest.documents).toEqual({ objects: 1, bytes: expect.any(Number) });
    expect(fs.readFileSync(path.join(folder, 'documents.txt'), 'utf8')).toMatch(/^[0-9a-f]{64} \d+\n$/);
    if (serverUrl) expect(fs.readFileSync(path.join(folder, dump)).subarray(0, 5).toString()).toBe('PGDMP'); // pg_dump custom format
  }, 120_000);

  it('R3 with several backups, the restore takes the latest verified one before the incident time', async () => {
    const first = (await chooseBackup(db, {}));
    hours(24);
    const second = await backupDatabase(deps, { trigger: 'schedule' });
    hours(24);
    const third = await backupDatabase(deps, { trigger: 'manual', actor: SYSTEM_ACTOR });
    expect([second.verified, third.verified]).toEqual([true, true]);
    expect(second.retention).toBe('daily'); // the month's monthly one is the first
    const between = new Date(third.startedAt.getTime() - 3_600_000);
    expect((await chooseBackup(db, { incidentAt: between })).id).toBe(second.id);
    expect((await chooseBackup(db, { incidentAt: new Date(second.startedAt.getTime() - 1) })).id).toBe(first.id);
    expect((await chooseBackup(db, {})).id).toBe(third.id);
    await expect(chooseBackup(db, { incidentAt: new Date('2026-10-01T00:00:00Z') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // an unverified backup is never chosen
    await db.query(`update backup_run set verified = false where id = $1::uuid`, [third.id]);
    expect((await chooseBackup(db, {})).id).toBe(second.id);
    await db.query(`update backup_run set verified = true where id = $1::uuid`, [third.id]);
  }, 180_000);

  it('O1 retention deletes daily backups past LIS_BACKUP_KEEP_DAILY once a newer verified one exists, keeps the monthly one', async () => {
    const before = (await db.query<{ id: string; retention: string; folder: string }>(
      `select id, retention, manifest->>'folder' as folder from backup_run where kind = 'database' and deleted_at is null order by started_at`)).rows;
    clock.advanceDays(20);
    const fresh = await backupDatabase(deps, { trigger: 'schedule', actor: SYSTEM_ACTOR });
    expect(fresh.verified).toBe(true);
    const after = (await db.query<{ id: string; deleted: boolean }>(`select id, deleted_at is not null as deleted from backup_run where kind = 'database'`)).rows;
    for (const b of before) {
      const deleted = after.find((a) => a.id === b.id)!.deleted;
      expect(deleted).toBe(b.retention === 'daily');
      expect(fs.existsSync(path.join(tmp, 'target', b.folder))).toBe(!deleted);
    }
    expect(after.find((a) => a.id === fresh.id)!.deleted).toBe(false);
  }, 120_000);

  it('B2 B4 a removable copy holds the backup, its checksums and a README, and is entered in the register', async () => {
    const copy = await removableCopy(deps, { id: null, name: 'Lê Văn Lưu Trữ' }, { destination: 'usb-01', mediumLabel: 'HDD-2026-11', handedTo: 'Kho lưu trữ Sở', archiveLocation: 'Tủ 3, ngăn 2' });
    expect(copy).toMatchObject({ mediumLabel: 'HDD-2026-11', takenByName: 'Lê Văn Lưu Trữ', handedTo: 'Kho lưu trữ Sở', status: 'issued', verified: true });
    const files = fs.readdirSync(copy.destination).sort();
    expect(files).toContain('README.txt');
    expect(files).toContain('SHA256SUMS');
    expect(copy.destination.startsWith(path.join(tmp, 'media', 'usb-01'))).toBe(true);
    for (const line of fs.readFileSync(path.join(copy.destination, 'SHA256SUMS'), 'utf8').trim().split('\n')) {
      const [sum, name] = line.split(/\s+/);
      expect(crypto.createHash('sha256').update(fs.readFileSync(path.join(copy.destination, name!))).digest('hex')).toBe(sum);
    }
    expect(fs.readFileSync(path.join(copy.destination, 'README.txt'), 'utf8')).toContain('sha256sum -c SHA256SUMS');
    expect(copy.sourceBackupId).toBe((await chooseBackup(db, {})).id);
    await expect(removableCopy(deps, SYSTEM_ACTOR, { destination: '../../etc', mediumLabel: 'x' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  }, 60_000);
});

describe('restore (R1-R4)', () => {
  it('R2 a backup whose file was altered on the target is refused at the checksum step, and the failure is logged', async () => {
    const latest = await chooseBackup(db, {});
    const manifest = latest.manifest as StoredManifest;
    const file = path.join(tmp, 'target', manifest.folder, manifest.files[0]!.name);
    const good = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.concat([good, Buffer.from('x')]));
    try {
      const run = await restoreBackup(deps, { actor: SYSTEM_ACTOR, reason: 'thử tệp hỏng / corrupt file test' });
      expect(run.status).toBe('failed');
      const log = (await restoreLog(db, run.id))!;
      expect(log.steps.map((s) => [s.step, s.outcome])).toEqual([['choose_backup', 'ok'], ['download', 'ok'], ['checksum', 'failed']]);
      expect(fs.existsSync(path.join(deps.dataDir, PENDING_FILE))).toBe(false);
    } finally {
      fs.writeFileSync(file, good);
    }
  }, 60_000);

  it('R1 the restore drill restores the latest backup into a scratch database, verifies it and drops it', async () => {
    const run = await restoreBackup(deps, { actor: SYSTEM_ACTOR, drill: true });
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ status: 'succeeded', drill: true });
    expect(run.durationMs).toBeGreaterThan(0);
    const log = (await restoreLog(db, run.id))!;
    expect(log.steps.map((s) => s.step)).toEqual(['choose_backup', 'download', 'checksum', 'restore', 'verify_row_counts', 'verify_checksums', 'verify_audit_chain', 'verify_documents', 'drop_scratch']);
    expect(log.steps.every((s) => s.outcome === 'ok')).toBe(true);
    if (serverUrl) {
      const scratch = String(log.steps[3]!.details.into);
      expect((await db.query('select 1 from pg_database where datname = $1::text', [scratch])).rows).toHaveLength(0);
    }
  }, 120_000);

  it('R4 a user without backup.restore is refused, and the refusal is in the audit log; an administrator sees the backups', async () => {
    const config = loadConfig({ LIS_LOGIN_RATE_PER_MINUTE: '10000', LIS_BACKUP_DIR: path.join(tmp, 'target'), LIS_DATA_DIR: deps.dataDir, LIS_BACKUP_REMOVABLE_ROOT: deps.removableRoot });
    const app = await buildApp({ config, db, logger: pino({ level: 'silent' }), clock, documentStore: deps.store });
    try {
      const officer = await createActiveAccount(db, clock, [{ role: 'lro_staff', unitCode: '25195' }]);
      const cookie = await signIn(app, officer.username, officer.password);
      for (const [method, url] of [['GET', '/api/v1/backups'], ['POST', '/api/v1/restores']] as const) {
        const res = await app.inject({ method, url, headers: { cookie }, ...(method === 'POST' ? { payload: { reason: 'x', confirmBackupId: crypto.randomUUID() } } : {}) });
        expect(res.statusCode).toBe(403);
      }
      const { rows } = await db.query<{ actor_id: string; object_id: string; details: { permission: string } }>(
        `select actor_id, object_id, details from audit_log where action = 'access.denied' and actor_id = $1::uuid order by seq`, [officer.id]);
      expect(rows.map((r) => r.object_id)).toEqual(['GET /api/v1/backups', 'POST /api/v1/restores']);
      expect(rows[1]!.details.permission).toBe('backup.restore');

      const admin = await signInAsAdministrator(app, db, clock);
      const list = await app.inject({ method: 'GET', url: '/api/v1/backups', headers: { cookie: admin.cookie } });
      expect(list.statusCode).toBe(200);
      expect(list.json().map((b: { kind: string }) => b.kind)).toEqual(expect.arrayContaining(['database', 'removable']));
      const preview = await app.inject({ method: 'GET', url: `/api/v1/restores/preview?incidentAt=${encodeURIComponent('2026-11-02T08:00+07:00')}`, headers: { cookie: admin.cookie } });
      expect(preview.statusCode).toBe(200);
      expect(preview.json().startedAt).toBe('2026-11-01T18:30:00.000Z');
      const wrong = await app.inject({ method: 'POST', url: '/api/v1/restores', headers: { cookie: admin.cookie }, payload: { reason: 'sự cố', confirmBackupId: crypto.randomUUID() } });
      expect(wrong.statusCode).toBe(409); // the confirmation must name the backup the restore takes
      const register = await app.inject({ method: 'GET', url: '/api/v1/backups/removable', headers: { cookie: admin.cookie } });
      expect(register.json()[0]).toMatchObject({ mediumLabel: 'HDD-2026-11', status: 'issued' });
      const returned = await app.inject({ method: 'PUT', url: `/api/v1/backups/removable/${register.json()[0].id}`, headers: { cookie: admin.cookie }, payload: { status: 'archived', archiveLocation: 'Kho A' } });
      expect(returned.statusCode).toBe(204);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('R1 R2 backup → destroy → restore: identical content per table, a valid audit chain, the restore log in both databases, then the switch', async () => {
    hours(2);
    const backup = await backupDatabase(deps, { trigger: 'manual', actor: SYSTEM_ACTOR });
    const expected = backup.manifest as StoredManifest;
    hours(1);
    const incidentAt = clock.now();
    // the incident: rows altered and deleted behind the application's back
    await db.query(`update parcel set address = 'ĐÃ BỊ SỬA' where id in (select id from parcel order by id limit 10)`);
    await db.query(`delete from document`);
    const damaged = await computeManifest(db, backup.engine!);
    expect(sameContent(damaged)).not.toEqual(sameContent(expected));
    hours(1);

    const run = await restoreBackup(deps, { actor: { id: null, name: 'Quản trị viên Sở' }, incidentAt, reason: 'Dữ liệu thửa bị sửa trái phép' });
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(run.backupId).toBe(backup.id);
    const log = (await restoreLog(db, run.id))!;
    expect(log.steps.map((s) => s.step)).toEqual(['choose_backup', 'download', 'checksum', 'restore', 'verify_row_counts', 'verify_checksums', 'verify_audit_chain', 'verify_documents', 'carry_log', 'switch']);
    expect(log.steps.every((s) => s.outcome === 'ok' && s.finishedAt)).toBe(true);
    expect(log.steps[7]!.details).toMatchObject({ documents: 1, missing: 0 });
    const text = await pdfText(await restoreLogPdf(log, clock.now()));
    expect(text).toContain('NHẬT KÝ PHỤC HỒI DỮ LIỆU');
    expect(text).toContain('Kiểm tra chuỗi nhật ký');
    expect(text).toContain('Dữ liệu thửa bị sửa trái phép');

    // the restored database, before the switch: the backed-up content and the log
    const pending = JSON.parse(fs.readFileSync(path.join(deps.dataDir, PENDING_FILE), 'utf8')) as { restored: string; keepAs: string; current: string };
    const open = (where: string) => (serverUrl ? openServerDatabase(Object.assign(new URL(dbUrl!), { pathname: `/${where}` }).toString(), 2) : openPgliteDatabase(where));
    if (serverUrl) createdDatabases.push(pending.restored, pending.keepAs);
    let restored = await open(pending.restored);
    try {
      expect(sameContent(await computeManifest(restored, backup.engine!))).toEqual(sameContent(expected));
      const chain = await verifyAuditLog(restored);
      expect(chain.ok).toBe(true);
      expect(chain.lastSeq).toBeGreaterThan(expected.audit!.lastSeq); // the carried log was audited after the restored chain
      const carried = await restored.query<{ status: string; steps: number }>(
        `select r.status, (select count(*)::int from restore_step s where s.restore_run_id = r.id) as steps from restore_run r where r.id = $1::uuid`, [run.id]);
      expect(carried.rows).toEqual([{ status: 'succeeded', steps: 10 }]);
      // backups made after the restored state are still known there
      expect((await restored.query(`select 1 from backup_run where id = $1::uuid`, [backup.id])).rows).toHaveLength(1);
    } finally {
      await restored.close();
    }

    // the switch at the next start: the live database (or folder) becomes the restored one
    await test.close();
    const switched = await applyPendingRestore({ dataDir: deps.dataDir, databaseUrl: dbUrl }, clock);
    expect(switched).not.toBeNull();
    expect(fs.existsSync(path.join(deps.dataDir, PENDING_FILE))).toBe(false);
    restored = await open(serverUrl ? pending.current : path.join(deps.dataDir, 'db'));
    try {
      expect(sameContent(await computeManifest(restored, backup.engine!))).toEqual(sameContent(expected));
      const steps = await restored.query<{ step: string }>('select step from restore_step where restore_run_id = $1::uuid order by position', [run.id]);
      expect(steps.rows.at(-1)!.step).toBe('switched');
      expect((await verifyAuditLog(restored)).ok).toBe(true);
    } finally {
      await restored.close();
    }
    if (serverUrl) {
      // the damaged database is kept for the inquiry under its new name
      const old = await open(pending.keepAs);
      try {
        expect((await old.query<{ n: number }>('select count(*)::int as n from document')).rows[0]!.n).toBe(0);
      } finally {
        await old.close();
      }
    }
  }, 300_000);
});
