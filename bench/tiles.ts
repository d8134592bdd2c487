// Vector tile scenarios: GET /api/v1/tiles/parcels/{z}/{x}/{y}.mvt (public) against the
// module's own ST_AsMVT statement through pgbench, on tiles sampled over live parcels.
// tiles-z14 / tiles-z16: each request a different tile, shuffled (run them with
// LIS_TILE_CACHE_MB=0 so that a run longer than the sample never hits the cache);
// tiles-cached: 200 z16 tiles, warmed, answered from the cache, against raw z16 ST_AsMVT.
import type { Database } from '../src/db/database.js';
import { mvtInDatabaseSql, tileLayer } from '../src/modules/tiles/index.js';
import { bindParam, type Scenario } from './search-and-point.js';

const CACHED_SAMPLE = 200;

async function sampleTiles(db: Database, z: number): Promise<Array<{ x: number; y: number }>> {
  await db.exec(`drop table if exists bench_tile_z${z};
    create table bench_tile_z${z} as
      select row_number() over (order by md5(x::text || '/' || y::text))::int as i, x, y
        from (select distinct floor((lon + 180) / 360 * 2 ^ ${z})::int as x,
                     floor((1 - ln(tan(radians(lat)) + 1 / cos(radians(lat))) / pi()) / 2 * 2 ^ ${z})::int as y
                from (select ST_X(c) as lon, ST_Y(c) as lat from (select ST_PointOnSurface(geom_4326) as c from parcel where valid_to is null) s) p) t;
    alter table bench_tile_z${z} add primary key (i);
    analyze bench_tile_z${z}`);
  const { rows } = await db.query<{ x: number; y: number }>(`select x, y from bench_tile_z${z} order by i`);
  return rows;
}

function script(z: number, sampleSize: number): string {
  const layer = tileLayer('parcels')!;
  let sql = mvtInDatabaseSql(layer, false);
  sql = bindParam(sql, 1, ':z');
  sql = bindParam(sql, 2, ':x');
  sql = bindParam(sql, 3, ':y');
  sql = bindParam(sql, 4, ':tol');
  sql = bindParam(sql, 5, ':margin');
  const tolerance = (layer.simplify(z) * 2 * 20037508.342789244) / 2 ** z / 4096;
  return `\\set i random(1, ${sampleSize})\n\\set tol ${tolerance}\n\\set margin ${64 / 4096}\n`
    + `select ${z} as z, x, y from bench_tile_z${z} where i = :i \\gset\n${sql.trim()};\n`;
}

export async function tileScenarios(db: Database, baseUrl: string): Promise<Scenario[]> {
  const scenarios: Scenario[] = [];
  const samples = new Map<number, Array<{ x: number; y: number }>>();
  for (const z of [14, 16]) {
    const tiles = await sampleTiles(db, z);
    samples.set(z, tiles);
    let n = 0;
    scenarios.push({
      name: `tiles-z${z}`,
      script: script(z, tiles.length),
      request: () => {
        const t = tiles[n++ % tiles.length]!;
        return { method: 'GET', path: `/api/v1/tiles/parcels/${z}/${t.x}/${t.y}.mvt` };
      },
      note: `${tiles.length} distinct z${z} tiles over live parcels, shuffled; HTTP uncached (run with LIS_TILE_CACHE_MB=0)`,
    });
  }
  const hot = samples.get(16)!.slice(0, CACHED_SAMPLE);
  const path = (t: { x: number; y: number }) => `${baseUrl}/api/v1/tiles/parcels/16/${t.x}/${t.y}.mvt`;
  for (const t of hot) await (await fetch(path(t))).arrayBuffer();
  if ((await fetch(path(hot[0]!))).headers.get('x-tile-cache') !== 'hit') {
    console.log('  tiles-cached: skipped, the server caches no tile (LIS_TILE_CACHE_MB=0)');
    return scenarios;
  }
  let m = 0;
  scenarios.push({
    name: 'tiles-cached',
    script: script(16, CACHED_SAMPLE),
    request: () => {
      const t = hot[m++ % hot.length]!;
      return { method: 'GET', path: `/api/v1/tiles/parcels/16/${t.x}/${t.y}.mvt` };
    },
    note: `${CACHED_SAMPLE} z16 tiles from the cache against raw z16 ST_AsMVT`,
  });
  return scenarios;
}
