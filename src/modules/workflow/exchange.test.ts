// The tax exchange and the one-stop integration through their machine APIs (issue #7 items
// 4 and 5 must-show; F2, P2): a dossier received from the one-stop simulator, processed with
// the tax round trip through the tax simulator, its status pushed back to the simulator with
// verified signatures; a retried create finds the same dossier; unsigned calls refused and
// audited; the outbox seen by the administrator.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { MutableClock } from '../../../test/support/mutable-clock.js';
import { signInAsAdministrator } from '../../../test/support/accounts.js';
import { changeOfficers, type ChangeOfficers } from '../../../test/support/change-officers.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp } from '../../../test/support/test-app.js';
import { seedDemo } from '../demo/index.js';
import { deliverOutbox } from '../webhooks/index.js';
import { createTaxHttpExchange, createTaxSimulator, sendTaxRequests, signExchangeCall, startOneStopSimulator, type DossierView, type OneStopSimulator, type TaxNotice, type TaxSimulator } from './index.js';

const TAX_SECRET = 'tax-shared-secret-for-tests-0123456789';
const ONE_STOP_SECRET = 'one-stop-shared-secret-for-tests-0123456789';
const UNIT = '25201'; // parcels surveyed under the old ward code
const DESK = '25195'; // the ward that receives dossiers today

const clock = new MutableClock(new Date('2026-11-25T02:00:00Z'));
let testDb: TestDatabase;
let db: Database;
let app: FastifyInstance;
let people: ChangeOfficers;
let oneStop: OneStopSimulator;
let tax: TaxSimulator;
const documentsDir = mkdtempSync(path.join(tmpdir(), 'lis-exchange-docs-'));
const deps = () => ({ db, clock, changes: { db, clock } });
const later = (seconds: number) => clock.advanceDays(seconds / 86_400);

/** A signed call of the tax side to the inbound API. */
async function taxCall(path: string, body: unknown, secret = TAX_SECRET) {
  const text = JSON.stringify(body);
  const timestamp = String(Math.floor(clock.now().getTime() / 1000));
  const res = await app.inject({
    method: 'POST', url: path, payload: text,
    headers: { 'content-type': 'application/json', 'x-lis-timestamp': timestamp, 'x-lis-signature': signExchangeCall(secret, timestamp, 'POST', path, text) },
  });
  return { status: res.statusCode, json: res.json() };
}

const used = new Set<string>();
async function freeParcel(): Promise<{ unitCode: string; sheetNumber: number; parcelNumber: number }> {
  const { rows } = await db.query<{ id: string; sheetNumber: number; parcelNumber: number }>(
    `select p.id, p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber"
       from parcel p join admin_unit u on u.id = p.unit_id
      where u.code = $1 and p.valid_to is null and p.official_area > 300 and p.id <> all($2::uuid[])
        and exists (select 1 from land_right r where r.parcel_id = p.id and r.valid_to is null)
        and not exists (select 1 from land_restriction x where x.parcel_id = p.id and x.valid_to is null)
      order by p.sheet_number, p.parcel_number limit 1`,
    [UNIT, [...used]],
  );
  used.add(rows[0]!.id);
  return { unitCode: UNIT, sheetNumber: rows[0]!.sheetNumber, parcelNumber: rows[0]!.parcelNumber };
}

const dossierBody = (reference: string, parcel: object) => ({
  reference, procedureCode: 'transfer', unitCode: DESK,
  applicant: { fullName: 'Đỗ Thị Thu Hà', idNumber: '070190009876', phone: '0987654321' },
  parcels: [parcel],
  forms: { application: { content: 'Chuyển nhượng quyền sử dụng đất', applicationDate: '2026-11-24', contractNumber: 'HĐCN-88/2026', declaredValue: 1_500_000_000 } },
  documents: [{ type: 'application' }, { type: 'contract' }, { type: 'certificate' }],
});

