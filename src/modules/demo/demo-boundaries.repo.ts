// SQL that draws the demo's administrative boundaries (see demo-geography.ts for why
// they are generated). Planar work happens in the province's VN-2000 zone; the result
// is stored in EPSG:4326 like every unit boundary.
import type { Queryable } from '../../db/database.js';

/** Districts: Voronoi cells of their seats, clipped to the outline. Pre-2025 units only. */
export async function drawDistricts(tx: Queryable, outlineWkt: string, seats: Record<string, readonly [number, number]>, srid: number): Promise<void> {
  const codes = Object.keys(seats);
  await tx.query(
    `with outline as (select ST_Transform(ST_GeomFromText($1, 4326), $4::int) g),
          seat as (select code, ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), $4::int) p
                     from unnest($2::text[], $3::float8[], $5::float8[]) as s(code, lon, lat)),
          cell as (select (ST_Dump(ST_VoronoiPolygons(ST_Collect(p), 0, (select g from outline)))).geom c from seat)
     update admin_unit u
        set boundary = ST_Multi(ST_Transform(ST_Intersection(cell.c, outline.g), 4326)), boundary_source = 'generated-demo'
       from seat, cell, outline
      where ST_Contains(cell.c, seat.p) and u.code = seat.code and u.level = 'district' and u.boundary is null`,
    [outlineWkt, codes, codes.map((c) => seats[c]![0]), srid, codes.map((c) => seats[c]![1])],
  );
}

/**
 * Communes: Voronoi cells of one seed point per commune, clipped to its district. Wards
 * and townships are seeded close to the district seat (towns are small and central),
 * other communes anywhere in the district.
 */
export async function drawCommunes(tx: Queryable, srid: number, seed: number): Promise<void> {
  await tx.query('select setseed($1)', [(seed % 1000) / 1000]);
  await tx.query(
    `create temp table demo_commune_seed on commit drop as
     with district as (
       select d.id, ST_Transform(d.boundary, $1::int) g,
              ST_Transform(ST_PointOnSurface(d.boundary), $1::int) centre
         from admin_unit d where d.level = 'district' and d.boundary is not null
     ),
     candidate as (
       select c.id, c.parent_id, d.g,
              case when c.kind in ('Phường', 'Thị trấn')
                   then ST_Translate(d.centre, (random() - 0.5) * 3000, (random() - 0.5) * 3000)
                   else ST_GeneratePoints(d.g, 1, $2 + c.id::int) end p
         from admin_unit c join district d on d.id = c.parent_id
        where c.level = 'commune' and c.boundary is null
     )
     select id, parent_id, g, case when ST_Contains(g, p) then p else ST_GeneratePoints(g, 1, $2 + id::int) end p
       from candidate`,
    [srid, seed],
  );
  await tx.query(
    `with cell as (
       select parent_id, g, (ST_Dump(ST_VoronoiPolygons(ST_Collect(p), 0, g))).geom c
         from demo_commune_seed group by parent_id, g
     )
     update admin_unit u set boundary = ST_Multi(ST_Transform(ST_CollectionExtract(ST_Intersection(cell.c, cell.g), 3), 4326)),
                             boundary_source = 'generated-demo'
       from demo_commune_seed s join cell on cell.parent_id = s.parent_id and ST_Contains(cell.c, s.p)
      where u.id = s.id`,
  );
}

/** A unit without a boundary whose parts all have one gets their union (province from districts, new communes from old). */
export async function drawUnionsOfParts(tx: Queryable): Promise<void> {
  // old province = union of its districts
  await tx.query(
    `update admin_unit p set boundary = parts.g, boundary_source = 'generated-demo'
       from (select parent_id, ST_Multi(ST_Union(boundary)) g from admin_unit
              where level = 'district' and boundary is not null group by parent_id) parts
      where p.id = parts.parent_id and p.boundary is null`,
  );
  // successor communes = union of their predecessor communes, when every predecessor has one
  await tx.query(
    `update admin_unit n set boundary = parts.g, boundary_source = 'generated-demo'
       from (select s.successor_id, ST_Multi(ST_Union(p.boundary)) g
               from admin_unit_succession s join admin_unit p on p.id = s.predecessor_id
              where p.level = 'commune'
              group by s.successor_id having bool_and(p.boundary is not null)) parts
      where n.id = parts.successor_id and n.boundary is null and n.level = 'commune'`,
  );
}
