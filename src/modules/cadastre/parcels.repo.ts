// SQL of parcels. GeoJSON is built by PostGIS and passed through as text: the
// database is faster at it than Node, and coordinates keep 7 decimals (about 1 cm).
import type { Queryable } from '../../db/database.js';
import type { Holder } from './personal-data.js';

export interface ParcelsOfUnitQuery {
  /** the unit and the units it succeeded (see units' unitLineageIds) */
  unitIds: number[];
  bbox?: readonly [number, number, number, number] | undefined;
  limit: number;
  /** the versions in force just before this instant; absent: the live ones */
  before?: Date | undefined;
}

/** The parcels of a unit as a FeatureCollection text, the versions chosen by `lifespan`. */
const parcelsOfUnitSql = (lifespan: string) => `
     with matched as (
       select p.id, p.sheet_number, p.parcel_number, p.land_use_code, p.official_area, p.geom_4326, u.code as unit_code
         from parcel p join admin_unit u on u.id = p.unit_id
        where p.unit_id = any($1::bigint[]) and ${lifespan}
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

/**
 * Live parcels of a unit (and of the units it succeeded) as a FeatureCollection text.
 * $1 unit ids bigint[], $2 bbox float8[4] or null, $3 limit.
 * Exported for bench/ (the same SQL through pgbench).
 */
export const PARCELS_OF_UNIT_SQL = parcelsOfUnitSql('p.valid_to is null');

/**
 * The same as of a time: $4 timestamptz, the versions in force just before it (a version
 * that starts at $4 is not yet in force, one that ends at $4 still is), so that $4 = the
 * start of the next day gives the parcels in force at the end of a day. Kept apart from
 * the live SQL, whose partial index (valid_to is null) is what makes it fast.
 */
export const PARCELS_OF_UNIT_AS_OF_SQL = parcelsOfUnitSql('p.valid_from < $4 and (p.valid_to is null or p.valid_to >= $4)');

export async function parcelsOfUnitGeoJson(db: Queryable, q: ParcelsOfUnitQuery): Promise<string> {
  const bbox = q.bbox ?? null;
  const { rows } = q.before
    ? await db.query<{ geojson: string }>(PARCELS_OF_UNIT_AS_OF_SQL, [q.unitIds, bbox, q.limit, q.before])
    : await db.query<{ geojson: string }>(PARCELS_OF_UNIT_SQL, [q.unitIds, bbox, q.limit]);
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
  /** identity of the parcel across its versions */
  parcelUid: string;
  version: number;
  /** null while the version is live */
  validTo: string | null;
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
  p.valid_from as "validFrom", p.parcel_uid as "parcelUid", p.version, p.valid_to as "validTo"`;

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

/** The in-force condition of a lifespan at a time $n: begun, and not yet ended. */
const inForce = (alias: string, at: string) => `${alias}.valid_from <= ${at} and (${alias}.valid_to is null or ${alias}.valid_to > ${at})`;

/**
 * One key as of a time: $1 unit code, $2 sheet, $3 parcel number, $4 timestamptz. The
 * version with that number in force then, ended since or not (a parent of a split).
 */
const PARCEL_BY_KEY_AS_OF_SQL = `
  select ${PARCEL_DETAIL_COLUMNS}
    from admin_unit u
    join parcel p on p.unit_id = u.id and p.sheet_number = $2 and p.parcel_number = $3 and ${inForce('p', '$4')}
    join land_use_code c on c.code = p.land_use_code
   where u.code = $1
   order by u.valid_from`;

/** The version of a parcel (by its identity) in force at a time: $1 parcel_uid, $2 timestamptz. */
const PARCEL_VERSION_AT_SQL = `
  select ${PARCEL_DETAIL_COLUMNS}, ST_AsGeoJSON(p.geom_4326, 7)::json as geometry
    from parcel p
    join admin_unit u on u.id = p.unit_id
    join land_use_code c on c.code = p.land_use_code
   where p.parcel_uid = $1 and ${inForce('p', '$2')}`;

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
const withIsoDates = <T extends ParcelDetail>(row: T): T => ({ ...row, validFrom: iso(row.validFrom)!, validTo: iso(row.validTo) });

