// Bulk scan import (S-SCAN, issue #9 item 5): a zip (read entry by entry with yauzl from a
// file on disk, never whole in memory) or a server-side folder of scans named by the
// province's convention (bulk-names.ts) is attached to parcels and certificates. Each file
// is on its own: name → record → the caller's unit scope → type by content → the store
// (content-addressed: the same bytes twice are one object) → the document row and its link
// in one transaction. A failed file does not stop the others and leaves no row; a file
// whose bytes are already linked to the record is reported as a duplicate, not stored twice.
// The report lists every file with its outcome; the import is written to the audit log.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { AppError, errors } from '../../kernel/app-error.js';
import { actAs, appendAudit } from '../audit/index.js';
import { describeTarget, isSystemEntry, parseScanName, type ScanTarget } from './bulk-names.js';
import { documentWithBytesLinkedTo, liveParcelsByKey, lockBytesForRecord } from './bulk-import.repo.js';
import type { DocumentCaller, DocumentsDeps } from './documents.service.js';
import { certificateUnit, insertDocument, insertLink, listDocumentTypes } from './documents.repo.js';
import { storeFile, type StoredFile } from './stored-file.js';

export const BULK_STATUSES = ['ok', 'duplicate', 'unmatched_name', 'no_record', 'out_of_scope', 'bad_type', 'too_large', 'failed', 'ignored'] as const;
export type BulkStatus = (typeof BULK_STATUSES)[number];

export interface BulkLimits {
  /** files (entries) in one import */
  maxEntries: number;
  /** sum of the files' sizes (uncompressed) in one import */
  maxTotalBytes: number;
  /** zip-bomb guard: an entry larger than 1 MiB that its compressed size times this */
  maxRatio: number;
}

export const DEFAULT_BULK_LIMITS: BulkLimits = { maxEntries: 20_000, maxTotalBytes: 16 * 1024 ** 3, maxRatio: 100 };

export interface BulkOptions {
  /** the zip's or folder's name, for the report and the audit log */
  sourceName: string;
  /** the type of files whose name carries none (a code of the list) */
  defaultType?: string | undefined;
  /** personal data flag of every imported document (Nghị định 13/2023); the default is true: dossiers name people */
  containsPersonalData?: boolean | undefined;
  limits?: Partial<BulkLimits> | undefined;
  /** called after each file (the CLI prints progress) */
  onFile?: ((result: BulkFileResult, done: number, total: number) => void) | undefined;
}

export interface BulkFileResult {
  /** the path inside the zip or the folder */
  name: string;
  status: BulkStatus;
  /** the record as named: "unit/sheet/parcel" or the certificate serial */
  record?: string | undefined;
  documentType?: string | undefined;
  documentId?: string | undefined;
  sha256?: string | undefined;
  size?: number | undefined;
  /** the type found in the bytes, for bad_type */
  detected?: string | null | undefined;
  message?: { vi: string; en: string } | undefined;
}

export interface BulkReport {
  source: string;
  store: string;
  startedAt: string;
  finishedAt: string;
  totals: Record<BulkStatus, number> & { files: number; bytesStored: number };
  files: BulkFileResult[];
}

interface SourceEntry {
  name: string;
  size: number;
  compressedSize: number | null;
  open(): Promise<Readable>;
}

interface ScanSource {
  entries: SourceEntry[];
  close(): void;
}

/** bytes of a PDF or TIFF kept to count its pages; a larger file's pages stay unknown */
const PAGE_COUNT_BYTES = 8 * 1024 * 1024;

const badArchive = (detail: string) =>
  errors.invalid({ vi: `Tệp nén zip không đọc được: ${detail}`, en: `The zip file cannot be read: ${detail}` }, { field: 'body' });

function limitsOf(options: BulkOptions): BulkLimits {
  return { ...DEFAULT_BULK_LIMITS, ...options.limits };
}

