// SQL of parcels. GeoJSON is built by PostGIS and passed through as text: the
// database is faster at it than Node, and coordinates keep 7 decimals (about 1 cm).
import type { Queryable } from '../../db/database.js';
import type { Holder } from './personal-data.js';

export interface ParcelsOfUnitQuery {
  /** the unit and the units it succeeded (see units' unitLineageIds) */
  unitIds: number[];
  bbox?: readonly [number, number, number, number] | undefined;
  limit: number;
}

/**
 * Live parcels of a unit (and of the units it succeeded) as a FeatureCollection text.
 * $1 unit ids bigint[], $2 bbox float8[4] or null, $3 limit.
 * Exported for bench/ (the same SQL through pgbench).
 */
export const PARCELS_OF_UNIT_SQL = `
     with matched as (
       select p.id, p.sheet_number, p.parcel_number, p.land_use_code, p.official_area, p.geom_4326, u.code as unit_code
         from parcel p join admin_unit u on u.id = p.unit_id
        where p.unit_id = any($1::bigint[]) and p.valid_to is null
          and ($2::float8[] is null or p.geom_4326 && ST_MakeEnvelope($2[1], $2[2], $2[3], $2[4], 4326))
     ),
     page as (select * from matched order by unit_code, sheet_number, parcel_number limit $3)
     select json_build_object(
              'type', 'FeatureCollection',
              'numberMatched', (select count(*) from matched),
              'numberReturned', (select count(*) from page),
              'features', coalesce((select json_agg(json_build_object(
                  'type', 'Feature', 'id', id,
                  'geometry', ST_AsGeoJSON(geom_4326, 7)::json,
                  'properties', json_build_object('id', id, 'unitCode', unit_code, 'sheetNumber', sheet_number,
                                                  'parcelNumber', parcel_number, 'landUseCode', land_use_code,
                                                  'officialArea', official_area))) from page), '[]'::json)
            )::text as geojson`;

export async function parcelsOfUnitGeoJson(db: Queryable, q: ParcelsOfUnitQuery): Promise<string> {
  const bbox = q.bbox ?? null;
  const { rows } = await db.query<{ geojson: string }>(PARCELS_OF_UNIT_SQL,
    [q.unitIds, bbox, q.limit],
  );
  return rows[0]!.geojson;
}

export interface ParcelDetail {
  id: string;
  nationalCode: string;
  unitCode: string;
  unitName: string;
  sheetNumber: number;
  parcelNumber: number;
  officialArea: number;
  landUseCode: string;
  landUseName: { vi: string; en: string };
  address: string | null;
  srid: number;
  centroid: { lon: number; lat: number };
  bbox: [number, number, number, number];
  validFrom: string;
}

export interface ParcelKey {
  unitCode: string;
  sheetNumber: number;
  parcelNumber: number;
}

/**
 * Live parcels by the code of the unit they were registered under + sheet + number, in
 * one query for any number of keys. A code reused after a merger can match two units:
 * every match is returned, the caller decides.
 */
const PARCEL_DETAIL_COLUMNS = `
  p.id, p.national_code as "nationalCode", u.code as "unitCode", u.kind || ' ' || u.name as "unitName",
  p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber",
  p.official_area as "officialArea", p.land_use_code as "landUseCode",
  json_build_object('vi', c.name_vi, 'en', c.name_en) as "landUseName",
  p.address, p.srid,
  json_build_object('lon', ST_X(ST_PointOnSurface(p.geom_4326)), 'lat', ST_Y(ST_PointOnSurface(p.geom_4326))) as centroid,
  json_build_array(ST_XMin(p.geom_4326), ST_YMin(p.geom_4326), ST_XMax(p.geom_4326), ST_YMax(p.geom_4326)) as bbox,
  p.valid_from as "validFrom"`;

/**
 * One key: $1 unit code, $2 sheet, $3 parcel number. Kept apart from the batch form:
 * with scalar parameters PostgreSQL settles on a cached generic plan, while an array
 * keeps it re-planning every call (0.6 ms against 0.2 ms). Exported for bench/.
 */
export const PARCEL_BY_KEY_SQL = `
  select ${PARCEL_DETAIL_COLUMNS}
    from admin_unit u
    join parcel p on p.unit_id = u.id and p.sheet_number = $2 and p.parcel_number = $3 and p.valid_to is null
    join land_use_code c on c.code = p.land_use_code
   where u.code = $1
   order by u.valid_from`;

/** Many keys: $1 unit codes text[], $2 sheet numbers int[], $3 parcel numbers int[]. */
const PARCELS_BY_KEYS_SQL = `
  select ${PARCEL_DETAIL_COLUMNS}
    from unnest($1::text[], $2::int[], $3::int[]) with ordinality as k(unit_code, sheet_number, parcel_number, n)
    join admin_unit u on u.code = k.unit_code
    join parcel p on p.unit_id = u.id and p.sheet_number = k.sheet_number and p.parcel_number = k.parcel_number and p.valid_to is null
    join land_use_code c on c.code = p.land_use_code
   order by k.n, u.valid_from`;

export async function findLiveParcels(db: Queryable, keys: readonly ParcelKey[]): Promise<ParcelDetail[]> {
  const [single] = keys;
  const { rows } =
    keys.length === 1
      ? await db.query<ParcelDetail>(PARCEL_BY_KEY_SQL, [single!.unitCode, single!.sheetNumber, single!.parcelNumber])
      : await db.query<ParcelDetail>(PARCELS_BY_KEYS_SQL, [keys.map((k) => k.unitCode), keys.map((k) => k.sheetNumber), keys.map((k) => k.parcelNumber)]);
  return rows.map((row) => ({ ...row, validFrom: new Date(row.validFrom).toISOString() }));
}

export interface LandUseCodeRow {
  code: string;
  groupCode: string;
  parentCode: string | null;
  nameVi: string;
  nameEn: string;
  mapColor: string;
}

export async function listLandUseCodes(db: Queryable): Promise<LandUseCodeRow[]> {
  const { rows } = await db.query<LandUseCodeRow>(
    `select code, group_code as "groupCode", parent_code as "parentCode", name_vi as "nameVi", name_en as "nameEn", map_color as "mapColor"
       from land_use_code where valid_to is null order by array_position(array['NNP', 'PNN', 'CSD'], group_code), code`,
  );
  return rows;
}

/** The land users of a parcel at a time (now: the live ones), with their personal data (mask before showing). */
export async function holdersOfParcel(db: Queryable, parcelId: string, at: Date): Promise<Holder[]> {
  const { rows } = await db.query<Holder>(
    `select y.id as "partyId", y.kind, y.full_name as "fullName", y.id_number as "idNumber", y.birth_year as "birthYear",
            y.address, r.right_type as "rightType", r.share, y.population_status as "populationStatus"
       from land_right r join party y on y.id = r.party_id
      where r.parcel_id = $1 and r.valid_from <= $2 and (r.valid_to is null or r.valid_to > $2)
      order by r.share desc, y.full_name`,
    [parcelId, at],
  );
  return rows;
}
