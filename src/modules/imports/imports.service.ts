// Contractor deliveries (issue #6): upload → job (load into staging in chunks, then the
// validation rules) → report → commit as one change transaction, or reject. The job's
// progress is in the database; a chunk's rows and the job's progress commit together, so
// a job whose process died resumes at the first feature not yet staged.
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, errors } from '../../kernel/app-error.js';
import type { Clock } from '../../kernel/clock.js';
import { encodeParcelsChanged, PARCELS_CHANGED_CHANNEL, type AppEvents } from '../../kernel/events.js';
import { actAs, appendAudit, SYSTEM_ACTOR, type Actor } from '../audit/index.js';
import { applySurveyImport, type SurveyParcel } from '../cadastre/index.js';
import { unitLineageIds } from '../units/index.js';
import { mapAttributes, resolveMapping, type ColumnMapping } from './column-mapping.js';
import * as join from './attribute-join.repo.js';
import * as repo from './imports.repo.js';
import { openAttributeTable } from './readers/attribute-table.js';
import { DeliveryError, openDelivery, type ZipLimits } from './readers/delivery.js';
import type { TextEncoding } from './readers/legacy-vietnamese.js';
import type { SourceFeature } from './readers/types.js';
import * as rules from './validation.repo.js';

export interface ImportsDeps {
  db: Database;
  clock: Clock;
  /** where uploads are kept until decided (LIS_DATA_DIR/imports) */
  dir: string;
  events?: AppEvents | undefined;
  /** features per chunk (one transaction each) */
  chunkSize?: number | undefined;
  /** a running job whose heartbeat is older than this is taken over (ms) */
  staleMs?: number | undefined;
  zipLimits?: ZipLimits | undefined;
  /** after each committed chunk (the CLI prints progress; tests slow it down) */
  onProgress?: ((p: { batchId: string; phase: string; done: number; total: number | null }) => void | Promise<void>) | undefined;
}

export interface Caller {
  actor: Actor;
  /** does a permission cover a unit id */
  may: (permission: string, unitId: number) => boolean;
}

export interface UploadInput {
  unitCode: string;
  projectId?: string | undefined;
  fileName: string;
  /** the uploaded file (moved into the batch's folder) */
  tempPath: string;
  encoding?: TextEncoding | undefined;
  sourceSrid?: number | undefined;
  scale?: number | undefined;
  checkGaps?: boolean | undefined;
  mapping?: ColumnMapping | undefined;
  layer?: string | undefined;
}

const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 1000, maxTotalBytes: 4 * 1024 ** 3, maxRatio: 100 };
const DEFAULT_SCALE = 1000;
const WORKER = `${os.hostname()}:${process.pid}`;

const notFound = (id: string) => errors.notFound({ vi: 'gói dữ liệu nhập', en: 'Import batch' }, { batchId: id });

function optionsOf(input: Omit<UploadInput, 'unitCode' | 'projectId' | 'fileName' | 'tempPath'>): repo.BatchOptions {
  return {
    mapping: input.mapping, sourceSrid: input.sourceSrid, encoding: input.encoding,
    scale: input.scale ?? DEFAULT_SCALE, checkGaps: input.checkGaps ?? false, layer: input.layer,
  };
}

async function keepFile(deps: ImportsDeps, batchId: string, attempt: number, tempPath: string): Promise<string> {
  const folder = path.join(deps.dir, batchId);
  await fsp.mkdir(folder, { recursive: true, mode: 0o700 });
  const target = path.join(folder, `upload-${attempt}`);
  await fsp.copyFile(tempPath, target);
  return target;
}

