// npm run bench: runs every benchmark and writes bench/results/latest.json.
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/lis_bench; created if
// missing), BENCH_PARCELS (default 1 000 000), BENCH_SECONDS (default 20 per side),
// BENCH_CONNECTIONS (default 4), BENCH_PORT (default: any free port).
import fs from 'node:fs';
import os from 'node:os';
import { runBenchmark } from './http-vs-pgbench.js';

const settings = {
  databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lis_bench',
  parcels: Number(process.env.BENCH_PARCELS ?? 1_000_000),
  seconds: Number(process.env.BENCH_SECONDS ?? 20),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 4),
  port: Number(process.env.BENCH_PORT ?? 0),
};

console.log(`bench: ${settings.parcels} parcels, ${settings.seconds} s per side, ${settings.connections} connections`);
const results = await runBenchmark(settings);
const report = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  settings: { ...settings, databaseUrl: settings.databaseUrl.replace(/\/\/[^@]*@/, '//') },
  results,
};
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/latest.json', JSON.stringify(report, null, 2) + '\n');
console.log('\n| scenario | HTTP req/s | p50 ms | p99 ms | pgbench tx/s | ratio HTTP/pgbench |\n|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.name} | ${r.httpPerSecond} | ${r.httpP50Ms} | ${r.httpP99Ms} | ${r.pgbenchPerSecond} | ${r.ratio} |`);
}
