// npm run import -- FILE --unit CODE [--project ID] [--encoding utf8|cp1258|tcvn3|vni] [--srid EPSG] [--scale N] [--gaps] [--report FILE.xlsx|FILE.json]
// A contractor delivery (zipped shapefile, GeoJSON, GeoPackage) loaded into staging and
// checked, from the server's shell (issue #6 item 4): the same job the server runs, with
// its progress on the terminal. It acts as the system ("import" in the audit log) and does
// not commit: an officer commits or rejects the batch in the portal or the API. A job left
// running by a stopped process (this one killed, a server crash) is resumed by the next run
// (or by the server's worker) from its last committed chunk. Exit 1 when the report has errors.
import fs from 'node:fs/promises';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/open-database.js';
import { systemClock } from '../kernel/clock.js';
import { getBatch, report, reportWorkbook, runPendingImports, TEXT_ENCODINGS, uploadDelivery, type TextEncoding } from '../modules/imports/index.js';

const usage = 'usage: npm run import -- FILE --unit CODE [--project ID] [--encoding utf8|cp1258|tcvn3|vni] [--srid EPSG] [--scale N] [--gaps] [--report FILE.xlsx|FILE.json]';
const args = process.argv.slice(2);
const option: Record<string, string | undefined> = {};
let file: string | undefined;
let gaps = false;
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === '--gaps') gaps = true;
  else if (['--unit', '--project', '--encoding', '--srid', '--scale', '--report'].includes(arg)) option[arg.slice(2)] = args[++i];
  else if (!arg.startsWith('--') && file === undefined) file = arg;
  else {
    console.error(usage);
    process.exit(2);
  }
}
const encoding = option.encoding as TextEncoding | undefined;
if (!file || !option.unit || (encoding && !TEXT_ENCODINGS.includes(encoding))) {
  console.error(usage);
  process.exit(2);
}
if (!(await fs.stat(file).catch(() => null))?.isFile()) {
  console.error(`Không có / not found: ${file}`);
  process.exit(2);
}

const config = loadConfig();
const db = await openDatabase(config);
try {
  const started = Date.now();
  const deps = {
    db, clock: systemClock, dir: config.importsDir,
    onProgress: (p: { phase: string; done: number; total: number | null }) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (p.phase === 'loading') process.stdout.write(`\rĐang nạp / loading: ${p.done}${p.total ? `/${p.total}` : ''} đối tượng / features (${seconds} s)   `);
      else console.log(`\n${p.phase === 'validating' ? 'Đang kiểm tra / validating' : 'Xong / done'} (${seconds} s)`);
    },
  };
  const caller = { actor: { id: null, name: 'import' }, may: () => true };
  const batch = await uploadDelivery(deps, caller, {
    unitCode: option.unit, projectId: option.project, fileName: file.split('/').pop()!, tempPath: file, encoding,
    sourceSrid: option.srid ? Number(option.srid) : undefined, scale: option.scale ? Number(option.scale) : undefined, checkGaps: gaps,
  });
  console.log(`Gói dữ liệu / batch ${batch.id}`);
  await runPendingImports(deps);
  const done = await getBatch(deps, caller, batch.id);
  if (done.status !== 'validated') {
    console.error(`Trạng thái / status: ${done.status} — ${done.job?.error ?? ''}`);
    process.exitCode = 1;
  } else {
    const r = await report(deps, caller, batch.id, 100_000);
    console.log(`Định dạng / format ${done.format}, EPSG:${done.sourceSrid} → EPSG:${done.targetSrid}, bảng mã / encoding ${done.encoding}`);
    console.log(`Lỗi / errors: ${r.counts.errors}, cảnh báo / warnings: ${r.counts.warnings}`);
    for (const f of r.findings.slice(0, 20)) console.log(`  ${f.severity} ${f.rule} #${f.featureIndex ?? '-'} ${f.field ?? ''}: ${f.message.vi}`);
    if (option.report) {
      await fs.writeFile(option.report, option.report.endsWith('.xlsx') ? await reportWorkbook(r) : JSON.stringify(r, null, 2));
      console.log(`Báo cáo / report: ${option.report}`);
    }
    if (r.counts.errors > 0) process.exitCode = 1;
  }
} finally {
  await db.close();
}
