// Scanned documents over HTTP (S-SCAN, issue #9; P4 access logs; B3 integrity): upload →
// metadata → download byte-identical for a real PDF (pdfkit), PNG and 3-page TIFF built
// here; type by content; size limit; an interrupted upload; pages of a PDF in object
// streams; versions and their list; who may list and fetch; documents with personal data
// sent only as a PDF stamped with the viewer's name (P4), an altered or encrypted original
// refused; the integrity check finding altered, missing and unreferenced files.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config/config.js';
import type { Database } from '../../db/database.js';
import { seedDemo } from '../demo/index.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { fixedClock } from '../../../test/support/test-app.js';
import { createActiveAccount, signIn } from '../../../test/support/accounts.js';
import { pino } from 'pino';
import { createLocalStore, localObjectPath } from './local-store.js';
import type { DocumentStore } from './document-store.js';
import { uploadDocument } from './documents.service.js';
import { contentDisposition, countPdfPages, countTiffPages, detectMedia, safeFileName } from './media.js';
import { NOTICE_VI, vietnamTime } from './watermark.js';
import { getDocument as openPdf } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDocument as PdfLib } from 'pdf-lib';
import { makePng as makeScanPng, makeTiff as makeScanTiff } from '../../../test/support/scan-files.js';

// ---- real files, written byte by byte ----

/** A real PNG of w×h grey pixels (test/support/scan-files.ts). */
const makePng = (width = 4, height = 3): Buffer => makeScanPng(width, height, (x, y) => x * 60 + y * 40);
/** A baseline TIFF, little- or big-endian, one 2×2 grey page per IFD. */
const makeTiff = (pages: number, order: 'II' | 'MM' = 'II'): Buffer => makeScanTiff(pages, { order });