export async function findLiveParcels(db: Queryable, keys: readonly ParcelKey[]): Promise<ParcelDetail[]> {
  const [single] = keys;
  const { rows } =
    keys.length === 1
      ? await db.query<ParcelDetail>(PARCEL_BY_KEY_SQL, [single!.unitCode, single!.sheetNumber, single!.parcelNumber])
      : await db.query<ParcelDetail>(PARCELS_BY_KEYS_SQL, [keys.map((k) => k.unitCode), keys.map((k) => k.sheetNumber), keys.map((k) => k.parcelNumber)]);
  return rows.map(withIsoDates);
}

/** The parcels with this key in force at a time (several only when a unit code was reused). */
export async function findParcelsAsOf(db: Queryable, key: ParcelKey, at: Date): Promise<ParcelDetail[]> {
  const { rows } = await db.query<ParcelDetail>(PARCEL_BY_KEY_AS_OF_SQL, [key.unitCode, key.sheetNumber, key.parcelNumber, at]);
  return rows.map(withIsoDates);
}

export interface ParcelVersionWithGeometry extends ParcelDetail {
  /** GeoJSON MultiPolygon in EPSG:4326 */
  geometry: { type: string; coordinates: unknown };
}

/** The version of the parcel `parcelUid` in force at a time, with its geometry; undefined if it did not exist then. */
export async function parcelVersionDetailAt(db: Queryable, parcelUid: string, at: Date): Promise<ParcelVersionWithGeometry | undefined> {
  const { rows } = await db.query<ParcelVersionWithGeometry>(PARCEL_VERSION_AT_SQL, [parcelUid, at]);
  return rows[0] ? withIsoDates(rows[0]) : undefined;
}

/**
 * Live or past parcels containing a WGS84 point: $1 lon float8, $2 lat float8, $3 the
 * time (timestamptz; now for the live ones). The bounding-box test (&&) is what lets
 * PostgreSQL use the GiST index on geom_4326, which holds every version; the lifespan
 * filters the few candidates. Exported for bench/.
 */
export const PARCEL_AT_POINT_SQL = `
  select p.id, u.code as "unitCode", p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber",
         p.land_use_code as "landUseCode", p.official_area as "officialArea", p.national_code as "nationalCode"
    from parcel p join admin_unit u on u.id = p.unit_id
   where p.geom_4326 && ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326)
     and ST_Intersects(p.geom_4326, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326))
     and p.valid_from <= $3::timestamptz and (p.valid_to is null or p.valid_to > $3::timestamptz)
   order by u.code, p.sheet_number, p.parcel_number`;

export interface ParcelAtPoint {
  id: string;
  unitCode: string;
  sheetNumber: number;
  parcelNumber: number;
  landUseCode: string;
  officialArea: number;
  nationalCode: string;
}

export async function parcelsAtPoint(db: Queryable, lon: number, lat: number, at: Date): Promise<ParcelAtPoint[]> {
  const { rows } = await db.query<ParcelAtPoint>(PARCEL_AT_POINT_SQL, [lon, lat, at]);
  return rows;
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

/**
 * The land users of a parcel at a time (now: the live ones), with their personal data
 * (mask before showing). `parcelId` names any version: the rights read are those of the
 * version of the same parcel (parcel_uid) in force at that time, since rights are copied
 * onto each new version and the old ones end at the same instant. Rights on the land
 * only: the owners of assets attached to it are read with the assets (records).
 */
export async function holdersOfParcel(db: Queryable, parcelId: string, at: Date): Promise<Holder[]> {
  const { rows } = await db.query<Holder>(
    `select y.id as "partyId", y.kind, y.full_name as "fullName", y.id_number as "idNumber", y.birth_year as "birthYear",
            y.address, r.right_type as "rightType", r.share, y.population_status as "populationStatus"
       from parcel named
       join parcel v on v.parcel_uid = named.parcel_uid and ${inForce('v', '$2')}
       join land_right r on r.parcel_id = v.id and r.asset_uid is null and ${inForce('r', '$2')}
       join party y on y.id = r.party_id
      where named.id = $1
      order by r.share desc, y.full_name`,
    [parcelId, at],
  );
  return rows;
}