async function act(id: string, action: string, cookie: string, payload: object = {}): Promise<DossierView> {
  const res = await people.api('POST', `/dossiers/${id}/${action}`, cookie, payload);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DossierView;
}
const view = async (id: string) => (await people.api('GET', `/dossiers/${id}`, people.officer)).json() as DossierView;
const deliver = () => deliverOutbox({ db, clock, secret: (key) => (key === 'one_stop' ? ONE_STOP_SECRET : undefined) });

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = testDb.db;
  await seedDemo(db, { parcels: 400, seed: 3 });
  // the one-stop system listens before the app is built: the app pushes to its URL
  let appRef: FastifyInstance | undefined;
  oneStop = await startOneStopSimulator({
    secret: ONE_STOP_SECRET, now: () => clock.now(),
    transport: async (r) => {
      const res = await appRef!.inject({ method: r.method, url: r.path, headers: r.headers, ...(r.body === undefined ? {} : { payload: r.body }) });
      return { status: res.statusCode, body: res.body };
    },
  });
  app = await buildTestApp(db, { LIS_TAX_SECRET: TAX_SECRET, LIS_ONE_STOP_SECRET: ONE_STOP_SECRET, LIS_ONE_STOP_WEBHOOK_URL: oneStop.url, LIS_DOCUMENTS_DIR: documentsDir }, clock);
  appRef = app;
  people = await changeOfficers(app, db, clock);
  tax = createTaxSimulator({
    clock,
    deliver: async (notice: TaxNotice) => {
      const res = await taxCall('/exchange/v1/tax/notices', notice);
      expect(res.status, JSON.stringify(res.json)).toBe(200);
    },
  });
}, 300_000);
afterAll(async () => {
  await app?.close();
  await oneStop?.close();
  await testDb?.close();
  rmSync(documentsDir, { recursive: true, force: true });
});

