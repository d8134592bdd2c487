// SQL of the reports on demand (F4): the parcels of a unit as of an instant that match a
// filter (land-use codes, kind of holder, area range), one page at a time or as GeoJSON.
import type { Queryable } from '../../db/database.js';

export interface ParcelFilter {
  /** the unit and the units it succeeded (units' unitLineageIds) */
  unitIds: number[];
  at: Date;
  /** main land use or any purpose among these; null: all */
  landUseCodes: string[] | null;
  /** a land-use or management right in force held by this kind of party; null: all */
  partyKind: string | null;
  minArea: number | null;
  maxArea: number | null;
}

export interface ReportRow {
  id: string;
  unitCode: string;
  sheetNumber: number;
  parcelNumber: number;
  landUseCode: string;
  purposes: string;
  officialArea: number;
  address: string | null;
  holders: Array<{ kind: string; fullName: string; rightType: string; share: number }>;
}

/** $1 unit ids, $2 instant, $3 codes, $4 party kind, $5 min area, $6 max area. */
const MATCHED = `
  matched as (
    select p.id, p.unit_id, p.sheet_number, p.parcel_number, p.land_use_code, p.official_area, p.address, p.geom_4326
      from parcel p
     where p.unit_id = any($1::bigint[]) and p.valid_from < $2 and (p.valid_to is null or p.valid_to >= $2)
       and ($5::float8 is null or p.official_area >= $5::float8)
       and ($6::float8 is null or p.official_area <= $6::float8)
       and ($3::text[] is null or p.land_use_code = any($3::text[])
            or exists (select 1 from parcel_purpose pp where pp.parcel_id = p.id and pp.land_use_code = any($3::text[])))
       and ($4::text is null or exists (
            select 1 from land_right r join party pa on pa.id = r.party_id
             where r.parcel_id = p.id and r.asset_uid is null and r.right_type <> 'ownership' and pa.kind = $4::text
               and r.valid_from < $2 and (r.valid_to is null or r.valid_to >= $2)))
  )`;

const params = (f: ParcelFilter) => [f.unitIds, f.at, f.landUseCodes, f.partyKind, f.minArea, f.maxArea];

export async function countParcels(db: Queryable, f: ParcelFilter): Promise<{ count: number; area: number }> {
  const { rows } = await db.query<{ count: number; area: number }>(
    `with ${MATCHED} select count(*)::int as count, coalesce(sum(official_area), 0)::float8 as area from matched`,
    params(f),
  );
  return { count: rows[0]!.count, area: Number(rows[0]!.area) };
}

export async function pageOfParcels(db: Queryable, f: ParcelFilter, page: { limit: number; offset: number }): Promise<ReportRow[]> {
  const { rows } = await db.query<ReportRow>(
    `with ${MATCHED}
     select m.id, u.code as "unitCode", m.sheet_number as "sheetNumber", m.parcel_number as "parcelNumber",
            m.land_use_code as "landUseCode", m.official_area::float8 as "officialArea", m.address,
            coalesce((select string_agg(pp.land_use_code || ':' || pp.area, '; ' order by pp.land_use_code) from parcel_purpose pp where pp.parcel_id = m.id), '') as purposes,
            coalesce((select json_agg(json_build_object('kind', pa.kind, 'fullName', pa.full_name, 'rightType', r.right_type, 'share', r.share::float8) order by pa.full_name)
                        from land_right r join party pa on pa.id = r.party_id
                       where r.parcel_id = m.id and r.asset_uid is null and r.right_type <> 'ownership'
                         and r.valid_from < $2 and (r.valid_to is null or r.valid_to >= $2)), '[]'::json) as holders
       from matched m join admin_unit u on u.id = m.unit_id
      order by u.code, m.sheet_number, m.parcel_number
      limit $7::int offset $8::int`,
    [...params(f), page.limit, page.offset],
  );
  return rows.map((r) => ({ ...r, holders: typeof r.holders === 'string' ? JSON.parse(r.holders) : r.holders }));
}

/** The matching parcels as a GeoJSON FeatureCollection text (EPSG:4326), no personal data. */
export async function parcelsGeoJson(db: Queryable, f: ParcelFilter, limit: number): Promise<string> {
  const { rows } = await db.query<{ geojson: string }>(
    `with ${MATCHED},
     page as (select m.*, u.code as unit_code from matched m join admin_unit u on u.id = m.unit_id order by u.code, m.sheet_number, m.parcel_number limit $7::int)
     select json_build_object('type', 'FeatureCollection',
              'numberMatched', (select count(*) from matched), 'numberReturned', (select count(*) from page),
              'features', coalesce((select json_agg(json_build_object('type', 'Feature', 'id', id,
                  'geometry', ST_AsGeoJSON(geom_4326, 7)::json,
                  'properties', json_build_object('unitCode', unit_code, 'sheetNumber', sheet_number, 'parcelNumber', parcel_number,
                                                  'landUseCode', land_use_code, 'officialArea', official_area))) from page), '[]'::json))::text as geojson`,
    [...params(f), limit],
  );
  return rows[0]!.geojson;
}

export async function partyKindExists(db: Queryable, kind: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from party_kind where code = $1', [kind]);
  return rows.length > 0;
}
