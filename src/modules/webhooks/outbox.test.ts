// The generic webhook outbox (issue #7 item 5 must-show; P2): a target that fails twice is
// retried after 30 s, then 1 min, and the webhook is delivered once; a target that never
// answers keeps its webhook queued (never dropped), the delays doubling up to 6 hours;
// every delivery is signed and the signature checks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { MutableClock } from '../../../test/support/mutable-clock.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { deliverOutbox, enqueueWebhook, listOutbox, MAX_RETRY_MS, retryDelayMs, signWebhook, verifyWebhook } from './index.js';

const SECRET = 'outbox-test-secret';
const clock = new MutableClock(new Date('2026-11-25T02:00:00Z'));
const later = (ms: number) => clock.advanceDays(ms / 86_400_000);
let testDb: TestDatabase;
let db: Database;
let server: http.Server;
let base: string;
/** per path: how many more requests to fail; what arrived */
const failing = new Map<string, number>();
const arrived: Array<{ path: string; delivery: string; status: number; verified: boolean; body: string }> = [];

const deliver = () => deliverOutbox({ db, clock, secret: (key) => (key === 'test' ? SECRET : undefined), timeoutMs: 2000 });

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = testDb.db;
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verified = verifyWebhook(SECRET, { timestamp: request.headers['x-lis-timestamp'] as string, signature: request.headers['x-lis-signature'] as string }, body, clock.now());
      const left = failing.get(request.url!) ?? 0;
      const status = left > 0 ? 500 : 204;
      if (left > 0) failing.set(request.url!, left - 1);
      arrived.push({ path: request.url!, delivery: request.headers['x-lis-delivery'] as string, status, verified, body });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await testDb?.close();
});

describe('webhook outbox (issue #7 item 5; P2)', () => {
  it('P2 a target failing twice is retried with backoff and gets the webhook delivered once', async () => {
    failing.set('/flaky', 2);
    const id = await db.transaction((tx) => enqueueWebhook(tx, { event: 'test.event', targetUrl: `${base}/flaky`, secretKey: 'test', payload: { n: 1 }, at: clock.now() }));
    expect(await deliver()).toEqual({ delivered: 0, failed: 1 });
    // not due again before 30 s
    later(29_000);
    expect(await deliver()).toEqual({ delivered: 0, failed: 0 });
    later(1_000);
    expect(await deliver()).toEqual({ delivered: 0, failed: 1 });
    // then a minute
    later(59_000);
    expect(await deliver()).toEqual({ delivered: 0, failed: 0 });
    later(1_000);
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
    expect(await deliver()).toEqual({ delivered: 0, failed: 0 });
    const mine = arrived.filter((a) => a.path === '/flaky');
    expect(mine.map((a) => a.status)).toEqual([500, 500, 204]);
    expect(mine.every((a) => a.verified && a.delivery === id)).toBe(true);
    expect(JSON.parse(mine[2]!.body)).toMatchObject({ id, event: 'test.event', data: { n: 1 } });
    const [row] = await listOutbox(db, { pending: false, event: 'test.event', limit: 10 });
    expect(row).toMatchObject({ id, attempts: 3, lastStatus: 204, lastError: null, deliveredAt: clock.now().toISOString() });
  });

  it('P2 a target that never answers keeps its webhook queued; the delay doubles up to 6 hours', async () => {
    // nothing listens there
    const id = await db.transaction((tx) => enqueueWebhook(tx, { event: 'test.down', targetUrl: 'http://127.0.0.1:9/down', secretKey: 'test', payload: {}, at: clock.now() }));
    for (let i = 0; i < 12; i++) {
      expect((await deliver()).failed).toBe(1);
      later(MAX_RETRY_MS);
    }
    const [row] = await listOutbox(db, { pending: true, event: 'test.down', limit: 10 });
    expect(row).toMatchObject({ id, attempts: 12, deliveredAt: null, lastStatus: null, lastError: expect.any(String) });
    expect([1, 2, 3, 4, 20].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, MAX_RETRY_MS]);
  });

  it('P2 a webhook whose secret is not configured waits, and is sent once it is', async () => {
    await db.transaction((tx) => enqueueWebhook(tx, { event: 'test.nosecret', targetUrl: `${base}/later`, secretKey: 'other', payload: {}, at: clock.now() }));
    const result = await deliverOutbox({ db, clock, secret: () => undefined });
    expect(result.delivered).toBe(0);
    expect((await listOutbox(db, { pending: true, event: 'test.nosecret', limit: 1 }))[0]!.lastError).toMatch(/no secret/);
    later(MAX_RETRY_MS);
    const ok = await deliverOutbox({ db, clock, secret: () => SECRET, timeoutMs: 2000 });
    expect(ok.delivered).toBeGreaterThanOrEqual(1);
    expect(arrived.filter((a) => a.path === '/later')).toHaveLength(1);
  });

  it('P2 a target gets its webhooks in order: a later one waits while the earlier one is retried', async () => {
    failing.set('/ordered', 1);
    const first = await db.transaction((tx) => enqueueWebhook(tx, { event: 'test.ordered', targetUrl: `${base}/ordered`, secretKey: 'test', payload: { n: 1 }, at: clock.now() }));
    const second = await db.transaction((tx) => enqueueWebhook(tx, { event: 'test.ordered', targetUrl: `${base}/ordered`, secretKey: 'test', payload: { n: 2 }, at: clock.now() }));
    // another target is not held up
    await db.transaction((tx) => enqueueWebhook(tx, { event: 'test.other', targetUrl: `${base}/other`, secretKey: 'test', payload: {}, at: clock.now() }));
    expect(await deliver()).toEqual({ delivered: 1, failed: 1 });
    later(30_000);
    expect(await deliver()).toEqual({ delivered: 2, failed: 0 });
    expect(arrived.filter((a) => a.path === '/ordered').map((a) => [a.delivery, a.status])).toEqual([[first, 500], [first, 204], [second, 204]]);
  });

  it('P2 the signature covers the timestamp and the body', () => {
    const now = clock.now();
    const ts = String(Math.floor(now.getTime() / 1000));
    const sig = signWebhook(SECRET, ts, '{"a":1}');
    expect(verifyWebhook(SECRET, { timestamp: ts, signature: sig }, '{"a":1}', now)).toBe(true);
    expect(verifyWebhook(SECRET, { timestamp: ts, signature: sig }, '{"a":2}', now)).toBe(false);
    expect(verifyWebhook('other', { timestamp: ts, signature: sig }, '{"a":1}', now)).toBe(false);
    expect(verifyWebhook(SECRET, { timestamp: ts, signature: sig }, '{"a":1}', new Date(now.getTime() + 301_000))).toBe(false);
  });
});
