import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp } from '../../../test/support/test-app.js';
import { MutableClock } from '../../../test/support/mutable-clock.js';
import { createActiveAccount, signIn, signInAsAdministrator } from '../../../test/support/accounts.js';
import { seedDemo } from '../demo/index.js';
import { unitsCoveredBy } from '../accounts/index.js';
import { unitIdsByCode } from '../units/index.js';
import { PUBLISHED, publishedSchema } from './share-schemas.js';
import { deliverWebhooks, sharingUsage, webhookSignature } from './index.js';
import { urlCarriesIdNumber } from './share-gateway.routes.js';

// Data sharing (S-SHARE, O5, U4, F3; issue #11) on a fresh database with a small demo.
// Consumers are registered through the API by a Department administrator; /share is
// called with OAuth 2.0 client-credentials tokens. The clock is a MutableClock.

let testDb: TestDatabase;
let db: Database;
let app: FastifyInstance;
let keysDir: string;
const clock = new MutableClock(new Date('2026-11-25T03:00:00Z'));
let admin: string;
let reader: string; // agency_reader: reports.read, no sharing.manage

/** a live parcel with an individual holder and a certificate */
let inside: { unitCode: string; sheetNumber: number; parcelNumber: number; nationalCode: string };
let serialInside: string;
const OUTSIDE_UNIT = '25216'; // Phường Thác Mơ

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new Map(PUBLISHED.map((p) => {
  const schema = publishedSchema(p) as { definitions: { response: object } };
  return [p.code, ajv.compile(schema.definitions.response)] as const;
}));
function expectPublishedShape(code: string, body: unknown): void {
  const validate = validators.get(code)!;
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
}

const api = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
  app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });

function consumerBody(clientId: string, overrides: Record<string, unknown> = {}) {
  return {
    clientId,
    agency: 'Cục Thuế tỉnh Đồng Nai',
    contact: { name: 'Lê Văn Thuế', email: 'thue@example.gov.vn', phone: '0251 3822 000' },
    decision: { number: '123/QĐ-STNMT', date: '2026-10-01', issuer: 'Sở Nông nghiệp và Môi trường tỉnh Đồng Nai' },
    services: ['parcel-info', 'certificate-status', 'parcel-planning', 'parcel-price', 'unit-statistics', 'parcel-changes'],
    unitCodes: [inside.unitCode],
    personalData: false,
    ratePerMinute: 1000,
    validFrom: '2026-10-01T00:00:00Z',
    validTo: null,
    ...overrides,
  };
}

