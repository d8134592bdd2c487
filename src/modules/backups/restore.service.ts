// Restore and restore drill (R1-R4, issue #10 items 2-3). A restore never overwrites the
// database in use: it restores the chosen backup into a FRESH database (server: a new
// database on the same server; embedded: a new data folder), verifies it against the
// manifest written at backup time (row counts and checksums per table, the audit chain,
// the documents' objects in the store), carries the operations record (backups, restores
// and their log, removable copies) into it, and leaves the switch for the next start:
//
// Why the switch waits for a restart: the running server holds a pool of connections to
// the old database (embedded: the open data folder), and swapping them under requests in
// flight would mix old and restored data. So the restore writes restore-pending.json in
// the data folder; at the next start (npm start, or `npm run restore -- --switch-now`
// with the service stopped) applyPendingRestore() renames the old database to
// `<name>_before_restore_<time>` and the restored one to `<name>` (embedded: swaps the
// folders). DATABASE_URL stays the same, and the old state is kept for the inquiry.
//
// The log: every step is a restore_step row in the database in use while the restore
// runs, and the whole record is written again into the restored database (which holds an
// older state and would otherwise not know this restore, nor the backups after it).
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../db/database.js';
import { openPgliteDatabase } from '../../db/pglite-driver.js';
import { openServerDatabase } from '../../db/pg-driver.js';
import { AppError } from '../../kernel/app-error.js';
import type { Clock } from '../../kernel/clock.js';
import { actAs, verifyAuditLog, type Actor } from '../audit/index.js';
import { hashFile } from './backup-target.js';
import { computeManifest, dumpName, engineOf, stamp, type BackupDeps, type StoredManifest } from './backup.service.js';
import * as repo from './backups.repo.js';
import type { BackupRunRow, RestoreRunRow, RestoreStepRow } from './backups.repo.js';
import { libpqEnv, runTool, urlOf } from './pg-tools.js';

export interface RestoreDeps extends BackupDeps {
  /** LIS_DATA_DIR: the switch-over note, and the embedded database's folders */
  dataDir: string;
}

export interface RestoreOptions {
  actor: Actor;
  /** R3: the latest verified backup started before this time (default: the latest) */
  incidentAt?: Date | undefined;
  /** a given backup instead */
  backupId?: string | undefined;
  reason?: string | undefined;
  /** restore into a scratch database, verify, drop it */
  drill?: boolean | undefined;
  /** told the run's id once it is recorded (the API answers then, the restore goes on) */
  onStarted?: ((id: string) => void) | undefined;
}

export const PENDING_FILE = 'restore-pending.json';

interface PendingSwitch {
  restoreRunId: string;
  engine: repo.Engine;
  /** server: the restored database's name; embedded: the restored folder */
  restored: string;
  /** server: the database in use; embedded: its folder */
  current: string;
  keepAs: string;
}

class StepFailed extends Error {
  constructor(readonly details: Record<string, unknown>, message: string) {
    super(message);
  }
}

/** R3: the backup a restore takes, before anything is done (the portal's confirmation). */
export async function chooseBackup(db: Database, options: { incidentAt?: Date | undefined; backupId?: string | undefined }): Promise<BackupRunRow> {
  const engine = engineOf(db);
  if (options.backupId) {
    const b = await repo.getBackupRun(db, options.backupId);
    if (!b || b.kind !== 'database' || b.status !== 'succeeded' || !b.verified || b.deletedAt || b.engine !== engine) {
      throw new AppError('NOT_FOUND', { vi: 'Không có bản sao lưu cơ sở dữ liệu đã kiểm tra với mã này', en: 'No verified database backup with this id' }, { field: 'backupId' });
    }
    return b;
  }
  const b = await repo.latestVerifiedBackup(db, engine, options.incidentAt ?? null);
  if (!b) {
    throw new AppError('NOT_FOUND', {
      vi: options.incidentAt ? `Không có bản sao lưu đã kiểm tra nào trước thời điểm sự cố ${options.incidentAt.toISOString()}` : 'Chưa có bản sao lưu đã kiểm tra nào',
      en: options.incidentAt ? `No verified backup was taken before the incident time ${options.incidentAt.toISOString()}` : 'There is no verified backup yet',
    }, { field: 'incidentAt' });
  }
  return b;
}

