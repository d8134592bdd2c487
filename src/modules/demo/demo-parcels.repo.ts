// SQL that tiles one commune with demo parcels: Voronoi cells of seeded random points,
// stretched 3:1 north-south so that they look like the long plots along roads of the
// region, clipped to the commune (so the parcels cover it with no overlap or gap),
// cut into 1:2000 map sheets (1:1000 in wards) numbered from the north-west, and
// numbered inside each sheet from the north-west as cadastral maps are.
import type { Queryable } from '../../db/database.js';

export interface CommuneParcelsInput {
  unitId: number;
  parcels: number;
  seed: number;
  srid: number;
  urban: boolean;
  landUse: { codes: string[]; bounds: number[] };
}

const STRETCH = 3;

export async function tileCommuneWithParcels(tx: Queryable, input: CommuneParcelsInput): Promise<number> {
  // Sheet side on the ground: a 50 x 50 cm sheet at 1:1000 is 500 m, at 1:2000 1 km.
  const scale = input.urban ? 1000 : 2000;
  const sheetSide = scale / 2;
  await tx.query('select setseed($1)', [((input.seed * 7919 + input.unitId) % 1000) / 1000]);
  await tx.query(`drop table if exists demo_cell`);
  await tx.query(
    `create temp table demo_cell on commit drop as
     with commune as (select ST_Scale(ST_Transform(boundary, $2::int), 1, ${STRETCH}) g from admin_unit where id = $1),
          cell as (select (ST_Dump(ST_VoronoiPolygons(ST_GeneratePoints(g, $3, $4), 0, g))).geom c, g from commune),
          clipped as (select ST_Scale(ST_CollectionExtract(ST_Intersection(c, g), 3), 1, ${1 / STRETCH}) geom from cell)
     select ST_Multi(ST_SetSRID(geom, $2::int)) geom, ST_PointOnSurface(geom) p from clipped where not ST_IsEmpty(geom)`,
    [input.unitId, input.srid, input.parcels, input.seed],
  );
  await tx.query(
    `create temp table demo_sheeted on commit drop as
     with ext as (select ST_XMin(ST_Extent(geom)) x0, ST_YMax(ST_Extent(geom)) y0 from demo_cell),
          placed as (select c.geom, ST_X(c.p) x, ST_Y(c.p) y,
                            floor((ext.y0 - ST_Y(c.p)) / $1)::int sheet_row, floor((ST_X(c.p) - ext.x0) / $1)::int sheet_col
                       from demo_cell c, ext)
     select geom, x, y, sheet_row, sheet_col, dense_rank() over (order by sheet_row, sheet_col)::int sheet_number
       from placed`,
    [sheetSide],
  );
  await tx.query(
    `insert into map_sheet (unit_id, sheet_number, scale, srid, frame)
     select distinct on (sheet_number) $1::bigint, sheet_number, $2::int, $3::int,
            ST_SetSRID(ST_MakeEnvelope(x0 + sheet_col * $4, y0 - (sheet_row + 1) * $4, x0 + (sheet_col + 1) * $4, y0 - sheet_row * $4), $3)
       from demo_sheeted, (select ST_XMin(ST_Extent(geom)) x0, ST_YMax(ST_Extent(geom)) y0 from demo_cell) ext
      order by sheet_number`,
    [input.unitId, scale, input.srid, sheetSide],
  );
  const { rowCount } = await tx.query(
    `insert into parcel (unit_id, sheet_number, parcel_number, srid, geom, official_area, land_use_code, address, valid_from)
     select $1, sheet_number,
            row_number() over (partition by sheet_number order by floor(y / 50) desc, x)::int,
            $2, geom, round(ST_Area(geom)::numeric, 1),
            (select code from unnest($3::text[], $4::float8[]) as m(code, bound) where bound >= r order by bound limit 1),
            $5 || ' ' || (1 + floor(random() * 9))::int || ', ' || (select kind || ' ' || name from admin_unit where id = $1),
            timestamptz '2015-01-01' + (random() * interval '3000 days')
       from (select *, random() r from demo_sheeted order by sheet_number, y desc, x) s`,
    [input.unitId, input.srid, input.landUse.codes, input.landUse.bounds, input.urban ? 'Khu phố' : 'Ấp'],
  );
  return rowCount;
}