async function register(clientId: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; clientId: string; clientSecret: string; secretId: string }> {
  const res = await api('POST', '/sharing/consumers', admin, consumerBody(clientId, overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
async function tokenFor(clientId: string, secret: string, scope?: string): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST', url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
    payload: form({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }),
  });
}
async function token(clientId: string, secret: string): Promise<string> {
  const res = await tokenFor(clientId, secret);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().access_token;
}
const share = (url: string, bearer: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}`, ...headers } });
const parcelUrl = (p: { unitCode: string; sheetNumber: number; parcelNumber: number }, tail = '') => `/share/v1/parcels/${p.unitCode}/${p.sheetNumber}/${p.parcelNumber}${tail}`;

async function exchangeRows(clientId: string) {
  const { rows } = await db.query<{ status: number; service: string | null; personal_data: boolean; payload_sha256: string; xroad_client: string | null; xroad_user_id: string | null; xroad_issue: string | null; params: unknown; records: number; path: string }>(
    'select status, service, personal_data, payload_sha256, xroad_client, xroad_user_id, xroad_issue, params, records, path from sharing_exchange where client_id = $1 order by at, id',
    [clientId],
  );
  return rows;
}

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = testDb.db;
  await seedDemo(db, { parcels: 600, seed: 3 });
  keysDir = await fs.mkdtemp(path.join(os.tmpdir(), 'lis-sharing-keys-'));
  app = await buildTestApp(db, { LIS_SHARING_KEYS_DIR: keysDir, LIS_SHARING_TOKEN_TTL_SECONDS: '300' }, clock);
  admin = (await signInAsAdministrator(app, db, clock)).cookie;
  const { rows } = await db.query<{ unitCode: string; sheetNumber: number; parcelNumber: number; nationalCode: string; serial: string | null }>(
    `select distinct on (u.code) u.code as "unitCode", p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber", p.national_code as "nationalCode",
            (select c.serial from certificate_parcel cp join certificate c on c.id = cp.certificate_id
              where cp.parcel_uid = p.parcel_uid and c.valid_to is null limit 1) as serial
       from parcel p join admin_unit u on u.id = p.unit_id
       join land_right r on r.parcel_id = p.id and r.valid_to is null and r.asset_uid is null
       join party y on y.id = r.party_id and y.kind = 'individual'
      where p.valid_to is null
        and exists (select 1 from certificate_parcel cp join certificate c on c.id = cp.certificate_id where cp.parcel_uid = p.parcel_uid and c.valid_to is null)
      order by u.code, p.sheet_number, p.parcel_number`,
  );
  const a = rows[0]!;
  inside = { unitCode: a.unitCode, sheetNumber: a.sheetNumber, parcelNumber: a.parcelNumber, nationalCode: a.nationalCode };
  serialInside = a.serial!;
  // the demo's communes were all merged into one ward in 2025, and a grant follows the
  // mergers: the consumer "outside" is granted another ward, which covers none of them
  const covered = new Set(await unitsCoveredBy(db, await unitIdsByCode(db, OUTSIDE_UNIT)));
  expect(covered.has((await unitIdsByCode(db, inside.unitCode))[0]!)).toBe(false);
  const account = await createActiveAccount(db, clock, [{ role: 'agency_reader', unitCode: inside.unitCode }]);
  reader = await signIn(app, account.username, account.password);
}, 240_000);

afterAll(async () => {
  await app?.close();
  await testDb?.close();
  if (keysDir) await fs.rm(keysDir, { recursive: true, force: true });
});

describe('S-SHARE consumers (O5, U4)', () => {
  it('S-SHARE registers a consumer on its granting decision, shows the secret once and audits it', async () => {
    const created = await register('cuc-thue');
    expect(created.clientSecret).toMatch(/^lis_[A-Za-z0-9_-]{43}$/);
    const read = await api('GET', `/sharing/consumers/${created.id}`, admin);
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain(created.clientSecret);
    expect(read.body).not.toContain('argon2');
    expect(read.json()).toMatchObject({ clientId: 'cuc-thue', unitCodes: [inside.unitCode], decision: { number: '123/QĐ-STNMT', date: '2026-10-01' }, secrets: [{ label: 'initial', retiredAt: null }] });
    const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'sharing.consumer_registered' and object_id = $1`, [created.id]);
    expect(rows[0]!.n).toBe(1);
    const again = await api('POST', '/sharing/consumers', admin, consumerBody('cuc-thue'));
    expect(again.statusCode).toBe(409);
  });

  it('S-SHARE refuses unknown services and units, naming the field', async () => {
    const badService = await api('POST', '/sharing/consumers', admin, consumerBody('bad-service', { services: ['parcel-info', 'everything'] }));
    expect(badService.statusCode).toBe(400);
    expect(badService.json().error.details.field).toBe('services');
    const badUnit = await api('POST', '/sharing/consumers', admin, consumerBody('bad-unit', { unitCodes: ['99999'] }));
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.json().error.details.field).toBe('unitCodes');
  });

  it('S-SHARE consumers are managed with sharing.manage only', async () => {
    expect((await api('GET', '/sharing/consumers', reader)).statusCode).toBe(403);
    expect((await api('POST', '/sharing/consumers', reader, consumerBody('not-allowed'))).statusCode).toBe(403);
  });
});

