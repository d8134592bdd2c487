// Benchmark: parcel by number, parcels of a unit, the name searches and the parcel at a
// point (the last two in search-and-point.ts), through our HTTP API versus the same SQL
// through pgbench, on the PostgreSQL server at a province's volume (1 million parcels,
// 3 million parties by default). The result is a ratio measured in one run on one machine, so
// it says what our layers (Fastify, validation, JSON) cost over the raw database.
// Also run from here: ogc-items, tiles-* (their own files), parcel-price and parcel-planning
// (prices-planning.ts) and the one-shot statistics reports (statistics.ts).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { migrate } from '../src/db/migrate.js';
import { openServerDatabase } from '../src/db/pg-driver.js';
import { seedDemo } from '../src/modules/demo/index.js';
import { PARCEL_BY_KEY_SQL, PARCELS_OF_UNIT_AS_OF_SQL } from '../src/modules/cadastre/parcels.repo.js';
import { tileScenarios } from './tiles.js';
import { benchSession, pointScenario, sanityCheck, searchScenarios, type HttpRequestSpec, type Scenario } from './search-and-point.js';
import { ogcItemsScenario } from './ogc-features.js';
import { pricePlanningScenarios } from './prices-planning.js';
import { statisticsScenarios } from './statistics.js';

export interface BenchSettings {
  databaseUrl: string;
  parcels: number;
  seconds: number;
  connections: number;
  port: number;
  /** parties to top the database up to (bench/seed-parties.ts) */
  parties: number;
}

export interface ScenarioResult {
  name: string;
  httpPerSecond: number;
  httpP50Ms: number;
  httpP99Ms: number;
  pgbenchPerSecond: number;
  pgbenchP50Ms?: number;
  pgbenchP99Ms?: number;
  ratio: number;
  /** 1-minute load average when the scenario started (2 cores: above ~2.5 something else was running) */
  load1?: number;
  note?: string;
  /** one-shot reports (statistics-*): seconds of each HTTP request and of each run of the same statements through pgbench; the rates above are 1 / their medians */
  httpSeconds?: number[];
  pgbenchSeconds?: number[];
}

const KEY_SAMPLE = 10_000;
const PAGE = 1000;
const HISTORIC_DAY = '2024-12-31'; // before the 2025 merger: each demo commune is its own unit

async function ensureDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bench database name must be a plain identifier: ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const { rows } = await client.query('select 1 from pg_database where datname = $1', [name]);
  if (rows.length === 0) await client.query(`create database ${name}`);
  await client.end();
}

