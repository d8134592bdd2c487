// A killed import (SIGKILL of the worker process midway) leaves the live record unchanged
// and the job resumable; resumed, it finishes with every feature staged once (issue #6
// must-show). Needs a second process on the same database: the PostgreSQL server only.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { migrate } from '../../db/migrate.js';
import { openServerDatabase } from '../../db/pg-driver.js';
import { systemClock } from '../../kernel/clock.js';
import { TEST_DATABASE_PREFIX } from '../../../test/support/test-database.js';
import { shapefileZip, square, tempDir, type FixtureFeature } from '../../../test/support/import-fixtures.js';
import { seedDemo } from '../demo/index.js';
import * as service from './imports.service.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const FEATURES = 600;
const CHUNK = 50;

describe.skipIf(!serverUrl)('killed import (issue #6 item 4, server database)', () => {
  let db: Database;
  let url: string;
  const dir = tempDir();
  const officer: service.Caller = { actor: { id: null, name: 'test' }, may: () => true };

  beforeAll(async () => {
    const run = /^[0-9a-f]{8}$/.test(process.env.LIS_TEST_RUN ?? '') ? process.env.LIS_TEST_RUN : '00000000';
    const name = `${TEST_DATABASE_PREFIX}${run}_${process.pid}_kill`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(serverUrl!);
    u.pathname = `/${name}`;
    url = u.toString();
    db = await openServerDatabase(url, 2);
    await migrate(db);
    await seedDemo(db, { parcels: 60, seed: 5 });
  }, 300_000);
  afterAll(() => db?.close());

  it('O11 SIGKILL midway: live record unchanged, job resumable, resumed it stages every feature once', async () => {
    const unit = (await db.query<{ code: string; srid: number }>(
      `select u.code, coalesce(u.srid, 9212) as srid from admin_unit u where u.level = 'commune' and u.valid_to is null and u.boundary is not null order by u.code limit 1`,
    )).rows[0]!;
    const features: FixtureFeature[] = Array.from({ length: FEATURES }, (_, i) => ({
      properties: { SHBANDO: 990, SOTHUA: i + 1, MALOAIDAT: 'CLN', DIENTICH: 100, NGUONGOC: 'CN-CTT' },
      geometry: square(500_000 + (i % 30) * 10, 1_200_000 + Math.floor(i / 30) * 10, 10),
    }));
    const liveBefore = (await db.query<{ n: number }>('select count(*)::int as n from parcel where valid_to is null')).rows[0]!.n;
    const deps: service.ImportsDeps = { db, clock: systemClock, dir, chunkSize: CHUNK, staleMs: 1000 };
    const batch = await service.uploadDelivery(deps, officer, { unitCode: unit.code, fileName: 'big.zip', tempPath: shapefileZip(features, unit.srid) });

    // node itself (not npx): the signal must reach the process that runs the worker
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/import-worker.child.ts', url, dir, String(CHUNK), '400'], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const progress = async () => (await db.query<{ done: number; status: string }>('select done, status from import_job where batch_id = $1', [batch.id])).rows[0]!;
    const deadline = Date.now() + 120_000;
    while ((await progress()).done < 3 * CHUNK && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGKILL');
    await exited;

    const killed = await progress();
    expect(killed.status).toBe('running');
    expect(killed.done).toBeGreaterThanOrEqual(3 * CHUNK);
    expect(killed.done).toBeLessThan(FEATURES);
    expect(killed.done % CHUNK).toBe(0);
    const staged = async () => (await db.query<{ n: number; distinct: number }>(
      'select count(*)::int as n, count(distinct source_index)::int as distinct from import_feature where batch_id = $1', [batch.id],
    )).rows[0]!;
    // each chunk committed with its progress: what is staged is exactly what the job says
    expect((await staged()).n).toBe(killed.done);
    expect((await db.query<{ n: number }>('select count(*)::int as n from parcel where valid_to is null')).rows[0]!.n).toBe(liveBefore);

    await new Promise((r) => setTimeout(r, 1200)); // the dead worker's heartbeat goes stale
    expect(await service.runPendingImports(deps)).toBe(1);
    const resumed = await service.getBatch(deps, officer, batch.id);
    expect(resumed.status).toBe('validated');
    expect(resumed.job).toMatchObject({ status: 'done', done: FEATURES });
    expect(await staged()).toEqual({ n: FEATURES, distinct: FEATURES });
    expect((await db.query<{ n: number }>('select count(*)::int as n from parcel where valid_to is null')).rows[0]!.n).toBe(liveBefore);
  }, 300_000);
});