describe('S-SHARE machine authentication: OAuth 2.0 client credentials (RFC 6749 §4.4)', () => {
  let consumer: { id: string; clientId: string; clientSecret: string; secretId: string };
  beforeAll(async () => {
    consumer = await register('ngan-hang-a');
  });

  it('S-SHARE issues a short-lived ES256 token verifiable with the published JWKS (Basic or body credentials)', async () => {
    const basic = await tokenFor(consumer.clientId, consumer.clientSecret);
    expect(basic.statusCode, basic.body).toBe(200);
    expect(basic.headers['cache-control']).toBe('no-store');
    expect(basic.json()).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    const body = await app.inject({
      method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ grant_type: 'client_credentials', client_id: consumer.clientId, client_secret: consumer.clientSecret, scope: 'parcel-info' }),
    });
    expect(body.statusCode, body.body).toBe(200);
    expect(body.json().scope).toBe('parcel-info');
    const jwks = (await app.inject({ method: 'GET', url: '/share/.well-known/jwks.json' })).json();
    expect(jwks.keys.every((k: { d?: string }) => k.d === undefined)).toBe(true);
    const { payload, protectedHeader } = await jwtVerify(basic.json().access_token, createLocalJWKSet(jwks), { currentDate: clock.now() });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload.sub).toBe(consumer.clientId);
    expect(payload.exp! - payload.iat!).toBe(300);
  });

  it('S-SHARE refuses a wrong secret, an unknown client and another grant type in the OAuth error shape', async () => {
    const wrong = await tokenFor(consumer.clientId, 'lis_wrong');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toBe('invalid_client');
    expect((await tokenFor('nobody-here', 'x')).json().error).toBe('invalid_client');
    const grant = await app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ grant_type: 'password' }) });
    expect(grant.statusCode).toBe(400);
    expect(grant.json().error).toBe('unsupported_grant_type');
    const scope = await tokenFor(consumer.clientId, consumer.clientSecret, 'parcel-info webhooks');
    expect(scope.json().error).toBe('invalid_scope');
  });

  it('S-SHARE rotates client secrets without downtime: two active at most, the old one retired last', async () => {
    const second = await api('POST', `/sharing/consumers/${consumer.id}/secrets`, admin, { label: '2026-12' });
    expect(second.statusCode, second.body).toBe(201);
    const { clientSecret: newSecret } = second.json();
    expect((await tokenFor(consumer.clientId, consumer.clientSecret)).statusCode).toBe(200);
    expect((await tokenFor(consumer.clientId, newSecret)).statusCode).toBe(200);
    expect((await api('POST', `/sharing/consumers/${consumer.id}/secrets`, admin, { label: 'third' })).statusCode).toBe(409);
    const retired = await api('POST', `/sharing/consumers/${consumer.id}/secrets/${consumer.secretId}/retire`, admin);
    expect(retired.statusCode).toBe(204);
    expect((await tokenFor(consumer.clientId, consumer.clientSecret)).statusCode).toBe(401);
    expect((await tokenFor(consumer.clientId, newSecret)).statusCode).toBe(200);
    consumer.clientSecret = newSecret;
  });

  it('S-SHARE rotates the signing key: tokens signed before still work until they expire, new ones use the new key', async () => {
    const before = await token(consumer.clientId, consumer.clientSecret);
    const oldKid = decodeProtectedHeader(before).kid;
    const rotated = await api('POST', '/sharing/signing-keys/rotate', admin, { reason: 'xoay vòng định kỳ' });
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.json().kid).not.toBe(oldKid);
    expect((await share(parcelUrl(inside), before)).statusCode).toBe(200);
    const after = await token(consumer.clientId, consumer.clientSecret);
    expect(decodeProtectedHeader(after).kid).toBe(rotated.json().kid);
    const jwks = (await app.inject({ method: 'GET', url: '/share/.well-known/jwks.json' })).json();
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toEqual(expect.arrayContaining([oldKid, rotated.json().kid]));
    // a token outlives nothing: 5 minutes later it is refused
    clock.advanceDays(301 / 86_400);
    const expired = await share(parcelUrl(inside), after);
    expect(expired.statusCode).toBe(401);
    expect(expired.headers['www-authenticate']).toContain('invalid_token');
  });

  it('S-SHARE a suspended consumer is refused at once, its token notwithstanding', async () => {
    const c = await register('suspend-me');
    const bearer = await token(c.clientId, c.clientSecret);
    expect((await share(parcelUrl(inside), bearer)).statusCode).toBe(200);
    const change = await api('PUT', `/sharing/consumers/${c.id}`, admin, { ...consumerBody('x'), clientId: undefined, status: 'suspended' });
    expect(change.statusCode, change.body).toBe(200);
    expect((await share(parcelUrl(inside), bearer)).statusCode).toBe(401);
    expect((await tokenFor(c.clientId, c.clientSecret)).statusCode).toBe(401);
  });
});

