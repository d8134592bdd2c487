// npm run restore -- [--before "2026-11-20T08:00+07:00"] [--backup ID] [--reason TEXT] [--switch-now]
// Restores the latest verified backup taken before the incident time (R3; default the
// latest) into a FRESH database (embedded: a fresh data folder), verifies it (row counts
// and checksums per table against the backup's manifest, the audit chain, the documents'
// objects), writes the restore log to both databases, and prepares the switch-over, done
// at the next start of the service; --switch-now does it at once (stop the service
// first). Every step is in the restore log (R2): GET /api/v1/restores/:id/log.pdf prints it.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/open-database.js';
import { migrate } from '../db/migrate.js';
import { systemClock } from '../kernel/clock.js';
import { applyPendingRestore, createBackupDeps, restoreBackup, restoreLog } from '../modules/backups/index.js';
import { createDocumentStore } from '../modules/documents/index.js';
import { reportRefusal } from './refusal.js';

const { values } = parseArgs({
  options: {
    before: { type: 'string' },
    backup: { type: 'string' },
    reason: { type: 'string' },
    'switch-now': { type: 'boolean', default: false },
  },
});
const incidentAt = values.before ? new Date(values.before) : undefined;
if (incidentAt && Number.isNaN(incidentAt.getTime())) {
  console.error(`--before: thời điểm không hợp lệ / not a valid time: ${values.before} (ví dụ / e.g. 2026-11-20T08:00+07:00)`);
  process.exit(2);
}
if (values.backup && !/^[0-9a-f-]{36}$/.test(values.backup)) {
  console.error(`--backup: mã không hợp lệ / not a backup id: ${values.backup}`);
  process.exit(2);
}

const config = loadConfig();
const db = await openDatabase(config);
let succeeded = false;
try {
  await migrate(db);
  const deps = createBackupDeps(config, db, systemClock, createDocumentStore(config));
  const actor = { id: null, name: `restore:${os.userInfo().username}` };
  const run = await restoreBackup(deps, { actor, incidentAt, backupId: values.backup, reason: values.reason ?? 'npm run restore' });
  const log = (await restoreLog(db, run.id))!;
  for (const step of log.steps) console.log(`${String(step.position).padStart(2)}. ${step.step.padEnd(20)} ${step.outcome.padEnd(7)} ${JSON.stringify(step.details).slice(0, 300)}`);
  succeeded = run.status === 'succeeded';
  if (succeeded) {
    console.log(`Phục hồi xong / restore done (${((run.durationMs ?? 0) / 1000).toFixed(1)} s): bản sao lưu / backup ${run.backupId} → ${run.restoredInto}`);
    console.log(values['switch-now'] ? 'Chuyển đổi ngay / switching now…' : 'Khởi động lại dịch vụ để chuyển sang dữ liệu đã phục hồi / restart the service to switch over.');
  } else {
    console.error(`Phục hồi KHÔNG thành công / restore FAILED: ${run.error}`);
    process.exitCode = 1;
  }
} catch (error) {
  reportRefusal(error);
} finally {
  await db.close();
}
if (succeeded && values['switch-now']) {
  const switched = await applyPendingRestore(config, systemClock);
  console.log(`Đã chuyển / switched: ${switched?.current} (bản cũ giữ lại / previous kept as ${switched?.keepAs})`);
}
