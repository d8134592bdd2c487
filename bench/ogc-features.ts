// Scenario of OGC API Features (issue #5): a page of parcels in a small bbox through
// GET /ogc/collections/parcels/items, against the module's own statement (the page and
// numberMatched) through pgbench. See bench/README.md.
import type { Database } from '../src/db/database.js';
import { itemsStatement, PARCELS } from '../src/modules/features/index.js';
import { bindParam, type Scenario } from './search-and-point.js';

const BOX_SAMPLE = 10_000;
/** half the side of the box, in degrees: about 900 m across, 150-250 parcels of the demo */
const HALF_SIDE = 0.004;
/** the API's default page */
const PAGE = 100;

export async function ogcItemsScenario(db: Database, baseUrl: string): Promise<Scenario> {
  await db.exec(`drop table if exists bench_ogc_box;
    create table bench_ogc_box as
      select row_number() over ()::int as i,
             array[ST_X(pt) - ${HALF_SIDE}, ST_Y(pt) - ${HALF_SIDE}, ST_X(pt) + ${HALF_SIDE}, ST_Y(pt) + ${HALF_SIDE}]::float8[] as box
        from (select ST_PointOnSurface(geom_4326) as pt from parcel tablesample bernoulli (2) repeatable (8)
               where valid_to is null limit ${BOX_SAMPLE}) s;
    alter table bench_ogc_box add primary key (i);
    analyze bench_ogc_box`);
  const { rows } = await db.query<{ box: number[] }>('select box from bench_ogc_box order by i');
  const boxes = rows.map((r) => r.box.map(Number).join(','));
  const first = (await (await fetch(`${baseUrl}/ogc/collections/parcels/items?bbox=${boxes[0]}`)).json()) as { numberMatched: number; features: unknown[] };
  if (!(first.features.length > 0)) throw new Error('ogc-items: the first box found no parcel');
  console.log(`  ogc-items: ${boxes.length} boxes; the first matched ${first.numberMatched}, page of ${first.features.length}`);

  // the API's statement (CRS84, live parcels, first page: with numberMatched)
  const page = itemsStatement(PARCELS, false, { kind: 'crs84' }, true);
  const bind = (sql: string, values: Record<number, string>) =>
    Object.entries(values).reduce((s, [n, v]) => bindParam(s, Number(n), v), sql);
  const box = '(:box::float8[])';
  const script = [
    `\\set i random(1, ${boxes.length})`,
    `\\set srid 4326`,
    `\\set lim ${PAGE}`,
    `\\set off 0`,
    `select box, '' as none from bench_ogc_box where i = :i \\gset`,
    `${bind(page, { 1: box, 2: ':srid', 3: ':lim', 4: ':off', 5: `nullif(:none, '')` }).trim()};`,
  ].join('\n');
  let n = 0;
  return {
    name: 'ogc-items',
    script: `${script}\n`,
    request: () => ({ method: 'GET', path: `/ogc/collections/parcels/items?bbox=${boxes[n++ % boxes.length]}` }),
    note: `first page (limit ${PAGE}) of a ${HALF_SIDE * 2}° box, with numberMatched`,
  };
}