describe('S-SHARE default services: scope, personal data, published structures', () => {
  let masked: string;
  let personal: string;
  let planningOnly: string;
  let outsider: string; // granted another ward, with personal data
  beforeAll(async () => {
    const o = await register('ngoai-pham-vi', { unitCodes: [OUTSIDE_UNIT], personalData: true });
    outsider = await token(o.clientId, o.clientSecret);
    const a = await register('so-xay-dung');
    masked = await token(a.clientId, a.clientSecret);
    const b = await register('toa-an', { personalData: true, agency: 'Tòa án nhân dân tỉnh Đồng Nai' });
    personal = await token(b.clientId, b.clientSecret);
    const c = await register('chi-quy-hoach', { services: ['parcel-planning'] });
    planningOnly = await token(c.clientId, c.clientSecret);
  });

  it('S-SHARE parcel-info: masked holders without the personal-data permission, in the published v1 structure', async () => {
    const res = await share(parcelUrl(inside), masked);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expectPublishedShape('parcel-info', body);
    expect(body.masked).toBe(true);
    const person = body.holders.find((h: { kind: string }) => h.kind === 'individual');
    expect(person.name).toMatch(/^\S+( \S\.)+$/); // "Nguyễn V. A."
    expect(person.idNumber).toMatch(/^\*+[0-9]{3}$/);
    expect(person.birthYear).toBeNull();
  });

  it('S-SHARE parcel-info: unmasked with the personal-data permission, and the read is in the audit log under the consumer', async () => {
    const res = await share(parcelUrl(inside), personal);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expectPublishedShape('parcel-info', body);
    expect(body.masked).toBe(false);
    const person = body.holders.find((h: { kind: string }) => h.kind === 'individual');
    expect(person.idNumber).toMatch(/^[0-9]{12}$/);
    const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'read.personal' and actor_name = 'sharing:toa-an'`);
    expect(rows[0]!.n).toBeGreaterThanOrEqual(1);
    const logged = (await exchangeRows('toa-an')).find((r) => r.status === 200);
    expect(logged).toMatchObject({ status: 200, service: 'parcel-info', personal_data: true, records: 1 });
  });

  it('S-SHARE a parcel outside the consumer units answers 404 as an unknown one does (by key and by national code)', async () => {
    const out = await share(parcelUrl(inside), outsider);
    expect(out.statusCode).toBe(404);
    const unknown = await share(parcelUrl({ ...inside, parcelNumber: 99999 }), personal);
    expect(unknown.statusCode).toBe(404);
    expect(out.json().error.code).toBe(unknown.json().error.code);
    expect((await share(`/share/v1/parcels/by-code/${inside.nationalCode}`, outsider)).statusCode).toBe(404);
    const byCode = await share(`/share/v1/parcels/by-code/${inside.nationalCode}`, masked);
    expect(byCode.statusCode).toBe(200);
    expect(byCode.json().parcel).toMatchObject({ sheetNumber: inside.sheetNumber, parcelNumber: inside.parcelNumber });
  });

  it('S-SHARE certificate-status: in scope in the published structure, masked; outside scope 404', async () => {
    const res = await share(`/share/v1/certificates/${serialInside}`, masked);
    expect(res.statusCode, res.body).toBe(200);
    expectPublishedShape('certificate-status', res.json());
    expect(res.json().masked).toBe(true);
    expect((await share(`/share/v1/certificates/${serialInside}`, outsider)).statusCode).toBe(404);
  });

  it('S-SHARE planning, price and statistics answer in their published structures or with the module\'s own 404', async () => {
    const planning = await share(parcelUrl(inside, '/planning?date=2026-11-25'), masked);
    expect(planning.statusCode, planning.body).toBe(200);
    expectPublishedShape('parcel-planning', planning.json());
    const price = await share(parcelUrl(inside, '/price?date=2026-11-25'), masked);
    expect([200, 404], price.body).toContain(price.statusCode);
    if (price.statusCode === 200) expectPublishedShape('parcel-price', price.json());
    const stats = await share(`/share/v1/statistics/${inside.unitCode}?date=2026-11-25`, masked);
    expect(stats.statusCode, stats.body).toBe(200);
    expectPublishedShape('unit-statistics', stats.json());
    expect(stats.json().rows.length).toBeGreaterThan(0);
    expect((await share(`/share/v1/statistics/${inside.unitCode}?date=2026-11-25`, outsider)).statusCode).toBe(404);
    expect((await share(parcelUrl(inside, '/planning?date=2026-11-25'), outsider)).statusCode).toBe(404);
    expect((await share(parcelUrl(inside, '/price?date=2026-11-25'), outsider)).statusCode).toBe(404);
  });

  it('S-SHARE a service not granted answers 403; a retired version answers 410 with a bilingual message', async () => {
    expect((await share(parcelUrl(inside), planningOnly)).statusCode).toBe(403);
    const retire = await api('PUT', '/sharing/services/parcel-info/1/retirement', admin, { retiredAt: clock.now().toISOString() });
    expect(retire.statusCode, retire.body).toBe(204);
    const gone = await share(parcelUrl(inside), masked);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error.message.vi).toContain('đã ngừng');
    expect(gone.json().error.message.en).toContain('retired');
    expect((await api('PUT', '/sharing/services/parcel-info/1/retirement', admin, { retiredAt: null })).statusCode).toBe(204);
    expect((await share(parcelUrl(inside), masked)).statusCode).toBe(200);
  });

  it('S-SHARE parcel-changes: approved changes on the consumer units since a day, page by page with a cursor', async () => {
    const { rows: [parcel] } = await db.query<{ id: string }>(
      `select p.id from parcel p join admin_unit u on u.id = p.unit_id where u.code = $1 and p.sheet_number = $2 and p.parcel_number = $3 and p.valid_to is null`,
      [inside.unitCode, inside.sheetNumber, inside.parcelNumber],
    );
    for (const [status, at] of [['approved', '2026-11-20T02:00:00Z'], ['approved', '2026-11-21T02:00:00Z'], ['pending', null]] as const) {
      await db.query(
        `insert into land_change (change_type, status, legal_basis, parcel_id, edits, based_on, created_at, decided_at, effective_at)
         select code, $1, 'Hợp đồng chuyển nhượng số 12/2026', $2::uuid, '{}', '{}', '2026-11-19T00:00:00Z', $3::timestamptz, $3::timestamptz from change_type limit 1`,
        [status, parcel!.id, at],
      );
    }
    const first = await share('/share/v1/changes?since=2026-11-20&limit=1', masked);
    expect(first.statusCode, first.body).toBe(200);
    expectPublishedShape('parcel-changes', first.json());
    expect(first.json().changes).toHaveLength(1);
    expect(first.json().changes[0]).toMatchObject({ effectiveAt: '2026-11-20T02:00:00.000Z', parcel: { nationalCode: inside.nationalCode } });
    const second = (await share(`/share/v1/changes?cursor=${first.json().next}&limit=1`, masked)).json();
    expect(second.changes.map((c: { effectiveAt: string }) => c.effectiveAt)).toEqual(['2026-11-21T02:00:00.000Z']);
    const third = (await share(`/share/v1/changes?cursor=${second.next}`, masked)).json();
    expect(third).toEqual({ changes: [], next: second.next }); // poll again later from there
    expect((await share('/share/v1/changes?since=2026-11-21', masked)).json().changes).toHaveLength(1); // 21 Nov 09:00 in Việt Nam
    expect((await share('/share/v1/changes?since=2026-11-20', outsider)).json().changes).toEqual([]);
    expect((await share('/share/v1/changes', masked)).statusCode).toBe(400);
    expect((await share('/share/v1/changes?cursor=bm90LWEtY3Vyc29y', masked)).statusCode).toBe(400);
  });

  it('S-SHARE change webhooks: HMAC-signed batches from the feed, retried after a failure, the cursor moved only on 2xx', async () => {
    const received: Array<{ body: string; headers: http.IncomingHttpHeaders }> = [];
    let answer = 500;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ body, headers: req.headers });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lis-hook`;
      const c = await register('webhook-xd', { services: ['parcel-changes'] });
      const set = await api('PUT', `/sharing/consumers/${c.id}/webhook`, admin, { url, since: '2026-11-20' });
      expect(set.statusCode, set.body).toBe(200);
      const { secret } = set.json();
      expect(await deliverWebhooks({ db, clock })).toEqual({ delivered: 0, failed: 1 });
      expect(received).toHaveLength(1);
      // not due again before its delay; then delivered, and nothing more to send
      expect(await deliverWebhooks({ db, clock })).toEqual({ delivered: 0, failed: 0 });
      clock.advanceDays(2 / 1440);
      answer = 204;
      expect(await deliverWebhooks({ db, clock })).toEqual({ delivered: 1, failed: 0 });
      expect(await deliverWebhooks({ db, clock })).toEqual({ delivered: 0, failed: 0 });
      const last = received.at(-1)!;
      expect(last.headers['x-lis-signature']).toBe(webhookSignature(secret, String(last.headers['x-lis-timestamp']), last.body));
      expect(JSON.parse(last.body).changes.map((x: { effectiveAt: string }) => x.effectiveAt)).toEqual(['2026-11-20T02:00:00.000Z', '2026-11-21T02:00:00.000Z']);
      expect((await api('GET', `/sharing/consumers/${c.id}`, admin)).json().webhook).toMatchObject({ attempts: 0, lastStatus: 204, cursorAt: '2026-11-21T02:00:00.000Z' });
      const pushes = (await exchangeRows('webhook-xd')).map((r) => r.status).sort();
      expect(pushes).toEqual([204, 500]);
    } finally {
      server.close();
    }
  });

  it('S-SHARE ioc-indicators: dossiers, registered changes and exchanges over a period, in the published structure', async () => {
    const ioc = await register('ioc-dong-nai', { services: ['ioc-indicators'], agency: 'Trung tâm điều hành thông minh tỉnh' });
    const res = await share('/share/v1/ioc/indicators?from=2026-11-20&to=2026-11-25', await token(ioc.clientId, ioc.clientSecret));
    expect(res.statusCode, res.body).toBe(200);
    expectPublishedShape('ioc-indicators', res.json());
    expect(res.json().landChanges.approved).toBe(2); // the two approved in the feed test, not the pending one
    expect(res.json().dossiers.received).toBe(0);
    expect(res.json().sharing.requests).toBeGreaterThan(10);
    expect(res.json().sharing.served + res.json().sharing.refused).toBe(res.json().sharing.requests);
  });

  it('S-SHARE the catalogue, the schemas and the OpenAPI document are published', async () => {
    const services = (await app.inject({ method: 'GET', url: '/share/v1/services' })).json().services;
    // the catalogue and the published structures name the same service versions
    expect(services.map((s: { code: string; version: number }) => `${s.code} v${s.version}`).sort()).toEqual(PUBLISHED.map((p) => `${p.code} v${p.version}`).sort());
    const schema = await app.inject({ method: 'GET', url: '/share/v1/schemas/parcel-info.json' });
    expect(schema.statusCode).toBe(200);
    expect(schema.json().$id).toBe('urn:lis:share:v1:parcel-info');
    const openapi = (await app.inject({ method: 'GET', url: '/share/v1/openapi.json' })).json();
    expect(openapi.openapi).toBe('3.0.3');
    expect(Object.keys(openapi.paths)).toContain('/share/v1/parcels/{unitCode}/{sheetNumber}/{parcelNumber}');
  });
});

