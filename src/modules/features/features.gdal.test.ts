// Interoperability (issue #5 must-show): Debian's GDAL reads our OGC API Features with its
// OAPIF driver, from the app listening on a real port, in CRS84 and in the province's
// VN-2000 zone, and gets the database's feature counts and coordinates. GDAL 3.6 (Debian
// 12) has no CRS open option (Part 2 arrived in its driver in 3.7): there the zone is asked
// by query parameters in the connection URL, which the driver appends to every request.
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { sharedTestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp } from '../../../test/support/test-app.js';

const run = promisify(execFile); // asynchronous: the app answers GDAL from this same process
const ZONE = 'http://www.opengis.net/def/crs/EPSG/0/9212';
const gdal = spawnSync('ogrinfo', ['--version'], { encoding: 'utf8' });
const hasGdal = gdal.status === 0;
if (!hasGdal) {
  const message = 'features.gdal.test.ts: SKIPPED, ogrinfo not found (apt-get install gdal-bin)';
  if (process.env.CI) throw new Error(`${message}: CI must run it`);
  console.warn(message);
}
/** GDAL 3.7+ reads Part 2 itself (-oo CRS=…); 3.6 gets the crs parameter through the URL */
const hasCrsOption = hasGdal && /name="CRS"/.test(spawnSync('ogrinfo', ['--format', 'OAPIF'], { encoding: 'utf8' }).stdout);

interface GeoJson { features: Array<{ properties: Record<string, unknown>; geometry: { coordinates: number[][][][] } }> }

let db: Database;
let app: FastifyInstance;
let root: string;
let dir: string;

beforeAll(async () => {
  if (!hasGdal) return;
  db = await sharedTestDatabase();
  app = await buildTestApp(db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  root = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/ogc`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lis-oapif-'));
}, 120_000);
afterAll(async () => {
  await app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const gdalEnv = { ...process.env, GDAL_HTTP_TIMEOUT: '60', CPL_CURL_VERBOSE: 'NO' };
async function ogr(command: 'ogrinfo' | 'ogr2ogr', args: string[]): Promise<string> {
  const { stdout } = await run(command, args, { env: gdalEnv, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  return stdout;
}

async function stored(unitCode: unknown, sheet: unknown, parcel: unknown, expr: string): Promise<number[][][][]> {
  const { rows } = await db.query<{ g: { coordinates: number[][][][] } }>(
    `select ST_AsGeoJSON(${expr})::json as g from parcel p join admin_unit u on u.id = p.unit_id
      where p.valid_to is null and u.code = $1 and p.sheet_number = $2 and p.parcel_number = $3`,
    [unitCode, sheet, parcel],
  );
  expect(rows).toHaveLength(1);
  return rows[0]!.g.coordinates;
}

const close = (a: number[][][][], b: number[][][][], tolerance: number) => {
  expect(a.flat(3).length).toBe(b.flat(3).length);
  a.flat(3).forEach((v, i) => expect(Math.abs(v - b.flat(3)[i]!)).toBeLessThanOrEqual(tolerance));
};

describe.skipIf(!hasGdal)(`GDAL ${gdal.stdout?.trim()} OAPIF driver reads /ogc`, () => {
  it('ogrinfo lists both collections and counts the live parcels and units', async () => {
    const out = await ogr('ogrinfo', ['-ro', '-so', `OAPIF:${root}`, 'parcels', 'admin-units']);
    const counts = [...out.matchAll(/Feature Count: (\d+)/g)].map((m) => Number(m[1]));
    const { rows } = await db.query<{ parcels: number; units: number }>(
      `select (select count(*) from parcel where valid_to is null)::int as parcels, (select count(*) from admin_unit where valid_to is null)::int as units`);
    expect(counts).toEqual([rows[0]!.parcels, rows[0]!.units]);
    expect(out).toMatch(/Layer name: parcels/);
    expect(out).toMatch(/parcelNumber: Integer/);
    expect(out).toMatch(/landUseCode: String/);
  });

  it('ogr2ogr -spat (CRS84): the parcels PostGIS finds in the box, with their coordinates', async () => {
    const { rows: ext } = await db.query<{ x: number; y: number }>(
      `select ST_X(c) as x, ST_Y(c) as y from (select ST_Centroid(ST_Extent(geom_4326)::geometry) as c from parcel where valid_to is null) s`);
    const { x, y } = ext[0]!;
    const box = [x - 0.004, y - 0.004, x + 0.004, y + 0.004];
    const file = path.join(dir, 'crs84.geojson');
    await ogr('ogr2ogr', ['-f', 'GeoJSON', file, `OAPIF:${root}`, 'parcels', '-spat', ...box.map(String), '-oo', 'PAGE_SIZE=7']);
    const got = JSON.parse(fs.readFileSync(file, 'utf8')) as GeoJson;
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from parcel where valid_to is null and ST_Intersects(geom_4326, ST_MakeEnvelope($1, $2, $3, $4, 4326))`, box);
    expect(rows[0]!.n).toBeGreaterThan(7); // several pages of 7: GDAL followed the next links
    expect(got.features).toHaveLength(rows[0]!.n);
    const f = got.features[0]!;
    close(f.geometry.coordinates, await stored(f.properties.unitCode, f.properties.sheetNumber, f.properties.parcelNumber, 'p.geom_4326, 7'), 1e-7);
  });

  it(`ogr2ogr in the VN-2000 zone (${hasCrsOption ? '-oo CRS' : 'crs in the URL'}): every parcel in easting/northing, as stored`, async () => {
    const file = path.join(dir, 'zone.geojson');
    const source = hasCrsOption ? [`OAPIF:${root}`, '-oo', 'CRS=EPSG:9212'] : [`OAPIF:${root}?crs=${ZONE}`];
    await ogr('ogr2ogr', ['-f', 'GeoJSON', file, ...source, 'parcels', '-oo', 'PAGE_SIZE=1000']);
    const got = JSON.parse(fs.readFileSync(file, 'utf8')) as GeoJson;
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from parcel where valid_to is null');
    expect(got.features).toHaveLength(rows[0]!.n);
    for (const f of [got.features[0]!, got.features[got.features.length - 1]!]) {
      const [easting, northing] = f.geometry.coordinates[0]![0]![0]!;
      expect(easting).toBeGreaterThan(300_000);
      expect(northing).toBeGreaterThan(1_000_000);
      close(f.geometry.coordinates, await stored(f.properties.unitCode, f.properties.sheetNumber, f.properties.parcelNumber, 'p.geom, 3'), 0.0011);
    }
  });
});
