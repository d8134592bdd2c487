// Tops the bench database up with a province's land price table and land-use plans
// (issue #8), through the modules' own tables (migrations 0015, 0016), so that pricing a
// parcel and the planning overlay run at volume:
//   - the demo price table (src/modules/demo/demo-prices.repo.ts: 4 segments per commune,
//     VT1-VT4 for OTC, CSK, PNN, NNP, positions to 25/100/300/1 500 m) gets a street grid in
//     every commune with parcels: four more east-west and four more north-south roads
//     (at 1/6, 2/6, 4/6, 5/6 of the commune's bounding box, cut by its boundary), each cut in
//     three segments, priced like the demo's (minor roads at 55-85 % of the main road's VT1),
//     about 28 segments and 450 prices per commune (2 800 segments, 44 800 prices at 1 M
//     parcels); and one coefficient (K, 0.9-1.3) per unit the segments name (today's
//     communes after the 2025 merger: 37 at 1 M parcels), besides the demo's province-wide
//     OTC 1.1, so that coefficientOn chooses among several;
//   - every commune with parcels gets the demo's plan (addDemoPlanning: one approved,
//     public quy hoạch 2021-2030 with a 3 × 2 grid of zones over the middle of the commune).
// Names, decisions and prices are plausible, not real. Idempotent: the grid is skipped when
// a BENCH- segment exists, and addDemoPlanning skips a commune that has a plan. Set-based
// SQL, one transaction for the prices and one per commune for the plans.
import type { Database } from '../src/db/database.js';
import { addDemoPlanning, DEMO_PRICE_DECISION } from '../src/modules/demo/index.js';