/** The province at volume, and the sample of keys both sides draw from. */
export async function prepareData(settings: BenchSettings): Promise<{ units: string[] }> {
  await ensureDatabase(settings.databaseUrl);
  const db = await openServerDatabase(settings.databaseUrl, 2);
  try {
    await migrate(db);
    const started = Date.now();
    const seeded = await seedDemo(db, {
      parcels: settings.parcels,
      onProgress: (done, total) => done % 10 === 0 && console.log(`  seeding ${done}/${total} communes`),
    });
    if (seeded.parcels) console.log(`  seeded ${seeded.parcels} parcels in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    await db.exec('analyze');
    await db.exec(`drop table if exists bench_key; drop table if exists bench_unit;
      create table bench_key as
        select row_number() over ()::int as i, u.code as unit_code, p.sheet_number, p.parcel_number
          from (select * from parcel where valid_to is null order by md5(id::text) limit ${KEY_SAMPLE}) p
          join admin_unit u on u.id = p.unit_id;
      alter table bench_key add primary key (i);
      create table bench_unit as
        select row_number() over (order by u.code)::int as i, u.code, array[u.id] as ids
          from admin_unit u where exists (select 1 from parcel p where p.unit_id = u.id);
      alter table bench_unit add primary key (i);`);
    const { rows } = await db.query<{ code: string }>('select code from bench_unit order by i');
    return { units: rows.map((r) => r.code) };
  } finally {
    await db.close();
  }
}

function replaceOnce(sql: string, from: string, to: string): string {
  if (!sql.includes(from)) throw new Error(`bench: the repository SQL changed, cannot find ${from}`);
  return sql.split(from).join(to);
}

/** The repository's own SQL with pgbench variables in place of the bind parameters. */
export function pgbenchScripts(unitCount: number): Record<string, string> {
  // the key comes from the sample table by primary key: three index probes, a few µs
  let byKey = replaceOnce(PARCEL_BY_KEY_SQL, '$1', '(select unit_code from bench_key where i = :i)');
  byKey = replaceOnce(byKey, '$2', '(select sheet_number from bench_key where i = :i)');
  byKey = replaceOnce(byKey, '$3', '(select parcel_number from bench_key where i = :i)');
  // on HISTORIC_DAY each demo commune is its own unit: its lineage is itself; the API asked
  // with asOf runs the as-of statement, with the end of that day in Vietnam as $4
  let ofUnit = replaceOnce(PARCELS_OF_UNIT_AS_OF_SQL, '$1', '(select ids from bench_unit where i = :u)');
  ofUnit = replaceOnce(ofUnit, '$2', '(null::float8[])');
  ofUnit = replaceOnce(ofUnit, '$3', String(PAGE));
  ofUnit = ofUnit.replaceAll('$4', `'${HISTORIC_DAY}T24:00:00+07:00'::timestamptz`);
  return {
    'parcel-by-number': `\\set i random(1, ${KEY_SAMPLE})\n${byKey};\n`,
    'parcels-of-unit': `\\set u random(1, ${unitCount})\n${ofUnit};\n`,
  };
}

function runPgbench(url: string, script: string, settings: BenchSettings, defines: Record<string, string> = {}, mode: 'prepared' | 'extended' = 'prepared'): { tps: number; p50: number; p99: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lis-bench-'));
  const file = path.join(dir, 'script.sql');
  fs.writeFileSync(file, script);
  const out = execFileSync(
    'pgbench',
    ['-n', '-M', mode, '-c', String(settings.connections), '-j', '2', '-T', String(settings.seconds),
      '-l', '--log-prefix', path.join(dir, 'tx'),
      ...Object.entries(defines).flatMap(([k, v]) => ['-D', `${k}=${v}`]), '-f', file, url],
    { encoding: 'utf8', cwd: dir },
  );
  const match = /tps = ([\d.]+)/.exec(out);
  if (!match) throw new Error(`pgbench printed no tps:\n${out}`);
  // per-transaction log: client tx_no time_us script_no epoch epoch_us
  const latencies = fs.readdirSync(dir).filter((f) => f.startsWith('tx.')).flatMap((f) =>
    fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean).map((line) => Number(line.split(' ')[2]) / 1000));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(2));
  fs.rmSync(dir, { recursive: true, force: true });
  return { tps: Number(match[1]), p50: at(0.5), p99: at(0.99) };
}

/** A port nobody listens on now (BENCH_PORT=0, the default). */
async function freePort(): Promise<number> {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => probe.once('listening', r));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

async function startServer(settings: BenchSettings): Promise<ChildProcess> {
  settings.port ||= await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, DATABASE_URL: settings.databaseUrl, PORT: String(settings.port), HOST: '127.0.0.1', LIS_SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${settings.port}/readyz`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  server.kill();
  throw new Error('server did not become ready');
}

async function runHttp(settings: BenchSettings, next: () => HttpRequestSpec): Promise<{ rps: number; p50: number; p99: number }> {
  const result = await autocannon({
    url: `http://127.0.0.1:${settings.port}`,
    connections: settings.connections,
    duration: settings.seconds,
    // autocannon's default (10 s) would count a slow search as an error
    timeout: 120,
    requests: [{ setupRequest: (request) => ({ ...request, ...next() }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`HTTP errors: ${result.non2xx} non-2xx, ${result.errors} errors`);
  // requests done over the run's length: per-second averages round a search's 1-2 req/s away
  return { rps: result.requests.total / result.duration, p50: result.latency.p50, p99: result.latency.p99 };
}

/** whole numbers, except the slow scenarios' few per second */
const perSecond = (rate: number) => Number(rate.toFixed(rate < 100 ? 2 : 0));

async function readKeys(url: string): Promise<Array<{ unit_code: string; sheet_number: number; parcel_number: number }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ unit_code: string; sheet_number: number; parcel_number: number }>('select * from bench_key order by i');
    return rows;
  } finally {
    await client.end();
  }
}

/**
 * Runs the scenarios (BENCH_ONLY: a comma-separated list of name prefixes) on data
 * prepared by prepareData and bench/seed-parties.ts, each side after the other.
 */
export async function runBenchmark(settings: BenchSettings, units: string[]): Promise<ScenarioResult[]> {
  const keys = await readKeys(settings.databaseUrl);
  const scripts = pgbenchScripts(units.length);
  let n = 0;
  const scenarios: Scenario[] = [
    {
      name: 'parcel-by-number',
      script: scripts['parcel-by-number']!,
      request: () => {
        const k = keys[n++ % keys.length]!;
        return { method: 'GET', path: `/api/v1/parcels/${k.unit_code}/${k.sheet_number}/${k.parcel_number}` };
      },
    },
    {
      name: 'parcels-of-unit',
      script: scripts['parcels-of-unit']!,
      request: () => ({ method: 'GET', path: `/api/v1/units/${units[n++ % units.length]}/parcels?limit=${PAGE}&asOf=${HISTORIC_DAY}` }),
    },
  ];
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  const wanted = (name: string) => !only || only.some((o) => name.startsWith(o));
  const results: ScenarioResult[] = [];
  const server = await startServer(settings);
  const baseUrl = `http://127.0.0.1:${settings.port}`;
  const db = await openServerDatabase(settings.databaseUrl, 2);
  try {
    const { accountId, cookie } = await benchSession(db, baseUrl);
    if (wanted('name-search')) scenarios.push(...(await searchScenarios(db, accountId, cookie)));
    // last: its SQL is the newest
    if (wanted('parcel-at-point')) {
      const point = await pointScenario(db, baseUrl, cookie);
      if (point) scenarios.push(point);
    }
    if (!only || only.some((o) => o.startsWith('tiles') || 'tiles'.startsWith(o))) scenarios.push(...(await tileScenarios(db, baseUrl)));
    if (wanted('ogc-items')) scenarios.push(await ogcItemsScenario(db, baseUrl));
    if (wanted('parcel-price') || wanted('parcel-planning')) scenarios.push(...(await pricePlanningScenarios(db, wanted)));
    for (const scenario of scenarios.filter((s) => wanted(s.name))) {
      console.log(`  ${scenario.name}: ${await sanityCheck(baseUrl, scenario)}`);
      const load1 = Number(os.loadavg()[0]!.toFixed(2));
      console.log(`  ${scenario.name}: pgbench…`);
      const pgbench = runPgbench(settings.databaseUrl, scenario.script, settings, scenario.defines, scenario.pgbenchMode);
      console.log(`  ${scenario.name}: HTTP…`);
      const http = await runHttp(settings, scenario.request);
      results.push({
        name: scenario.name,
        httpPerSecond: perSecond(http.rps),
        httpP50Ms: http.p50,
        httpP99Ms: http.p99,
        pgbenchPerSecond: perSecond(pgbench.tps),
        pgbenchP50Ms: pgbench.p50,
        pgbenchP99Ms: pgbench.p99,
        ratio: Number((http.rps / pgbench.tps).toFixed(3)),
        load1,
        ...(scenario.note ? { note: scenario.note } : {}),
      });
      console.log(`  ${scenario.name}: HTTP ${perSecond(http.rps)} req/s (p50 ${http.p50} ms, p99 ${http.p99} ms), pgbench ${perSecond(pgbench.tps)} tx/s (p50 ${pgbench.p50} ms, p99 ${pgbench.p99} ms)`);
    }
    // one-shot reports: seconds per request, not a rate under load
    if (!only || only.some((o) => o.startsWith('statistics') || 'statistics'.startsWith(o))) {
      for (const r of await statisticsScenarios(db, settings.databaseUrl, baseUrl, cookie, wanted)) {
        results.push({
          name: r.name,
          httpPerSecond: Number((1 / r.httpMedian).toFixed(3)),
          httpP50Ms: Math.round(r.httpMedian * 1000),
          httpP99Ms: Math.round(Math.max(...r.httpSeconds) * 1000),
          pgbenchPerSecond: Number((1 / r.sqlMedian).toFixed(3)),
          pgbenchP50Ms: Math.round(r.sqlMedian * 1000),
          pgbenchP99Ms: Math.round(Math.max(...r.sqlSeconds) * 1000),
          ratio: r.ratio,
          load1: r.load1,
          note: `${r.note}; ${r.statements} statements, ${r.bytes} bytes; p99 columns: the slowest of ${r.httpSeconds.length}`,
          httpSeconds: r.httpSeconds,
          pgbenchSeconds: r.sqlSeconds,
        });
      }
    }
  } finally {
    await db.close();
    server.kill();
  }
  return results;
}