/** A restore's steps, each recorded as it starts and ends. */
function stepper(db: Database, actor: Actor, clock: Clock, runId: string) {
  let position = 0;
  return async function step<T>(name: string, fn: () => Promise<{ value: T; details: Record<string, unknown> }>): Promise<T> {
    const id = await actAs(db, actor, (tx) => repo.insertStep(tx, runId, ++position, name, clock.now()));
    try {
      const { value, details } = await fn();
      await actAs(db, actor, (tx) => repo.finishStep(tx, id, clock.now(), 'ok', details));
      return value;
    } catch (error) {
      const details = error instanceof StepFailed ? error.details : { error: (error as Error).message };
      await actAs(db, actor, (tx) => repo.finishStep(tx, id, clock.now(), 'failed', details));
      throw error;
    }
  };
}

/** Names of the fresh database and of the kept old one (63 characters at most). */
function restoreNames(current: string, at: Date, drill: boolean): { restored: string; keepAs: string } {
  const s = stamp(at).replace(/z$/, '');
  const fit = (suffix: string) => `${current.slice(0, 63 - suffix.length)}${suffix}`;
  return { restored: fit(drill ? `_drill_${s}` : `_restored_${s}`), keepAs: fit(`_before_restore_${s}`) };
}

/** Compares the restored database with the manifest written at backup time. */
function compareTables(expected: StoredManifest, actual: repo.BackupManifest, what: 'rows' | 'checksum') {
  const byName = new Map(actual.tables.map((t) => [t.table, t]));
  const mismatches = expected.tables
    .filter((t) => byName.get(t.table)?.[what] !== t[what])
    .map((t) => ({ table: t.table, expected: t[what], actual: byName.get(t.table)?.[what] ?? null }));
  return { tables: expected.tables.length, mismatches };
}

async function openRestored(deps: RestoreDeps, engine: repo.Engine, restored: string, dump?: Blob): Promise<Database> {
  if (engine === 'postgres') return openServerDatabase(urlOf(deps.databaseUrl!, restored), 2);
  return openPgliteDatabase(restored, dump);
}