/** A real PDF made with pdfkit (no compression, so the test can read it too). */
async function makePdf(pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ compress: false, size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (let i = 0; i < pages; i++) {
    if (i > 0) doc.addPage();
    doc.fontSize(14).text(`Hop dong chuyen nhuong - trang ${i + 1}`);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer; type?: string }) {
  const boundary = `----lis${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

// ---- the app around a fresh database ----

let testDb: TestDatabase;
let db: Database;
let app: FastifyInstance;
let store: DocumentStore;
let storeDir: string;
let parcelUid: string;
let unitCode: string;
const cookie: Record<string, string> = {};
const usernames: Record<string, string> = {};

async function build(env: Record<string, string>, documentStore: DocumentStore): Promise<FastifyInstance> {
  const config = loadConfig({ LIS_LOGIN_RATE_PER_MINUTE: '10000', ...env });
  return buildApp({ config, db, logger: pino({ level: 'silent' }), clock: fixedClock, documentStore });
}

async function documentCount(): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from document');
  return rows[0]!.n;
}

async function storedObjects(s: DocumentStore = store): Promise<string[]> {
  const out: string[] = [];
  for await (const o of s.list()) out.push(o.sha256);
  return out.sort();
}

function upload(who: string, fields: Record<string, string>, file?: { name: string; bytes: Buffer }, target = app) {
  const body = multipart(fields, file);
  return target.inject({ method: 'POST', url: '/api/v1/documents', headers: { ...body.headers, cookie: cookie[who]! }, payload: body.payload });
}

const meta = (extra: Record<string, string> = {}) => ({ documentType: 'contract', title: 'Hợp đồng chuyển nhượng', number: '123/2026/HĐCN', issuedOn: '2026-10-01', issuer: 'Văn phòng công chứng Đồng Xoài', containsPersonalData: 'false', parcelUid, ...extra });

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = testDb.db;
  await seedDemo(db, { parcels: 60, seed: 7 });
  const { rows } = await db.query<{ parcel_uid: string; code: string }>(
    `select p.parcel_uid, u.code from parcel p join admin_unit u on u.id = p.unit_id where p.valid_to is null and u.code = '25198' order by p.sheet_number, p.parcel_number limit 1`,
  );
  // grants are given on today's units: Phường Bình Phước (25195) took in old Phường Tân Đồng (25198) in 2025
  const grantUnit = '25195';
  const otherUnit = (await db.query<{ code: string }>(`select code from admin_unit where valid_to is null and level = 'commune' and code <> $1 order by code limit 1`, [grantUnit])).rows[0]!.code;
  parcelUid = rows[0]!.parcel_uid;
  unitCode = rows[0]!.code;
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lis-documents-'));
  store = createLocalStore(storeDir);
  app = await build({}, store);
  // a role without cadastre.read (roles are data: O4)
  await db.query(`insert into role (code, name_vi, name_en, require_totp) values ('test_reports_only', 'Chỉ xem báo cáo', 'Reports only', false)`);
  await db.query(`insert into role_permission (role_code, permission_code) values ('test_reports_only', 'reports.read')`);
  const accounts: Array<[string, string, string]> = [
    ['staff', 'lro_staff', grantUnit], // cadastre.read, read_personal, edit
    ['reader', 'agency_reader', grantUnit], // cadastre.read only
    ['outsider', 'lro_staff', otherUnit], // the right role, another commune
    ['noread', 'test_reports_only', grantUnit],
    ['leader', 'lro_leader', grantUnit], // audit.read
  ];
  for (const [who, role, unit] of accounts) {
    const account = await createActiveAccount(db, fixedClock, [{ role, unitCode: unit }], `doc.${who}.${crypto.randomBytes(3).toString('hex')}`);
    cookie[who] = await signIn(app, account.username, account.password);
    usernames[who] = account.username;
  }
});
afterAll(async () => {
  await app?.close();
  await testDb?.close();
  if (storeDir) fs.rmSync(storeDir, { recursive: true, force: true });
});

describe('S-SCAN file type by content', () => {
  it('counts the pages of a TIFF by walking its IFD chain, in both byte orders, and refuses a loop', () => {
    expect(countTiffPages(makeTiff(3))).toBe(3);
    expect(countTiffPages(makeTiff(1, 'MM'))).toBe(1);
    const looped = makeTiff(2);
    const pageSize = 2 + 9 * 12 + 4 + 4; // an IFD and its 4 pixel bytes
    looped.writeUInt32LE(8, 8 + pageSize + 2 + 9 * 12); // the second IFD points back to the first
    expect(countTiffPages(looped)).toBeNull();
    expect(countTiffPages(makeTiff(3).subarray(0, 60))).toBeNull();
  });

  it('detects PDF, PNG and TIFF from bytes; text is refused naming what was found', async () => {
    expect(await detectMedia(await makePdf(1))).toBe('application/pdf');
    expect(await detectMedia(makePng())).toBe('image/png');
    expect(await detectMedia(makeTiff(2))).toBe('image/tiff');
    expect(await detectMedia(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01]))).toBe('image/jpeg');
    await expect(detectMedia(Buffer.from('just some text, named scan.pdf'))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'file', detected: null } });
    await expect(detectMedia(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'))).rejects.toThrow(/image\/gif/);
  });

  it('counts the page objects of an uncompressed PDF', async () => {
    expect(countPdfPages(await makePdf(2))).toBe(2);
  });

  it('offers a safe file name whose extension follows the content', () => {
    expect(safeFileName('../../etc/hợp đồng.pdf', 'x', 'image/png')).toBe('hợp đồng.png');
    expect(safeFileName(null, 'tai-lieu', 'application/pdf')).toBe('tai-lieu.pdf');
    expect(contentDisposition('hợp đồng "a".png')).toBe(`attachment; filename="hop dong \"a\".png"; filename*=UTF-8''${encodeURIComponent('hợp đồng "a".png')}`);
  });
});

describe('S-SCAN upload → metadata → download', () => {
  it.each([
    ['a 2-page PDF made with pdfkit', 'hop-dong.pdf', () => makePdf(2), 'application/pdf', 2],
    ['a PNG', 'ban-ve.png', async () => makePng(), 'image/png', 1],
    ['a 3-page TIFF', 'giay-chung-nhan.tif', async () => makeTiff(3), 'image/tiff', 3],
  ])('%s comes back byte-identical with its type, size, hash and pages', async (_what, name, make, mediaType, pages) => {
    const bytes = await make();
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const res = await upload('staff', meta(), { name, bytes });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({ version: 1, mediaType, pages, sizeBytes: bytes.length, sha256, fileName: name, validTo: null, links: [{ kind: 'parcel', ref: parcelUid, unitCode }] });
    const again = await app.inject({ url: `/api/v1/documents/${doc.id}`, headers: { cookie: cookie.reader! } });
    expect(again.json()).toEqual(doc);
    const content = await app.inject({ url: `/api/v1/documents/${doc.id}/content`, headers: { cookie: cookie.reader! } });
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(bytes)).toBe(true);
    expect(content.headers['content-type']).toBe(mediaType);
    expect(content.headers['content-length']).toBe(String(bytes.length));
    expect(content.headers.etag).toBe(`"${sha256}"`);
    expect(content.headers['content-disposition']).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
    expect(fs.readFileSync(localObjectPath(storeDir, sha256)).equals(bytes)).toBe(true);
  });

  it('offers the document types as a code list', async () => {
    const res = await app.inject({ url: '/api/v1/document-types', headers: { cookie: cookie.reader! } });
    expect(res.json().map((t: { code: string }) => t.code)).toEqual(['application', 'certificate', 'contract', 'decision', 'identity', 'other', 'survey_drawing']);
    expect(res.json().find((t: { code: string }) => t.code === 'certificate').name.vi).toMatch(/^Giấy chứng nhận/);
  });

  it('lists the current documents of a parcel', async () => {
    const res = await app.inject({ url: `/api/v1/documents?parcel=${parcelUid}`, headers: { cookie: cookie.reader! } });
    expect(res.statusCode).toBe(200);
    expect(res.json().documents.map((d: { mediaType: string }) => d.mediaType).sort()).toEqual(['application/pdf', 'image/png', 'image/tiff']);
  });

  it('a PNG named .pdf is stored as image/png; a text file named .pdf is refused and leaves nothing', async () => {
    const png = await upload('staff', meta(), { name: 'scan.pdf', bytes: makePng(5, 5) });
    expect(png.statusCode).toBe(201);
    expect(png.json()).toMatchObject({ mediaType: 'image/png', fileName: 'scan.pdf' });
    const content = await app.inject({ url: `/api/v1/documents/${png.json().id}/content`, headers: { cookie: cookie.staff! } });
    expect(content.headers['content-disposition']).toMatch(/filename="scan\.png"/);
    const before = { rows: await documentCount(), objects: await storedObjects() };
    const text = await upload('staff', meta(), { name: 'scan.pdf', bytes: Buffer.from('Đây không phải bản quét / not a scan\n'.repeat(50)) });
    expect(text.statusCode).toBe(400);
    expect(text.json().error.message.en).toMatch(/not a PDF, JPEG, PNG or TIFF.*unrecognised/);
    expect(text.json().error.message.vi).toMatch(/Tệp không phải PDF/);
    expect({ rows: await documentCount(), objects: await storedObjects() }).toEqual(before);
  });

  it('a file over LIS_DOCUMENT_MAX_MB is refused with 413 and leaves nothing', async () => {
    const smallDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lis-documents-small-'));
    const small = createLocalStore(smallDir);
    const limited = await build({ LIS_DOCUMENT_MAX_MB: '1' }, small);
    try {
      const before = await documentCount();
      const big = Buffer.concat([makePng(), crypto.randomBytes(1024 * 1024 + 10)]);
      const res = await upload('staff', meta(), { name: 'big.png', bytes: big }, limited);
      expect(res.statusCode, res.body).toBe(413);
      expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await documentCount()).toBe(before);
      expect(await storedObjects(small)).toEqual([]);
      expect(fs.readdirSync(smallDir)).toEqual([]); // no temporary file either
    } finally {
      await limited.close();
      fs.rmSync(smallDir, { recursive: true, force: true });
    }
  });

  it('an upload whose stream fails midway leaves no object and no row', async () => {
    const before = { rows: await documentCount(), objects: await storedObjects() };
    let sent = 0;
    const cut = new Readable({
      read() {
        sent += 1;
        if (sent === 1) this.push(makeTiff(3));
        else if (sent < 5) this.push(crypto.randomBytes(70_000));
        else this.destroy(new Error('client went away'));
      },
    });
    const caller = { actor: { id: null, name: 'test' }, may: () => true };
    await expect(uploadDocument({ db, clock: fixedClock, store, maxBytes: 10_000_000 }, caller, { ...meta(), containsPersonalData: false, link: { parcelUid } }, cut)).rejects.toThrow(/client went away/);
    expect({ rows: await documentCount(), objects: await storedObjects() }).toEqual(before);
    expect(fs.readdirSync(storeDir).filter((n) => n.startsWith('.upload-'))).toEqual([]);
  });

  it('refuses metadata naming no record, an unknown type, or a record that does not exist', async () => {
    const png = { name: 'a.png', bytes: makePng() };
    const { parcelUid: _p, ...noLink } = meta();
    expect((await upload('staff', noLink, png)).json().error.details.field).toBe('link');
    expect((await upload('staff', meta({ documentType: 'poem' }), png)).json().error.details.field).toBe('documentType');
    expect((await upload('staff', meta({ parcelUid: crypto.randomUUID() }), png)).json().error.details.field).toBe('parcelUid');
    expect((await upload('staff', meta({ title: 'x'.repeat(501) }), png)).json().error.details.field).toBe('title');
  });
});

describe('S-SCAN page count of a compressed PDF', () => {
  it('counts the pages of a PDF written with object streams at upload', async () => {
    const packed = Buffer.from(await (await PdfLib.load(await makePdf(3))).save({ useObjectStreams: true }));
    expect(countPdfPages(packed)).toBeNull(); // the quick scan sees no page object
    const res = await upload('staff', meta({ title: 'PDF nén' }), { name: 'nen.pdf', bytes: packed });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ mediaType: 'application/pdf', pages: 3 });
  });
});

describe('S-SCAN versions: never overwritten', () => {
  it('a new version ends the old one; both stay readable; the list shows the current one', async () => {
    const first = (await upload('staff', meta({ title: 'Bản vẽ trích đo', documentType: 'survey_drawing' }), { name: 'v1.png', bytes: makePng(2, 2) })).json();
    const body = multipart({ title: 'Bản vẽ trích đo (chỉnh lý)' }, { name: 'v2.tif', bytes: makeTiff(2) });
    const res = await app.inject({ method: 'POST', url: `/api/v1/documents/${first.documentUid}/versions`, headers: { ...body.headers, cookie: cookie.staff! }, payload: body.payload });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ documentUid: first.documentUid, version: 2, documentType: 'survey_drawing', title: 'Bản vẽ trích đo (chỉnh lý)', mediaType: 'image/tiff', pages: 2, validTo: null, links: first.links });
    const old = (await app.inject({ url: `/api/v1/documents/${first.id}`, headers: { cookie: cookie.staff! } })).json();
    expect(old).toMatchObject({ version: 1, sha256: first.sha256, validTo: res.json().validFrom });
    const list = (await app.inject({ url: `/api/v1/documents?parcel=${parcelUid}`, headers: { cookie: cookie.staff! } })).json().documents;
    expect(list.filter((d: { documentUid: string }) => d.documentUid === first.documentUid).map((d: { version: number }) => d.version)).toEqual([2]);
    // every version, oldest first, with who uploaded it; outside the unit: not found
    const versions = await app.inject({ url: `/api/v1/documents/${first.documentUid}/versions`, headers: { cookie: cookie.reader! } });
    expect(versions.statusCode, versions.body).toBe(200);
    expect(versions.json().versions.map((v: { version: number; sizeBytes: number; uploadedByName: string; validTo: string | null }) => [v.version, v.sizeBytes, v.uploadedByName, v.validTo === null]))
      .toEqual([[1, first.sizeBytes, 'Nguyễn Văn Kiểm', false], [2, res.json().sizeBytes, 'Nguyễn Văn Kiểm', true]]);
    expect((await app.inject({ url: `/api/v1/documents/${first.documentUid}/versions`, headers: { cookie: cookie.outsider! } })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/documents/${first.documentUid}/versions`, headers: { cookie: cookie.noread! } })).statusCode).toBe(403);
  });
});

