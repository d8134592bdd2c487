// SQL of the demo's land-use plan (S-PLAN): one approved, public quy hoạch 2021-2030 for
// one demo commune, with six zones over the middle of the commune (a 3 × 2 grid of its
// bounding box's middle half, cut by its boundary) so that some parcels fall in one zone,
// some in two and some in none. Four statements, whatever the commune's size. The
// decision is made up and says so: demo data is plausible, not real.
import type { Queryable } from '../../db/database.js';

/** The planned land use of each grid cell, west to east then south to north. */
const ZONE_USES = [
  ['KV-01', 'Khu dân cư nông thôn phía tây nam', 'ONT'],
  ['KV-02', 'Hành lang giao thông trung tâm', 'DGT'],
  ['KV-03', 'Khu thương mại, dịch vụ phía đông nam', 'TMD'],
  ['KV-04', 'Vùng cây lâu năm phía tây bắc', 'CLN'],
  ['KV-05', 'Khu trường học', 'DGD'],
  ['KV-06', 'Vùng trồng lúa phía đông bắc', 'LUC'],
] as const;

/** Adds the demo plan to a commune that has none; returns the number of zones made. */
export async function addDemoPlanning(tx: Queryable, unitId: number, srid: number): Promise<number> {
  const { rows: existing } = await tx.query('select 1 from land_use_plan where unit_id = $1::bigint limit 1', [unitId]);
  if (existing.length > 0) return 0;
  const { rows } = await tx.query<{ planUid: string }>(
    `insert into land_use_plan (kind, level, unit_id, name, period_start, period_end, status, is_public,
                                decision_number, decision_date, decision_authority, in_force_from)
     select 'planning', u.level, u.id, 'Quy hoạch sử dụng đất thời kỳ 2021-2030 (dữ liệu mẫu) — ' || u.kind || ' ' || u.name,
            '2021-01-01', '2030-12-31', 'approved', true,
            '999/QĐ-UBND (mẫu)', '2021-12-20', 'Ủy ban nhân dân tỉnh (dữ liệu mẫu)', '2022-01-01'
       from admin_unit u where u.id = $1::bigint and u.boundary is not null
     returning plan_uid as "planUid"`,
    [unitId],
  );
  if (rows.length === 0) return 0;
  const planUid = rows[0]!.planUid;
  const { rowCount } = await tx.query(
    `with b as (select ST_Transform(boundary, $2::int) as g from admin_unit where id = $1::bigint and boundary is not null),
          box as (select g, ST_XMin(g) + (ST_XMax(g) - ST_XMin(g)) / 4 as x0, ST_YMin(g) + (ST_YMax(g) - ST_YMin(g)) / 4 as y0,
                         (ST_XMax(g) - ST_XMin(g)) / 6 as dx, (ST_YMax(g) - ST_YMin(g)) / 4 as dy from b),
          cells as (
            select c.n, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Intersection(box.g,
                     ST_MakeEnvelope(x0 + c.i * dx, y0 + c.j * dy, x0 + (c.i + 1) * dx, y0 + (c.j + 1) * dy, $2::int))), 3)) as geom
              from box, (select n - 1 as n, (n - 1) % 3 as i, (n - 1) / 3 as j from generate_series(1, 6) n) c
          )
     insert into plan_zone (plan_uid, zone_code, name, land_use_code, srid, geom, area)
     select $3::uuid, ($4::text[])[n + 1], ($5::text[])[n + 1], ($6::text[])[n + 1], $2::int, geom, round(ST_Area(geom)::numeric, 1)
       from cells where not ST_IsEmpty(geom) and ST_Area(geom) > 1`,
    [unitId, srid, planUid, ZONE_USES.map((z) => z[0]), ZONE_USES.map((z) => z[1]), ZONE_USES.map((z) => z[2])],
  );
  return rowCount;
}