/** The project a caller uploads for: a contractor's own (covering the unit, active); an officer may name one. */
async function projectFor(db: Queryable, caller: Caller, unitId: number, named: string | undefined): Promise<string | null> {
  const own = caller.actor.id ? await repo.projectOfAccount(db, caller.actor.id) : null;
  const project = own ?? (named ? await repo.projectById(db, named) : null);
  if (named && !project) throw errors.invalid({ vi: 'Không có dự án này', en: 'No such project' }, { field: 'querystring/project' });
  if (own && named && named !== own.id) throw new AppError('FORBIDDEN', { vi: 'Tài khoản nhà thầu chỉ nhập cho dự án của mình', en: 'A contractor account imports for its own project only' });
  if (project && (project.status !== 'active' || !project.unitIds.includes(unitId))) {
    throw new AppError('FORBIDDEN', { vi: 'Dự án đã nghiệm thu hoặc không bao gồm đơn vị hành chính này', en: 'The project is accepted or does not cover this unit' }, { projectId: project.id });
  }
  return project?.id ?? null;
}

export async function uploadDelivery(deps: ImportsDeps, caller: Caller, input: UploadInput): Promise<repo.BatchRow> {
  const unit = await repo.liveUnit(deps.db, input.unitCode);
  if (!unit) throw errors.invalid({ vi: `Không có đơn vị hành chính mã ${input.unitCode}`, en: `No live unit ${input.unitCode}` }, { field: 'querystring/unit' });
  if (!caller.may('data.import', unit.id)) throw new AppError('FORBIDDEN', { vi: `Tài khoản không có quyền nhập dữ liệu trên đơn vị ${unit.code}`, en: `The account may not import data on unit ${unit.code}` });
  if (input.sourceSrid !== undefined && !(await repo.sridKnown(deps.db, input.sourceSrid))) {
    throw errors.invalid({ vi: `Hệ tọa độ EPSG:${input.sourceSrid} không có`, en: `Unknown coordinate system EPSG:${input.sourceSrid}` }, { field: 'querystring/srid' });
  }
  const projectId = await projectFor(deps.db, caller, unit.id, input.projectId);
  const id = crypto.randomUUID();
  const storedPath = await keepFile(deps, id, 1, input.tempPath);
  const now = deps.clock.now();
  await actAs(deps.db, caller.actor, async (tx) => {
    await repo.insertBatch(tx, { id, projectId, unitId: unit.id, uploadedBy: caller.actor.id, fileName: input.fileName, targetSrid: unit.srid, options: optionsOf(input), storedPath, now });
    await repo.insertJob(tx, id, 1, now);
    await appendAudit(tx, caller.actor, { action: 'import.upload', objectType: 'import_batch', objectId: id, unitId: unit.id, details: { fileName: input.fileName, projectId } });
  });
  return (await repo.getBatch(deps.db, id))!;
}

async function batchFor(db: Queryable, caller: Caller, id: string, permissions: string[]): Promise<repo.BatchRow> {
  const batch = await repo.getBatch(db, id);
  if (!batch || !permissions.some((p) => caller.may(p, batch.unitId))) throw notFound(id);
  // a contractor sees the deliveries of its own project only
  const own = caller.actor.id ? await repo.projectOfAccount(db, caller.actor.id) : null;
  if (own && batch.projectId !== own.id) throw notFound(id);
  return batch;
}

export function getBatch(deps: ImportsDeps, caller: Caller, id: string): Promise<repo.BatchRow> {
  return batchFor(deps.db, caller, id, ['data.import', 'cadastre.approve']);
}

export async function listBatches(deps: ImportsDeps, caller: Caller, unitCode: string, limit: number): Promise<repo.BatchRow[]> {
  const unit = await repo.liveUnit(deps.db, unitCode);
  if (!unit) return [];
  const own = caller.actor.id ? await repo.projectOfAccount(deps.db, caller.actor.id) : null;
  return repo.listBatches(deps.db, { unitIds: [unit.id], projectId: own?.id ?? null, limit });
}