export async function seedPricesAndPlanning(db: Database, log: (line: string) => void = console.log): Promise<{ segments: number; plans: number }> {
  const started = Date.now();
  let segments = 0;
  const { rows: tables } = await db.query<{ id: string }>('select id from price_table where decision_number = $1::text', [DEMO_PRICE_DECISION]);
  const tableId = tables[0]?.id;
  if (!tableId) throw new Error('seed-prices-planning: the demo price table is missing (prepareData seeds it with the demo)');
  const { rows: have } = await db.query<{ n: number }>(`select count(*)::int as n from road_segment where code like 'BENCH-%'`);
  if (have[0]!.n === 0) {
    segments = await db.transaction(async (tx) => {
      const { rowCount } = await tx.query(
        `with commune as (
           select u.id, u.code, u.kind, coalesce(u.srid, (select (value #>> '{}')::int from setting where key = 'province.default_srid')) as srid,
                  u.boundary b,
                  coalesce((select s.successor_id from admin_unit_succession s join admin_unit l on l.id = s.successor_id and l.valid_to is null
                             where s.predecessor_id = u.id limit 1), u.id) as live_id
             from admin_unit u
            where u.level = 'commune' and u.boundary is not null and exists (select 1 from parcel p where p.unit_id = u.id)),
         road as (
           select c.*, r.dir, r.k, r.line_4326,
                  (select d.geom from ST_Dump(ST_CollectionExtract(ST_Intersection(c.b, r.line_4326), 2)) d order by ST_Length(d.geom) desc limit 1) as line
             from commune c
             cross join lateral (
               select 'E' as dir, f.k, ST_SetSRID(ST_MakeLine(ST_MakePoint(ST_XMin(c.b) - 0.01, ST_YMin(c.b) + f.t * (ST_YMax(c.b) - ST_YMin(c.b))),
                                                              ST_MakePoint(ST_XMax(c.b) + 0.01, ST_YMin(c.b) + f.t * (ST_YMax(c.b) - ST_YMin(c.b)))), 4326) as line_4326
                 from (values (1, 1 / 6.0), (2, 2 / 6.0), (3, 4 / 6.0), (4, 5 / 6.0)) f(k, t)
               union all
               select 'N', f.k, ST_SetSRID(ST_MakeLine(ST_MakePoint(ST_XMin(c.b) + f.t * (ST_XMax(c.b) - ST_XMin(c.b)), ST_YMin(c.b) - 0.01),
                                                       ST_MakePoint(ST_XMin(c.b) + f.t * (ST_XMax(c.b) - ST_XMin(c.b)), ST_YMax(c.b) + 0.01)), 4326)
                 from (values (1, 1 / 6.0), (2, 2 / 6.0), (3, 4 / 6.0), (4, 5 / 6.0)) f(k, t)
             ) r),
         part as (
           select r.*, h.s, ST_LineSubstring(r.line, h.a, h.z) as g
             from road r cross join (values (1, 0.0, 1 / 3.0), (2, 1 / 3.0, 2 / 3.0), (3, 2 / 3.0, 1.0)) as h(s, a, z)
            where r.line is not null)
         insert into road_segment (code, unit_id, road_name, from_desc, to_desc, srid, geom, valid_from)
         select 'BENCH-' || p.code || '-' || p.dir || p.k || p.s, p.live_id,
                case p.dir when 'E' then 'Đường liên xã số ' else 'Đường liên thôn số ' end || p.k,
                'Điểm ' || p.s || ' (dữ liệu mẫu)', 'Điểm ' || (p.s + 1) || ' (dữ liệu mẫu)',
                p.srid, ST_Multi(ST_Transform(p.g, p.srid)), timestamptz '2025-12-20'
           from part p`,
      );
      // the demo's price levels (VT1 of OTC by kind of commune, shares by group and position), a minor road at 55-85 %
      await tx.query(
        `insert into segment_price (price_table_id, segment_uid, land_use_code, position, price)
         select $1::uuid, s.segment_uid, g.code, p.position,
                round(case when u.kind in ('Phường', 'Thị trấn') then 12000000 else 3500000 end
                      * (0.55 + 0.1 * (abs(hashtext(s.code)) % 4)) * g.share * p.share / 1000) * 1000
           from road_segment s join admin_unit u on u.id = s.unit_id
           cross join unnest(array['OTC', 'CSK', 'PNN', 'NNP'], array[1, 0.6, 0.5, 0.08]::float8[]) as g(code, share)
           cross join unnest(array[1, 2, 3, 4], array[1, 0.6, 0.4, 0.25]::float8[]) as p(position, share)
          where s.code like 'BENCH-%' and s.valid_to is null`,
        [tableId],
      );
      // K of each commune (verify: Nghị quyết 254/2025/QH15 on the adjustment coefficient), on the units the segments name
      await tx.query(
        `insert into adjustment_coefficient (price_table_id, unit_id, coefficient, valid_from, decision_number, decision_date, issuer)
         select $1::uuid, u.unit_id, 0.9 + 0.1 * (abs(hashtext(u.unit_id::text)) % 5), date '2026-01-01', '101/2025/QĐ-UBND', date '2025-12-22', t.issuer
           from (select distinct unit_id from road_segment where code like 'BENCH-%' and valid_to is null) u, price_table t
          where t.id = $1::uuid`,
        [tableId],
      );
      return rowCount;
    });
    log(`  prices: ${segments} road segments added in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const { rows: communes } = await db.query<{ id: number; srid: number }>(
    `select u.id::int, coalesce(u.srid, (select (value #>> '{}')::int from setting where key = 'province.default_srid'))::int as srid
       from admin_unit u
      where u.level = 'commune' and u.boundary is not null and exists (select 1 from parcel p where p.unit_id = u.id)
        and not exists (select 1 from land_use_plan pl where pl.unit_id = u.id)
      order by u.code`,
  );
  let plans = 0;
  for (const c of communes) plans += (await db.transaction((tx) => addDemoPlanning(tx, c.id, c.srid))) > 0 ? 1 : 0;
  if (plans > 0) log(`  planning: ${plans} plans added`);
  if (segments > 0 || plans > 0) {
    await db.exec('analyze road_segment; analyze segment_price; analyze adjustment_coefficient; analyze land_use_plan; analyze plan_zone');
    log(`  prices and planning seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  return { segments, plans };
}
