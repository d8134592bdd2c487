// What operations reads of the backups subsystem's records (migration 0019, issue #10
// items 1-3): the last verified database backup (monitoring, O8) and the figures of the
// periodic report. Read-only; the table may be absent on a database migrated before it.
import type { Queryable } from '../../db/database.js';

export async function backupTablesExist(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(`select to_regclass('backup_run') is not null and to_regclass('restore_run') is not null as ok`);
  return rows[0]!.ok;
}

/** When the last verified database backup finished; null when none. */
export async function lastVerifiedBackup(db: Queryable): Promise<Date | null> {
  if (!(await backupTablesExist(db))) return null;
  const { rows } = await db.query<{ at: string | null }>(
    `select max(finished_at) as at from backup_run where kind = 'database' and status = 'succeeded' and verified`,
  );
  return rows[0]!.at ? new Date(rows[0]!.at) : null;
}