describe('S-SHARE national platforms (Nghị định 47/2020), exchange log and signed receipts', () => {
  let consumer: { id: string; clientId: string; clientSecret: string };
  let bearer: string;
  beforeAll(async () => {
    consumer = await register('lgsp-dong-nai');
    bearer = await token(consumer.clientId, consumer.clientSecret);
  });

  it('S-SHARE holder-parcels takes the ID number in a POST body, only with the personal-data permission; the log keeps no ID number', async () => {
    const { rows: [holder] } = await db.query<{ id_number: string }>(
      `select y.id_number from parcel p join admin_unit u on u.id = p.unit_id
         join land_right r on r.parcel_id = p.id and r.valid_to is null and r.asset_uid is null
         join party y on y.id = r.party_id and y.kind = 'individual'
        where u.code = $1 and p.sheet_number = $2 and p.parcel_number = $3 and p.valid_to is null limit 1`,
      [inside.unitCode, inside.sheetNumber, inside.parcelNumber],
    );
    const idNumber = holder!.id_number;
    const p = await register('cong-an', { personalData: true, services: ['holder-parcels'] });
    const post = (bearer: string) => app.inject({ method: 'POST', url: '/share/v1/parcels/search', headers: { authorization: `Bearer ${bearer}` }, payload: { idNumber } });
    const res = await post(await token(p.clientId, p.clientSecret));
    expect(res.statusCode, res.body).toBe(200);
    expectPublishedShape('holder-parcels', res.json());
    expect(res.json().parcels.some((x: { sheetNumber: number; parcelNumber: number }) => x.sheetNumber === inside.sheetNumber && x.parcelNumber === inside.parcelNumber)).toBe(true);
    const { rows: logged } = await db.query<{ params: unknown; personal_data: boolean }>(`select params, personal_data from sharing_exchange where client_id = 'cong-an'`);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.personal_data).toBe(true);
    expect(JSON.stringify(logged[0]!.params)).not.toContain(idNumber);
    const m = await register('khong-ca-nhan', { personalData: false, services: ['holder-parcels'] });
    expect((await post(await token(m.clientId, m.clientSecret))).statusCode).toBe(403);
  });

  it('S-SHARE refuses a personal ID number in the URL, and logs the refusal', async () => {
    const res = await share(`${parcelUrl(inside)}?holder=070190605773`, bearer);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message.vi).toContain('đường dẫn');
    expect(urlCarriesIdNumber('/share/v1/parcels/25198/12/345')).toBe(false);
    expect(urlCarriesIdNumber('/share/v1/x/123456789')).toBe(true);
    expect(urlCarriesIdNumber('/share/v1/x?cmnd=123456789')).toBe(true);
    expect(urlCarriesIdNumber('/share/v1/x?q=1234567890')).toBe(false);
    const logged = (await exchangeRows(consumer.clientId)).find((r) => r.status === 400);
    expect(logged).toMatchObject({ status: 400, records: 0 });
    expect(JSON.stringify(logged!.params)).not.toContain('070190605773');
  });

  it('S-SHARE records the X-Road headers and signs a receipt over the payload hash, fetchable again', async () => {
    const res = await share(parcelUrl(inside), bearer, { 'X-Road-Client': 'VN/GOV/000.00.00.H19/LGSP', 'X-Road-UserId': 'can-bo-01', 'X-Road-Issue': 'HS-2026-000123' });
    expect(res.statusCode).toBe(200);
    const receipt = res.headers['x-lis-receipt'] as string;
    const exchangeId = res.headers['x-lis-exchange-id'] as string;
    const jwks = (await app.inject({ method: 'GET', url: '/share/.well-known/jwks.json' })).json();
    const { payload } = await compactVerify(receipt, createLocalJWKSet(jwks));
    const claims = JSON.parse(new TextDecoder().decode(payload));
    const hash = crypto.createHash('sha256').update(res.rawPayload).digest('hex');
    expect(claims).toMatchObject({ exchangeId, consumer: consumer.clientId, service: 'parcel-info', version: 1, status: 200, payloadSha256: hash });
    const { rows: [logged] } = await db.query('select * from sharing_exchange where id = $1', [exchangeId]);
    expect(logged).toMatchObject({ payload_sha256: hash, xroad_client: 'VN/GOV/000.00.00.H19/LGSP', xroad_user_id: 'can-bo-01', xroad_issue: 'HS-2026-000123' });
    const again = await share(`/share/v1/receipts/${exchangeId}`, bearer);
    expect(again.statusCode).toBe(200);
    expect(again.json().receipt).toBe(receipt);
    // another consumer cannot fetch it
    const other = await register('khac-nhau');
    expect((await share(`/share/v1/receipts/${exchangeId}`, await token(other.clientId, other.clientSecret))).statusCode).toBe(404);
    // the log is append-only
    await expect(db.query('delete from sharing_exchange')).rejects.toThrow(/append-only/);
  });

  it('S-SHARE rate limit: requests beyond the consumer rate in a minute answer 429, counted and logged; the next minute is open again', async () => {
    const limited = await register('gioi-han', { ratePerMinute: 3 });
    const bearer3 = await token(limited.clientId, limited.clientSecret);
    clock.advanceDays(60 / 86_400); // a fresh minute
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await share(parcelUrl(inside), bearer3)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await share(parcelUrl(inside), bearer3);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await exchangeRows(limited.clientId)).length).toBe(6);
    clock.advanceDays(60 / 86_400);
    expect((await share(parcelUrl(inside), bearer3)).statusCode).toBe(200);
  });

  it('S-SHARE usage per consumer and service for a period (reports.read), the same as sharingUsage', async () => {
    const res = await api('GET', '/sharing/usage?from=2026-11-25&to=2026-11-25', reader);
    expect(res.statusCode, res.body).toBe(200);
    const row = res.json().rows.find((r: { clientId: string; service: string }) => r.clientId === 'gioi-han' && r.service === 'parcel-info');
    expect(row).toMatchObject({ requests: 7, succeeded: 4, refused: 3, records: 4, personalData: 0, agency: 'Cục Thuế tỉnh Đồng Nai' });
    expect((await sharingUsage(db, '2026-11-25', '2026-11-25')).rows).toEqual(res.json().rows);
    expect((await sharingUsage(db, '2026-11-26', '2026-11-30')).rows).toEqual([]);
  });
});