/** A fixed delivery: a new attempt of the same batch (the old findings stay as history). */
export async function replaceDelivery(deps: ImportsDeps, caller: Caller, id: string, input: Omit<UploadInput, 'unitCode' | 'projectId'>): Promise<repo.BatchRow> {
  const batch = await batchFor(deps.db, caller, id, ['data.import']);
  if (batch.status === 'committed' || batch.status === 'rejected') {
    throw new AppError('CONFLICT', { vi: `Gói dữ liệu đã ${batch.status === 'committed' ? 'được cập nhật vào cơ sở dữ liệu' : 'bị từ chối'}`, en: `The batch is already ${batch.status}` });
  }
  const now = deps.clock.now();
  const storedPath = await keepFile(deps, id, batch.attempt + 1, input.tempPath);
  await actAs(deps.db, caller.actor, async (tx) => {
    await repo.lockBatch(tx, id);
    await repo.requestCancel(tx, id, now);
    const attempt = await repo.startNewAttempt(tx, id, input.fileName, storedPath, { ...batch.options, ...optionsOf(input), resolved: undefined, resolvedTables: undefined, tables: undefined });
    await repo.insertJob(tx, id, attempt, now);
    await appendAudit(tx, caller.actor, { action: 'import.replace', objectType: 'import_batch', objectId: id, unitId: batch.unitId, details: { fileName: input.fileName, attempt } });
  });
  return (await repo.getBatch(deps.db, id))!;
}

const MAX_TABLES = 20;

/**
 * An attribute table (CSV or Excel) uploaded beside the delivery: a new attempt of the same
 * delivery file, joined by unit + sheet + parcel like a table inside the zip. A fixed
 * delivery (PUT /file) comes whole: it drops the tables uploaded beside the old one.
 */
export async function addAttributeTable(deps: ImportsDeps, caller: Caller, id: string, input: { fileName: string; tempPath: string }): Promise<repo.BatchRow> {
  const batch = await batchFor(deps.db, caller, id, ['data.import']);
  if (batch.status === 'committed' || batch.status === 'rejected') {
    throw new AppError('CONFLICT', { vi: 'Gói dữ liệu đã được quyết định', en: `The batch is already ${batch.status}` });
  }
  const name = path.basename(input.fileName);
  if (!/\.(csv|xlsx)$/i.test(name)) throw errors.invalid({ vi: 'Bảng thuộc tính phải là tệp .csv hoặc .xlsx', en: 'An attribute table is a .csv or .xlsx file' }, { field: 'querystring/name' });
  const tables = batch.options.tables ?? [];
  if (tables.length >= MAX_TABLES) throw errors.invalid({ vi: `Tối đa ${MAX_TABLES} bảng thuộc tính cho một gói`, en: `At most ${MAX_TABLES} attribute tables per delivery` }, { field: 'body' });
  const stored = path.join(deps.dir, id, `table-${batch.attempt + 1}-${crypto.randomUUID()}`);
  await fsp.copyFile(input.tempPath, stored);
  await actAs(deps.db, caller.actor, async (tx) => {
    await repo.lockBatch(tx, id);
    await repo.requestCancel(tx, id, deps.clock.now());
    const attempt = await repo.startNewAttempt(tx, id, batch.fileName, batch.storedPath, {
      ...batch.options, resolved: undefined, resolvedTables: undefined, tables: [...tables, { path: stored, name }],
    });
    await repo.insertJob(tx, id, attempt, deps.clock.now());
    await appendAudit(tx, caller.actor, { action: 'import.attributes', objectType: 'import_batch', objectId: id, unitId: batch.unitId, details: { fileName: name, attempt } });
  });
  return (await repo.getBatch(deps.db, id))!;
}

export async function cancelBatch(deps: ImportsDeps, caller: Caller, id: string): Promise<repo.BatchRow> {
  const batch = await batchFor(deps.db, caller, id, ['data.import']);
  if (batch.status === 'committed' || batch.status === 'rejected') throw new AppError('CONFLICT', { vi: 'Gói dữ liệu đã được quyết định', en: `The batch is already ${batch.status}` });
  await actAs(deps.db, caller.actor, async (tx) => {
    await repo.requestCancel(tx, id, deps.clock.now());
    await repo.setStatus(tx, id, 'cancelled');
    await appendAudit(tx, caller.actor, { action: 'import.cancel', objectType: 'import_batch', objectId: id, unitId: batch.unitId });
  });
  return (await repo.getBatch(deps.db, id))!;
}

