// Backups (O1, B1-B4): the whole database with a manifest (per-table row counts and
// checksums, the audit chain's head, the document store's objects), written to a target
// that is not the data folder, read back and verified; retention; the six-monthly copy of
// the scans; the copy on a removable disk and its register.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Database, Queryable } from '../../db/database.js';
import { AppError } from '../../kernel/app-error.js';
import type { Clock } from '../../kernel/clock.js';
import { actAs, SYSTEM_ACTOR, type Actor } from '../audit/index.js';
import type { DocumentStore } from '../documents/index.js';
import { hashFile, hashReadable, type BackupTarget } from './backup-target.js';
import * as repo from './backups.repo.js';
import type { BackupManifest, BackupRunRow, Engine } from './backups.repo.js';
import { libpqEnv, runTool } from './pg-tools.js';

export interface BackupDeps {
  db: Database;
  clock: Clock;
  target: BackupTarget;
  store: DocumentStore;
  /** server: the connection URL of db (pg_dump, pg_restore, new databases); embedded: undefined */
  databaseUrl: string | undefined;
  /** temporary files (dumps on their way, downloads); not the target */
  workDir: string;
  keepDaily: number;
  keepMonthly: number;
}

/** A file of a backup as written to the target. */
export interface BackupFile {
  name: string;
  sha256: string;
  bytes: number;
}

/** The record kept in backup_run.manifest: the manifest plus the files and their checksums. */
export type StoredManifest = BackupManifest & { files: BackupFile[]; folder: string };

/** tables whose rows a restore carries over from the replaced database (not compared) */
export const OPERATIONS_TABLES = ['backup_run', 'restore_run', 'restore_step', 'removable_copy'];
export const VN2000_ZONES = '(spatial_ref_sys: VN-2000 9205-9218)';

export const engineOf = (db: Database): Engine => (db.kind === 'server' ? 'postgres' : 'pglite');
export const dumpName = (engine: Engine) => (engine === 'postgres' ? 'database.dump' : 'database.tar.gz');

/** 2026-11-20T01:30:00.123Z → 20261120t013000z (file and database names) */
export function stamp(at: Date): string {
  return at.toISOString().replace(/\.\d+Z$/, 'z').replace(/[-:]/g, '').toLowerCase();
}

/** What is in the database: every table's row count and checksum, the audit chain's head. */
export async function computeManifest(db: Queryable, engine: Engine): Promise<BackupManifest> {
  const tables: BackupManifest['tables'] = [];
  for (const table of await repo.userTables(db)) {
    if (!OPERATIONS_TABLES.includes(table)) tables.push(await repo.tableStat(db, table));
  }
  tables.push({ table: VN2000_ZONES, rows: await repo.vn2000Zones(db), checksum: '' });
  return {
    format: 1, engine, schemaVersion: await repo.schemaVersion(db), tables, documents: null, audit: await repo.auditHead(db),
    spatialRefs: await repo.readVn2000Zones(db),
  };
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await fsp.writeFile(file, JSON.stringify(value, null, 2) + '\n', { mode: 0o640 });
}

