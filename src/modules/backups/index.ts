// The face of the backups module (issue #10: O1, B1-B4, R1-R4): backups to a target off
// the data folder, the removable-copy register, restore with its log, restore drill.
import path from 'node:path';
import type { Config } from '../../config/config.js';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import type { DocumentStore } from '../documents/index.js';
import { createFolderTarget, createS3Target, type BackupTarget } from './backup-target.js';
import { createS3Client } from './s3-client.js';
import { backupDatabase, backupDocuments } from './backup.service.js';
import { restoreBackup, type RestoreDeps } from './restore.service.js';
import { SYSTEM_ACTOR } from '../audit/index.js';

export { createFolderTarget, createS3Target, type BackupTarget } from './backup-target.js';
export { applyRetention, backupDatabase, backupDocuments, computeManifest, removableCopy, type BackupDeps } from './backup.service.js';
export { applyPendingRestore, chooseBackup, restoreBackup, restoreLog, PENDING_FILE, type RestoreDeps } from './restore.service.js';
export { restoreLogPdf } from './restore-log-pdf.js';
export { registerBackupRoutes, type BackupRouteDeps } from './backups.routes.js';
export type { BackupRunRow, RestoreRunRow, RestoreStepRow } from './backups.repo.js';

/** The target the configuration names: the S3 bucket when one is set, else the folder. */
export function createBackupTarget(config: Config): BackupTarget {
  const s3 = config.backup.s3;
  if (!s3) return createFolderTarget(config.backup.dir);
  return createS3Target(createS3Client(s3), s3.bucket, s3.prefix ?? '');
}

export function createBackupDeps(config: Config, db: Database, clock: Clock, store: DocumentStore): RestoreDeps & { removableRoot: string } {
  return {
    db, clock, store, target: createBackupTarget(config), databaseUrl: config.databaseUrl, dataDir: config.dataDir,
    workDir: path.join(config.dataDir, 'backup-work'), keepDaily: config.backup.keepDaily, keepMonthly: config.backup.keepMonthly,
    removableRoot: config.backup.removableRoot,
  };
}

/** The scheduled jobs (main.ts): a failed or unverified run throws, so the scheduler and the metrics count it as failed. */
export const scheduledJobs = (deps: RestoreDeps) => ({
  database: async () => failIfBad(await backupDatabase(deps, { trigger: 'schedule' })),
  documents: async () => failIfBad(await backupDocuments(deps, { trigger: 'schedule' })),
  drill: async () => failIfBad(await restoreBackup(deps, { actor: SYSTEM_ACTOR, drill: true, reason: 'diễn tập hằng tuần / weekly drill' })),
});

function failIfBad<T extends { status: string; error: string | null; verified?: boolean }>(run: T): T {
  if (run.status !== 'succeeded' || run.verified === false) throw new Error(run.error ?? `run ended ${run.status}`);
  return run;
}
