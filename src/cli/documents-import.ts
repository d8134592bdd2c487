// npm run documents:import -- FOLDER_OR_ZIP [--type CODE] [--no-personal-data] [--report FILE.xlsx|FILE.json]
// Bulk scan import (S-SCAN, issue #9 item 5) from a server-side folder or zip named by the
// province's convention (src/modules/documents/bulk-names.ts). Run by an administrator on
// the server: the import acts as the system (no unit scope) and is written to the audit log
// as "documents:import". Prints progress and the summary; exit 1 when a file was not imported.
import fs from 'node:fs/promises';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/open-database.js';
import { systemClock } from '../kernel/clock.js';
import { createDocumentStore, importFolder, importZip, reportWorkbook, type BulkFileResult } from '../modules/documents/index.js';

const args = process.argv.slice(2);
const usage = 'usage: npm run documents:import -- FOLDER_OR_ZIP [--type CODE] [--no-personal-data] [--report FILE.xlsx|FILE.json]';
let source: string | undefined;
let defaultType: string | undefined;
let reportFile: string | undefined;
let containsPersonalData = true;
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === '--type') defaultType = args[++i];
  else if (arg === '--report') reportFile = args[++i];
  else if (arg === '--no-personal-data') containsPersonalData = false;
  else if (!arg.startsWith('--') && source === undefined) source = arg;
  else {
    console.error(usage);
    process.exit(2);
  }
}
if (!source) {
  console.error(usage);
  process.exit(2);
}

const stat = await fs.stat(source).catch(() => null);
if (!stat) {
  console.error(`Không có / not found: ${source}`);
  process.exit(2);
}

const config = loadConfig();
const db = await openDatabase(config);
try {
  const deps = { db, clock: systemClock, store: createDocumentStore(config), maxBytes: config.documentMaxMb * 1024 * 1024 };
  const caller = { actor: { id: null, name: 'documents:import' }, may: () => true };
  const started = Date.now();
  const onFile = (result: BulkFileResult, done: number, total: number) => {
    if (result.status !== 'ok') console.log(`  ${result.status.padEnd(14)} ${result.name}${result.message ? ` — ${result.message.vi} / ${result.message.en}` : ''}`);
    if (done % 100 === 0 || done === total) console.log(`${done}/${total} tệp / files (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
  const options = { sourceName: source, defaultType, containsPersonalData, onFile };
  const report = stat.isDirectory() ? await importFolder(deps, caller, source, options) : await importZip(deps, caller, source, options);
  const t = report.totals;
  console.log(
    `Đã nhập / imported ${t.ok}, trùng / duplicate ${t.duplicate}, sai tên / unmatched name ${t.unmatched_name}, không có hồ sơ / no record ${t.no_record}, ` +
      `sai loại tệp / bad type ${t.bad_type}, quá lớn / too large ${t.too_large}, lỗi / failed ${t.failed}, bỏ qua / ignored ${t.ignored} — ${t.files} tệp / files, ` +
      `${(t.bytesStored / 1024 ** 2).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s (${report.store})`,
  );
  if (reportFile) {
    await fs.writeFile(reportFile, reportFile.endsWith('.xlsx') ? await reportWorkbook(report) : JSON.stringify(report, null, 2));
    console.log(`Báo cáo / report: ${reportFile}`);
  }
  if (t.files - t.ok - t.duplicate - t.ignored > 0) process.exitCode = 1;
} finally {
  await db.close();
}
