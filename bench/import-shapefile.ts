// npm run bench:imports (tsx bench/import-shapefile.ts): a 100 000-parcel shapefile (written
// by ogr2ogr in the VN-2000 zone) loaded into staging by the import job, rows per second as a
// ratio to `ogr2ogr -f PostgreSQL` loading the same file into the same database in the same
// run (target ≥ 1), and the full validation's time as a multiple of our load (target ≤ 3).
// BENCH_IMPORT_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/lis_bench_imports,
// created and migrated if missing), BENCH_IMPORT_PARCELS (default 100 000), BENCH_IMPORT_CHUNK (features per
// transaction, default 1 000 as the server's worker).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrate } from '../src/db/migrate.js';
import { openServerDatabase } from '../src/db/pg-driver.js';
import { systemClock } from '../src/kernel/clock.js';
import { hasParcels, seedDemo } from '../src/modules/demo/index.js';
import { runPendingImports, uploadDelivery } from '../src/modules/imports/index.js';

const url = process.env.BENCH_IMPORT_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lis_bench_imports';
const parcels = Number(process.env.BENCH_IMPORT_PARCELS ?? 100_000);
const chunkSize = Number(process.env.BENCH_IMPORT_CHUNK ?? 1000);

async function ensureDatabase(): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  target.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: target.toString() });
  await admin.connect();
  try {
    const { rows } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (rows.length === 0) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
}

await ensureDatabase();
const db = await openServerDatabase(url, 2);
await migrate(db);
if (!(await hasParcels(db))) await seedDemo(db, { parcels: 300, seed: 1 });
const unit = (await db.query<{ code: string; srid: number; x: number; y: number }>(
  `select u.code, coalesce(u.srid, 9212) as srid, ST_XMin(ST_Transform(u.boundary, coalesce(u.srid, 9212))) as x, ST_YMin(ST_Transform(u.boundary, coalesce(u.srid, 9212))) as y
     from admin_unit u where u.level = 'commune' and u.valid_to is null and u.boundary is not null order by ST_Area(u.boundary) desc limit 1`,
)).rows[0]!;

// the delivery: a grid of 10 m × 10 m parcels, 20 sheets, written by ogr2ogr
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lis-bench-import-'));
const side = Math.ceil(Math.sqrt(parcels));
const out = fs.createWriteStream(path.join(dir, 'in.geojson'));
out.write(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::${unit.srid}"}},"features":[\n`);
for (let i = 0; i < parcels; i++) {
  const x = unit.x + (i % side) * 10;
  const y = unit.y + Math.floor(i / side) * 10;
  const f = {
    type: 'Feature',
    properties: { SHBANDO: 1 + (i % 20), SOTHUA: 1 + Math.floor(i / 20), MALOAIDAT: 'CLN', DIENTICH: 100, NGUONGOC: 'CN-CTT', DIACHI: 'Thôn Đồng Tâm' },
    geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 10, y], [x + 10, y + 10], [x, y + 10], [x, y]]] },
  };
  out.write(`${i ? ',' : ''}${JSON.stringify(f)}\n`);
}
await new Promise<void>((resolve) => out.end(']}\n', resolve));
execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-a_srs', `EPSG:${unit.srid}`, '-lco', 'ENCODING=UTF-8', path.join(dir, 'thua_dat.shp'), path.join(dir, 'in.geojson')]);
execFileSync('zip', ['-q', 'delivery.zip', ...fs.readdirSync(dir).filter((f) => f.startsWith('thua_dat.'))], { cwd: dir });

// ogr2ogr into PostGIS: the same file, the same database, one transaction per 20 000 rows (its default)
const pgUrl = new URL(url);
const ogrDsn = `PG:host=${pgUrl.hostname} port=${pgUrl.port || 5432} user=${decodeURIComponent(pgUrl.username)} dbname=${pgUrl.pathname.slice(1)}`;
let t = performance.now();
execFileSync('ogr2ogr', ['-f', 'PostgreSQL', ogrDsn, path.join(dir, 'thua_dat.shp'), '-nln', 'bench_ogr2ogr_import', '-overwrite', '-lco', 'SPATIAL_INDEX=GIST']);
const ogrSeconds = (performance.now() - t) / 1000;
await db.exec('drop table if exists bench_ogr2ogr_import');

// ours: upload, then the job (load in chunks of 1 000, then every rule)
let loadEnd = 0;
t = performance.now();
const deps = { db, clock: systemClock, dir: path.join(dir, 'imports'), chunkSize, onProgress: (p: { phase: string }) => void (p.phase === 'validating' && loadEnd === 0 && (loadEnd = performance.now())) };
const batch = await uploadDelivery(deps, { actor: { id: null, name: 'bench' }, may: () => true }, { unitCode: unit.code, fileName: 'delivery.zip', tempPath: path.join(dir, 'delivery.zip') });
const start = t;
await runPendingImports(deps);
const end = performance.now();
const loadSeconds = (loadEnd - start) / 1000;
const validateSeconds = (end - loadEnd) / 1000;
const staged = (await db.query<{ n: number }>('select count(*)::int as n from import_feature where batch_id = $1', [batch.id])).rows[0]!.n;
const findings = (await db.query<{ n: number }>('select count(*)::int as n from import_finding where batch_id = $1', [batch.id])).rows[0]!.n;
await db.query('delete from import_batch where id = $1', [batch.id]);
await db.close();
fs.rmSync(dir, { recursive: true, force: true });

const result = {
  date: new Date().toISOString(), parcels, chunkSize, staged, findings, loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  ogr2ogrSeconds: Number(ogrSeconds.toFixed(2)), loadSeconds: Number(loadSeconds.toFixed(2)), rowsPerSecond: Math.round(staged / loadSeconds),
  ratioToOgr2ogr: Number((ogrSeconds / loadSeconds).toFixed(2)), validateSeconds: Number(validateSeconds.toFixed(2)),
  validationMultipleOfLoad: Number((validateSeconds / loadSeconds).toFixed(2)),
};
console.log(JSON.stringify(result, null, 2));
