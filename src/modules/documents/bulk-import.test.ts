// Bulk scan import (S-SCAN, issue #9 item 5): the naming convention, and a zip of 1 000
// scans built here (real PNG/PDF/JPEG bytes, names for real demo parcels and certificates,
// unknown parcels and serials, bad names, text named .pdf, a file over the limit, a
// duplicate, zip-tool litter) through POST /api/v1/documents/bulk: exact counts, every
// imported file downloadable byte-identical and linked to the record its name gives,
// nothing half-written; a caller outside the unit gets its files reported as out of scope.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config/config.js';
import type { Database } from '../../db/database.js';
import { seedDemo } from '../demo/index.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { fixedClock } from '../../../test/support/test-app.js';
import { createActiveAccount, signIn } from '../../../test/support/accounts.js';
import { makePng as makeScanPng } from '../../../test/support/scan-files.js';
import { parseScanName } from './bulk-names.js';
import { importZip, type BulkReport } from './bulk-import.service.js';
import { createLocalStore } from './local-store.js';
import type { DocumentStore } from './document-store.js';

const TYPES = ['application', 'certificate', 'contract', 'decision', 'identity', 'other', 'survey_drawing'];

// ---- files and zips, byte by byte ----

/** A real 4×2 grey PNG (test/support/scan-files.ts) whose first pixels depend on `seed`. */
function makePng(seed: number): Buffer {
  const rows = [[seed & 0xff, (seed >> 8) & 0xff, 7, 9], [1, 2, 3, 4]];
  return makeScanPng(4, 2, (x, y) => rows[y]![x]!);
}

/** A minimal one-page PDF (header, catalog, pages, page, trailer) naming `seed`. */
function makePdf(seed: number): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n` +
      `3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n% scan ${seed}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/** JPEG markers (SOI, APP0 JFIF) and some bytes: enough for the type check, like a scanner's output. */
function makeJpeg(seed: number, size = 64): Buffer {
  const out = crypto.randomBytes(size);
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01]).copy(out, 0);
  out.writeUInt32BE(seed, 16);
  return out;
}