function checkSourceLimits(entries: SourceEntry[], limits: BulkLimits): void {
  if (entries.length > limits.maxEntries) {
    throw errors.invalid(
      { vi: `Quá nhiều tệp trong một lần nhập: ${entries.length} (tối đa ${limits.maxEntries})`, en: `Too many files in one import: ${entries.length} (at most ${limits.maxEntries})` },
      { field: 'body', entries: entries.length, maxEntries: limits.maxEntries },
    );
  }
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > limits.maxTotalBytes) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      {
        vi: `Tổng dung lượng các tệp ${Math.ceil(total / 1024 ** 2)} MB vượt mức ${Math.floor(limits.maxTotalBytes / 1024 ** 2)} MB của một lần nhập`,
        en: `The files total ${Math.ceil(total / 1024 ** 2)} MB, over the ${Math.floor(limits.maxTotalBytes / 1024 ** 2)} MB of one import`,
      },
      { field: 'body', totalBytes: total, maxTotalBytes: limits.maxTotalBytes },
    );
  }
}

/** The entries of a zip on disk (its central directory; no bytes read yet). */
async function openZip(zipPath: string): Promise<ScanSource> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (error, file) =>
      error ? reject(badArchive(error.message)) : resolve(file),
    ),
  );
  const entries: SourceEntry[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('/')) {
          entries.push({
            name: entry.fileName,
            size: entry.uncompressedSize,
            compressedSize: entry.compressedSize,
            open: () =>
              new Promise<Readable>((ok, fail) => zip.openReadStream(entry, (error, stream) => (error ? fail(badArchive(error.message)) : ok(stream)))),
          });
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (error: Error) => reject(badArchive(error.message)));
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    throw error;
  }
  return { entries, close: () => zip.close() };
}

/** The files under a folder, depth first in name order (symbolic links are not followed). */
async function openFolder(root: string): Promise<ScanSource> {
  const entries: SourceEntry[] = [];
  async function walk(dir: string): Promise<void> {
    const items = (await fsp.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const item of items) {
      const full = path.join(dir, item.name);
      if (item.isDirectory()) await walk(full);
      else if (item.isFile()) {
        const { size } = await fsp.stat(full);
        entries.push({ name: path.relative(root, full).split(path.sep).join('/'), size, compressedSize: null, open: async () => fs.createReadStream(full) });
      }
    }
  }
  await walk(root);
  return { entries, close: () => {} };
}

interface Resolved {
  target: { kind: 'parcel' | 'certificate'; ref: string };
  unitId: number;
}

async function resolveTarget(deps: DocumentsDeps, target: ScanTarget): Promise<Resolved | { vi: string; en: string }> {
  if (target.kind === 'certificate') {
    const found = await certificateUnit(deps.db, target.serial);
    if (!found) return { vi: `Không có Giấy chứng nhận số phát hành ${target.serial} (hoặc không gắn với thửa nào)`, en: `No certificate with serial ${target.serial} (or it covers no parcel)` };
    return { target: { kind: 'certificate', ref: found.id }, unitId: found.unitId };
  }
  const matches = await liveParcelsByKey(deps.db, target.unitCode, target.sheetNumber, target.parcelNumber);
  const nearest = matches.filter((m) => m.depth === matches[0]?.depth);
  const key = `${target.unitCode} tờ ${target.sheetNumber} thửa ${target.parcelNumber}`;
  const keyEn = `unit ${target.unitCode} sheet ${target.sheetNumber} parcel ${target.parcelNumber}`;
  if (nearest.length === 0) return { vi: `Không có thửa đất hiện hành ${key}`, en: `No live parcel ${keyEn}` };
  if (nearest.length > 1) {
    return { vi: `${key} ứng với ${nearest.length} thửa của các xã cũ đã sáp nhập: đặt tên theo mã xã cũ`, en: `${keyEn} matches ${nearest.length} parcels of merged old communes: name the file by the old commune code` };
  }
  return { target: { kind: 'parcel', ref: nearest[0]!.parcelUid }, unitId: nearest[0]!.unitId };
}