// --- the job ---------------------------------------------------------------------------

function stagedRow(feature: SourceFeature, mapping: ColumnMapping): repo.StagedRow {
  const m = mapAttributes(feature.properties, mapping);
  return {
    index: feature.index, sheet: m.sheet, parcel: m.parcel, landUse: m.landUse, origin: m.origin, area: m.area, address: m.address,
    attributes: JSON.stringify(feature.properties),
    geojson: feature.wkb ? null : feature.geometry ? JSON.stringify(feature.geometry) : null,
    wkbHex: feature.wkb ? Buffer.from(feature.wkb).toString('hex') : null,
  };
}

class Cancelled extends Error {}

/** Loads the batch's file into staging from the job's `done` on; returns false when cancelled. */
async function load(deps: ImportsDeps, job: repo.JobRow, batch: repo.BatchRow): Promise<void> {
  const chunkSize = deps.chunkSize ?? 1000;
  const work = path.join(path.dirname(batch.storedPath), `work-${job.attempt}`);
  let opened;
  try {
    opened = await openDelivery(batch.storedPath, work, {
      encoding: (batch.options.encoding as TextEncoding | undefined) ?? null, layer: batch.options.layer, limits: deps.zipLimits ?? DEFAULT_ZIP_LIMITS,
    });
  } catch (error) {
    throw error instanceof DeliveryError ? error : new DeliveryError(`Không đọc được tệp: ${(error as Error).message}`, `The file cannot be read: ${(error as Error).message}`);
  }
  const { source, attributeTables } = opened;
  try {
    const sourceSrid = batch.options.sourceSrid ?? source.srid;
    if (sourceSrid === null || sourceSrid === undefined || !(await repo.sridKnown(deps.db, sourceSrid))) {
      throw new DeliveryError(
        'Không xác định được hệ tọa độ của tệp (.prj): hãy ghi rõ mã EPSG (ví dụ 9212, VN-2000 múi 3° kinh tuyến trục 106°15\')',
        'The coordinate system of the file cannot be told (.prj): name its EPSG code (e.g. 9212, VN-2000 TM-3 106°15\')',
      );
    }
    await repo.deleteStagedFrom(deps.db, batch.id, job.done);
    let mapping = batch.options.resolved as ColumnMapping | undefined;
    let done = job.done;
    let chunk: repo.StagedRow[] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      const rows = chunk;
      chunk = [];
      done = rows.at(-1)!.index + 1;
      const keepGoing = await deps.db.transaction(async (tx) => {
        await repo.insertStaged(tx, batch.id, sourceSrid, batch.targetSrid, rows);
        return repo.recordProgress(tx, job.id, { done, total: source.total, phase: 'loading', now: deps.clock.now() });
      });
      await deps.onProgress?.({ batchId: batch.id, phase: 'loading', done, total: source.total });
      if (!keepGoing) throw new Cancelled();
    };
    for await (const feature of source.features(job.done)) {
      if (!mapping) {
        mapping = resolveMapping(Object.keys(feature.properties), batch.options.mapping as ColumnMapping | undefined);
        await repo.describeSource(deps.db, batch.id, { format: source.format, encoding: source.encoding, sourceSrid, resolved: mapping as Record<string, string> });
      }
      chunk.push(stagedRow(feature, mapping));
      if (chunk.length >= chunkSize) await flush();
    }
    await flush();
    if (!mapping) await repo.describeSource(deps.db, batch.id, { format: source.format, encoding: source.encoding, sourceSrid, resolved: {} });
    const tables = [...attributeTables.map((p) => ({ path: p, name: path.basename(p) })), ...(batch.options.tables ?? [])];
    await loadAttributeTables(deps, batch, tables, chunkSize);
    await deps.db.transaction((tx) => repo.recordProgress(tx, job.id, { done, total: done, phase: 'validating', now: deps.clock.now() }));
  } finally {
    await source.close();
  }
}

