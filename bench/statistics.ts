// One-shot reports of the statistics module (issue #8, S-STAT): the 01/TKKK form of a
// district and of the whole province, and the 05/TKKK change matrix of a district between
// two days, each timed as one HTTP request (the median of a few, signed in with
// reports.read) against the same statements run through pgbench (-c 1 -t N, -M prepared):
// the service is run once in-process on a recording database (bench/prices-planning.ts),
// which gives the statement texts and their values in order, inside the same read-only
// snapshot transaction (readSnapshot: repeatable read, jit off). See bench/README.md.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../src/db/database.js';
import { systemClock } from '../src/kernel/clock.js';
import { changeStatistics, landUseStatistics } from '../src/modules/statistics/index.js';
import { todayOf } from '../src/modules/units/index.js';
import { recordingDatabase, statementsScript, type RecordedStatement } from './prices-planning.js';

export interface OneShotResult {
  name: string;
  /** seconds of each HTTP request, in order */
  httpSeconds: number[];
  /** seconds of each pgbench transaction (all the statements), in order */
  sqlSeconds: number[];
  httpMedian: number;
  sqlMedian: number;
  /** sqlMedian / httpMedian: as the throughput ratios, HTTP over the raw SQL */
  ratio: number;
  statements: number;
  bytes: number;
  load1: number;
  note: string;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const seconds = (x: number) => Number(x.toFixed(3));

/** The recorded statements once each, -c 1 -t times, prepared (named, as the server driver sends them): seconds per transaction. */
function runOnce(url: string, statements: readonly RecordedStatement[], times: number): number[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lis-bench-stat-'));
  const file = path.join(dir, 'script.sql');
  // the values as -D variables; a NULL is '' made null again
  const defines = statements.flatMap((s, k) => s.params.map((p, n) => [`s${k}_${n + 1}`, p ?? ''] as const));
  const nullable = new Set(statements.flatMap((s, k) => s.params.flatMap((p, n) => (p === null ? [`s${k}_${n + 1}`] : []))));
  fs.writeFileSync(file, `${statementsScript(statements, nullable)}\n`);
  execFileSync('pgbench', ['-n', '-M', 'prepared', '-c', '1', '-t', String(times), '-l', '--log-prefix', path.join(dir, 'tx'),
    ...defines.flatMap(([k, v]) => ['-D', `${k}=${v}`]), '-f', file, url], { encoding: 'utf8', cwd: dir });
  const out = fs.readdirSync(dir).filter((f) => f.startsWith('tx.')).flatMap((f) =>
    fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean).map((line) => Number(line.split(' ')[2]) / 1e6));
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

async function timeHttp(url: string, cookie: string, times: number): Promise<{ seconds: number[]; bytes: number }> {
  const out: number[] = [];
  let bytes = 0;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${url} → ${res.status} ${text.slice(0, 500)}`);
    out.push((performance.now() - started) / 1000);
    bytes = text.length;
  }
  return { seconds: out, bytes };
}

/** before the 2025 reform districts existed: the district forms are asked of the end of 2024 */
const DISTRICT_DAY = '2024-12-31';

export async function statisticsScenarios(
  db: Database, databaseUrl: string, baseUrl: string, cookie: string, wanted: (name: string) => boolean, times = Number(process.env.BENCH_REPEAT ?? 3),
): Promise<OneShotResult[]> {
  const today = todayOf(systemClock);
  // the district with the most parcels then, and today's province (the demo's old province's units merged into it)
  const { rows: districts } = await db.query<{ code: string; n: number }>(
    `select d.code, count(*)::int as n from admin_unit d join admin_unit c on c.parent_id = d.id join parcel p on p.unit_id = c.id and p.valid_to is null
      where d.level = 'district' and d.valid_from <= $1::date and (d.valid_to is null or d.valid_to > $1::date)
      group by d.code order by n desc limit 1`,
    [DISTRICT_DAY],
  );
  const { rows: provinces } = await db.query<{ code: string }>(`select code from admin_unit where level = 'province' and valid_to is null order by code limit 1`);
  const district = districts[0]!;
  const province = provinces[0]!.code;
  const cases = [
    {
      name: 'statistics-land-use (district)',
      path: `/api/v1/statistics/${district.code}/land-use?date=${DISTRICT_DAY}&format=json`,
      run: (d: Database) => landUseStatistics(d, { unitCode: district.code, date: DISTRICT_DAY }),
      note: `01/TKKK of district ${district.code} on ${DISTRICT_DAY} (${district.n} live parcels)`,
    },
    {
      name: 'statistics-land-use (province)',
      path: `/api/v1/statistics/${province}/land-use?date=${today}&format=json`,
      run: (d: Database) => landUseStatistics(d, { unitCode: province, date: today }),
      note: `01/TKKK of province ${province} on ${today} (every demo parcel)`,
    },
    {
      name: 'statistics-changes (district)',
      path: `/api/v1/statistics/${district.code}/changes?from=2020-12-31&to=${DISTRICT_DAY}`,
      run: (d: Database) => changeStatistics(d, { unitCode: district.code, from: '2020-12-31', to: DISTRICT_DAY }),
      note: `05/TKKK change matrix of district ${district.code}, 2020-12-31 to ${DISTRICT_DAY}`,
    },
  ];
  const results: OneShotResult[] = [];
  for (const c of cases.filter((x) => wanted(x.name))) {
    const recorder = recordingDatabase(db);
    await c.run(recorder.db);
    const load1 = Number(os.loadavg()[0]!.toFixed(2));
    console.log(`  ${c.name}: ${recorder.statements.length} statements; pgbench ×${times}…`);
    const sql = runOnce(databaseUrl, recorder.statements, times);
    console.log(`  ${c.name}: HTTP ×${times}…`);
    const http = await timeHttp(`${baseUrl}${c.path}`, cookie, times);
    const r: OneShotResult = {
      name: c.name,
      httpSeconds: http.seconds.map(seconds),
      sqlSeconds: sql.map(seconds),
      httpMedian: seconds(median(http.seconds)),
      sqlMedian: seconds(median(sql)),
      ratio: Number((median(sql) / median(http.seconds)).toFixed(3)),
      statements: recorder.statements.length,
      bytes: http.bytes,
      load1,
      note: c.note,
    };
    console.log(`  ${c.name}: HTTP ${r.httpMedian} s (${r.httpSeconds.join(', ')}), SQL ${r.sqlMedian} s (${r.sqlSeconds.join(', ')}), ratio ${r.ratio}`);
    results.push(r);
  }
  return results;
}