/** A zip (PKWARE APPNOTE 6.3: local headers, central directory, end record), deflated. */
function makeZip(files: Array<{ name: string; bytes: Buffer; store?: boolean }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const data = file.store ? file.bytes : zlib.deflateRawSync(file.bytes);
    const crc = zlib.crc32(file.bytes);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(file.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(file.bytes.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(file.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(file.bytes.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// ---- the naming convention ----

describe('S-SCAN bulk import naming convention', () => {
  const rules = { documentTypes: TYPES };
  it('reads unit/sheet/parcel from a flat name, with an optional type and counter', () => {
    expect(parseScanName('25198_3_12.pdf', rules)).toEqual({ ok: true, target: { kind: 'parcel', unitCode: '25198', sheetNumber: 3, parcelNumber: 12 }, documentType: 'other', fileName: '25198_3_12.pdf' });
    expect(parseScanName('scans/25198_3_12_survey_drawing_2.TIF', rules)).toMatchObject({ ok: true, target: { parcelNumber: 12 }, documentType: 'survey_drawing' });
    expect(parseScanName('25198_3_12_4.jpg', { ...rules, defaultType: 'contract' })).toMatchObject({ ok: true, documentType: 'contract' });
  });

  it('reads unit/sheet/parcel from folders; the file name may start with a type code', () => {
    expect(parseScanName('ho so/25198/3/12/contract-trang 1.pdf', rules)).toMatchObject({ ok: true, target: { kind: 'parcel', unitCode: '25198', sheetNumber: 3, parcelNumber: 12 }, documentType: 'contract' });
    expect(parseScanName('25198/3/12/ban ve.png', rules)).toMatchObject({ ok: true, documentType: 'other' });
  });

  it('reads a certificate serial, tolerating case, a space or an underscore; certificate is its default type', () => {
    expect(parseScanName('AA01234567.pdf', rules)).toMatchObject({ ok: true, target: { kind: 'certificate', serial: 'AA01234567' }, documentType: 'certificate' });
    expect(parseScanName('CS 123456_2.tif', rules)).toMatchObject({ ok: true, target: { serial: 'CS123456' } });
    expect(parseScanName('ch_000001_decision.jpeg', rules)).toMatchObject({ ok: true, target: { serial: 'CH000001' }, documentType: 'decision' });
  });

  it('refuses other names, saying why', () => {
    for (const name of ['scan_001.pdf', '25198_3.pdf', '2519_3_12.pdf', '25198_0_12.pdf', 'AA12345.pdf', 'notes.txt', '25198/3/x/a.pdf']) {
      expect(parseScanName(name, rules), name).toMatchObject({ ok: false });
    }
    expect(parseScanName('25198_3_12_hopdong.pdf', rules)).toMatchObject({ ok: false, reason: { en: expect.stringContaining('"hopdong"') } });
    expect(parseScanName('notes.txt', rules)).toMatchObject({ ok: false, reason: { en: expect.stringContaining('extension') } });
  });
});

// ---- the import, through the API ----

let testDb: TestDatabase;
let db: Database;
let app: FastifyInstance;
let store: DocumentStore;
let storeDir: string;
const cookie: Record<string, string> = {};
let parcels: Array<{ code: string; sheet: number; number: number; parcelUid: string }>;
let serials: string[];

async function count(sql: string): Promise<number> {
  return (await db.query<{ n: number }>(sql)).rows[0]!.n;
}

function postZip(who: string, zip: Buffer, query = '') {
  return app.inject({ method: 'POST', url: `/api/v1/documents/bulk${query}`, headers: { cookie: cookie[who]!, 'content-type': 'application/zip' }, payload: zip });
}

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = testDb.db;
  await seedDemo(db, { parcels: 300, seed: 7 });
  parcels = (
    await db.query<{ code: string; sheet: number; number: number; parcelUid: string }>(
      `select u.code, p.sheet_number as sheet, p.parcel_number as number, p.parcel_uid as "parcelUid"
         from parcel p join admin_unit u on u.id = p.unit_id where p.valid_to is null order by u.code, p.sheet_number, p.parcel_number`,
    )
  ).rows;
  serials = (
    await db.query<{ serial: string }>(
      'select c.serial from certificate c where exists (select 1 from certificate_parcel cp where cp.certificate_id = c.id) order by c.serial limit 150',
    )
  ).rows.map((r) => r.serial);
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lis-bulk-'));
  store = createLocalStore(storeDir);
  const config = loadConfig({ LIS_LOGIN_RATE_PER_MINUTE: '10000', LIS_DOCUMENT_MAX_MB: '1' });
  app = await buildApp({ config, db, logger: pino({ level: 'silent' }), clock: fixedClock, documentStore: store });
  // the demo's three old communes are all part of today's Phường Bình Phước (25195); 25217 is another ward
  for (const [who, role, unit] of [['staff', 'lro_staff', '25195'], ['outsider', 'lro_staff', '25217'], ['reader', 'agency_reader', '25195']] as const) {
    const account = await createActiveAccount(db, fixedClock, [{ role, unitCode: unit }], `bulk.${who}.${crypto.randomBytes(3).toString('hex')}`);
    cookie[who] = await signIn(app, account.username, account.password);
  }
}, 240_000);
afterAll(async () => {
  await app?.close();
  await testDb?.close();
  if (storeDir) fs.rmSync(storeDir, { recursive: true, force: true });
});

describe('S-SCAN bulk import of 1 000 scans (POST /api/v1/documents/bulk)', () => {
  const files: Array<{ name: string; bytes: Buffer }> = [];
  let report: BulkReport;

  it('reports exactly what was imported, what did not match and why', async () => {
    expect(parcels.length).toBe(300);
    expect(serials.length).toBe(150);
    let seed = 0;
    // 600 flat PNG names, two per parcel, a third of them with a type suffix
    parcels.forEach((p, i) => {
      for (const n of [1, 2]) files.push({ name: `${p.code}_${p.sheet}_${p.number}${(i + n) % 3 === 0 ? '_contract' : ''}_${n}.png`, bytes: makePng(++seed) });
    });
    // 150 PDFs in unit/sheet/parcel folders
    parcels.slice(0, 150).forEach((p) => files.push({ name: `ho-so/${p.code}/${p.sheet}/${p.number}/survey_drawing-${p.number}.pdf`, bytes: makePdf(++seed) }));
    // 150 certificates by serial, written in the ways people write them
    serials.forEach((s, i) => {
      const written = [s, `${s.slice(0, 2).toLowerCase()}_${s.slice(2)}`, `${s.slice(0, 2)} ${s.slice(2)}_2`][i % 3]!;
      files.push({ name: `${written}.${i % 2 ? 'jpg' : 'pdf'}`, bytes: i % 2 ? makeJpeg(++seed) : makePdf(++seed) });
    });
    // 40 names for records that do not exist: 30 parcels on a sheet the demo does not have, 10 serials
    for (let i = 1; i <= 30; i++) files.push({ name: `25198_999_${i}.png`, bytes: makePng(++seed) });
    for (let i = 1; i <= 10; i++) files.push({ name: `ZZ${String(i).padStart(8, '0')}.pdf`, bytes: makePdf(++seed) });
    // 29 names outside the convention (and one with a type code not in the list)
    for (let i = 1; i <= 10; i++) files.push({ name: `scan_${i}.pdf`, bytes: makePdf(++seed) });
    for (let i = 1; i <= 10; i++) files.push({ name: `ghi-chu-${i}.txt`, bytes: Buffer.from(`ghi chú ${i}`) });
    for (let i = 1; i <= 8; i++) files.push({ name: `${parcels[i]!.code}_${parcels[i]!.sheet}.pdf`, bytes: makePdf(++seed) });
    files.push({ name: `${parcels[0]!.code}_${parcels[0]!.sheet}_${parcels[0]!.number}_hopdong.pdf`, bytes: makePdf(++seed) });
    // 20 text files named .pdf for real parcels
    for (let i = 0; i < 20; i++) files.push({ name: `${parcels[i]!.code}_${parcels[i]!.sheet}_${parcels[i]!.number}_9.pdf`, bytes: Buffer.from(`day khong phai PDF ${i}\n`) });
    // a scan over the 1 MiB limit of this app
    files.push({ name: `${parcels[5]!.code}_${parcels[5]!.sheet}_${parcels[5]!.number}_8.jpg`, bytes: makeJpeg(++seed, 1024 * 1024 + 10) });
    // the same bytes as the first file, for the same parcel, under another name
    files.push({ name: `${parcels[0]!.code}_${parcels[0]!.sheet}_${parcels[0]!.number}_3.png`, bytes: files[0]!.bytes });
    // what zip tools add
    for (let i = 0; i < 9; i++) files.push({ name: `__MACOSX/ho-so/._${i}.png`, bytes: Buffer.from('resource fork') });
    expect(files.length).toBe(1000);

    const res = await postZip('staff', makeZip(files), '?personalData=false&name=ho-so-dot-1.zip');
    expect(res.statusCode, res.body).toBe(200);
    report = res.json();
    expect(report.source).toBe('ho-so-dot-1.zip');
    expect(report.totals).toEqual({
      files: 1000, ok: 900, duplicate: 1, unmatched_name: 29, no_record: 40, out_of_scope: 0, bad_type: 20, too_large: 1, failed: 0, ignored: 9,
      bytesStored: report.files.filter((f) => f.status === 'ok').reduce((s, f) => s + f.size!, 0),
    });
    expect(report.files.map((f) => f.name)).toEqual(files.map((f) => f.name));
    const byName = new Map(report.files.map((f) => [f.name, f]));
    expect(byName.get('25198_999_7.png')).toMatchObject({ status: 'no_record', record: '25198/999/7', message: { vi: expect.stringContaining('25198 tờ 999 thửa 7') } });
    expect(byName.get('ZZ00000003.pdf')).toMatchObject({ status: 'no_record', record: 'ZZ00000003' });
    expect(byName.get('ghi-chu-1.txt')).toMatchObject({ status: 'unmatched_name' });
    const text = files.find((f) => /^[0-9]{5}_[0-9]+_[0-9]+_9\.pdf$/.test(f.name))!;
    expect(byName.get(text.name)).toMatchObject({ status: 'bad_type', detected: null, message: { en: expect.stringContaining('not a PDF') } });
    expect(byName.get(files[0]!.name.replace(/_1\.png$/, '_3.png'))).toMatchObject({ status: 'duplicate', documentId: byName.get(files[0]!.name)!.documentId });
    const first = byName.get(`${serials[1]!.slice(0, 2).toLowerCase()}_${serials[1]!.slice(2)}.jpg`)!;
    expect(first).toMatchObject({ status: 'ok', record: serials[1], documentType: 'certificate' });
  }, 600_000);

  it('stores every imported file once, with one row and one link each, nothing half-written', async () => {
    expect(await count('select count(*)::int as n from document')).toBe(900);
    expect(await count('select count(*)::int as n from document_link')).toBe(900);
    expect(await count('select count(distinct sha256)::int as n from document')).toBe(900);
    expect(await count('select count(*)::int as n from document where contains_personal_data')).toBe(0);
    const objects: string[] = [];
    for await (const o of store.list()) objects.push(o.sha256);
    expect(objects.length).toBe(900);
    // no temporary upload left in the store's folder
    const leftovers = fs.readdirSync(storeDir).filter((n) => n.startsWith('.'));
    expect(leftovers).toEqual([]);
    // each document is linked to the record its name gives
    const { rows } = await db.query<{ id: string; record: string; type: string }>(
      `select d.id::text, d.document_type as type,
              coalesce((select u.code || '/' || p.sheet_number || '/' || p.parcel_number from parcel p join admin_unit u on u.id = p.unit_id
                         where p.parcel_uid = l.parcel_uid and p.valid_to is null),
                       (select c.serial from certificate c where c.id = l.certificate_id)) as record
         from document d join document_link l on l.document_uid = d.document_uid`,
    );
    const linked = new Map(rows.map((r) => [r.id, r]));
    for (const f of report.files.filter((r) => r.status === 'ok')) {
      expect(linked.get(f.documentId!), f.name).toEqual({ id: f.documentId, record: f.record, type: f.documentType });
    }
    expect(rows.filter((r) => r.type === 'survey_drawing').length).toBe(150);
    expect(rows.filter((r) => r.type === 'contract').length).toBe(200);
    // the import is in the audit log with its counts
    const audit = await db.query<{ details: { source: string; totals: { ok: number } } }>(`select details from audit_log where action = 'documents.bulk_import' order by seq`);
    expect(audit.rows.at(-1)!.details).toMatchObject({ source: 'ho-so-dot-1.zip', totals: { ok: 900 } });
  });

  it('every imported file downloads byte-identical through GET /documents/{id}/content', async () => {
    const bytesOf = new Map(files.map((f) => [f.name, f.bytes]));
    const ok = report.files.filter((f) => f.status === 'ok');
    expect(ok.length).toBe(900);
    for (const f of ok) {
      const res = await app.inject({ url: `/api/v1/documents/${f.documentId}/content`, headers: { cookie: cookie.reader! } });
      expect(res.statusCode, f.name).toBe(200);
      expect(res.rawPayload.equals(bytesOf.get(f.name)!), f.name).toBe(true);
    }
  }, 300_000);

  it('importing the same files again links nothing new: all duplicates', async () => {
    const again = files.slice(0, 12);
    const res = await postZip('staff', makeZip(again));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().totals).toMatchObject({ files: 12, ok: 0, duplicate: 12 });
    expect(await count('select count(*)::int as n from document')).toBe(900);
  });

  it('a caller outside the unit gets those files reported as out of scope, none imported', async () => {
    const p = parcels[42]!;
    const zip = makeZip([
      { name: `${p.code}_${p.sheet}_${p.number}_7.png`, bytes: makePng(90_001) },
      { name: `${serials[3]!}_5.pdf`, bytes: makePdf(90_002) },
    ]);
    const res = await postZip('outsider', zip);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().totals).toMatchObject({ files: 2, ok: 0, out_of_scope: 2 });
    expect(res.json().files[0]).toMatchObject({ status: 'out_of_scope', message: { en: expect.stringContaining('cadastre.edit') } });
    expect(await count('select count(*)::int as n from document')).toBe(900);
    // a role without cadastre.edit cannot import at all
    expect((await postZip('reader', zip)).statusCode).toBe(403);
  });
});

describe('S-SCAN bulk import report and guards', () => {
  it('gives the report as an Excel workbook with Vietnamese headings; documents hold personal data by default', async () => {
    const p = parcels[7]!;
    const res = await postZip('staff', makeZip([{ name: `${p.code}_${p.sheet}_${p.number}_identity_5.png`, bytes: makePng(91_001) }, { name: 'x.pdf', bytes: makePdf(91_002) }]), '?format=xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Chi tiết')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'STT', 'Tệp', 'Kết quả', 'Hồ sơ (xã/tờ/thửa hoặc số GCN)', 'Loại tài liệu', 'Mã tài liệu', 'Loại tệp phát hiện', 'Lý do']);
    expect(sheet.getRow(2).getCell(3).value).toBe('Đã nhập');
    expect(sheet.getRow(3).getCell(3).value).toBe('Tên tệp không đúng quy ước');
    const id = String(sheet.getRow(2).getCell(6).value);
    expect((await db.query<{ p: boolean; type: string }>('select contains_personal_data as p, document_type as type from document where id = $1::uuid', [id])).rows[0]).toEqual({ p: true, type: 'identity' });
  });

  it('refuses a body that is not a zip, and a default type not in the list', async () => {
    const notZip = await postZip('staff', Buffer.from('PK but not really a zip'));
    expect(notZip.statusCode).toBe(400);
    expect(notZip.json().error.message.en).toMatch(/zip file cannot be read/);
    const json = await app.inject({ method: 'POST', url: '/api/v1/documents/bulk', headers: { cookie: cookie.staff! }, payload: {} });
    expect(json.statusCode).toBe(400);
    const badType = await postZip('staff', makeZip([{ name: 'a.pdf', bytes: makePdf(1) }]), '?type=unknown_type');
    expect(badType.statusCode).toBe(400);
  });

  it('skips an entry whose compression ratio is a zip bomb\'s, and refuses too many entries up front', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lis-bulk-zip-'));
    try {
      const p = parcels[9]!;
      const bomb = Buffer.alloc(8 * 1024 * 1024);
      makePng(1).copy(bomb);
      const zipPath = path.join(dir, 'bomb.zip');
      fs.writeFileSync(zipPath, makeZip([{ name: `${p.code}_${p.sheet}_${p.number}_6.png`, bytes: bomb }, { name: `${p.code}_${p.sheet}_${p.number}_7.png`, bytes: makePng(92_001) }]));
      const deps = { db, clock: fixedClock, store, maxBytes: 64 * 1024 * 1024 };
      const caller = { actor: { id: null, name: 'test' }, may: () => true };
      const report = await importZip(deps, caller, zipPath, { sourceName: 'bomb.zip' });
      expect(report.files.map((f) => f.status)).toEqual(['too_large', 'ok']);
      expect(report.files[0]!.message!.en).toMatch(/zip bomb/);
      await expect(importZip(deps, caller, zipPath, { sourceName: 'bomb.zip', limits: { maxEntries: 1 } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
