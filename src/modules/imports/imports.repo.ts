// SQL of deliveries (import_batch), their staging rows, findings and jobs.
import type { Queryable } from '../../db/database.js';

export const BATCH_STATUSES = ['uploaded', 'loading', 'validated', 'committed', 'rejected', 'failed', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export interface BatchRow {
  id: string;
  projectId: string | null;
  unitId: number;
  unitCode: string;
  uploadedBy: string | null;
  fileName: string;
  format: string;
  encoding: string | null;
  sourceSrid: number | null;
  targetSrid: number;
  options: BatchOptions;
  storedPath: string;
  attempt: number;
  status: BatchStatus;
  errorCount: number | null;
  warningCount: number | null;
  createdAt: string;
  validatedAt: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  changeId: string | null;
  job: JobProgress | null;
}

export interface BatchOptions {
  /** declared column mapping (source field names) */
  mapping?: Record<string, string> | undefined;
  /** the column mapping as resolved on the file */
  resolved?: Record<string, string> | undefined;
  /** attribute tables uploaded beside the delivery (PUT /imports/:id/attributes): stored file, name as uploaded */
  tables?: Array<{ path: string; name: string }> | undefined;
  /** the column mapping as resolved on the attribute tables (CSV / Excel) */
  resolvedTables?: Record<string, string> | undefined;
  /** declared source system, when the file's cannot be told */
  sourceSrid?: number | undefined;
  encoding?: string | undefined;
  /** scale denominator of the sheets (area tolerance, new sheets) */
  scale?: number | undefined;
  /** look for gaps between the batch's parcels (slower) */
  checkGaps?: boolean | undefined;
  layer?: string | undefined;
}

export interface JobProgress {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  phase: 'loading' | 'validating' | 'done';
  done: number;
  total: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

const BATCH = `b.id, b.project_id as "projectId", b.unit_id::int as "unitId", u.code as "unitCode", b.uploaded_by as "uploadedBy",
  b.file_name as "fileName", b.format, b.encoding, b.source_srid as "sourceSrid", b.target_srid as "targetSrid", b.options,
  b.stored_path as "storedPath", b.attempt, b.status, b.error_count as "errorCount", b.warning_count as "warningCount",
  b.created_at as "createdAt", b.validated_at as "validatedAt", b.decided_at as "decidedAt", b.decision_note as "decisionNote",
  b.change_id as "changeId",
  (select json_build_object('id', j.id, 'status', j.status, 'phase', j.phase, 'done', j.done, 'total', j.total,
          'startedAt', j.started_at, 'finishedAt', j.finished_at, 'error', j.error)
     from import_job j where j.batch_id = b.id order by j.created_at desc limit 1) as job`;

function fixDates(r: BatchRow): BatchRow {
  return {
    ...r, createdAt: iso(r.createdAt)!, validatedAt: iso(r.validatedAt), decidedAt: iso(r.decidedAt),
    job: r.job ? { ...r.job, startedAt: iso(r.job.startedAt), finishedAt: iso(r.job.finishedAt) } : null,
  };
}

export async function getBatch(db: Queryable, id: string): Promise<BatchRow | undefined> {
  const { rows } = await db.query<BatchRow>(`select ${BATCH} from import_batch b join admin_unit u on u.id = b.unit_id where b.id = $1::uuid`, [id]);
  return rows[0] ? fixDates(rows[0]) : undefined;
}

/** Batches of some units (and of one project, for a contractor), newest first. */
export async function listBatches(db: Queryable, q: { unitIds: number[]; projectId: string | null; limit: number }): Promise<BatchRow[]> {
  const { rows } = await db.query<BatchRow>(
    `select ${BATCH} from import_batch b join admin_unit u on u.id = b.unit_id
      where b.unit_id = any($1::bigint[]) and ($2::uuid is null or b.project_id = $2::uuid)
      order by b.created_at desc limit $3`,
    [q.unitIds, q.projectId, q.limit],
  );
  return rows.map(fixDates);
}

export interface UnitTarget {
  id: number;
  code: string;
  srid: number;
}

/** The live unit with a code and the VN-2000 zone its parcels are stored in. */
export async function liveUnit(db: Queryable, code: string): Promise<UnitTarget | undefined> {
  const { rows } = await db.query<UnitTarget>(
    `select u.id::int, u.code, coalesce(u.srid, (select (value #>> '{}')::int from setting where key = 'province.default_srid'))::int as srid
       from admin_unit u where u.code = $1 and u.valid_to is null`,
    [code],
  );
  return rows[0];
}

/** The contractor project of an account (contractor accounts belong to one). */
export async function projectOfAccount(db: Queryable, accountId: string): Promise<{ id: string; unitIds: number[]; status: string } | null> {
  const { rows } = await db.query<{ id: string; unitIds: number[]; status: string }>(
    `select p.id, p.unit_ids::int[] as "unitIds", p.status from account a join contractor_project p on p.id = a.contractor_project_id where a.id = $1::uuid`,
    [accountId],
  );
  return rows[0] ?? null;
}

export async function projectById(db: Queryable, id: string): Promise<{ id: string; unitIds: number[]; status: string } | null> {
  const { rows } = await db.query<{ id: string; unitIds: number[]; status: string }>(
    `select id, unit_ids::int[] as "unitIds", status from contractor_project where id = $1::uuid`,
    [id],
  );
  return rows[0] ?? null;
}

export async function sridKnown(db: Queryable, srid: number): Promise<boolean> {
  return (await db.query('select 1 from spatial_ref_sys where srid = $1::int', [srid])).rows.length > 0;
}

export async function insertBatch(
  db: Queryable,
  b: { id: string; projectId: string | null; unitId: number; uploadedBy: string | null; fileName: string; targetSrid: number; options: BatchOptions; storedPath: string; now: Date },
): Promise<void> {
  await db.query(
    `insert into import_batch (id, project_id, unit_id, uploaded_by, file_name, format, target_srid, options, stored_path, created_at)
     values ($1::uuid, $2::uuid, $3, $4::uuid, $5, null, $6, $7::jsonb, $8, $9)`,
    [b.id, b.projectId, b.unitId, b.uploadedBy, b.fileName, b.targetSrid, JSON.stringify(b.options), b.storedPath, b.now],
  );
}

/** A fixed delivery replaces the file: a new attempt whose staging rows replace the old ones. */
export async function startNewAttempt(db: Queryable, id: string, fileName: string, storedPath: string, options: BatchOptions): Promise<number> {
  await db.query('delete from import_feature where batch_id = $1::uuid', [id]);
  const { rows } = await db.query<{ attempt: number }>(
    `update import_batch set attempt = attempt + 1, file_name = $2, stored_path = $3, options = $4::jsonb, status = 'uploaded',
            error_count = null, warning_count = null, validated_at = null where id = $1::uuid returning attempt`,
    [id, fileName, storedPath, JSON.stringify(options)],
  );
  return rows[0]!.attempt;
}

export async function describeSource(
  db: Queryable,
  id: string,
  s: { format: string; encoding: string | null; sourceSrid: number; resolved: Record<string, string> },
): Promise<void> {
  await db.query(
    `update import_batch set format = $2, encoding = $3, source_srid = $4, status = 'loading',
            options = options || jsonb_build_object('resolved', $5::jsonb) where id = $1::uuid`,
    [id, s.format, s.encoding, s.sourceSrid, JSON.stringify(s.resolved)],
  );
}

export async function describeTables(db: Queryable, id: string, resolved: Record<string, string>): Promise<void> {
  await db.query(`update import_batch set options = options || jsonb_build_object('resolvedTables', $2::jsonb) where id = $1::uuid`, [id, JSON.stringify(resolved)]);
}

export async function setStatus(db: Queryable, id: string, status: BatchStatus): Promise<void> {
  await db.query('update import_batch set status = $2 where id = $1::uuid', [id, status]);
}

export async function markValidated(db: Queryable, id: string, counts: { errors: number; warnings: number }, now: Date): Promise<void> {
  await db.query(
    `update import_batch set status = 'validated', error_count = $2, warning_count = $3, validated_at = $4 where id = $1::uuid`,
    [id, counts.errors, counts.warnings, now],
  );
}

export async function decide(
  db: Queryable,
  id: string,
  d: { status: 'committed' | 'rejected'; by: string | null; at: Date; note: string | null; changeId: string | null },
): Promise<void> {
  await db.query(
    `update import_batch set status = $2, decided_by = $3::uuid, decided_at = $4, decision_note = $5, change_id = $6::uuid where id = $1::uuid`,
    [id, d.status, d.by, d.at, d.note, d.changeId],
  );
}

/** Locks the batch row (commit and reject queue here). */
export async function lockBatch(db: Queryable, id: string): Promise<void> {
  await db.query('select 1 from import_batch where id = $1::uuid for update', [id]);
}

// --- staging ---------------------------------------------------------------------------

export interface StagedRow {
  index: number;
  sheet: number | null;
  parcel: number | null;
  landUse: string | null;
  origin: string | null;
  area: number | null;
  address: string | null;
  attributes: string;
  geojson: string | null;
  wkbHex: string | null;
}

const STAGE_COLUMNS = `insert into import_feature (batch_id, source_index, sheet_number, parcel_number, land_use_code, origin_code, declared_area, address, attributes, geom, geom_error)`;
const STAGE_INPUT = `unnest($2::int[], $3::int[], $4::int[], $5::text[], $6::text[], $7::numeric[], $8::text[], $9::text[], $10::text[], $11::text[])
            as t(i, sheet, parcel, luc, origin, area, address, attrs, gj, wkb)`;

/**
 * A chunk of features into staging, in the caller's transaction. Fast path: every geometry
 * converted in one statement; if one of them is unreadable the statement fails, and the
 * chunk is staged again row by row through import_geometry (which catches the error per
 * feature: one bad feature must not stop the delivery, and must be reported).
 */
export async function insertStaged(db: Queryable, batchId: string, sourceSrid: number, targetSrid: number, rows: StagedRow[]): Promise<void> {
  const col = <K extends keyof StagedRow>(k: K) => rows.map((r) => r[k]);
  const params = [batchId, col('index'), col('sheet'), col('parcel'), col('landUse'), col('origin'), col('area'), col('address'), col('attributes'), col('geojson'), col('wkbHex'), sourceSrid, targetSrid];
  await db.query('savepoint stage_chunk');
  try {
    await db.query(
      `${STAGE_COLUMNS}
       select $1::uuid, t.i, t.sheet, t.parcel, t.luc, t.origin, t.area, t.address, t.attrs::jsonb,
              ST_Transform(ST_SetSRID(ST_Force2D(case when t.gj is not null then ST_GeomFromGeoJSON(t.gj) else ST_GeomFromWKB(decode(t.wkb, 'hex')) end), $12::int), $13::int),
              case when t.gj is null and t.wkb is null then 'no geometry' end
         from ${STAGE_INPUT}`,
      params,
    );
    await db.query('release savepoint stage_chunk');
  } catch {
    await db.query('rollback to savepoint stage_chunk');
    await db.query(
      `${STAGE_COLUMNS}
       select $1::uuid, t.i, t.sheet, t.parcel, t.luc, t.origin, t.area, t.address, t.attrs::jsonb, g.geom, g.error
         from ${STAGE_INPUT} cross join lateral import_geometry(t.gj, t.wkb, $12::int, $13::int) g`,
      params,
    );
  }
}

/** Staging rows at or after an index (left by a chunk that did not commit its progress). */
export async function deleteStagedFrom(db: Queryable, batchId: string, from: number): Promise<void> {
  await db.query('delete from import_feature where batch_id = $1::uuid and source_index >= $2::int', [batchId, from]);
}

export async function stagedCount(db: Queryable, batchId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from import_feature where batch_id = $1::uuid', [batchId]);
  return rows[0]!.n;
}

// --- jobs ------------------------------------------------------------------------------

export interface JobRow {
  id: string;
  batchId: string;
  attempt: number;
  status: JobProgress['status'];
  phase: JobProgress['phase'];
  done: number;
  cancelRequested: boolean;
}

export async function insertJob(db: Queryable, batchId: string, attempt: number, now: Date): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into import_job (batch_id, attempt, created_at) values ($1::uuid, $2::int, $3) returning id`,
    [batchId, attempt, now],
  );
  return rows[0]!.id;
}

/**
 * Takes the oldest queued job, or a running one whose process stopped beating before
 * `staleBefore` (a crash, a kill): it is resumed from its last committed chunk.
 */
export async function claimJob(db: Queryable, now: Date, staleBefore: Date, worker: string): Promise<JobRow | undefined> {
  const { rows } = await db.query<JobRow>(
    `update import_job set status = 'running', worker = $3, started_at = coalesce(started_at, $1), heartbeat_at = $1
      where id = (select id from import_job
                   where status = 'queued' or (status = 'running' and heartbeat_at < $2)
                   order by created_at limit 1 for update skip locked)
      returning id, batch_id as "batchId", attempt, status, phase, done, cancel_requested as "cancelRequested"`,
    [now, staleBefore, worker],
  );
  return rows[0];
}

/** Progress of a committed chunk (in the chunk's transaction); false when a cancel was asked. */
export async function recordProgress(db: Queryable, jobId: string, p: { done: number; total: number | null; phase: JobProgress['phase']; now: Date }): Promise<boolean> {
  const { rows } = await db.query<{ cancel: boolean }>(
    `update import_job set done = $2, total = coalesce($3::int, total), phase = $4, heartbeat_at = $5 where id = $1::uuid
     returning cancel_requested as cancel`,
    [jobId, p.done, p.total, p.phase, p.now],
  );
  return !rows[0]!.cancel;
}

export async function finishJob(db: Queryable, jobId: string, status: 'done' | 'failed' | 'cancelled', error: string | null, now: Date): Promise<void> {
  await db.query(
    `update import_job set status = $2, phase = case when $2::text = 'done' then 'done' else phase end, error = $3, finished_at = $4 where id = $1::uuid`,
    [jobId, status, error === null ? null : error.slice(0, 2000), now],
  );
}

export async function requestCancel(db: Queryable, batchId: string, now: Date): Promise<number> {
  const { rowCount } = await db.query(
    `update import_job set cancel_requested = true,
            status = case when status = 'queued' then 'cancelled' else status end,
            finished_at = case when status = 'queued' then $2 else finished_at end
      where batch_id = $1::uuid and status in ('queued', 'running')`,
    [batchId, now],
  );
  return rowCount;
}

/** Did a parcel of the unit start or end after a time (the validation may be out of date)? */
export async function unitChangedSince(db: Queryable, unitIds: number[], since: string): Promise<boolean> {
  const { rows } = await db.query(
    'select 1 from parcel where unit_id = any($1::bigint[]) and (valid_from > $2::timestamptz or valid_to > $2::timestamptz) limit 1',
    [unitIds, since],
  );
  return rows.length > 0;
}

/** Tells every process on this database, once the transaction commits. */
export async function notify(db: Queryable, channel: string, payload: string): Promise<void> {
  await db.query('select pg_notify($1::text, $2::text)', [channel, payload]);
}
