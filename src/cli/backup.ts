// npm run backup [-- --documents]: one backup of the whole database to the backup target
// (LIS_BACKUP_DIR or LIS_BACKUP_S3_*), read back and verified, then the retention policy;
// --documents copies the scanned documents' objects instead (B3, incremental). Exit 1 when
// the backup failed or could not be verified. With the embedded database, stop the
// service first (one process opens its data folder).
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/open-database.js';
import { migrate } from '../db/migrate.js';
import { systemClock } from '../kernel/clock.js';
import { backupDatabase, backupDocuments, createBackupDeps } from '../modules/backups/index.js';
import { createDocumentStore } from '../modules/documents/index.js';
import { reportRefusal } from './refusal.js';

const { values } = parseArgs({ options: { documents: { type: 'boolean', default: false } } });
const config = loadConfig();
const db = await openDatabase(config);
try {
  await migrate(db);
  const deps = createBackupDeps(config, db, systemClock, createDocumentStore(config));
  const actor = { id: null, name: `backup:${os.userInfo().username}` };
  const run = values.documents ? await backupDocuments(deps, { trigger: 'manual', actor }) : await backupDatabase(deps, { trigger: 'manual', actor });
  const line = `${run.kind} ${run.id}: ${run.status}${run.verified ? ', đã kiểm tra / verified' : ''}, ${run.bytes ?? 0} bytes → ${run.target}${run.fileName ? `/${run.fileName}` : ''}`;
  if (run.status === 'succeeded' && run.verified) console.log(`Sao lưu xong / backup done: ${line}`);
  else {
    console.error(`Sao lưu KHÔNG thành công / backup FAILED: ${line}${run.error ? `: ${run.error}` : ''}`);
    process.exitCode = 1;
  }
} catch (error) {
  reportRefusal(error);
} finally {
  await db.close();
}
