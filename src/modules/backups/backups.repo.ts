// SQL of backups, restores and removable copies (migration 0019), of the per-table
// manifest (row counts and checksums) and of the database administration a restore needs
// (create, rename, drop a database). Database names are checked by safeName(): identifiers
// cannot be parameters.
import type { Queryable } from '../../db/database.js';

export type RunStatus = 'running' | 'succeeded' | 'failed';
export type Engine = 'postgres' | 'pglite';

export interface BackupRunRow {
  id: string;
  kind: 'database' | 'documents' | 'removable';
  trigger: 'schedule' | 'manual' | 'drill';
  startedAt: Date;
  finishedAt: Date | null;
  status: RunStatus;
  verified: boolean;
  target: string;
  fileName: string | null;
  bytes: number | null;
  sha256: string | null;
  engine: Engine | null;
  error: string | null;
  startedBy: string | null;
  startedByName: string | null;
  sourceBackupId: string | null;
  retention: 'daily' | 'monthly' | 'none';
  deletedAt: Date | null;
  manifest: BackupManifest | null;
}

export interface TableStat {
  table: string;
  rows: number;
  /** order-independent sum of the rows' md5 (60 bits each), as text */
  checksum: string;
}

export interface BackupManifest {
  format: 1;
  engine: Engine;
  /** the migration the database was at */
  schemaVersion: number;
  tables: TableStat[];
  documents: { objects: number; bytes: number } | null;
  /** the VN-2000 zones (EPSG 9205-9218) as spatial_ref_sys rows: a server restore re-inserts them */
  spatialRefs?: SpatialRefRow[];
  /** the audit chain's head at backup time */
  audit: { lastSeq: number; lastHash: string } | null;
}

const BACKUP_COLUMNS = `b.id, b.kind, b.trigger, b.started_at as "startedAt", b.finished_at as "finishedAt", b.status, b.verified,
  b.target, b.file_name as "fileName", b.bytes, b.sha256, b.engine, b.error, b.started_by as "startedBy",
  a.username as "startedByName", b.source_backup_id as "sourceBackupId", b.retention, b.deleted_at as "deletedAt", b.manifest`;

export async function insertBackupRun(
  tx: Queryable,
  r: { kind: BackupRunRow['kind']; trigger: BackupRunRow['trigger']; startedAt: Date; target: string; engine: Engine | null; startedBy: string | null; sourceBackupId: string | null },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into backup_run (kind, trigger, started_at, status, target, engine, started_by, source_backup_id)
     values ($1::text, $2::text, $3::timestamptz, 'running', $4::text, $5::text, $6::uuid, $7::uuid) returning id`,
    [r.kind, r.trigger, r.startedAt, r.target, r.engine, r.startedBy, r.sourceBackupId],
  );
  return rows[0]!.id;
}

export async function finishBackupRun(
  tx: Queryable,
  id: string,
  r: { finishedAt: Date; status: RunStatus; verified: boolean; fileName: string | null; bytes: number | null; sha256: string | null; error: string | null; retention: BackupRunRow['retention']; manifest: unknown },
): Promise<void> {
  await tx.query(
    `update backup_run set finished_at = $2::timestamptz, status = $3::text, verified = $4::boolean, file_name = $5::text,
            bytes = $6::bigint, sha256 = $7::text, error = $8::text, retention = $9::text, manifest = $10::jsonb
      where id = $1::uuid`,
    [id, r.finishedAt, r.status, r.verified, r.fileName, r.bytes, r.sha256, r.error?.slice(0, 4000) ?? null, r.retention, r.manifest === null ? null : JSON.stringify(r.manifest)],
  );
}

export async function listBackupRuns(db: Queryable, limit: number): Promise<BackupRunRow[]> {
  const { rows } = await db.query<BackupRunRow>(
    `select ${BACKUP_COLUMNS} from backup_run b left join account a on a.id = b.started_by order by b.started_at desc limit $1::int`,
    [limit],
  );
  return rows;
}

export async function getBackupRun(db: Queryable, id: string): Promise<BackupRunRow | null> {
  const { rows } = await db.query<BackupRunRow>(`select ${BACKUP_COLUMNS} from backup_run b left join account a on a.id = b.started_by where b.id = $1::uuid`, [id]);
  return rows[0] ?? null;
}

/** R3: the latest verified database backup of this engine started before the time (null: the latest). */
export async function latestVerifiedBackup(db: Queryable, engine: Engine, before: Date | null): Promise<BackupRunRow | null> {
  const { rows } = await db.query<BackupRunRow>(
    `select ${BACKUP_COLUMNS} from backup_run b left join account a on a.id = b.started_by
      where b.kind = 'database' and b.status = 'succeeded' and b.verified and b.deleted_at is null
        and b.engine = $1::text and ($2::timestamptz is null or b.started_at < $2::timestamptz)
      order by b.started_at desc limit 1`,
    [engine, before],
  );
  return rows[0] ?? null;
}

/** Verified database backups started at or after since (retention: a monthly one exists this month?). */
export async function countVerifiedSince(db: Queryable, since: Date, retention: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from backup_run where kind = 'database' and verified and started_at >= $1::timestamptz and retention = $2::text`,
    [since, retention],
  );
  return rows[0]!.n;
}

