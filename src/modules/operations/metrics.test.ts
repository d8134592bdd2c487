// Monitoring (O8, issue #10 item 6): /metrics exposes the request counters by route
// template after some requests, the latency histogram, the backup age and the disk free
// space; it refuses without the bearer token, and only this machine may read it when
// no token is configured.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp } from '../../../test/support/test-app.js';
import { ensureReferenceUnits } from '../demo/index.js';
import { ConfigError, loadConfig } from '../../config/config.js';

let testDb: TestDatabase;
let app: FastifyInstance;
let open: FastifyInstance; // no token configured
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lis-metrics-'));

beforeAll(async () => {
  testDb = await openTestDatabase();
  await ensureReferenceUnits(testDb.db);
  // a data folder of its own: the whole temporary folder would hold the default backup folder
  // of a checkout under /tmp (CI clones there), which the configuration refuses
  app = await buildTestApp(testDb.db, { LIS_METRICS_TOKEN: 'giam-sat-bi-mat', LIS_DATA_DIR: dataDir });
  open = await buildTestApp(testDb.db);
}, 120_000);
afterAll(async () => {
  await open.close();
  await app.close();
  await testDb.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('metrics (O8)', () => {
  it('O8 counts requests by route template, method and status, with latencies', async () => {
    for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'GET', url: '/api/v1/units' })).statusCode).toBe(200);
    await app.inject({ method: 'GET', url: '/api/v1/operations/incidents' }); // 401
    await app.inject({ method: 'GET', url: '/api/v1/no-such-route' }); // 404
    const res = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer giam-sat-bi-mat' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(value(text, 'lis_http_requests_total{method="GET",route="/api/v1/units",status="200"}')).toBe(3);
    expect(value(text, 'lis_http_requests_total{method="GET",route="/api/v1/operations/incidents",status="401"}')).toBe(1);
    expect(value(text, 'lis_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(value(text, 'lis_http_request_duration_seconds_count{method="GET",route="/api/v1/units"}')).toBe(3);
    expect(value(text, 'lis_backup_age_seconds')).toBe(-1); // no verified backup yet
    expect(value(text, 'lis_disk_free_bytes{folder="data"}')).toBeGreaterThan(0);
    if (testDb.db.kind === 'server') expect(value(text, 'lis_db_pool_connections{state="total"}')).toBeGreaterThan(0);
  });

  it('O8 reports the age of the last verified database backup', async () => {
    await testDb.db.query(
      `insert into backup_run (kind, trigger, started_at, finished_at, status, verified, target, engine)
       values ('database', 'schedule', '2026-11-24T19:00:00Z', '2026-11-24T20:00:00Z', 'succeeded', true, '/mnt/backup', 'pglite'),
              ('database', 'schedule', '2026-11-25T02:00:00Z', '2026-11-25T02:30:00Z', 'succeeded', false, '/mnt/backup', 'pglite')`,
    );
    const text = (await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer giam-sat-bi-mat' } })).body;
    // the test clock says 2026-11-25T03:00Z: the verified one is 7 h old (the unverified one does not count)
    expect(value(text, 'lis_backup_age_seconds')).toBe(7 * 3600);
  });

  it('O8 refuses without the token, or from another machine when none is configured', async () => {
    const none = await app.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.message.vi).toContain('mã truy cập');
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer sai' } })).statusCode).toBe(401);
    expect((await open.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200); // inject comes from 127.0.0.1
    expect((await open.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode).toBe(401);
  });
});

describe('monitoring configuration', () => {
  it('O8 reads the alarm thresholds and refuses nonsense', () => {
    expect(loadConfig({})).toMatchObject({ alarmErrorRate: 0.05, alarmBackupHours: 26, alarmEveryMinutes: 5, metricsToken: undefined, smtpUrl: undefined });
    expect(loadConfig({ LIS_ALARM_ERROR_RATE: '0.2', LIS_ALARM_BACKUP_HOURS: '30' })).toMatchObject({ alarmErrorRate: 0.2, alarmBackupHours: 30 });
    expect(() => loadConfig({ LIS_ALARM_ERROR_RATE: '5' })).toThrow(ConfigError);
    expect(() => loadConfig({ LIS_ALARM_ERROR_RATE: 'cao' })).toThrow(ConfigError);
  });
});