describe('a dossier from the one-stop system, the tax round trip, status pushed back (issue #7 must-show; P2, F2)', () => {
  let parcel: { unitCode: string; sheetNumber: number; parcelNumber: number };
  let dossierId: string;
  let receiptCode: string;

  it('P2 the one-stop simulator creates a dossier with its reference; sent again, the same dossier answers', async () => {
    parcel = await freeParcel();
    const created = await oneStop.call('POST', '/exchange/v1/one-stop/mot_cua_tinh/dossiers', dossierBody('MC-2026-000123', parcel));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json).toMatchObject({ system: 'mot_cua_tinh', reference: 'MC-2026-000123', status: 'processing', currentStep: { code: 'check' } });
    receiptCode = created.json.receiptCode;
    expect(receiptCode).toMatch(/^25195-261125-\d{4}$/);
    const again = await oneStop.call('POST', '/exchange/v1/one-stop/mot_cua_tinh/dossiers', dossierBody('MC-2026-000123', parcel));
    expect(again.status).toBe(200);
    expect(again.json.receiptCode).toBe(receiptCode);
    const { rows } = await db.query<{ id: string; channel: string; n: number }>(
      `select d.id, d.channel, (select count(*)::int from dossier x where x.receipt_code like '25195-261125-%') as n from dossier d where d.receipt_code = $1`, [receiptCode]);
    expect(rows).toEqual([expect.objectContaining({ channel: 'one_stop', n: 1 })]);
    dossierId = rows[0]!.id;
  });

  it('F2 entering the tax step queues the land information; the job sends it through the adapter (the simulator)', async () => {
    later(3600);
    await people.later(0);
    const waiting = await act(dossierId, 'complete-step', people.officer, { note: 'Hồ sơ hợp lệ' });
    expect(waiting.status).toBe('waiting_external');
    expect(waiting.exchanges).toEqual([expect.objectContaining({ party: 'tax', status: 'queued', attempts: 0 })]);
    expect(await sendTaxRequests({ ...deps(), exchange: tax })).toEqual({ sent: 1, failed: 0 });
    expect(await sendTaxRequests({ ...deps(), exchange: tax })).toEqual({ sent: 0, failed: 0 });
    const request = tax.received[0] as { receiptCode: string; procedure: { code: string }; transaction: { declaredValue: number }; parcels: Array<{ area: number; landUseCode: string; holders: Array<{ fullName: string }> }> };
    expect(request).toMatchObject({ receiptCode, procedure: { code: 'transfer' }, transaction: { declaredValue: 1_500_000_000 } });
    expect(request.parcels).toEqual([expect.objectContaining({ sheetNumber: parcel.sheetNumber, parcelNumber: parcel.parcelNumber, landUseCode: expect.any(String) })]);
    expect(request.parcels[0]!.area).toBeGreaterThan(300);
    expect(request.parcels[0]!.holders.length).toBeGreaterThan(0);
    const after = await view(dossierId);
    expect(after.exchanges[0]).toMatchObject({ status: 'sent', reference: expect.stringMatching(/^TCT-/), attempts: 1 });
    // the holders went out to the tax authority: a read of personal data, logged
    const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'read.personal' and actor_name = 'Trao đổi thông tin thuế'`);
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('F2 the tax notice comes back signed and is recorded; the dossier waits for the payment', async () => {
    later(3600);
    const [notice] = await tax.flush();
    const request = tax.received[0] as { parcels: Array<{ priceFromTable: { total: number } | null }> };
    const table = request.parcels.reduce((s, p) => s + (p.priceFromTable?.total ?? 0), 0);
    // registration fee 0.5 % of the larger of the declared and the table value; income tax 2 % of the declared value; no land use fee
    expect(notice).toMatchObject({ landUseFee: 0, registrationFee: Math.round(Math.max(1_500_000_000, table) * 0.005), personalIncomeTax: 30_000_000 });
    const d = await view(dossierId);
    expect(d.status).toBe('waiting_external');
    expect(d.timeline.at(-1)).toMatchObject({ action: 'tax.notice', details: { noticeNumber: notice!.noticeNumber, personalIncomeTax: 30_000_000 } });
    expect(d.exchanges[0]).toMatchObject({ status: 'answered', noticeNumber: notice!.noticeNumber });
    // sent twice: accepted once
    const twice = await taxCall('/exchange/v1/tax/notices', notice);
    expect(twice).toMatchObject({ status: 200, json: { duplicate: true } });
    expect((await view(dossierId)).timeline.filter((e) => e.action === 'tax.notice')).toHaveLength(1);
    // the one-stop system reads the amounts to tell the citizen
    const status = await oneStop.call('GET', '/exchange/v1/one-stop/mot_cua_tinh/dossiers/MC-2026-000123');
    expect(status.json.taxNotices).toEqual([expect.objectContaining({ noticeNumber: notice!.noticeNumber, total: notice!.registrationFee + notice!.personalIncomeTax, paid: false })]);
  });

  it('F2 a short payment is refused; the payment in full completes the tax step', async () => {
    later(86_400);
    await people.later(0);
    const notice = (await view(dossierId)).exchanges[0]!.response as unknown as TaxNotice;
    const payment = tax.paymentFor(notice);
    const short = await taxCall('/exchange/v1/tax/payments', { ...payment, amount: payment.amount - 1 });
    expect(short.status).toBe(400);
    expect(short.json.error.details.field).toBe('body/amount');
    const paid = await taxCall('/exchange/v1/tax/payments', payment);
    expect(paid).toMatchObject({ status: 200, json: { receiptCode, status: 'paid' } });
    const d = await view(dossierId);
    expect(d.status).toBe('processing');
    expect(d.currentStep!.code).toBe('record');
    expect(d.exchanges[0]).toMatchObject({ status: 'paid', payment: { receiptNumber: payment.receiptNumber } });
    expect(d.timeline.at(-1)).toMatchObject({ action: 'external.answer', actorName: 'Cơ quan thuế (trao đổi điện tử)', details: { reference: notice.noticeNumber } });
    // the clock did not run while the tax side and the payment were awaited (Nghị định 101/2024, Điều 22)
    expect(d.stepsDone.find((s) => s.code === 'tax')!.workingDays).toBe(0);
  });

  it('P2 a scanned PDF sent with a document through the one-stop simulator: the officer downloads it byte-identical; a text file is refused', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([595, 842]).drawText('HOP DONG CHUYEN NHUONG 88/2026');
    const bytes = Buffer.from(await pdf.save());
    const scansBefore = (await view(dossierId)).scans.length;
    const sent = await oneStop.call('POST', '/exchange/v1/one-stop/mot_cua_tinh/dossiers/MC-2026-000123/documents', {
      documents: [{ type: 'contract', note: 'Hợp đồng chuyển nhượng (bản quét)', file: { fileName: 'hop-dong-88.pdf', contentBase64: bytes.toString('base64'), containsPersonalData: false } }],
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    const d = await view(dossierId);
    expect(d.scans).toHaveLength(scansBefore + 1);
    const scan = d.scans.at(-1)!;
    expect(scan).toMatchObject({ documentType: 'contract', title: `${receiptCode}: hop-dong-88.pdf` });
    expect(d.documents.at(-1)).toMatchObject({ type: 'contract', documentUid: scan.documentUid });
    const versions = await people.api('GET', `/documents/${scan.documentUid}/versions`, people.officer);
    expect(versions.statusCode, versions.body).toBe(200);
    const [stored] = versions.json().versions as Array<{ id: string; mediaType: string; pages: number; links: Array<{ kind: string; ref: string }> }>;
    expect(stored).toMatchObject({ mediaType: 'application/pdf', pages: 1, links: [{ kind: 'dossier', ref: receiptCode }] });
    const download = await people.api('GET', `/documents/${stored!.id}/content`, people.officer);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(download.rawPayload, bytes)).toBe(0);

    // not a PDF, JPEG, PNG or TIFF: refused by its content, nothing recorded
    const entriesBefore = d.documents.length;
    const text = Buffer.from('%%PDF pretending, but only text\n'.repeat(20)).toString('base64');
    const refused = await oneStop.call('POST', '/exchange/v1/one-stop/mot_cua_tinh/dossiers/MC-2026-000123/documents', {
      documents: [{ type: 'other', file: { fileName: 'ghi-chu.pdf', contentBase64: text, containsPersonalData: false } }],
    });
    expect(refused.status, JSON.stringify(refused.json)).toBe(400);
    expect(refused.json.error.code).toBe('VALIDATION_FAILED');
    expect(refused.json.error.details.field).toBe('documents/0/file');
    const after = await view(dossierId);
    expect(after.documents).toHaveLength(entriesBefore);
    expect(after.scans).toHaveLength(scansBefore + 1);
    // the signature covers the bytes: the same call with one byte of the file changed is refused
    const other = Buffer.from(bytes);
    other[other.length - 10] = other[other.length - 10]! ^ 1;
    const signedPath = '/exchange/v1/one-stop/mot_cua_tinh/dossiers/MC-2026-000123/documents';
    const body = (b: Buffer) => JSON.stringify({ documents: [{ type: 'contract', file: { fileName: 'x.pdf', contentBase64: b.toString('base64'), containsPersonalData: false } }] });
    const ts = String(Math.floor(clock.now().getTime() / 1000));
    const tampered = await app.inject({
      method: 'POST', url: signedPath, payload: body(other),
      headers: { 'content-type': 'application/json', 'x-lis-timestamp': ts, 'x-lis-signature': signExchangeCall(ONE_STOP_SECRET, ts, 'POST', signedPath, body(bytes)) },
    });
    expect(tampered.statusCode).toBe(401);
  });

  it('P2 the one-stop system adds a document; the officers finish; the result is done', async () => {
    const added = await oneStop.call('POST', '/exchange/v1/one-stop/mot_cua_tinh/dossiers/MC-2026-000123/documents', { documents: [{ type: 'identity', note: 'CCCD bên nhận chuyển nhượng' }] });
    expect(added.status, JSON.stringify(added.json)).toBe(200);
    expect((await view(dossierId)).documents.map((x) => x.type)).toContain('identity');
    await act(dossierId, 'change', people.officer, { edits: { to: [{ party: { kind: 'individual', fullName: 'Đỗ Thị Thu Hà', idNumber: '070190009876' }, share: 1 }] } });
    await act(dossierId, 'complete-step', people.officer);
    const done = await act(dossierId, 'complete-step', people.leader);
    expect(done.status).toBe('done');
    const late = await oneStop.call('POST', '/exchange/v1/one-stop/mot_cua_tinh/dossiers/MC-2026-000123/documents', { documents: [{ type: 'other' }] });
    expect(late.status).toBe(409);
  });

  it('P2 every status change is pushed to the one-stop system, in order, each signature verified', async () => {
    expect(await deliver()).toEqual({ delivered: 6, failed: 0 });
    expect(await deliver()).toEqual({ delivered: 0, failed: 0 });
    const mine = oneStop.received.filter((w) => w.body.data.receiptCode === receiptCode);
    expect(mine.every((w) => w.verified)).toBe(true);
    expect(mine.map((w) => [w.event, w.body.data.action, w.body.data.status])).toEqual([
      ['dossier.status', 'intake', 'processing'],
      ['dossier.status', 'step.complete', 'waiting_external'],
      ['dossier.tax_notice', 'tax.notice', null],
      ['dossier.status', 'external.answer', 'processing'],
      ['dossier.status', 'step.complete', 'processing'],
      ['dossier.status', 'result', 'done'],
    ]);
    expect(mine.map((w) => w.body.sequence)).toEqual([...mine.map((w) => w.body.sequence)].sort((a, b) => a - b));
    expect(mine[0]!.body.data).toMatchObject({ system: 'mot_cua_tinh', reference: 'MC-2026-000123' });
    expect(mine[2]!.body.data.taxNotice).toMatchObject({ personalIncomeTax: 30_000_000 });
    const status = await oneStop.call('GET', '/exchange/v1/one-stop/mot_cua_tinh/dossiers/MC-2026-000123');
    expect(status.json).toMatchObject({ status: 'done', currentStep: null, taxNotices: [expect.objectContaining({ paid: true })] });
  });

  it('P2 a dossier received at the counter is not pushed anywhere', async () => {
    const before = (await db.query<{ n: number }>('select count(*)::int as n from webhook_outbox')).rows[0]!.n;
    const res = await people.api('POST', '/dossiers', people.officer, { ...dossierBody('x', await freeParcel()), reference: undefined, channel: 'counter' });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as DossierView).id;
    await act(id, 'complete-step', people.officer);
    expect((await db.query<{ n: number }>('select count(*)::int as n from webhook_outbox')).rows[0]!.n).toBe(before);
    // the tax step completed by hand (a paper notice) before the job ran: the request is never sent, and says why
    await act(id, 'complete-step', people.officer, { note: 'Thông báo thuế bản giấy số 12/TB-CCT' });
    expect(await sendTaxRequests({ ...deps(), exchange: tax })).toEqual({ sent: 0, failed: 0 });
    expect((await view(id)).exchanges).toEqual([expect.objectContaining({ status: 'queued', sentAt: null, lastError: expect.stringMatching(/left the step/) })]);
  });
});

describe('machine calls are signed (P2, A4)', () => {
  const path = '/exchange/v1/one-stop/mot_cua_tinh/dossiers/MC-2026-000123';
  const refusals = async () => (await db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'exchange.refused'`)).rows[0]!.n;

  it('P2 no signature, a wrong secret, a stale timestamp, a changed body: 401, each audited', async () => {
    const before = await refusals();
    expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(401);
    const wrong = await taxCall('/exchange/v1/tax/notices', { messageId: crypto.randomUUID() }, 'not-the-secret');
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('UNAUTHENTICATED');
    // a signature of five minutes and more ago
    const old = String(Math.floor(clock.now().getTime() / 1000) - 301);
    const stale = await app.inject({ method: 'GET', url: path, headers: { 'x-lis-timestamp': old, 'x-lis-signature': signExchangeCall(ONE_STOP_SECRET, old, 'GET', path, '') } });
    expect(stale.statusCode).toBe(401);
    // signed for one body, sent with another
    const ts = String(Math.floor(clock.now().getTime() / 1000));
    const signed = JSON.stringify({ documents: [{ type: 'other' }] });
    const tampered = await app.inject({
      method: 'POST', url: `${path}/documents`, payload: JSON.stringify({ documents: [{ type: 'identity' }] }),
      headers: { 'content-type': 'application/json', 'x-lis-timestamp': ts, 'x-lis-signature': signExchangeCall(ONE_STOP_SECRET, ts, 'POST', `${path}/documents`, signed) },
    });
    expect(tampered.statusCode).toBe(401);
    // the one-stop secret does not open the tax API
    const crossed = await taxCall('/exchange/v1/tax/payments', { noticeNumber: 'x' }, ONE_STOP_SECRET);
    expect(crossed.status).toBe(401);
    expect(await refusals()).toBe(before + 5);
    const { rows } = await db.query<{ details: { party: string; reason: string } }>(`select details from audit_log where action = 'exchange.refused' order by seq desc limit 5`);
    expect(rows.map((r) => r.details.party).sort()).toEqual(['one_stop', 'one_stop', 'one_stop', 'tax', 'tax']);
    expect(rows.map((r) => r.details.reason)).toContain('no signature');
  });

  it('P2 an app without the secrets configured refuses every machine call', async () => {
    const bare = await buildTestApp(db, {}, clock);
    try {
      const ts = String(Math.floor(clock.now().getTime() / 1000));
      const res = await bare.inject({ method: 'GET', url: path, headers: { 'x-lis-timestamp': ts, 'x-lis-signature': signExchangeCall(ONE_STOP_SECRET, ts, 'GET', path, '') } });
      expect(res.statusCode).toBe(401);
    } finally {
      await bare.close();
    }
  });
});