describe('S-SHARE special-request sharing (Art. 4.3)', () => {
  it('S-SHARE a request from filing to approval with conditions, delivered extract, and its link expiring (410)', async () => {
    const c = await register('so-tai-chinh', { agency: 'Sở Tài chính tỉnh Đồng Nai' });
    const bearer = await token(c.clientId, c.clientSecret);
    const filed = await app.inject({
      method: 'POST', url: '/share/v1/requests', headers: { authorization: `Bearer ${bearer}` },
      payload: { purpose: 'Rà soát đất công phục vụ đấu giá', unitCode: inside.unitCode, asOf: '2026-11-25', landUseCodes: ['ODT', 'ONT', 'CLN'], format: 'geojson' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const { id } = filed.json();
    const pending = await share(`/share/v1/requests/${id}`, bearer);
    expect(pending.json()).toMatchObject({ status: 'filed', downloadUrl: null, agency: 'Sở Tài chính tỉnh Đồng Nai' });
    expect((await api('GET', '/sharing/requests', admin)).json().requests.map((r: { id: string }) => r.id)).toContain(id);

    const decided = await api('POST', `/sharing/requests/${id}/decision`, admin, { approve: true, conditions: 'Chỉ dùng cho mục đích đã nêu; không công bố', linkHours: 2 });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'delivered', conditions: 'Chỉ dùng cho mục đích đã nêu; không công bố' });
    expect((await api('POST', `/sharing/requests/${id}/decision`, admin, { approve: false })).statusCode).toBe(409);

    const seen = (await share(`/share/v1/requests/${id}`, bearer)).json();
    expect(seen.downloadUrl).toMatch(/^\/share\/v1\/deliveries\//);
    const file = await app.inject({ method: 'GET', url: seen.downloadUrl });
    expect(file.statusCode, file.body).toBe(200);
    expect(file.headers['content-type']).toContain('application/geo+json');
    const geojson = JSON.parse(file.body);
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features.length).toBeGreaterThan(0);
    expect(crypto.createHash('sha256').update(file.rawPayload).digest('hex')).toBe(seen.fileSha256);
    // another consumer does not see it
    const other = await register('khong-lien-quan');
    expect((await share(`/share/v1/requests/${id}`, await token(other.clientId, other.clientSecret))).statusCode).toBe(404);

    clock.advanceDays(3 / 24); // past the 2 hours of the link
    admin = (await signInAsAdministrator(app, db, clock)).cookie; // the session went idle meanwhile
    const expired = await app.inject({ method: 'GET', url: seen.downloadUrl });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.message.vi).toContain('hết hạn');
    expect(expired.json().error.message.en).toContain('expired');
    const record = (await api('GET', `/sharing/requests/${id}`, admin)).json();
    expect(record).toMatchObject({ downloads: 1, status: 'delivered', downloadUrl: null });
    const { rows } = await db.query<{ action: string }>(`select action from audit_log where object_id = $1 and action like 'sharing.request%' order by seq`, [id]);
    expect(rows.map((r) => r.action)).toEqual(['sharing.request_delivered', 'sharing.request_downloaded']);
    expect((await app.inject({ method: 'GET', url: '/share/v1/deliveries/not.a.valid-token-at-all' })).statusCode).toBe(404);
  });

  it('S-SHARE an officer files a request for an agency in the portal and refuses it: nothing is produced', async () => {
    const filed = await api('POST', '/sharing/requests', admin, { agency: 'Công an tỉnh Đồng Nai', purpose: 'Xác minh', unitCode: inside.unitCode, asOf: '2026-11-25', format: 'xlsx' });
    expect(filed.statusCode, filed.body).toBe(201);
    const refused = await api('POST', `/sharing/requests/${filed.json().id}/decision`, admin, { approve: false, note: 'Đề nghị gửi văn bản theo Điều 4.3' });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', fileSha256: null, downloadUrl: null, decisionNote: 'Đề nghị gửi văn bản theo Điều 4.3' });
  });
});
