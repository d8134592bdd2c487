// npm run documents:verify: the integrity check of the scanned documents (S-SCAN, B3):
// recomputes the SHA-256 of every stored file the metadata references and reports missing,
// altered and unreferenced files; the report is also written to the audit log. Exit 1 when
// a file is missing or altered. Meant for cron (or a scheduled job) as well as by hand.
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/open-database.js';
import { systemClock } from '../kernel/clock.js';
import { createDocumentStore, runIntegrityCheck } from '../modules/documents/index.js';

const config = loadConfig();
const db = await openDatabase(config);
try {
  const report = await runIntegrityCheck({ db, clock: systemClock, store: createDocumentStore(config) }, { id: null, name: 'documents:verify' });
  const summary = `${report.verified}/${report.referenced} tệp đúng mã băm / files verified; thiếu / missing ${report.counts.missing}, bị sửa / altered ${report.counts.altered}, không thuộc tài liệu nào / unreferenced ${report.counts.unreferenced} (${report.store})`;
  if (report.ok) console.log(`Hồ sơ quét toàn vẹn / scanned documents intact: ${summary}`);
  else {
    console.error(`Hồ sơ quét KHÔNG toàn vẹn / scanned documents NOT intact: ${summary}`);
    for (const m of report.missing) console.error(`  thiếu / missing ${m.sha256}`);
    for (const a of report.altered) console.error(`  bị sửa / altered ${a.sha256} (now ${a.actualSha256})`);
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