export async function liveDatabaseBackups(db: Queryable): Promise<BackupRunRow[]> {
  const { rows } = await db.query<BackupRunRow>(
    `select ${BACKUP_COLUMNS} from backup_run b left join account a on a.id = b.started_by
      where b.kind = 'database' and b.deleted_at is null and b.status <> 'running' order by b.started_at desc`,
  );
  return rows;
}

export async function markBackupDeleted(tx: Queryable, id: string, at: Date): Promise<void> {
  await tx.query('update backup_run set deleted_at = $2::timestamptz where id = $1::uuid', [id, at]);
}

// ——— the manifest: what is in the database, table by table ———

/** The application's tables (PostGIS's own, members of the extension, are left out). */
export async function userTables(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
        and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
      order by c.relname`,
  );
  return rows.map((r) => r.name);
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export function safeName(name: string): string {
  if (!IDENT.test(name)) throw new Error(`unsafe identifier ${name}`);
  return name;
}

/**
 * Row count and an order-independent checksum of a table: the sum of the first 60 bits
 * of each row's md5 (no sort of millions of rows, unlike string_agg … order by).
 */
export async function tableStat(db: Queryable, table: string): Promise<TableStat> {
  const { rows } = await db.query<{ rows: number; checksum: string }>(
    `select count(*)::bigint as rows,
            coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint::numeric), 0)::text as checksum
       from public."${safeName(table)}" t`,
  );
  return { table, rows: Number(rows[0]!.rows), checksum: rows[0]!.checksum };
}

/** The VN-2000 zones migration 0001 adds to PostGIS's table (a dump may not carry them). */
export async function vn2000Zones(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from spatial_ref_sys where srid between 9205 and 9218');
  return rows[0]!.n;
}

export interface SpatialRefRow {
  srid: number;
  auth_name: string;
  auth_srid: number;
  srtext: string;
  proj4text: string;
}

/** The zones' definitions, kept in the manifest: pg_dump leaves out rows in EPSG ranges PostGIS deems its own. */
export async function readVn2000Zones(db: Queryable): Promise<SpatialRefRow[]> {
  const { rows } = await db.query<SpatialRefRow>('select srid, auth_name, auth_srid, srtext, proj4text from spatial_ref_sys where srid between 9205 and 9218 order by srid');
  return rows;
}

export async function insertSpatialRefs(db: Queryable, rows: SpatialRefRow[]): Promise<void> {
  await db.query(
    `insert into spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text)
     select srid, auth_name, auth_srid, srtext, proj4text from jsonb_populate_recordset(null::spatial_ref_sys, $1::jsonb)
     on conflict (srid) do nothing`,
    [JSON.stringify(rows)],
  );
}

export async function schemaVersion(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ v: number | null }>('select max(version)::int as v from schema_migration');
  return rows[0]!.v ?? 0;
}

export async function documentHashes(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ sha256: string }>('select distinct sha256 from document');
  return rows.map((r) => r.sha256);
}

// ——— restores and their log ———

export interface RestoreRunRow {
  id: string;
  drill: boolean;
  backupId: string | null;
  incidentAt: Date | null;
  startedAt: Date;
  finishedAt: Date | null;
  status: RunStatus;
  engine: Engine;
  restoredInto: string | null;
  previousKeptAs: string | null;
  durationMs: number | null;
  error: string | null;
  requestedBy: string | null;
  requestedByName: string | null;
  reason: string | null;
}

export interface RestoreStepRow {
  id: string;
  position: number;
  step: string;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: 'running' | 'ok' | 'failed' | 'skipped';
  details: Record<string, unknown>;
}

const RESTORE_COLUMNS = `id, drill, backup_id as "backupId", incident_at as "incidentAt", started_at as "startedAt",
  finished_at as "finishedAt", status, engine, restored_into as "restoredInto", previous_kept_as as "previousKeptAs",
  duration_ms as "durationMs", error, requested_by as "requestedBy", requested_by_name as "requestedByName", reason`;

export async function insertRestoreRun(
  tx: Queryable,
  r: { drill: boolean; incidentAt: Date | null; startedAt: Date; engine: Engine; requestedBy: string | null; requestedByName: string; reason: string | null },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into restore_run (drill, incident_at, started_at, status, engine, requested_by, requested_by_name, reason)
     values ($1::boolean, $2::timestamptz, $3::timestamptz, 'running', $4::text, $5::uuid, $6::text, $7::text) returning id`,
    [r.drill, r.incidentAt, r.startedAt, r.engine, r.requestedBy, r.requestedByName, r.reason],
  );
  return rows[0]!.id;
}