/** R1-R3 (and the drill): restore, verify, carry the log, prepare the switch. */
export async function restoreBackup(deps: RestoreDeps, options: RestoreOptions): Promise<RestoreRunRow> {
  const { db, clock, actor } = { ...deps, actor: options.actor };
  const engine = engineOf(db);
  const drill = options.drill ?? false;
  const begun = Date.now();
  const runId = await actAs(db, actor, (tx) =>
    repo.insertRestoreRun(tx, { drill, incidentAt: options.incidentAt ?? null, startedAt: clock.now(), engine, requestedBy: actor.id, requestedByName: actor.name, reason: options.reason ?? null }),
  );
  options.onStarted?.(runId);
  const step = stepper(db, actor, clock, runId);
  await fsp.mkdir(deps.workDir, { recursive: true });
  const dir = await fsp.mkdtemp(path.join(deps.workDir, 'restore-'));
  let restoredDb: Database | undefined;
  let restoredName: string | undefined;
  let error: unknown;
  try {
    const backup = await step('choose_backup', async () => {
      const b = await chooseBackup(db, options);
      await actAs(db, actor, (tx) => repo.updateRestoreRun(tx, runId, { backupId: b.id }));
      return {
        value: b,
        details: { backupId: b.id, takenAt: b.startedAt, incidentAt: options.incidentAt ?? null, rule: options.backupId ? 'given backup' : 'latest verified backup before the incident time', target: b.target },
      };
    });
    const manifest = backup.manifest as StoredManifest;
    await step('download', async () => {
      for (const file of manifest.files) {
        const stream = await deps.target.get(`${manifest.folder}/${file.name}`);
        if (!stream) throw new StepFailed({ missing: file.name }, `${file.name} is missing on the backup target`);
        await fsp.writeFile(path.join(dir, file.name), stream);
      }
      return { value: undefined, details: { files: manifest.files.map((f) => f.name), bytes: manifest.files.reduce((n, f) => n + f.bytes, 0) } };
    });
    await step('checksum', async () => {
      const results = [];
      for (const file of manifest.files) results.push({ name: file.name, expected: file.sha256, actual: (await hashFile(path.join(dir, file.name))).sha256 });
      const bad = results.filter((r) => r.expected !== r.actual);
      if (bad.length) throw new StepFailed({ mismatches: bad }, 'a downloaded file differs from its checksum');
      return { value: undefined, details: { files: results.length, sha256: results[0]?.actual } };
    });
    const dumpFile = path.join(dir, dumpName(engine));
    await step('restore', async () => {
      if (engine === 'postgres') {
        const current = await repo.currentDatabase(db);
        restoredName = restoreNames(current, clock.now(), drill).restored;
        await repo.createDatabase(db, restoredName);
        // --no-owner: the objects belong to the account restoring (the application's);
        // two jobs: this machine's CPUs are shared with the service still running.
        // In three sections: pg_dump leaves out spatial_ref_sys rows in the EPSG ranges
        // PostGIS calls its own, and some VN-2000 zones (9205-9218, migration 0001) are in
        // such a range without being in PostGIS 3.3's table, so the missing ones are put
        // back between the data and the foreign keys that reference them.
        const tool = (section: string, jobs: string[]) =>
          runTool('pg_restore', ['--no-password', '--no-owner', `--section=${section}`, ...jobs, `--dbname=${restoredName}`, dumpFile], libpqEnv(deps.databaseUrl!, restoredName));
        await tool('pre-data', []);
        await tool('data', ['--jobs=2']);
        restoredDb = await openRestored(deps, engine, restoredName);
        await repo.insertSpatialRefs(restoredDb, manifest.spatialRefs ?? []);
        await tool('post-data', ['--jobs=2']);
      } else {
        restoredName = drill ? path.join(dir, 'scratch-db') : path.join(deps.dataDir, `db.restored-${stamp(clock.now())}`);
        const dump = new Blob([await fsp.readFile(dumpFile)]);
        restoredDb = await openRestored(deps, engine, restoredName, dump);
      }
      await actAs(db, actor, (tx) => repo.updateRestoreRun(tx, runId, { restoredInto: engine === 'postgres' ? urlOf(deps.databaseUrl!, restoredName!, false) : restoredName! }));
      return { value: undefined, details: { into: restoredName, engine } };
    });
    // the restored database's own manifest (counts and checksums of every table) is
    // computed in the first verification step, so the step's time shows what it costs
    let actual!: repo.BackupManifest;
    await step('verify_row_counts', async () => {
      actual = await computeManifest(restoredDb!, engine);
      const result = compareTables(manifest, actual, 'rows');
      if (result.mismatches.length) throw new StepFailed(result, 'row counts differ from the manifest');
      return { value: undefined, details: { ...result, rows: actual.tables.reduce((n, t) => n + t.rows, 0) } };
    });
    await step('verify_checksums', async () => {
      const result = compareTables(manifest, actual, 'checksum');
      if (result.mismatches.length) throw new StepFailed(result, 'table checksums differ from the manifest');
      return { value: undefined, details: result };
    });
    await step('verify_audit_chain', async () => {
      const chain = await verifyAuditLog(restoredDb!);
      const head = manifest.audit;
      const details = { ok: chain.ok, checked: chain.checked, lastSeq: chain.lastSeq, expectedLastSeq: head?.lastSeq ?? 0, problem: chain.problem?.message ?? null };
      if (!chain.ok || (head && (chain.lastSeq !== head.lastSeq || chain.lastHash !== head.lastHash))) throw new StepFailed(details, 'the audit chain of the restored database is not the one backed up');
      return { value: undefined, details };
    });
    await step('verify_documents', async () => {
      const present = new Set<string>();
      for await (const object of deps.store.list()) present.add(object.sha256);
      const hashes = await repo.documentHashes(restoredDb!);
      const missing = hashes.filter((h) => !present.has(h));
      const details = { documents: hashes.length, missing: missing.length, firstMissing: missing.slice(0, 20) };
      if (missing.length) throw new StepFailed(details, 'documents of the restored database are missing in the store');
      return { value: undefined, details };
    });
    if (drill) {
      await step('drop_scratch', async () => {
        await restoredDb!.close();
        restoredDb = undefined;
        await dropRestored(deps, engine, restoredName!);
        return { value: undefined, details: { dropped: restoredName } };
      });
    } else {
      await step('carry_log', async () => {
        const ops = await repo.readOperations(db);
        await actAs(restoredDb!, actor, (tx) => repo.writeOperations(tx, ops));
        return { value: undefined, details: { backups: ops.backup_run.length, restores: ops.restore_run.length, removableCopies: ops.removable_copy.length } };
      });
      await step('switch', async () => {
        const pending = await preparePending(deps, engine, runId, restoredName!);
        await actAs(db, actor, (tx) => repo.updateRestoreRun(tx, runId, { previousKeptAs: pending.keepAs }));
        return {
          value: undefined,
          details: {
            when: 'at the next start of the service (or npm run restore -- --switch-now with the service stopped)',
            restored: engine === 'postgres' ? urlOf(deps.databaseUrl!, pending.restored, false) : pending.restored,
            previousKeptAs: pending.keepAs,
          },
        };
      });
    }
  } catch (e) {
    error = e;
  }
  await actAs(db, actor, (tx) =>
    repo.finishRestoreRun(tx, runId, { finishedAt: clock.now(), status: error ? 'failed' : 'succeeded', durationMs: Date.now() - begun, error: error ? (error as Error).message : null }),
  );
  try {
    if (restoredDb && !error && !drill) {
      // the finished run and all its steps, into the restored database too
      const ops = await repo.readOperations(db);
      await actAs(restoredDb, actor, (tx) => repo.writeOperations(tx, ops));
    }
  } finally {
    await restoredDb?.close();
    if (error && restoredName) await dropRestored(deps, engine, restoredName).catch(() => undefined);
    await fsp.rm(dir, { recursive: true, force: true });
  }
  if (error instanceof AppError) throw error;
  return (await repo.getRestoreRun(db, runId))!;
}

