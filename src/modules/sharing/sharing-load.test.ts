import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { exportJWK, generateKeyPair } from 'jose';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { openServerDatabase } from '../../db/pg-driver.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp, fixedClock } from '../../../test/support/test-app.js';
import { seedDemo } from '../demo/index.js';
import { registerConsumer } from './consumers.service.js';

// Issue #11 must-show: "rate limits hold under a load test from a second process; nothing
// is lost from the exchange log under load". Two app instances on one PostgreSQL database
// (as two servers behind a load balancer) and a child process firing at both: exactly the
// consumer's rate per minute is served, every other call is 429, and every call, served or
// refused, has its row in the exchange log and a receipt. Server database only (PGlite is
// one process's embedded database).
const serverUrl = process.env.TEST_DATABASE_URL;
const RATE = 40;
const REQUESTS = 300;
const CONCURRENCY = 24;

let testDb: TestDatabase;
let db: Database;
let second: Database;
const apps: FastifyInstance[] = [];
const urls: string[] = [];
let consumer: { id: string; clientId: string; clientSecret: string };
let parcelPath: string;

describe.skipIf(!serverUrl)('S-SHARE under load from a second process (server database)', () => {
  beforeAll(async () => {
    testDb = await openTestDatabase();
    db = testDb.db;
    await seedDemo(db, { parcels: 150, seed: 5 });
    const { rows: [current] } = await db.query<{ name: string }>('select current_database() as name');
    const url = new URL(serverUrl!);
    url.pathname = `/${current!.name}`;
    second = await openServerDatabase(url.toString(), 4);
    // one signing key for both instances, as a deployment gives them
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const env = { LIS_SHARING_SIGNING_KEY: JSON.stringify(await exportJWK(privateKey)) };
    for (const database of [db, second]) {
      const app = await buildTestApp(database, env, fixedClock);
      urls.push(await app.listen({ host: '127.0.0.1', port: 0 }));
      apps.push(app);
    }
    const { rows: [parcel] } = await db.query<{ code: string; sheet: number; n: number }>(
      `select u.code, p.sheet_number as sheet, p.parcel_number as n from parcel p join admin_unit u on u.id = p.unit_id where p.valid_to is null order by p.id limit 1`,
    );
    parcelPath = `/share/v1/parcels/${parcel!.code}/${parcel!.sheet}/${parcel!.n}`;
    consumer = await registerConsumer({ db, clock: fixedClock }, { id: null, name: 'test' }, {
      clientId: 'tai-nang', agency: 'Trung tâm điều hành thông minh tỉnh (IOC)',
      contact: { name: 'Phạm Văn Tải', email: null, phone: null },
      decision: { number: '45/QĐ-UBND', date: '2026-09-01', issuer: 'Ủy ban nhân dân tỉnh Đồng Nai' },
      services: ['parcel-info'], unitCodes: [parcel!.code], personalData: false, ratePerMinute: RATE,
      validFrom: '2026-09-01T00:00:00Z', validTo: null,
    });
  }, 240_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    await second?.close();
    await testDb?.close();
  });

  it(`S-SHARE holds the consumer rate (${RATE}/min) across two instances under ${REQUESTS} calls from a second process, and logs every call`, async () => {
    const config = { urls, path: parcelPath, clientId: consumer.clientId, clientSecret: consumer.clientSecret, requests: REQUESTS, concurrency: CONCURRENCY };
    const { stdout } = await promisify(execFile)(process.execPath, [new URL('../../../test/support/share-load-worker.mjs', import.meta.url).pathname, JSON.stringify(config)], { timeout: 120_000 });
    const result = JSON.parse(stdout.trim()) as { statuses: Record<string, number>; withoutReceipt: number; ms: number };
    console.info(`sharing load: ${REQUESTS} calls in ${result.ms} ms (${Math.round(REQUESTS / (result.ms / 1000))}/s), ${JSON.stringify(result.statuses)}`);
    expect(result.statuses).toEqual({ 200: RATE, 429: REQUESTS - RATE });
    expect(result.withoutReceipt).toBe(0);
    const { rows: [logged] } = await db.query<{ total: number; served: number; refused: number; issues: number }>(
      `select count(*)::int as total, count(*) filter (where status = 200)::int as served, count(*) filter (where status = 429)::int as refused,
              count(distinct xroad_issue)::int as issues
         from sharing_exchange where consumer_id = $1::uuid`,
      [consumer.id],
    );
    expect(logged).toEqual({ total: REQUESTS, served: RATE, refused: REQUESTS - RATE, issues: REQUESTS });
    const { rows: [counter] } = await db.query<{ requests: number }>('select requests from sharing_rate_window where consumer_id = $1::uuid', [consumer.id]);
    expect(counter!.requests).toBe(REQUESTS);
  }, 180_000);
});