/**
 * The attribute tables of the delivery into staging (replacing any left by an interrupted
 * run), in chunks; the join itself is the first step of the validation (attribute-join.repo.ts).
 * The column mapping is resolved on each table's header (the uploader's mapping applies).
 */
async function loadAttributeTables(deps: ImportsDeps, batch: repo.BatchRow, files: Array<{ path: string; name: string }>, chunkSize: number): Promise<void> {
  await join.clearAttributeRows(deps.db, batch.id);
  const declared = batch.options.mapping as ColumnMapping | undefined;
  let tableMapping: ColumnMapping = {};
  for (const file of files) {
    const table = await openAttributeTable(file.path, (batch.options.encoding as TextEncoding | undefined) ?? null, file.name);
    let mapping: ColumnMapping | null = null;
    let chunk: join.AttributeRow[] = [];
    const flush = async () => {
      if (chunk.length > 0) await join.insertAttributeRows(deps.db, batch.id, chunk);
      chunk = [];
    };
    for await (const row of table.rows) {
      if (!mapping) {
        mapping = resolveMapping(Object.keys(row.properties), declared);
        tableMapping = { ...mapping, ...tableMapping };
      }
      const m = mapAttributes(row.properties, mapping);
      const unit = mapping.unit ? String(row.properties[mapping.unit] ?? '').trim() : '';
      const kept = Object.fromEntries(Object.entries(row.properties).filter(([, v]) => v !== null && v !== ''));
      chunk.push({
        fileName: table.fileName, line: row.line, unitCode: unit === '' ? null : unit.slice(0, 20), sheet: m.sheet, parcel: m.parcel,
        landUse: m.landUse, origin: m.origin, area: m.area, address: m.address, attributes: JSON.stringify(kept),
      });
      if (chunk.length >= chunkSize) await flush();
    }
    await flush();
  }
  if (files.length > 0) await repo.describeTables(deps.db, batch.id, tableMapping as Record<string, string>);
}

function fieldsOf(batch: repo.BatchRow): rules.Fields {
  // the feature source's field names first, then the tables' (a party column may come with the table only)
  const r = { ...((batch.options.resolvedTables ?? {}) as ColumnMapping), ...((batch.options.resolved ?? {}) as ColumnMapping) };
  return {
    sheet: r.sheet ?? 'SHBANDO', parcel: r.parcel ?? 'SOTHUA', landUse: r.landUse ?? 'MALOAIDAT', area: r.area ?? 'DIENTICH', origin: r.origin ?? 'NGUONGOC',
    partyName: r.partyName ?? null, partyId: r.partyId ?? null, partyKind: r.partyKind ?? null, unit: r.unit ?? null,
  };
}

async function lineageOf(deps: ImportsDeps, db: Queryable, batch: repo.BatchRow): Promise<number[]> {
  const ids = await unitLineageIds(db, batch.unitCode, deps.clock.now().toISOString().slice(0, 10));
  return ids.includes(batch.unitId) ? ids : [batch.unitId, ...ids];
}

