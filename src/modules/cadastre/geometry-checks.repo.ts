// Geometry of split, merge and boundary correction, checked in PostGIS in the parcel's
// VN-2000 zone (areas are planar there). Every fault comes back with a location in
// EPSG:4326 so the officer sees on the map where it is.
import type { Queryable } from '../../db/database.js';

export interface Location {
  lon: number;
  lat: number;
}

export interface InputGeometry {
  /** hex EWKB in the zone, or null when the input is not a usable geometry */
  geom: string | null;
  kind: string | null;
  valid: boolean;
  reason: string | null;
  location: Location | null;
  area: number;
}

/** In the zone, snapped to the vertices of `snapTo` within 5 cm: coordinates sent in degrees come back a few mm off. */
const SNAP_METRES = 0.05;

/**
 * Reads a GeoJSON geometry given in `inputSrid` into the zone `srid`. Throws the driver's
 * error when the text is not GeoJSON (the caller turns it into a 400).
 */
export async function readGeometry(db: Queryable, geojson: string, inputSrid: number, srid: number, snapTo: string | null): Promise<InputGeometry> {
  const { rows } = await db.query<InputGeometry & { lon: number | null; lat: number | null }>(
    `with g as (
       select case when $4::text is null then x.g else ST_Snap(x.g, ST_GeomFromEWKB(decode($4, 'hex')), $5::float8) end as g
         from (select ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1::text), $2::int), $3::int) as g) x
     ), d as (select g, ST_IsValidDetail(g) as detail from g)
     select case when (detail).valid then encode(ST_AsEWKB(g), 'hex') end as geom, ST_GeometryType(g) as kind,
            (detail).valid as valid, (detail).reason as reason,
            ST_X(ST_Transform((detail).location, 4326)) as lon, ST_Y(ST_Transform((detail).location, 4326)) as lat,
            case when (detail).valid then ST_Area(g) else 0 end as area
       from d`,
    [geojson, inputSrid, srid, snapTo, SNAP_METRES],
  );
  const row = rows[0]!;
  return { geom: row.geom, kind: row.kind, valid: row.valid, reason: row.reason, area: Number(row.area), location: row.lon === null ? null : { lon: row.lon, lat: row.lat! } };
}

/** The polygons a line cuts a parcel into, largest first, with their areas (fewer than two: the line does not cut it). */
export async function cutByLine(db: Queryable, parcelGeom: string, line: string): Promise<Array<{ geom: string; area: number }>> {
  const { rows } = await db.query<{ geom: string; area: number }>(
    `select encode(ST_AsEWKB((d).geom), 'hex') as geom, ST_Area((d).geom) as area
       from (select ST_Dump(ST_Split(ST_GeomFromEWKB(decode($1, 'hex')), ST_GeomFromEWKB(decode($2, 'hex')))) as d) x
      where ST_Area((d).geom) > 0
      order by ST_Area((d).geom) desc`,
    [parcelGeom, line],
  );
  return rows.map((r) => ({ geom: r.geom, area: Number(r.area) }));
}

export interface PartsFault {
  kind: 'outside' | 'overlap' | 'gap';
  /** the part(s) at fault, 0-based */
  parts: number[];
  area: number;
  location: Location;
}

/**
 * Parts of a split against their parent: no part reaches outside the parent, no two
 * overlap, together they leave no gap; each beyond `tolerance` m². The first fault found.
 */
export async function splitFault(db: Queryable, parentGeom: string, parts: string[], tolerance: number): Promise<PartsFault | null> {
  const { rows } = await db.query<{ kind: PartsFault['kind']; parts: number[]; area: number; lon: number; lat: number }>(
    `with parent as (select ST_GeomFromEWKB(decode($1, 'hex')) as g),
     part as (select n - 1 as i, ST_GeomFromEWKB(decode(h, 'hex')) as g from unnest($2::text[]) with ordinality as x(h, n)),
     fault as (
       select 'outside' as kind, array[p.i] as parts, ST_Difference(p.g, parent.g) as g from part p, parent
       union all
       select 'overlap', array[a.i, b.i], ST_Intersection(a.g, b.g) from part a join part b on a.i < b.i and a.g && b.g
       union all
       select 'gap', array[]::int[], ST_Difference(parent.g, (select ST_Union(g) from part)) from parent
     )
     select kind, parts, ST_Area(g) as area, ST_X(ST_Transform(ST_PointOnSurface(g), 4326)) as lon, ST_Y(ST_Transform(ST_PointOnSurface(g), 4326)) as lat
       from fault where ST_Area(g) > $3::float8
      order by array_position(array['outside', 'overlap', 'gap'], kind), ST_Area(g) desc
      limit 1`,
    [parentGeom, parts, tolerance],
  );
  const row = rows[0];
  return row ? { kind: row.kind, parts: row.parts, area: Number(row.area), location: { lon: row.lon, lat: row.lat } } : null;
}