describe('S-SCAN who may list and fetch', () => {
  let personalId: string;
  let plainId: string;
  beforeAll(async () => {
    personalId = (await upload('staff', meta({ documentType: 'identity', title: 'Căn cước công dân', containsPersonalData: 'true' }), { name: 'cccd.png', bytes: makePng(7, 7) })).json().id;
    plainId = (await upload('staff', meta({ title: 'Quyết định' , documentType: 'decision' }), { name: 'qd.png', bytes: makePng(8, 8) })).json().id;
  });

  it('a role without cadastre.read can neither list nor fetch (403)', async () => {
    for (const url of [`/api/v1/documents?parcel=${parcelUid}`, `/api/v1/documents/${plainId}`, `/api/v1/documents/${plainId}/content`]) {
      expect((await app.inject({ url, headers: { cookie: cookie.noread! } })).statusCode, url).toBe(403);
    }
    expect((await upload('noread', meta(), { name: 'a.png', bytes: makePng() })).statusCode).toBe(403);
  });

  it('an account outside the unit sees no document: empty list, 404 on metadata and content, 403 on upload', async () => {
    const list = await app.inject({ url: `/api/v1/documents?parcel=${parcelUid}`, headers: { cookie: cookie.outsider! } });
    expect(list.statusCode).toBe(200);
    expect(list.json().documents).toEqual([]);
    for (const id of [plainId, personalId]) {
      expect((await app.inject({ url: `/api/v1/documents/${id}`, headers: { cookie: cookie.outsider! } })).statusCode).toBe(404);
      expect((await app.inject({ url: `/api/v1/documents/${id}/content`, headers: { cookie: cookie.outsider! } })).statusCode).toBe(404);
    }
    const res = await upload('outsider', meta(), { name: 'a.png', bytes: makePng(9, 9) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details).toMatchObject({ permission: 'cadastre.edit', unitCode });
  });

  it('without cadastre.read_personal a document with personal data is listed but not downloaded; a reader cannot upload', async () => {
    expect((await app.inject({ url: `/api/v1/documents/${personalId}`, headers: { cookie: cookie.reader! } })).statusCode).toBe(200);
    const denied = await app.inject({ url: `/api/v1/documents/${personalId}/content`, headers: { cookie: cookie.reader! } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.details.permission).toBe('cadastre.read_personal');
    expect((await app.inject({ url: `/api/v1/documents/${plainId}/content`, headers: { cookie: cookie.reader! } })).statusCode).toBe(200);
    expect((await upload('reader', meta(), { name: 'a.png', bytes: makePng() })).statusCode).toBe(403);
  });

  it('P4 a document with personal data is sent as a PDF stamped with the viewer\'s name, never the original; others stay byte-identical', async () => {
    const original = makePng(7, 7);
    const meta = (await app.inject({ url: `/api/v1/documents/${personalId}`, headers: { cookie: cookie.staff! } })).json();
    const res = await app.inject({ url: `/api/v1/documents/${personalId}/content`, headers: { cookie: cookie.staff! } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': 'application/pdf', 'x-lis-watermarked': '1', 'x-lis-original-sha256': meta.sha256,
      'content-length': String(res.rawPayload.length), 'cache-control': 'private, no-store',
    });
    expect(res.headers['content-disposition']).toMatch(/filename="cccd\.pdf"/);
    expect(res.rawPayload.includes(original)).toBe(false);
    const pdf = await openPdf({ data: new Uint8Array(res.rawPayload), verbosity: 0 }).promise;
    expect(pdf.numPages).toBe(1);
    const text = (await (await pdf.getPage(1)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('\n');
    await pdf.destroy();
    expect(text).toContain(`Nguyễn Văn Kiểm (${usernames.staff})`);
    expect(text).toContain(`${vietnamTime(fixedClock.now())} · ${personalId}`);
    expect(text).toContain(NOTICE_VI);
    // the document without personal data: the original bytes, no stamp
    const plain = await app.inject({ url: `/api/v1/documents/${plainId}/content`, headers: { cookie: cookie.staff! } });
    expect(plain.rawPayload.equals(makePng(8, 8))).toBe(true);
    expect(plain.headers['x-lis-watermarked']).toBeUndefined();
  });

  it('P4 a personal-data file altered in the store is not stamped and sent: 503', async () => {
    const bytes = makePng(13, 5);
    const doc = (await upload('staff', meta({ documentType: 'identity', title: 'Sẽ bị sửa', containsPersonalData: 'true' }), { name: 'x.png', bytes })).json();
    const file = localObjectPath(storeDir, doc.sha256);
    fs.appendFileSync(file, Buffer.from([1]));
    const res = await app.inject({ url: `/api/v1/documents/${doc.id}/content`, headers: { cookie: cookie.staff! } });
    fs.writeFileSync(file, bytes); // put back: the integrity test below counts the altered files
    expect(res.statusCode).toBe(503);
    expect(res.json().error.message.vi).toMatch(/không khớp mã băm/);
  });

  it('P4 an encrypted PDF with personal data is refused with a bilingual reason (409), not sent', async () => {
    const encrypted = await encryptedPdf();
    const doc = (await upload('staff', meta({ documentType: 'identity', title: 'PDF có mật khẩu', containsPersonalData: 'true' }), { name: 'mat-khau.pdf', bytes: encrypted })).json();
    const res = await app.inject({ url: `/api/v1/documents/${doc.id}/content`, headers: { cookie: cookie.staff! } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'CONFLICT', details: { watermark: 'encrypted' }, message: { vi: expect.stringMatching(/mã hóa/) } });
  });

  it('every download of a document with personal data is written to the audit log (P4)', async () => {
    const count = async () => (await db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'read.personal' and object_type = 'document' and object_id = $1`, [personalId])).rows[0]!.n;
    const before = await count();
    for (let i = 0; i < 2; i++) {
      expect((await app.inject({ url: `/api/v1/documents/${personalId}/content`, headers: { cookie: cookie.staff! } })).statusCode).toBe(200);
    }
    expect(await count()).toBe(before + 2);
    const plainLogged = await db.query(`select 1 from audit_log where action = 'read.personal' and object_id = $1`, [plainId]);
    expect(plainLogged.rows).toEqual([]);
  });
});

describe('S-SCAN integrity check (B3)', () => {
  it('reports a file altered on disk, a deleted file and an object no document references; the report is logged and kept', async () => {
    const alteredDoc = (await upload('staff', meta({ title: 'Sẽ bị sửa' }), { name: 'a.png', bytes: makePng(10, 3) })).json();
    const deletedDoc = (await upload('staff', meta({ title: 'Sẽ bị xóa' }), { name: 'd.png', bytes: makePng(11, 3) })).json();
    const orphan = await store.put(Readable.from([makePng(12, 3)]), { maxBytes: 1_000_000 });
    const clean = await app.inject({ method: 'POST', url: '/api/v1/admin/documents/integrity', headers: { cookie: cookie.leader! } });
    expect(clean.json()).toMatchObject({ ok: true, missing: [], altered: [], unreferenced: [{ sha256: orphan.sha256 }] });
    expect(clean.json().verified).toBe(clean.json().referenced);

    fs.appendFileSync(localObjectPath(storeDir, alteredDoc.sha256), Buffer.from([0]));
    fs.rmSync(localObjectPath(storeDir, deletedDoc.sha256));
    const res = await app.inject({ method: 'POST', url: '/api/v1/admin/documents/integrity', headers: { cookie: cookie.leader! } });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({
      ok: false,
      missing: [{ sha256: deletedDoc.sha256, documents: 1 }],
      altered: [{ sha256: alteredDoc.sha256, size: alteredDoc.sizeBytes + 1 }],
      unreferenced: [{ sha256: orphan.sha256 }],
      counts: { missing: 1, altered: 1, unreferenced: 1 },
    });
    expect(report.verified).toBe(report.referenced - 2);
    const last = await app.inject({ url: '/api/v1/admin/documents/integrity', headers: { cookie: cookie.leader! } });
    expect(last.json()).toEqual(report);
    const logged = await db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'documents.integrity'`);
    expect(logged.rows[0]!.n).toBe(2);
    // a download of the missing file says so instead of sending nothing
    expect((await app.inject({ url: `/api/v1/documents/${deletedDoc.id}/content`, headers: { cookie: cookie.staff! } })).statusCode).toBe(503);
    // staff without audit.read may not run it
    expect((await app.inject({ method: 'POST', url: '/api/v1/admin/documents/integrity', headers: { cookie: cookie.staff! } })).statusCode).toBe(403);
  });
});

/** A one-page PDF whose trailer names an /Encrypt dictionary (a password-protected scan), written by hand. */
async function encryptedPdf(): Promise<Buffer> {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    '<< /Filter /Standard /V 1 /R 2 /O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) /P -4 >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