export async function updateRestoreRun(
  tx: Queryable,
  id: string,
  r: { backupId?: string | null; restoredInto?: string | null; previousKeptAs?: string | null },
): Promise<void> {
  await tx.query(
    `update restore_run set backup_id = coalesce($2::uuid, backup_id), restored_into = coalesce($3::text, restored_into),
            previous_kept_as = coalesce($4::text, previous_kept_as) where id = $1::uuid`,
    [id, r.backupId ?? null, r.restoredInto ?? null, r.previousKeptAs ?? null],
  );
}

export async function finishRestoreRun(tx: Queryable, id: string, r: { finishedAt: Date; status: RunStatus; durationMs: number; error: string | null }): Promise<void> {
  await tx.query(
    `update restore_run set finished_at = $2::timestamptz, status = $3::text, duration_ms = $4::bigint, error = $5::text where id = $1::uuid`,
    [id, r.finishedAt, r.status, r.durationMs, r.error?.slice(0, 4000) ?? null],
  );
}

export async function insertStep(tx: Queryable, runId: string, position: number, step: string, startedAt: Date): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into restore_step (restore_run_id, position, step, started_at, outcome) values ($1::uuid, $2::int, $3::text, $4::timestamptz, 'running') returning id`,
    [runId, position, step, startedAt],
  );
  return rows[0]!.id;
}

export async function finishStep(tx: Queryable, id: string, finishedAt: Date, outcome: RestoreStepRow['outcome'], details: Record<string, unknown>): Promise<void> {
  await tx.query(
    'update restore_step set finished_at = $2::timestamptz, outcome = $3::text, details = $4::jsonb where id = $1::uuid',
    [id, finishedAt, outcome, JSON.stringify(details)],
  );
}

export async function getRestoreRun(db: Queryable, id: string): Promise<RestoreRunRow | null> {
  const { rows } = await db.query<RestoreRunRow>(`select ${RESTORE_COLUMNS} from restore_run where id = $1::uuid`, [id]);
  return rows[0] ?? null;
}

export async function listRestoreRuns(db: Queryable, limit: number): Promise<RestoreRunRow[]> {
  const { rows } = await db.query<RestoreRunRow>(`select ${RESTORE_COLUMNS} from restore_run order by started_at desc limit $1::int`, [limit]);
  return rows;
}

export async function restoreSteps(db: Queryable, runId: string): Promise<RestoreStepRow[]> {
  const { rows } = await db.query<RestoreStepRow>(
    `select id, position, step, started_at as "startedAt", finished_at as "finishedAt", outcome, details
       from restore_step where restore_run_id = $1::uuid order by position`,
    [runId],
  );
  return rows;
}

// ——— carrying the operations record into a restored database ———

export interface OperationsRows {
  backup_run: unknown[];
  restore_run: unknown[];
  restore_step: unknown[];
  removable_copy: unknown[];
}

export async function readOperations(db: Queryable): Promise<OperationsRows> {
  const { rows } = await db.query<OperationsRows>(
    `select (select coalesce(jsonb_agg(to_jsonb(t)), '[]') from backup_run t) as backup_run,
            (select coalesce(jsonb_agg(to_jsonb(t)), '[]') from restore_run t) as restore_run,
            (select coalesce(jsonb_agg(to_jsonb(t)), '[]') from restore_step t) as restore_step,
            (select coalesce(jsonb_agg(to_jsonb(t)), '[]') from removable_copy t) as removable_copy`,
  );
  return rows[0]!;
}

/** Inserts the rows the restored database lacks and brings the others up to date. */
export async function writeOperations(tx: Queryable, ops: OperationsRows): Promise<void> {
  await tx.query(
    `insert into backup_run select * from jsonb_populate_recordset(null::backup_run, $1::jsonb)
     on conflict (id) do update set finished_at = excluded.finished_at, status = excluded.status, verified = excluded.verified,
       file_name = excluded.file_name, bytes = excluded.bytes, sha256 = excluded.sha256, error = excluded.error,
       retention = excluded.retention, deleted_at = excluded.deleted_at, manifest = excluded.manifest`,
    [JSON.stringify(ops.backup_run)],
  );
  await tx.query(
    `insert into restore_run select * from jsonb_populate_recordset(null::restore_run, $1::jsonb)
     on conflict (id) do update set backup_id = excluded.backup_id, finished_at = excluded.finished_at, status = excluded.status,
       restored_into = excluded.restored_into, previous_kept_as = excluded.previous_kept_as,
       duration_ms = excluded.duration_ms, error = excluded.error`,
    [JSON.stringify(ops.restore_run)],
  );
  await tx.query(
    `insert into restore_step select * from jsonb_populate_recordset(null::restore_step, $1::jsonb)
     on conflict (id) do update set finished_at = excluded.finished_at, outcome = excluded.outcome, details = excluded.details`,
    [JSON.stringify(ops.restore_step)],
  );
  await tx.query(
    `insert into removable_copy select * from jsonb_populate_recordset(null::removable_copy, $1::jsonb)
     on conflict (id) do update set status = excluded.status, status_at = excluded.status_at, handed_to = excluded.handed_to,
       archive_location = excluded.archive_location, note = excluded.note`,
    [JSON.stringify(ops.removable_copy)],
  );
}

// ——— removable copies (B2, B4) ———

export interface RemovableCopyRow {
  id: string;
  backupRunId: string;
  sourceBackupId: string | null;
  mediumLabel: string;
  destination: string;
  takenBy: string | null;
  takenByName: string;
  takenAt: Date;
  handedTo: string | null;
  archiveLocation: string | null;
  status: 'issued' | 'archived' | 'returned' | 'destroyed';
  statusAt: Date | null;
  note: string | null;
  bytes: number | null;
  verified: boolean;
}

export async function insertRemovableCopy(
  tx: Queryable,
  r: { backupRunId: string; mediumLabel: string; destination: string; takenBy: string | null; takenByName: string; takenAt: Date; handedTo: string | null; archiveLocation: string | null; note: string | null },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into removable_copy (backup_run_id, medium_label, destination, taken_by, taken_by_name, taken_at, handed_to, archive_location, note)
     values ($1::uuid, $2::text, $3::text, $4::uuid, $5::text, $6::timestamptz, $7::text, $8::text, $9::text) returning id`,
    [r.backupRunId, r.mediumLabel, r.destination, r.takenBy, r.takenByName, r.takenAt, r.handedTo, r.archiveLocation, r.note],
  );
  return rows[0]!.id;
}