async function importOne(
  deps: DocumentsDeps,
  caller: DocumentCaller,
  entry: SourceEntry,
  types: readonly string[],
  options: BulkOptions,
  limits: BulkLimits,
): Promise<BulkFileResult> {
  const name = entry.name;
  if (isSystemEntry(name)) return { name, status: 'ignored', message: { vi: 'Tệp ẩn hoặc tệp hệ thống', en: 'Hidden or system file' } };
  const parsed = parseScanName(name, { documentTypes: types, defaultType: options.defaultType });
  if (!parsed.ok) return { name, status: 'unmatched_name', message: parsed.reason };
  const base: BulkFileResult = { name, status: 'failed', record: describeTarget(parsed.target), documentType: parsed.documentType, size: entry.size };
  if (entry.size > deps.maxBytes) {
    return { ...base, status: 'too_large', message: { vi: `Tệp lớn hơn ${Math.floor(deps.maxBytes / 1024 ** 2)} MB`, en: `The file is larger than ${Math.floor(deps.maxBytes / 1024 ** 2)} MB` } };
  }
  if (entry.compressedSize !== null && entry.size > 1024 ** 2 && entry.size > entry.compressedSize * limits.maxRatio) {
    return {
      ...base, status: 'too_large',
      message: { vi: `Tỷ lệ nén bất thường (> ${limits.maxRatio}:1): nghi tệp nén độc hại, bỏ qua`, en: `Abnormal compression ratio (> ${limits.maxRatio}:1): a suspected zip bomb, skipped` },
    };
  }
  const resolved = await resolveTarget(deps, parsed.target);
  if (!('target' in resolved)) return { ...base, status: 'no_record', message: resolved };
  if (!caller.may('cadastre.edit', resolved.unitId)) {
    return {
      ...base, status: 'out_of_scope',
      message: { vi: 'Hồ sơ thuộc đơn vị ngoài phạm vi quyền "cadastre.edit" của tài khoản', en: 'The record is in a unit outside the account\'s "cadastre.edit" scope' },
    };
  }
  let stored: StoredFile;
  try {
    stored = await storeFile(deps.store, await entry.open(), { maxBytes: deps.maxBytes, pageCountBytes: PAGE_COUNT_BYTES, onRefused: 'destroy' });
  } catch (error) {
    if (error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE') return { ...base, status: 'too_large', message: error.messages };
    if (error instanceof AppError && error.code === 'VALIDATION_FAILED') return { ...base, status: 'bad_type', detected: (error.details as { detected?: string | null } | undefined)?.detected ?? null, message: error.messages };
    throw error;
  }
  const { media, pages } = stored;
  const at = deps.clock.now();
  const fileName = parsed.fileName;
  const outcome = await actAs(deps.db, caller.actor, async (tx) => {
    await lockBytesForRecord(tx, stored.sha256, resolved.target.ref);
    const existing = await documentWithBytesLinkedTo(tx, stored.sha256, resolved.target);
    if (existing) return { duplicate: true, id: existing };
    const documentUid = crypto.randomUUID();
    const id = await insertDocument(tx, {
      documentUid, version: 1, documentType: parsed.documentType, number: null, issuedOn: null, issuer: null,
      title: `Bản quét ${describeTarget(parsed.target)}: ${fileName}`.slice(0, 500), pages, mediaType: media, sizeBytes: stored.size,
      sha256: stored.sha256, fileName, containsPersonalData: options.containsPersonalData ?? true, uploadedBy: caller.actor.id, at,
    });
    await insertLink(tx, documentUid, resolved.target, resolved.unitId, caller.actor.id, at);
    return { duplicate: false, id };
  });
  return {
    ...base, status: outcome.duplicate ? 'duplicate' : 'ok', documentId: outcome.id, sha256: stored.sha256, size: stored.size,
    ...(outcome.duplicate ? { message: { vi: 'Tệp này đã được gắn với hồ sơ (không lưu lại)', en: 'These bytes are already linked to the record (not stored again)' } } : {}),
  };
}

async function runImport(deps: DocumentsDeps, caller: DocumentCaller, source: ScanSource, options: BulkOptions): Promise<BulkReport> {
  const limits = limitsOf(options);
  checkSourceLimits(source.entries, limits);
  const types = (await listDocumentTypes(deps.db)).map((t) => t.code);
  if (options.defaultType !== undefined && !types.includes(options.defaultType)) {
    throw errors.invalid({ vi: `Loại tài liệu mặc định không có trong danh mục: ${options.defaultType}`, en: `Default document type not in the code list: ${options.defaultType}` }, { field: 'type' });
  }
  const startedAt = deps.clock.now().toISOString();
  const files: BulkFileResult[] = [];
  for (const entry of source.entries) {
    let result: BulkFileResult;
    try {
      result = await importOne(deps, caller, entry, types, options, limits);
    } catch (error) {
      const message = error instanceof AppError ? error.messages : { vi: `Lỗi khi nhập tệp: ${(error as Error).message}`, en: `Import of the file failed: ${(error as Error).message}` };
      result = { name: entry.name, status: 'failed', message };
    }
    files.push(result);
    options.onFile?.(result, files.length, source.entries.length);
  }
  const totals = Object.fromEntries(BULK_STATUSES.map((s) => [s, 0])) as BulkReport['totals'];
  totals.files = files.length;
  totals.bytesStored = 0;
  for (const f of files) {
    totals[f.status] += 1;
    if (f.status === 'ok') totals.bytesStored += f.size ?? 0;
  }
  const report: BulkReport = { source: options.sourceName, store: deps.store.description, startedAt, finishedAt: deps.clock.now().toISOString(), totals, files };
  // who imported what, with the counts (the documents themselves are audited row by row)
  await actAs(deps.db, caller.actor, (tx) =>
    appendAudit(tx, caller.actor, {
      action: 'documents.bulk_import', objectType: 'document_import',
      details: { source: options.sourceName, defaultType: options.defaultType ?? null, totals },
    }),
  );
  return report;
}

/** Imports the scans of a zip file on disk. */
export async function importZip(deps: DocumentsDeps, caller: DocumentCaller, zipPath: string, options: BulkOptions): Promise<BulkReport> {
  const source = await openZip(zipPath);
  try {
    return await runImport(deps, caller, source, options);
  } finally {
    source.close();
  }
}

/** Imports the scans under a server-side folder (the CLI). */
export async function importFolder(deps: DocumentsDeps, caller: DocumentCaller, folder: string, options: BulkOptions): Promise<BulkReport> {
  return runImport(deps, caller, await openFolder(folder), options);
}

const STATUS_VI: Record<BulkStatus, string> = {
  ok: 'Đã nhập',
  duplicate: 'Trùng (đã gắn với hồ sơ)',
  unmatched_name: 'Tên tệp không đúng quy ước',
  no_record: 'Không có hồ sơ',
  out_of_scope: 'Ngoài phạm vi quyền',
  bad_type: 'Sai loại tệp',
  too_large: 'Tệp quá lớn',
  failed: 'Lỗi',
  ignored: 'Bỏ qua (tệp hệ thống)',
};

/** The report as an Excel workbook with Vietnamese headings: a summary sheet and one row per file. */
export async function reportWorkbook(report: BulkReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const summary = book.addWorksheet('Tổng hợp');
  summary.columns = [{ header: 'Nội dung', key: 'k', width: 36 }, { header: 'Giá trị', key: 'v', width: 40 }];
  summary.addRow({ k: 'Nguồn', v: report.source });
  summary.addRow({ k: 'Kho lưu trữ', v: report.store });
  summary.addRow({ k: 'Bắt đầu', v: report.startedAt });
  summary.addRow({ k: 'Kết thúc', v: report.finishedAt });
  summary.addRow({ k: 'Tổng số tệp', v: report.totals.files });
  for (const status of BULK_STATUSES) summary.addRow({ k: STATUS_VI[status], v: report.totals[status] });
  summary.addRow({ k: 'Dung lượng đã lưu (byte)', v: report.totals.bytesStored });
  summary.getRow(1).font = { bold: true };

  const sheet = book.addWorksheet('Chi tiết');
  sheet.columns = [
    { header: 'STT', key: 'n', width: 7 },
    { header: 'Tệp', key: 'name', width: 48 },
    { header: 'Kết quả', key: 'status', width: 26 },
    { header: 'Hồ sơ (xã/tờ/thửa hoặc số GCN)', key: 'record', width: 28 },
    { header: 'Loại tài liệu', key: 'type', width: 16 },
    { header: 'Mã tài liệu', key: 'id', width: 38 },
    { header: 'Loại tệp phát hiện', key: 'detected', width: 20 },
    { header: 'Lý do', key: 'reason', width: 70 },
  ];
  report.files.forEach((f, i) =>
    sheet.addRow({
      n: i + 1, name: f.name, status: STATUS_VI[f.status], record: f.record ?? '', type: f.documentType ?? '',
      id: f.documentId ?? '', detected: f.detected ?? '', reason: f.message?.vi ?? '',
    }),
  );
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