/** Runs every rule over the staged rows (one transaction: the report is whole or absent). */
export async function validate(deps: ImportsDeps, batchId: string): Promise<{ errors: number; warnings: number }> {
  const batch = (await repo.getBatch(deps.db, batchId))!;
  const context: rules.ValidationContext = {
    batchId, attempt: batch.attempt, unitId: batch.unitId, lineageUnitIds: await lineageOf(deps, deps.db, batch), fields: fieldsOf(batch), scale: batch.options.scale ?? DEFAULT_SCALE, checkGaps: batch.options.checkGaps ?? false,
  };
  return deps.db.transaction(async (tx) => {
    await rules.clearFindings(tx, batchId, batch.attempt);
    const tables = (batch.options.resolvedTables ?? {}) as ColumnMapping;
    const joining = join.joinStatements({
      batchId, attempt: batch.attempt, unitCode: batch.unitCode, featureUnitField: context.fields.unit ?? '', tableKeyField: tables.parcel ?? 'SOTHUA',
    });
    for (const statement of [...joining, ...rules.ruleStatements(context)]) await tx.query(statement.sql, statement.params);
    const counts = await rules.findingCounts(tx, batchId, batch.attempt);
    await repo.markValidated(tx, batchId, counts, deps.clock.now());
    return counts;
  });
}

async function runJob(deps: ImportsDeps, job: repo.JobRow): Promise<void> {
  const batch = await repo.getBatch(deps.db, job.batchId);
  const now = () => deps.clock.now();
  if (!batch || batch.attempt !== job.attempt || job.cancelRequested) {
    await repo.finishJob(deps.db, job.id, 'cancelled', null, now());
    return;
  }
  try {
    if (job.phase === 'loading') {
      await repo.setStatus(deps.db, batch.id, 'loading');
      await load(deps, job, batch);
    }
    await deps.onProgress?.({ batchId: batch.id, phase: 'validating', done: 0, total: null });
    await validate(deps, batch.id);
    await repo.finishJob(deps.db, job.id, 'done', null, now());
    await deps.onProgress?.({ batchId: batch.id, phase: 'done', done: 0, total: null });
  } catch (error) {
    if (error instanceof Cancelled) {
      await repo.finishJob(deps.db, job.id, 'cancelled', null, now());
      return;
    }
    const message = error instanceof DeliveryError ? `${error.vi} / ${error.message}` : (error as Error).message;
    await actAs(deps.db, SYSTEM_ACTOR, async (tx) => {
      await repo.finishJob(tx, job.id, 'failed', message, now());
      await repo.setStatus(tx, batch.id, 'failed');
    });
  }
}

/**
 * Runs the queued jobs, and the running ones a dead process left behind, one at a time
 * (the scheduler calls it in one process of the deployment). Returns how many it ran.
 */
export async function runPendingImports(deps: ImportsDeps): Promise<number> {
  let ran = 0;
  for (;;) {
    const now = deps.clock.now();
    const job = await repo.claimJob(deps.db, now, new Date(now.getTime() - (deps.staleMs ?? 10 * 60_000)), WORKER);
    if (!job) return ran;
    await runJob(deps, job);
    ran++;
  }
}

// --- decision ----------------------------------------------------------------------------

async function* stagedChunks(tx: Queryable, batchId: string, unitField: string): AsyncIterable<SurveyParcel[]> {
  let after = -1;
  for (;;) {
    const rows = await rules.stagedParcels(tx, batchId, unitField, after, 1000);
    if (rows.length === 0) return;
    after = rows.at(-1)!.index;
    yield rows.map(({ index: _i, ...p }) => p);
  }
}

export interface CommitResult {
  batch: repo.BatchRow;
  changeId: string;
  created: number;
  replaced: number;
}

