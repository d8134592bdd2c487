/** Backups, removable copies, restores and drills need this permission (R4; dept_admin). */
export const BACKUP_PERMISSION = 'backup.restore';