describe('the outbox, seen by the administrator (P2)', () => {
  it('P2 a target that keeps failing keeps its webhook queued with its error, listed as pending', async () => {
    oneStop.failAlways(true);
    try {
      const p = await freeParcel();
      expect((await oneStop.call('POST', '/exchange/v1/one-stop/dvc_quoc_gia/dossiers', dossierBody('DVC-1', p))).status).toBe(201);
      for (let i = 0; i < 4; i++) {
        expect((await deliver()).failed).toBe(1);
        later(6 * 3600);
      }
    } finally {
      oneStop.failAlways(false);
    }
    await people.later(0);
    const admin = await signInAsAdministrator(app, db, clock);
    const res = await app.inject({ method: 'GET', url: '/api/v1/webhooks/outbox?pending=true', headers: { cookie: admin.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ event: 'dossier.status', attempts: 4, lastStatus: 503, lastError: 'HTTP 503', deliveredAt: null })]);
    expect((await people.api('GET', '/webhooks/outbox', people.officer)).statusCode).toBe(403);
    // the target is back: delivered, and no longer pending
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
    expect((await app.inject({ method: 'GET', url: '/api/v1/webhooks/outbox?pending=true', headers: { cookie: admin.cookie } })).json().items).toEqual([]);
  });
});

describe('the real tax adapter: HTTP JSON, signed, retried (issue #7 item 4)', () => {
  it('F2 the request is POSTed signed to LIS_TAX_URL; a 503 is retried after 30 s; the reference in the answer is kept', async () => {
    const calls: Array<{ verified: boolean; status: number; body: { receiptCode: string } }> = [];
    let fail = 1;
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const ts = request.headers['x-lis-timestamp'] as string;
        const verified = request.headers['x-lis-signature'] === signExchangeCall(TAX_SECRET, ts, 'POST', request.url!, body);
        const status = !verified ? 401 : fail-- > 0 ? 503 : 200;
        calls.push({ verified, status, body: JSON.parse(body) });
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ reference: 'CQT-HTTP-0001' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lis/phieu-chuyen`;
      const exchange = createTaxHttpExchange({ url, secret: TAX_SECRET, clock });
      await people.later(0);
      const res = await people.api('POST', '/dossiers', people.officer, { ...dossierBody('x', await freeParcel()), reference: undefined, channel: 'counter' });
      const id = (res.json() as DossierView).id;
      await act(id, 'complete-step', people.officer);
      expect(await sendTaxRequests({ ...deps(), exchange })).toEqual({ sent: 0, failed: 1 });
      expect((await view(id)).exchanges[0]).toMatchObject({ status: 'queued', attempts: 1, lastError: expect.stringContaining('HTTP 503') });
      later(30);
      expect(await sendTaxRequests({ ...deps(), exchange })).toEqual({ sent: 1, failed: 0 });
      expect((await view(id)).exchanges[0]).toMatchObject({ status: 'sent', attempts: 2, reference: 'CQT-HTTP-0001', lastError: null });
      expect(calls.map((c) => [c.verified, c.status])).toEqual([[true, 503], [true, 200]]);
      expect(calls[1]!.body.receiptCode).toBe(res.json().receiptCode);
      // the tax side answers through the inbound API; the officer confirms the payment from the citizen's receipt
      const messageId = (await view(id)).exchanges[0]!.id;
      const notice = { messageId, receiptCode: res.json().receiptCode, noticeNumber: 'TB-HTTP-0001', issuedOn: '2026-11-27', landUseFee: 0, registrationFee: 7_500_000, personalIncomeTax: 30_000_000 };
      expect((await taxCall('/exchange/v1/tax/notices', notice)).status).toBe(200);
      const payment = { noticeNumber: 'TB-HTTP-0001', paidOn: '2026-11-27', amount: 37_500_000, receiptNumber: 'BL-0042' };
      expect((await people.api('POST', `/dossiers/${id}/tax-payment`, people.officer, { ...payment, noticeNumber: 'TB-OTHER' })).statusCode).toBe(404);
      const confirmed = await people.api('POST', `/dossiers/${id}/tax-payment`, people.officer, payment);
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const after = await view(id);
      expect(after).toMatchObject({ status: 'processing', currentStep: { code: 'record' } });
      expect(after.exchanges[0]).toMatchObject({ status: 'paid', payment: { receiptNumber: 'BL-0042' } });
      expect(after.timeline.at(-1)!.actorName).not.toBe('Cơ quan thuế (trao đổi điện tử)');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the periodic report counts the dossiers (#10 section filled by #7; O2, O13)', () => {
  it('O13 the November report lists the transfers received: done on time, in progress', async () => {
    const now = clock.now().getTime();
    later((Date.parse('2026-12-02T03:00:00Z') - now) / 1000);
    await people.later(0);
    const res = await people.api('POST', '/operations/reports/75', people.officer, { period: '2026-11' });
    expect(res.statusCode, res.body).toBe(201);
    const section = res.json().report.sections.find((s: { key: string }) => s.key === 'dossiers');
    // the one-stop dossier (done); the two counter ones and the national portal's (open, not yet late on 2 Dec)
    expect(section.rows).toEqual([{ procedure: 'Đăng ký biến động chuyển nhượng quyền sử dụng đất', received: 4, doneOnTime: 1, doneLate: 0, refused: 0, inProgress: 3, inProgressLate: 0 }]);
    expect(section.note).toBeUndefined();
  });
});
