// npm run bench: runs every benchmark and writes bench/results/latest.json.
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/lis_bench; created if
// missing), BENCH_PARCELS (default 1 000 000), BENCH_SECONDS (default 20 per side),
// BENCH_CONNECTIONS (default 4), BENCH_PORT (default: any free port), BENCH_PARTIES (default
// 3 000 000: bench/seed-parties.ts tops the demo's parties up to it), BENCH_ONLY (comma-separated
// scenario name prefixes, e.g. "name-search,parcel-at-point"), BENCH_REPEAT (default 3: requests
// and pgbench runs of each one-shot statistics report). bench/seed-prices-planning.ts adds the
// price table's street grid and a plan per commune once.
import fs from 'node:fs';
import os from 'node:os';
import { openServerDatabase } from '../src/db/pg-driver.js';
import { prepareData, runBenchmark } from './http-vs-pgbench.js';
import { seedParties } from './seed-parties.js';
import { seedPricesAndPlanning } from './seed-prices-planning.js';

const settings = {
  databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lis_bench',
  parcels: Number(process.env.BENCH_PARCELS ?? 1_000_000),
  seconds: Number(process.env.BENCH_SECONDS ?? 20),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 4),
  port: Number(process.env.BENCH_PORT ?? 0),
  parties: Number(process.env.BENCH_PARTIES ?? 3_000_000),
};

console.log(`bench: ${settings.parcels} parcels, ${settings.parties} parties, ${settings.seconds} s per side, ${settings.connections} connections`);
const { units } = await prepareData(settings);
const db = await openServerDatabase(settings.databaseUrl, 2);
try {
  await seedParties(db, settings.parties);
  await seedPricesAndPlanning(db);
} finally {
  await db.close();
}
// other work on the machine skews every figure: the load average is kept with the results
const loadBefore = os.loadavg().map((l) => Number(l.toFixed(2)));
const results = await runBenchmark(settings, units);
const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version,
    loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg().map((l) => Number(l.toFixed(2))),
  },
  settings: { ...settings, databaseUrl: settings.databaseUrl.replace(/\/\/[^@]*@/, '//') },
  results,
};
const json = JSON.stringify(report, null, 2) + '\n';
if (process.env.BENCH_ONLY) {
  // a partial run does not replace the full record
  const file = `${os.tmpdir()}/lis-bench-${report.date.replace(/[:.]/g, '-')}.json`;
  fs.writeFileSync(file, json);
  console.log(`partial run (BENCH_ONLY): ${file}`);
} else {
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync('bench/results/latest.json', json);
  fs.writeFileSync(`bench/results/${report.date.slice(0, 10)}-c${settings.connections}.json`, json);
}
console.log('\n| scenario | HTTP req/s | p50 ms | p99 ms | pgbench tx/s | p50 ms | p99 ms | ratio HTTP/pgbench |\n|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.name} | ${r.httpPerSecond} | ${r.httpP50Ms} | ${r.httpP99Ms} | ${r.pgbenchPerSecond} | ${r.pgbenchP50Ms ?? ''} | ${r.pgbenchP99Ms ?? ''} | ${r.ratio} |`);
}
