// npm run drill: the restore drill (issue #10 item 3): restores the latest verified backup
// into a scratch database (embedded: a scratch folder), verifies it as a restore does,
// drops it, and reports the time taken. Recorded in restore_run (drill = true) with its
// steps. Exit 1 when the drill failed: the backups cannot be trusted until it passes.
import os from 'node:os';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/open-database.js';
import { migrate } from '../db/migrate.js';
import { systemClock } from '../kernel/clock.js';
import { createBackupDeps, restoreBackup, restoreLog } from '../modules/backups/index.js';
import { createDocumentStore } from '../modules/documents/index.js';
import { reportRefusal } from './refusal.js';

const config = loadConfig();
const db = await openDatabase(config);
try {
  await migrate(db);
  const deps = createBackupDeps(config, db, systemClock, createDocumentStore(config));
  const run = await restoreBackup(deps, { actor: { id: null, name: `drill:${os.userInfo().username}` }, drill: true, reason: 'npm run drill' });
  const log = (await restoreLog(db, run.id))!;
  for (const step of log.steps) {
    const ms = step.finishedAt ? step.finishedAt.getTime() - step.startedAt.getTime() : 0;
    console.log(`${String(step.position).padStart(2)}. ${step.step.padEnd(20)} ${step.outcome.padEnd(7)} ${(ms / 1000).toFixed(1).padStart(7)} s`);
  }
  const seconds = ((run.durationMs ?? 0) / 1000).toFixed(1);
  if (run.status === 'succeeded') console.log(`Diễn tập phục hồi đạt / restore drill passed in ${seconds} s (backup ${run.backupId})`);
  else {
    console.error(`Diễn tập phục hồi KHÔNG đạt / restore drill FAILED after ${seconds} s: ${run.error}`);
    process.exitCode = 1;
  }
} catch (error) {
  reportRefusal(error);
} finally {
  await db.close();
}