/** Every object of the document store, one "sha256 size" line each (B3). */
async function writeDocumentsList(store: DocumentStore, file: string): Promise<{ objects: number; bytes: number }> {
  const out = fs.createWriteStream(file, { mode: 0o640 });
  let objects = 0;
  let bytes = 0;
  try {
    for await (const object of store.list()) {
      objects++;
      bytes += object.size;
      if (!out.write(`${object.sha256} ${object.size}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  } finally {
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
  return { objects, bytes };
}

/** Writes the files to the target, then reads each back: verified when every hash is equal. */
async function uploadAndVerify(target: BackupTarget, folder: string, dir: string, names: string[]): Promise<{ files: BackupFile[]; verified: boolean }> {
  const files: BackupFile[] = [];
  for (const name of names) {
    const { sha256, bytes } = await hashFile(path.join(dir, name));
    await target.put(`${folder}/${name}`, path.join(dir, name), sha256);
    files.push({ name, sha256, bytes });
  }
  let verified = true;
  for (const file of files) {
    const stream = await target.get(`${folder}/${file.name}`);
    const back = stream ? await hashReadable(stream) : null;
    if (!back || back.sha256 !== file.sha256 || back.bytes !== file.bytes) verified = false;
  }
  return { files, verified };
}

async function sha256Sums(dir: string, names: string[]): Promise<void> {
  const lines: string[] = [];
  for (const name of names) lines.push(`${(await hashFile(path.join(dir, name))).sha256}  ${name}`);
  await fsp.writeFile(path.join(dir, 'SHA256SUMS'), lines.join('\n') + '\n');
}

/** The dump itself, with the manifest taken from the same state of the database. */
async function dumpDatabase(deps: BackupDeps, engine: Engine, file: string): Promise<BackupManifest> {
  if (engine === 'postgres') {
    if (!deps.databaseUrl) throw new Error('the server database URL is needed for pg_dump');
    const url = deps.databaseUrl;
    // pg_dump reads the snapshot this transaction exported: the manifest and the dump
    // see exactly the same rows even while officers keep writing
    return deps.db.transaction(async (tx) => {
      const snapshot = await repo.exportSnapshot(tx);
      const manifest = await computeManifest(tx, engine);
      await runTool('pg_dump', ['--format=custom', '--no-password', `--snapshot=${snapshot}`, `--file=${file}`], libpqEnv(url));
      return manifest;
    });
  }
  if (!deps.db.dumpDataDir) throw new Error('this database cannot dump its data folder');
  // one connection: nothing runs between the manifest and the dump unless a request
  // slips in between the two calls (at the night-time schedule, unlikely; the restore's
  // verification would then report the difference)
  const manifest = await computeManifest(deps.db, engine);
  const blob = await deps.db.dumpDataDir();
  await fsp.writeFile(file, Buffer.from(await blob.arrayBuffer()), { mode: 0o640 });
  return manifest;
}

const VN_OFFSET_MS = 7 * 3_600_000;

/** The first instant of the Vietnamese calendar month holding at. */
function monthStart(at: Date): Date {
  const local = new Date(at.getTime() + VN_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - VN_OFFSET_MS);
}

async function finishFailed(db: Database, actor: Actor, id: string, clock: Clock, error: unknown): Promise<void> {
  await actAs(db, actor, (tx) =>
    repo.finishBackupRun(tx, id, {
      finishedAt: clock.now(), status: 'failed', verified: false, fileName: null, bytes: null, sha256: null,
      error: error instanceof Error ? error.message : String(error), retention: 'none', manifest: null,
    }),
  );
}

/** O1, B1: one backup of the whole database to the target; returns its record (failed ones too). */
export async function backupDatabase(deps: BackupDeps, options: { trigger: BackupRunRow['trigger']; actor?: Actor }): Promise<BackupRunRow> {
  const actor = options.actor ?? SYSTEM_ACTOR;
  const engine = engineOf(deps.db);
  const startedAt = deps.clock.now();
  const id = await actAs(deps.db, actor, (tx) =>
    repo.insertBackupRun(tx, { kind: 'database', trigger: options.trigger, startedAt, target: deps.target.description, engine, startedBy: actor.id, sourceBackupId: null }),
  );
  await fsp.mkdir(deps.workDir, { recursive: true });
  const dir = await fsp.mkdtemp(path.join(deps.workDir, 'backup-'));
  try {
    const folder = `database/${stamp(startedAt)}-${id.slice(0, 8)}`;
    const dump = dumpName(engine);
    const manifest = await dumpDatabase(deps, engine, path.join(dir, dump));
    manifest.documents = await writeDocumentsList(deps.store, path.join(dir, 'documents.txt'));
    await writeJson(path.join(dir, 'manifest.json'), manifest);
    await sha256Sums(dir, [dump, 'manifest.json', 'documents.txt']);
    const { files, verified } = await uploadAndVerify(deps.target, folder, dir, [dump, 'manifest.json', 'documents.txt', 'SHA256SUMS']);
    // the first verified backup of a (Vietnamese) month is kept as the monthly one
    const monthly = verified && (await repo.countVerifiedSince(deps.db, monthStart(startedAt), 'monthly')) === 0;
    const main = files[0]!;
    const stored: StoredManifest = { ...manifest, files, folder };
    await actAs(deps.db, actor, (tx) =>
      repo.finishBackupRun(tx, id, {
        finishedAt: deps.clock.now(), status: 'succeeded', verified, fileName: `${folder}/${main.name}`, bytes: main.bytes, sha256: main.sha256,
        error: verified ? null : 'read-back checksum differs', retention: monthly ? 'monthly' : 'daily', manifest: stored,
      }),
    );
    if (verified) await applyRetention(deps);
  } catch (error) {
    await finishFailed(deps.db, actor, id, deps.clock, error);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
  return (await repo.getBackupRun(deps.db, id))!;
}

/**
 * Retention: daily backups older than keepDaily days and monthly ones older than
 * keepMonthly months are deleted from the target, but never the newest verified backup,
 * nor anything newer than it (a newer verified backup must exist first).
 */
export async function applyRetention(deps: Pick<BackupDeps, 'db' | 'clock' | 'target' | 'keepDaily' | 'keepMonthly'>): Promise<string[]> {
  const now = deps.clock.now().getTime();
  const backups = await repo.liveDatabaseBackups(deps.db);
  const newestVerified = backups.find((b) => b.verified);
  if (!newestVerified) return [];
  const deleted: string[] = [];
  for (const b of backups) {
    if (b.startedAt.getTime() >= newestVerified.startedAt.getTime()) continue;
    const ageDays = (now - b.startedAt.getTime()) / 86_400_000;
    const keep = (b.verified && ageDays <= deps.keepDaily) || (b.retention === 'monthly' && ageDays <= deps.keepMonthly * 31);
    if (keep) continue;
    const folder = (b.manifest as StoredManifest | null)?.folder;
    if (folder) await deps.target.removePrefix(folder);
    await actAs(deps.db, SYSTEM_ACTOR, (tx) => repo.markBackupDeleted(tx, b.id, deps.clock.now()));
    deleted.push(b.id);
  }
  return deleted;
}

/**
 * B3: the scans copied to the target, incrementally: an object already there (same
 * content address) is not copied again. Each copied object is read back and its hash
 * checked. A list of every object is kept with the copy.
 */
export async function backupDocuments(deps: BackupDeps, options: { trigger: BackupRunRow['trigger']; actor?: Actor }): Promise<BackupRunRow> {
  const actor = options.actor ?? SYSTEM_ACTOR;
  const startedAt = deps.clock.now();
  const id = await actAs(deps.db, actor, (tx) =>
    repo.insertBackupRun(tx, { kind: 'documents', trigger: options.trigger, startedAt, target: deps.target.description, engine: null, startedBy: actor.id, sourceBackupId: null }),
  );
  await fsp.mkdir(deps.workDir, { recursive: true });
  const dir = await fsp.mkdtemp(path.join(deps.workDir, 'documents-'));
  try {
    let objects = 0, bytes = 0, copied = 0, copiedBytes = 0, verified = true;
    const lines: string[] = [];
    for await (const object of deps.store.list()) {
      objects++;
      bytes += object.size;
      lines.push(`${object.sha256} ${object.size}`);
      const name = `documents/objects/${object.sha256.slice(0, 2)}/${object.sha256.slice(2, 4)}/${object.sha256}`;
      if (await deps.target.has(name)) continue;
      const stream = await deps.store.get(object.sha256);
      if (!stream) continue; // listed then gone: the integrity check reports it
      const tmp = path.join(dir, object.sha256);
      await fsp.writeFile(tmp, stream);
      const { sha256 } = await hashFile(tmp);
      if (sha256 !== object.sha256) {
        verified = false; // an altered object is not copied over a good one
        await fsp.rm(tmp);
        continue;
      }
      await deps.target.put(name, tmp, sha256);
      await fsp.rm(tmp);
      const back = await deps.target.get(name);
      if (!back || (await hashReadable(back)).sha256 !== sha256) verified = false;
      copied++;
      copiedBytes += object.size;
    }
    const listName = `documents/copies/${stamp(startedAt)}-${id.slice(0, 8)}.txt`;
    await fsp.writeFile(path.join(dir, 'list.txt'), lines.join('\n') + (lines.length ? '\n' : ''));
    const list = await hashFile(path.join(dir, 'list.txt'));
    await deps.target.put(listName, path.join(dir, 'list.txt'), list.sha256);
    await actAs(deps.db, actor, (tx) =>
      repo.finishBackupRun(tx, id, {
        finishedAt: deps.clock.now(), status: 'succeeded', verified, fileName: listName, bytes: copiedBytes, sha256: list.sha256,
        error: verified ? null : 'an object read back differs from its content address', retention: 'none',
        manifest: { documents: { objects, bytes, copied, copiedBytes } },
      }),
    );
  } catch (error) {
    await finishFailed(deps.db, actor, id, deps.clock, error);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
  return (await repo.getBackupRun(deps.db, id))!;
}

// ——— removable copies (B2, B4) ———

export interface RemovableCopyInput {
  /** folder on the mounted removable disk, below LIS_BACKUP_REMOVABLE_ROOT */
  destination: string;
  mediumLabel: string;
  handedTo?: string | undefined;
  archiveLocation?: string | undefined;
  note?: string | undefined;
  /** a given verified database backup; default the latest, or a new one when there is none */
  backupId?: string | undefined;
}

const README = (source: BackupRunRow, files: BackupFile[]) => `BẢN SAO DỮ LIỆU HỆ THỐNG THÔNG TIN ĐẤT ĐAI — LAND INFORMATION SYSTEM BACKUP COPY

Bản sao lưu / backup: ${source.id}
Thời điểm sao lưu / taken at: ${source.startedAt.toISOString()}
Cơ sở dữ liệu / engine: ${source.engine}

Kiểm tra tính toàn vẹn / verify:   sha256sum -c SHA256SUMS
Phục hồi / restore: chép thư mục này vào nơi sao lưu (LIS_BACKUP_DIR) rồi chạy
  npm run restore -- --backup ${source.id}
(copy this folder back to the backup target, then run the command above)

Tài liệu này chứa dữ liệu cá nhân (Nghị định 13/2023/NĐ-CP): bảo quản trong kho lưu trữ có kiểm soát.
This copy holds personal data: keep it in a controlled archive.

${files.map((f) => `${f.sha256}  ${f.name}  (${f.bytes} bytes)`).join('\n')}
`;

export function removableFolder(root: string, destination: string): string {
  const base = path.resolve(root);
  const folder = path.resolve(base, destination);
  if (folder !== base && !folder.startsWith(base + path.sep)) {
    throw new AppError('VALIDATION_FAILED', {
      vi: `Thư mục đích phải nằm trong ${base} (ổ đĩa di động đã gắn)`,
      en: `The destination must be inside ${base} (the mounted removable disk)`,
    }, { field: 'destination' });
  }
  return folder;
}

export async function removableCopy(deps: BackupDeps & { removableRoot: string }, actor: Actor, input: RemovableCopyInput): Promise<repo.RemovableCopyRow> {
  const folder = removableFolder(deps.removableRoot, input.destination);
  const engine = engineOf(deps.db);
  let source = input.backupId ? await repo.getBackupRun(deps.db, input.backupId) : await repo.latestVerifiedBackup(deps.db, engine, null);
  if (input.backupId && (!source || source.kind !== 'database' || !source.verified || source.deletedAt)) {
    throw new AppError('NOT_FOUND', { vi: 'Không có bản sao lưu đã kiểm tra với mã này', en: 'No verified backup with this id' }, { field: 'backupId' });
  }
  source ??= await backupDatabase(deps, { trigger: 'manual', actor });
  if (!source.verified) throw new AppError('CONFLICT', { vi: 'Sao lưu mới không thành công: không thể chép ra ổ đĩa', en: 'The new backup failed: nothing to copy' }, { backupId: source.id });
  const stored = source.manifest as StoredManifest;
  const takenAt = deps.clock.now();
  const id = await actAs(deps.db, actor, (tx) =>
    repo.insertBackupRun(tx, { kind: 'removable', trigger: 'manual', startedAt: takenAt, target: `folder:${folder}`, engine, startedBy: actor.id, sourceBackupId: source.id }),
  );
  const out = path.join(folder, `lis-backup-${stamp(source.startedAt)}`);
  try {
    await fsp.mkdir(out, { recursive: true });
    let verified = true;
    for (const file of stored.files) {
      const stream = await deps.target.get(`${stored.folder}/${file.name}`);
      if (!stream) throw new Error(`${file.name} is missing on the backup target`);
      await fsp.writeFile(path.join(out, file.name), stream, { mode: 0o640 });
      const back = await hashFile(path.join(out, file.name));
      if (back.sha256 !== file.sha256) verified = false;
    }
    await fsp.writeFile(path.join(out, 'README.txt'), README(source, stored.files));
    const main = stored.files[0]!;
    await actAs(deps.db, actor, async (tx) => {
      await repo.finishBackupRun(tx, id, {
        finishedAt: deps.clock.now(), status: 'succeeded', verified, fileName: path.join(out, main.name), bytes: main.bytes, sha256: main.sha256,
        error: verified ? null : 'copy differs from the backup', retention: 'none', manifest: { files: stored.files, source: source.id },
      });
      await repo.insertRemovableCopy(tx, {
        backupRunId: id, mediumLabel: input.mediumLabel, destination: out, takenBy: actor.id, takenByName: actor.name, takenAt,
        handedTo: input.handedTo ?? null, archiveLocation: input.archiveLocation ?? null, note: input.note ?? null,
      });
    });
  } catch (error) {
    await finishFailed(deps.db, actor, id, deps.clock, error);
    throw new AppError('INTERNAL', { vi: `Không chép được ra ổ đĩa: ${(error as Error).message}`, en: `The copy failed: ${(error as Error).message}` }, { field: 'destination' });
  }
  return (await repo.listRemovableCopies(deps.db, 1000)).find((c) => c.backupRunId === id)!;
}