export async function listRemovableCopies(db: Queryable, limit: number): Promise<RemovableCopyRow[]> {
  const { rows } = await db.query<RemovableCopyRow>(
    `select c.id, c.backup_run_id as "backupRunId", b.source_backup_id as "sourceBackupId", c.medium_label as "mediumLabel",
            c.destination, c.taken_by as "takenBy", c.taken_by_name as "takenByName", c.taken_at as "takenAt",
            c.handed_to as "handedTo", c.archive_location as "archiveLocation", c.status, c.status_at as "statusAt", c.note,
            b.bytes, b.verified
       from removable_copy c join backup_run b on b.id = c.backup_run_id order by c.taken_at desc limit $1::int`,
    [limit],
  );
  return rows;
}

export async function updateRemovableCopy(
  tx: Queryable,
  id: string,
  r: { status: RemovableCopyRow['status']; at: Date; handedTo: string | null; archiveLocation: string | null; note: string | null },
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update removable_copy set status = $2::text, status_at = $3::timestamptz, handed_to = coalesce($4::text, handed_to),
            archive_location = coalesce($5::text, archive_location), note = coalesce($6::text, note) where id = $1::uuid`,
    [id, r.status, r.at, r.handedTo, r.archiveLocation, r.note],
  );
  return rowCount > 0;
}

// ——— database administration (server) ———

export async function currentDatabase(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ name: string }>('select current_database() as name');
  return rows[0]!.name;
}

export async function createDatabase(db: Queryable, name: string): Promise<void> {
  // not in a transaction, not prepared: CREATE DATABASE allows neither
  await db.exec(`create database "${safeName(name)}"`);
}

export async function dropDatabase(db: Queryable, name: string): Promise<void> {
  await db.exec(`drop database if exists "${safeName(name)}" with (force)`);
}

export async function renameDatabase(db: Queryable, from: string, to: string): Promise<void> {
  await db.exec(`alter database "${safeName(from)}" rename to "${safeName(to)}"`);
}

export async function databaseExists(db: Queryable, name: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from pg_database where datname = $1::text', [name]);
  return rows.length > 0;
}

/** Ends the other sessions on a database (a rename needs none). */
export async function endSessions(db: Queryable, name: string): Promise<void> {
  await db.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1::text and pid <> pg_backend_pid()', [name]);
}

/** A repeatable-read snapshot exported for pg_dump (--snapshot), so manifest and dump agree. */
export async function exportSnapshot(tx: Queryable): Promise<string> {
  await tx.query('set transaction isolation level repeatable read');
  const { rows } = await tx.query<{ id: string }>('select pg_export_snapshot() as id');
  return rows[0]!.id;
}

/** The newest audit entry (the chain's head a restore must reach again). */
export async function auditHead(db: Queryable): Promise<{ lastSeq: number; lastHash: string } | null> {
  const { rows } = await db.query<{ seq: number; hash: string }>('select seq, hash from audit_log order by seq desc limit 1');
  return rows[0] ? { lastSeq: Number(rows[0].seq), lastHash: rows[0].hash } : null;
}