async function dropRestored(deps: RestoreDeps, engine: repo.Engine, name: string): Promise<void> {
  if (engine === 'postgres') await repo.dropDatabase(deps.db, name);
  else await fsp.rm(name, { recursive: true, force: true });
}

async function preparePending(deps: RestoreDeps, engine: repo.Engine, runId: string, restored: string): Promise<PendingSwitch> {
  const current = engine === 'postgres' ? await repo.currentDatabase(deps.db) : path.join(deps.dataDir, 'db');
  const keepAs = engine === 'postgres' ? restoreNames(current, deps.clock.now(), false).keepAs : `${current}_before_restore_${stamp(deps.clock.now())}`;
  const pending: PendingSwitch = { restoreRunId: runId, engine, restored, current, keepAs };
  await fsp.mkdir(deps.dataDir, { recursive: true });
  await fsp.writeFile(path.join(deps.dataDir, PENDING_FILE), JSON.stringify(pending, null, 2) + '\n', { mode: 0o600 });
  return pending;
}

/**
 * At start-up, before the database is opened: performs a switch a restore prepared.
 * Returns what was switched (null: nothing pending). The switch is recorded as a
 * restore_step of the restore, in the restored database (now the one in use).
 */
export async function applyPendingRestore(config: { dataDir: string; databaseUrl: string | undefined }, clock: Clock): Promise<PendingSwitch | null> {
  const file = path.join(config.dataDir, PENDING_FILE);
  let pending: PendingSwitch;
  try {
    pending = JSON.parse(await fsp.readFile(file, 'utf8')) as PendingSwitch;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if ((pending.engine === 'postgres') !== Boolean(config.databaseUrl)) throw new Error(`${file} was written for the other database engine`);
  let live: Database;
  if (pending.engine === 'postgres') {
    const url = config.databaseUrl!;
    // a database cannot be renamed from a session on it: rename the old one from the
    // restored one, then the restored one from the old one (both have PostGIS, unlike
    // the server's maintenance database)
    const fromRestored = await openServerDatabase(urlOf(url, pending.restored), 1);
    try {
      await repo.endSessions(fromRestored, pending.current);
      await repo.renameDatabase(fromRestored, pending.current, pending.keepAs);
    } finally {
      await fromRestored.close();
    }
    const fromOld = await openServerDatabase(urlOf(url, pending.keepAs), 1);
    try {
      await repo.renameDatabase(fromOld, pending.restored, pending.current);
    } finally {
      await fromOld.close();
    }
    live = await openServerDatabase(urlOf(url, pending.current), 1);
  } else {
    await fsp.rename(pending.current, pending.keepAs).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await fsp.rename(pending.restored, pending.current);
    live = await openPgliteDatabase(pending.current);
  }
  try {
    const actor = { id: null, name: 'system' };
    const steps = await repo.restoreSteps(live, pending.restoreRunId);
    await actAs(live, actor, async (tx) => {
      const id = await repo.insertStep(tx, pending.restoreRunId, steps.length + 1, 'switched', clock.now());
      await repo.finishStep(tx, id, clock.now(), 'ok', { inUse: pending.current, previousKeptAs: pending.keepAs });
    });
  } finally {
    await live.close();
  }
  await fsp.rm(file);
  return pending;
}

export async function restoreLog(db: Database, id: string): Promise<{ run: RestoreRunRow; steps: RestoreStepRow[]; backup: BackupRunRow | null } | null> {
  const run = await repo.getRestoreRun(db, id);
  if (!run) return null;
  return { run, steps: await repo.restoreSteps(db, id), backup: run.backupId ? await repo.getBackupRun(db, run.backupId) : null };
}