export interface OverlapFault {
  unitCode: string;
  sheetNumber: number;
  parcelNumber: number;
  area: number;
  location: Location;
}

/**
 * The live parcel (other than `except`) a geometry overlaps most, beyond `tolerance` m²
 * (compared in the geometry's zone; the index on geom_4326 finds the candidates).
 */
export async function overlapWithLive(db: Queryable, geom: string, except: string[], tolerance: number): Promise<OverlapFault | null> {
  const { rows } = await db.query<Omit<OverlapFault, 'location'> & { lon: number; lat: number }>(
    `with g as (select ST_GeomFromEWKB(decode($1, 'hex')) as g),
     hit as (
       select u.code as "unitCode", p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber",
              ST_Intersection(ST_Transform(p.geom, ST_SRID(g.g)), g.g) as x
         from g join parcel p on p.geom_4326 && ST_Transform(g.g, 4326) and p.valid_to is null and p.id <> all($2::uuid[])
         join admin_unit u on u.id = p.unit_id
        where ST_Intersects(p.geom_4326, ST_Transform(g.g, 4326))
     )
     select "unitCode", "sheetNumber", "parcelNumber", ST_Area(x) as area,
            ST_X(ST_Transform(ST_PointOnSurface(x), 4326)) as lon, ST_Y(ST_Transform(ST_PointOnSurface(x), 4326)) as lat
       from hit where ST_Area(x) > $3::float8 order by ST_Area(x) desc limit 1`,
    [geom, except, tolerance],
  );
  const row = rows[0];
  return row ? { unitCode: row.unitCode, sheetNumber: row.sheetNumber, parcelNumber: row.parcelNumber, area: Number(row.area), location: { lon: row.lon, lat: row.lat } } : null;
}

/**
 * The union of parcels to merge, and, when it is not one piece, the smallest detached
 * piece: a parcel in it (0-based) and a point inside it.
 */
export async function mergeUnion(db: Queryable, geoms: string[]): Promise<{ geom: string; area: number; detached: { index: number; location: Location } | null }> {
  const { rows } = await db.query<{ geom: string; area: number; pieces: number; idx: number | null; lon: number | null; lat: number | null }>(
    `with part as (select n - 1 as i, ST_GeomFromEWKB(decode(h, 'hex')) as g from unnest($1::text[]) with ordinality as x(h, n)),
     u as (select ST_Multi(ST_UnaryUnion(ST_Collect(ST_Snap(g, (select ST_Collect(g) from part), $2::float8)))) as g from part),
     piece as (select (d).geom as g from (select ST_Dump(g) as d from u) x order by ST_Area((d).geom) limit 1),
     lone as (
       select (select min(part.i) from part where ST_Intersects(part.g, ST_PointOnSurface(piece.g))) as i, ST_PointOnSurface(piece.g) as pt from piece
     )
     select encode(ST_AsEWKB(u.g), 'hex') as geom, ST_Area(u.g) as area, ST_NumGeometries(u.g) as pieces,
            lone.i as idx, ST_X(ST_Transform(lone.pt, 4326)) as lon, ST_Y(ST_Transform(lone.pt, 4326)) as lat
       from u, lone`,
    [geoms, SNAP_METRES],
  );
  const row = rows[0]!;
  const detached = Number(row.pieces) > 1 ? { index: row.idx ?? 0, location: { lon: row.lon!, lat: row.lat! } } : null;
  return { geom: row.geom, area: Number(row.area), detached };
}