/** cadastre.approve on the unit: the validated batch without errors becomes one change transaction. */
export async function commitBatch(deps: ImportsDeps, caller: Caller, id: string, legalBasis: string): Promise<CommitResult> {
  const now = deps.clock.now();
  const outcome = await actAs(deps.db, caller.actor, async (tx) => {
    await repo.lockBatch(tx, id);
    const batch = await batchFor(tx, caller, id, ['cadastre.approve']);
    if (!caller.may('cadastre.approve', batch.unitId)) throw notFound(id);
    if (batch.status !== 'validated') {
      throw new AppError('CONFLICT', { vi: `Gói dữ liệu đang ở trạng thái "${batch.status}", chưa thể cập nhật`, en: `The batch is ${batch.status}: only a validated batch can be committed` }, { status: batch.status });
    }
    const counts = await rules.findingCounts(tx, id, batch.attempt);
    if (counts.errors > 0) {
      throw new AppError('CONFLICT', { vi: `Báo cáo kiểm tra còn ${counts.errors} lỗi: không thể cập nhật`, en: `The validation report has ${counts.errors} errors: the batch cannot be committed` }, counts);
    }
    const lineageUnitIds = await lineageOf(deps, tx, batch);
    if (await repo.unitChangedSince(tx, lineageUnitIds, batch.validatedAt!)) {
      throw new AppError('CONFLICT', { vi: 'Dữ liệu của đơn vị đã thay đổi sau khi kiểm tra: hãy kiểm tra lại gói dữ liệu', en: 'The unit\'s parcels changed after the validation: validate the batch again' });
    }
    const result = await applySurveyImport(tx, {
      unitId: batch.unitId, lineageUnitIds, srid: batch.targetSrid, scale: batch.options.scale ?? DEFAULT_SCALE, legalBasis,
      edits: { importBatchId: id, fileName: batch.fileName, attempt: batch.attempt, projectId: batch.projectId },
      actorId: caller.actor.id, at: now, chunks: stagedChunks(tx, id, fieldsOf(batch).unit ?? ''),
    });
    await repo.decide(tx, id, { status: 'committed', by: caller.actor.id, at: now, note: legalBasis, changeId: result.changeId });
    await appendAudit(tx, caller.actor, {
      action: 'import.commit', objectType: 'import_batch', objectId: id, unitId: batch.unitId,
      details: { changeId: result.changeId, created: result.created, replaced: result.replaced },
    });
    if (result.bbox) await repo.notify(tx, PARCELS_CHANGED_CHANNEL, encodeParcelsChanged({ changeId: result.changeId, bboxes: [result.bbox], origin: deps.events?.origin }));
    return result;
  });
  if (outcome.bbox) deps.events?.parcelsChanged({ changeId: outcome.changeId, bboxes: [outcome.bbox] });
  await fsp.rm(path.join(deps.dir, id), { recursive: true, force: true });
  return { batch: (await repo.getBatch(deps.db, id))!, changeId: outcome.changeId, created: outcome.created, replaced: outcome.replaced };
}

export async function rejectBatch(deps: ImportsDeps, caller: Caller, id: string, reason: string): Promise<repo.BatchRow> {
  await actAs(deps.db, caller.actor, async (tx) => {
    await repo.lockBatch(tx, id);
    const batch = await batchFor(tx, caller, id, ['cadastre.approve']);
    if (!caller.may('cadastre.approve', batch.unitId)) throw notFound(id);
    if (batch.status === 'committed' || batch.status === 'rejected') throw new AppError('CONFLICT', { vi: 'Gói dữ liệu đã được quyết định', en: `The batch is already ${batch.status}` });
    await repo.requestCancel(tx, id, deps.clock.now());
    await repo.decide(tx, id, { status: 'rejected', by: caller.actor.id, at: deps.clock.now(), note: reason, changeId: null });
    await appendAudit(tx, caller.actor, { action: 'import.reject', objectType: 'import_batch', objectId: id, unitId: batch.unitId, details: { reason } });
  });
  return (await repo.getBatch(deps.db, id))!;
}

export interface Report {
  batch: repo.BatchRow;
  counts: { errors: number; warnings: number };
  findings: rules.FindingRow[];
}

export async function report(deps: ImportsDeps, caller: Caller, id: string, limit: number): Promise<Report> {
  const batch = await getBatch(deps, caller, id);
  return { batch, counts: await rules.findingCounts(deps.db, id, batch.attempt), findings: await rules.listFindings(deps.db, id, batch.attempt, limit) };
}

export async function batchMap(deps: ImportsDeps, caller: Caller, id: string, limit: number): Promise<unknown> {
  const batch = await getBatch(deps, caller, id);
  return rules.batchGeoJson(deps.db, id, batch.attempt, limit);
}
