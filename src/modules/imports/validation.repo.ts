// The validation rules of a delivery, in SQL over its staging rows (PostGIS). Each rule
// writes findings (rule, severity, feature, field, message vi/en, location) for the batch's
// current attempt; errors block the commit, warnings do not. Field names in findings are
// the source file's (the contractor fixes the file, not our tables).
import type { Queryable } from '../../db/database.js';
import { PARTY_KIND_CODES } from './column-mapping.js';

export const RULES = {
  'geometry.unreadable': 'error',
  'geometry.type': 'error',
  'geometry.invalid': 'error',
  'key.missing': 'error',
  'key.duplicate': 'error',
  'key.ambiguous': 'error',
  'required.missing': 'error',
  'code.land_use': 'error',
  'code.origin': 'error',
  'code.party_kind': 'error',
  'area.mismatch': 'error',
  'overlap.batch': 'error',
  'overlap.live': 'error',
  'outside.unit': 'error',
  'outside.unit_partly': 'warning',
  'origin.missing': 'warning',
  'party.duplicate': 'warning',
  'attributes.unmatched': 'warning',
  'attributes.duplicate': 'error',
  'gap.batch': 'warning',
} as const;
export type RuleCode = keyof typeof RULES;

export interface Fields {
  sheet: string;
  parcel: string;
  landUse: string;
  area: string;
  origin: string;
  partyName: string | null;
  partyId: string | null;
  partyKind: string | null;
  /** the unit code field (MAXA): names which predecessor unit's parcel a feature replaces */
  unit: string | null;
}

const LOC = `ST_Transform(case when f.geom is null then null
  when ST_IsValid(f.geom) and not ST_IsEmpty(f.geom) then ST_PointOnSurface(f.geom) else ST_Centroid(ST_Envelope(f.geom)) end, 4326)`;
const INSERT = 'insert into import_finding (batch_id, attempt, rule, severity, source_index, field, message_vi, message_en, location, details)';
const POLYGONAL = `f.geom is not null and ST_GeometryType(f.geom) in ('ST_Polygon', 'ST_MultiPolygon')`;

export interface ValidationContext {
  batchId: string;
  attempt: number;
  unitId: number;
  /** the unit and those it succeeded (parcels keep the unit they were surveyed under) */
  lineageUnitIds: number[];
  fields: Fields;
  /** map scale denominator (area tolerance) */
  scale: number;
  checkGaps: boolean;
}

/** Each rule as one statement; `step` reports progress between them. */
export function ruleStatements(c: ValidationContext): Array<{ rule: string; sql: string; params: unknown[] }> {
  const b = [c.batchId, c.attempt];
  const s: Array<{ rule: string; sql: string; params: unknown[] }> = [];
  s.push({
    rule: 'geometry.unreadable',
    sql: `${INSERT} select $1::uuid, $2::int, 'geometry.unreadable', 'error', f.source_index, 'geometry',
            'Không đọc được hình thửa: ' || coalesce(f.geom_error, ''), 'The geometry cannot be read: ' || coalesce(f.geom_error, ''), null, null
          from import_feature f where f.batch_id = $1::uuid and f.geom is null`,
    params: b,
  });
  s.push({
    rule: 'geometry.type',
    sql: `${INSERT} select $1::uuid, $2::int, 'geometry.type', 'error', f.source_index, 'geometry',
            'Thửa đất phải là vùng (Polygon), không phải ' || ST_GeometryType(f.geom), 'A parcel must be a polygon, not ' || ST_GeometryType(f.geom), ${LOC}, null
          from import_feature f where f.batch_id = $1::uuid and f.geom is not null and ST_GeometryType(f.geom) not in ('ST_Polygon', 'ST_MultiPolygon')`,
    params: b,
  });
  s.push({
    rule: 'geometry.invalid',
    sql: `${INSERT} select $1::uuid, $2::int, 'geometry.invalid', 'error', f.source_index, 'geometry',
            'Hình thửa không hợp lệ: ' || ST_IsValidReason(f.geom), 'Invalid geometry: ' || ST_IsValidReason(f.geom),
            ST_Transform(ST_SetSRID(coalesce((ST_IsValidDetail(f.geom)).location, ST_Centroid(ST_Envelope(f.geom))), ST_SRID(f.geom)), 4326), null
          from import_feature f where f.batch_id = $1::uuid and ${POLYGONAL} and not ST_IsValid(f.geom)`,
    params: b,
  });
  for (const [col, field, vi, en, max] of [
    ['sheet_number', c.fields.sheet, 'số hiệu tờ bản đồ', 'map sheet number', 9999],
    ['parcel_number', c.fields.parcel, 'số thửa', 'parcel number', 99999],
  ] as const) {
    s.push({
      rule: 'key.missing',
      sql: `${INSERT} select $1::uuid, $2::int, 'key.missing', 'error', f.source_index, $3::text,
              format('Thiếu hoặc sai %s (trường %s: "%s")', $4::text, $3::text, coalesce(f.attributes ->> $3::text, '')),
              format('The %s is missing or not a positive whole number (field %s: "%s")', $5::text, $3::text, coalesce(f.attributes ->> $3::text, '')), ${LOC}, null
            from import_feature f where f.batch_id = $1::uuid and (f.${col} is null or f.${col} > ${max})`,
      params: [...b, field, vi, en],
    });
  }
  s.push({
    rule: 'key.duplicate',
    sql: `${INSERT} select $1::uuid, $2::int, 'key.duplicate', 'error', f.source_index, $3::text,
            format('Trùng số thửa: tờ %s thửa %s đã có ở đối tượng %s', f.sheet_number, f.parcel_number, d.first),
            format('Duplicate parcel: sheet %s parcel %s is also feature %s', f.sheet_number, f.parcel_number, d.first), ${LOC},
            jsonb_build_object('firstIndex', d.first)
          from import_feature f
          join (select sheet_number, parcel_number, min(source_index) as first from import_feature
                 where batch_id = $1::uuid and sheet_number is not null and parcel_number is not null
                 group by sheet_number, parcel_number having count(*) > 1) d
            on d.sheet_number = f.sheet_number and d.parcel_number = f.parcel_number
         where f.batch_id = $1::uuid and f.source_index <> d.first`,
    params: [...b, c.fields.parcel],
  });
  for (const [col, field, vi, en] of [
    ['land_use_code', c.fields.landUse, 'loại đất', 'land-use code'],
    ['declared_area', c.fields.area, 'diện tích', 'area'],
  ] as const) {
    s.push({
      rule: 'required.missing',
      sql: `${INSERT} select $1::uuid, $2::int, 'required.missing', 'error', f.source_index, $3::text,
              format('Thiếu %s (trường %s)', $4::text, $3::text), format('The %s is missing (field %s)', $5::text, $3::text), ${LOC}, null
            from import_feature f where f.batch_id = $1::uuid and (f.${col} is null${col === 'declared_area' ? ' or f.declared_area <= 0' : ''})`,
      params: [...b, field, vi, en],
    });
  }
  s.push({
    rule: 'code.land_use',
    sql: `${INSERT} select $1::uuid, $2::int, 'code.land_use', 'error', f.source_index, $3::text,
            format('Mã loại đất "%s" không có trong danh mục (Thông tư 08/2024/TT-BTNMT)', f.land_use_code),
            format('Unknown land-use code "%s"', f.land_use_code), ${LOC}, null
          from import_feature f where f.batch_id = $1::uuid and f.land_use_code is not null
           and not exists (select 1 from land_use_code l where l.code = f.land_use_code and l.valid_to is null)`,
    params: [...b, c.fields.landUse],
  });
  s.push({
    rule: 'code.origin',
    sql: `${INSERT} select $1::uuid, $2::int, 'code.origin', 'error', f.source_index, $3::text,
            format('Mã nguồn gốc sử dụng đất "%s" không có trong danh mục', f.origin_code), format('Unknown land origin code "%s"', f.origin_code), ${LOC}, null
          from import_feature f where f.batch_id = $1::uuid and f.origin_code is not null
           and not exists (select 1 from land_origin o where o.code = f.origin_code)`,
    params: [...b, c.fields.origin],
  });
  s.push({
    rule: 'origin.missing',
    sql: `${INSERT} select $1::uuid, $2::int, 'origin.missing', 'warning', f.source_index, $3::text,
            format('Thiếu nguồn gốc sử dụng đất (trường %s): sẽ ghi là KHAC (nguồn gốc khác)', $3::text),
            format('The land origin is missing (field %s): it will be recorded as KHAC (other)', $3::text), ${LOC}, null
          from import_feature f where f.batch_id = $1::uuid and f.origin_code is null`,
    params: [...b, c.fields.origin],
  });
  if (c.fields.partyKind) {
    s.push({
      rule: 'code.party_kind',
      sql: `${INSERT} select $1::uuid, $2::int, 'code.party_kind', 'error', f.source_index, $3::text,
              format('Mã đối tượng sử dụng đất "%s" không có trong danh mục', f.attributes ->> $3::text),
              format('Unknown land user kind "%s"', f.attributes ->> $3::text), ${LOC}, null
            from import_feature f where f.batch_id = $1::uuid and nullif(trim(f.attributes ->> $3::text), '') is not null
             and upper(trim(f.attributes ->> $3::text)) <> all($4::text[])
             and not exists (select 1 from party_kind k where k.code = lower(trim(f.attributes ->> $3::text)))`,
      params: [...b, c.fields.partyKind, Object.keys(PARTY_KIND_CODES)],
    });
  }
  // hạn sai diện tích: the cadastre's factor × M × √P (Thông tư 25/2014 Điều 7; verify), at least 0.1 m²
  s.push({
    rule: 'area.mismatch',
    sql: `${INSERT} select $1::uuid, $2::int, 'area.mismatch', 'error', f.source_index, $3::text,
            format('Diện tích kê khai %s m² lệch diện tích tính từ hình thửa %s m² quá hạn sai %s m²', f.declared_area, round(ST_Area(f.geom)::numeric, 1), round(t.tol::numeric, 1)),
            format('The declared area %s m² differs from the computed %s m² by more than the tolerance of %s m²', f.declared_area, round(ST_Area(f.geom)::numeric, 1), round(t.tol::numeric, 1)),
            ${LOC}, jsonb_build_object('declared', f.declared_area, 'computed', round(ST_Area(f.geom)::numeric, 1))
          from import_feature f
          cross join lateral (select greatest(0.1, coalesce((select (value #>> '{}')::float8 from setting where key = 'cadastre.area_tolerance_factor'), 0.0004)
                                                * $4::float8 * sqrt(greatest(f.declared_area::float8, 0))) as tol) t
         where f.batch_id = $1::uuid and f.declared_area is not null and ${POLYGONAL} and ST_IsValid(f.geom)
           and abs(f.declared_area - round(ST_Area(f.geom)::numeric, 1)) > t.tol`,
    params: [...b, c.fields.area, c.scale],
  });
  s.push({
    rule: 'overlap.batch',
    sql: `${INSERT} select $1::uuid, $2::int, 'overlap.batch', 'error', o.b_index, 'geometry',
            format('Chồng lấn %s m² với đối tượng %s (tờ %s thửa %s)', round(o.area::numeric, 2), o.a_index, o.a_sheet, o.a_parcel),
            format('Overlaps feature %s (sheet %s parcel %s) by %s m²', o.a_index, o.a_sheet, o.a_parcel, round(o.area::numeric, 2)),
            ST_Transform(ST_PointOnSurface(o.shared), 4326), jsonb_build_object('otherIndex', o.a_index, 'area', round(o.area::numeric, 2))
          from (select a.source_index as a_index, a.sheet_number as a_sheet, a.parcel_number as a_parcel, f.source_index as b_index, x.shared, ST_Area(x.shared) as area
                  from import_feature a
                  join import_feature f on f.batch_id = a.batch_id and f.source_index > a.source_index and f.geom && a.geom
                  cross join lateral (select ST_Intersection(a.geom, f.geom) as shared) x
                 where a.batch_id = $1::uuid and ST_GeometryType(a.geom) in ('ST_Polygon', 'ST_MultiPolygon') and ${POLYGONAL}
                   and ST_IsValid(a.geom) and ST_IsValid(f.geom) and ST_Intersects(a.geom, f.geom)) o
         where o.area > (select coalesce((select (value #>> '{}')::float8 from setting where key = 'imports.overlap_tolerance_m2'), 0.1))
           and not ST_IsEmpty(o.shared)`,
    params: b,
  });
  s.push({
    rule: 'overlap.live',
    sql: `${INSERT} select $1::uuid, $2::int, 'overlap.live', 'error', o.source_index, 'geometry',
            format('Chồng lấn %s m² với thửa đang quản lý %s tờ %s thửa %s (không được thay thế bởi gói này)', round(o.area::numeric, 2), o.unit_code, o.sheet_number, o.parcel_number),
            format('Overlaps the registered parcel %s sheet %s parcel %s (not replaced by this delivery) by %s m²', o.unit_code, o.sheet_number, o.parcel_number, round(o.area::numeric, 2)),
            ST_Transform(ST_PointOnSurface(o.shared), 4326), jsonb_build_object('parcelId', o.id, 'area', round(o.area::numeric, 2))
          from (select f.source_index, p.id, u.code as unit_code, p.sheet_number, p.parcel_number, x.shared, ST_Area(x.shared) as area
                  from import_feature f
                  join parcel p on p.valid_to is null and p.geom_4326 && ST_Transform(f.geom, 4326)
                  join admin_unit u on u.id = p.unit_id
                  cross join lateral (select ST_Intersection(f.geom, ST_Transform(p.geom, ST_SRID(f.geom))) as shared) x
                 where f.batch_id = $1::uuid and ${POLYGONAL} and ST_IsValid(f.geom)
                   and not (p.unit_id = any($3::bigint[]) and exists (select 1 from import_feature r where r.batch_id = $1::uuid
                              and r.sheet_number = p.sheet_number and r.parcel_number = p.parcel_number
                              and (nullif(trim(r.attributes ->> $4::text), '') is null or u.code = trim(r.attributes ->> $4::text))))) o
         where o.area > (select coalesce((select (value #>> '{}')::float8 from setting where key = 'imports.overlap_tolerance_m2'), 0.1))
           and not ST_IsEmpty(o.shared)`,
    params: [...b, c.lineageUnitIds, c.fields.unit ?? ''],
  });
  s.push({
    rule: 'key.ambiguous',
    sql: `${INSERT} select $1::uuid, $2::int, 'key.ambiguous', 'error', f.source_index, $3::text,
            format('Tờ %s thửa %s có ở %s đơn vị hành chính trước sáp nhập: không biết thay thế thửa nào', f.sheet_number, f.parcel_number, count(*)),
            format('Sheet %s parcel %s exists in %s units before the merger: which one it replaces is unclear', f.sheet_number, f.parcel_number, count(*)),
            ${LOC}, null
          from import_feature f join parcel p on p.unit_id = any($4::bigint[]) and p.valid_to is null and p.sheet_number = f.sheet_number and p.parcel_number = f.parcel_number
          join admin_unit u on u.id = p.unit_id
         where f.batch_id = $1::uuid and (nullif(trim(f.attributes ->> $5::text), '') is null or u.code = trim(f.attributes ->> $5::text))
         group by f.source_index, f.sheet_number, f.parcel_number, f.geom having count(*) > 1`,
    params: [...b, c.fields.parcel, c.lineageUnitIds, c.fields.unit ?? ''],
  });
  s.push({
    rule: 'outside.unit',
    sql: `with unit as (select ST_Transform(boundary, (select target_srid from import_batch where id = $1::uuid)) as g, code
                          from admin_unit where id = $3::bigint and boundary is not null),
               tested as (select f.source_index, f.geom, ST_CoveredBy(ST_PointOnSurface(f.geom), unit.g) as inside,
                                 ST_CoveredBy(f.geom, unit.g) as covered, unit.g as ug, unit.code
                            from import_feature f cross join unit
                           where f.batch_id = $1::uuid and ${POLYGONAL} and ST_IsValid(f.geom))
        ${INSERT} select $1::uuid, $2::int, case when t.inside then 'outside.unit_partly' else 'outside.unit' end,
            case when t.inside then 'warning' else 'error' end, t.source_index, 'geometry',
            case when t.inside then format('Thửa đất vượt ra ngoài ranh giới đơn vị hành chính %s %s m²', t.code, round(ST_Area(ST_Difference(t.geom, t.ug))::numeric, 1))
                 else format('Thửa đất nằm ngoài đơn vị hành chính %s', t.code) end,
            case when t.inside then format('The parcel extends %s m² beyond the boundary of unit %s', round(ST_Area(ST_Difference(t.geom, t.ug))::numeric, 1), t.code)
                 else format('The parcel lies outside administrative unit %s', t.code) end,
            ST_Transform(ST_PointOnSurface(t.geom), 4326), null
          from tested t where not t.inside or (not t.covered and ST_Area(ST_Difference(t.geom, t.ug)) > 1)`,
    params: [...b, c.unitId],
  });
  if (c.fields.partyId && c.fields.partyName) {
    s.push({
      rule: 'party.duplicate',
      sql: `with named as (select f.source_index, upper(trim(f.attributes ->> $3::text)) as id_number, trim(f.attributes ->> $4::text) as name, f.geom
                             from import_feature f where f.batch_id = $1::uuid and nullif(trim(f.attributes ->> $3::text), '') is not null
                              and nullif(trim(f.attributes ->> $4::text), '') is not null),
                 first as (select distinct on (id_number) id_number, name, source_index from named order by id_number, source_index)
          ${INSERT} select $1::uuid, $2::int, 'party.duplicate', 'warning', n.source_index, $3::text,
              format('Số giấy tờ %s đã ghi cho "%s" (đối tượng %s), ở đây là "%s"', n.id_number, k.name, k.source_index, n.name),
              format('ID number %s is given to "%s" (feature %s) and here to "%s"', n.id_number, k.name, k.source_index, n.name),
              ST_Transform(ST_PointOnSurface(n.geom), 4326), jsonb_build_object('otherIndex', k.source_index)
            from named n join first k on k.id_number = n.id_number
           where lower(n.name) <> lower(k.name) and ST_IsValid(n.geom)
          union all
          select $1::uuid, $2::int, 'party.duplicate', 'warning', n.source_index, $3::text,
              format('Số giấy tờ %s đã đăng ký cho người khác tên trong cơ sở dữ liệu', n.id_number),
              format('ID number %s is registered to a person of another name in the land database', n.id_number),
              ST_Transform(ST_PointOnSurface(n.geom), 4326), null
            from named n
           where exists (select 1 from party p where p.id_number = n.id_number and lower(p.full_name) <> lower(n.name)) and ST_IsValid(n.geom)`,
      params: [...b, c.fields.partyId, c.fields.partyName],
    });
  }
  if (c.checkGaps) {
    s.push({
      rule: 'gap.batch',
      sql: `with merged as (select ST_Union(f.geom) as g from import_feature f where f.batch_id = $1::uuid and ${POLYGONAL} and ST_IsValid(f.geom)),
                 holes as (select ST_MakePolygon(ST_InteriorRingN(d.geom, n)) as hole
                             from merged cross join lateral ST_Dump(merged.g) d
                             cross join lateral generate_series(1, ST_NumInteriorRings(d.geom)) n)
          ${INSERT} select $1::uuid, $2::int, 'gap.batch', 'warning', null, 'geometry',
              format('Khoảng hở %s m² giữa các thửa đất', round(ST_Area(hole)::numeric, 2)),
              format('A gap of %s m² between parcels', round(ST_Area(hole)::numeric, 2)),
              ST_Transform(ST_PointOnSurface(hole), 4326), jsonb_build_object('area', round(ST_Area(hole)::numeric, 2))
            from holes where ST_Area(hole) > (select coalesce((select (value #>> '{}')::float8 from setting where key = 'imports.overlap_tolerance_m2'), 0.1))`,
      params: b,
    });
  }
  return s;
}

export async function clearFindings(db: Queryable, batchId: string, attempt: number): Promise<void> {
  await db.query('delete from import_finding where batch_id = $1::uuid and attempt = $2::int', [batchId, attempt]);
}

export async function insertFinding(
  db: Queryable,
  f: { batchId: string; attempt: number; rule: RuleCode; index: number | null; field: string | null; vi: string; en: string; details?: unknown },
): Promise<void> {
  await db.query(
    `${INSERT} values ($1::uuid, $2::int, $3, $4, $5::int, $6::text, $7, $8, null, $9::jsonb)`,
    [f.batchId, f.attempt, f.rule, RULES[f.rule], f.index, f.field, f.vi, f.en, f.details === undefined ? null : JSON.stringify(f.details)],
  );
}

export async function findingCounts(db: Queryable, batchId: string, attempt: number): Promise<{ errors: number; warnings: number }> {
  const { rows } = await db.query<{ errors: number; warnings: number }>(
    `select count(*) filter (where severity = 'error')::int as errors, count(*) filter (where severity = 'warning')::int as warnings
       from import_finding where batch_id = $1::uuid and attempt = $2::int`,
    [batchId, attempt],
  );
  return rows[0]!;
}

export interface FindingRow {
  rule: string;
  severity: 'error' | 'warning';
  featureIndex: number | null;
  field: string | null;
  message: { vi: string; en: string };
  location: [number, number] | null;
  sheetNumber: number | null;
  parcelNumber: number | null;
  details: Record<string, unknown> | null;
}

export async function listFindings(db: Queryable, batchId: string, attempt: number, limit: number): Promise<FindingRow[]> {
  const { rows } = await db.query<FindingRow>(
    `select x.rule, x.severity, x.source_index as "featureIndex", x.field, json_build_object('vi', x.message_vi, 'en', x.message_en) as message,
            case when x.location is null then null else json_build_array(round(ST_X(x.location)::numeric, 7), round(ST_Y(x.location)::numeric, 7)) end as location,
            f.sheet_number as "sheetNumber", f.parcel_number as "parcelNumber", x.details
       from import_finding x left join import_feature f on f.batch_id = x.batch_id and f.source_index = x.source_index
      where x.batch_id = $1::uuid and x.attempt = $2::int
      order by x.severity, x.source_index nulls first, x.rule, x.id limit $3`,
    [batchId, attempt, limit],
  );
  return rows.map((r) => ({ ...r, location: r.location ? [Number(r.location[0]), Number(r.location[1])] : null }));
}

/** The batch's features and findings as GeoJSON (EPSG:4326) for the map. */
export async function batchGeoJson(db: Queryable, batchId: string, attempt: number, limit: number): Promise<unknown> {
  const { rows } = await db.query<{ fc: unknown }>(
    `select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(g.feature), '[]'::json)) as fc from (
       (select json_build_object('type', 'Feature', 'geometry', ST_AsGeoJSON(ST_Transform(f.geom, 4326), 7)::json,
               'properties', json_build_object('kind', 'feature', 'index', f.source_index, 'sheetNumber', f.sheet_number, 'parcelNumber', f.parcel_number,
                                               'landUseCode', f.land_use_code, 'errors', (select count(*) from import_finding x where x.batch_id = f.batch_id and x.attempt = $2::int and x.source_index = f.source_index and x.severity = 'error'))) as feature
          from import_feature f where f.batch_id = $1::uuid and f.geom is not null order by f.source_index limit $3)
       union all
       (select json_build_object('type', 'Feature', 'geometry', ST_AsGeoJSON(x.location, 7)::json,
               'properties', json_build_object('kind', 'finding', 'rule', x.rule, 'severity', x.severity, 'index', x.source_index, 'field', x.field, 'vi', x.message_vi, 'en', x.message_en))
          from import_finding x where x.batch_id = $1::uuid and x.attempt = $2::int and x.location is not null order by x.id limit $3)) g`,
    [batchId, attempt, limit],
  );
  return rows[0]!.fc;
}

/** Staged parcels in source order, from an index on, for the commit (hex EWKB in the zone). */
type StagedParcel = { index: number; sheet: number; parcel: number; unitCode: string | null; geom: string; area: number; landUse: string; origin: string | null; address: string | null };
export async function stagedParcels(db: Queryable, batchId: string, unitField: string, after: number, limit: number): Promise<StagedParcel[]> {
  const { rows } = await db.query<StagedParcel>(
    `select source_index as index, sheet_number as sheet, parcel_number as parcel, nullif(trim(attributes ->> $4::text), '') as "unitCode",
            encode(ST_AsEWKB(ST_Multi(geom)), 'hex') as geom, declared_area as area, land_use_code as "landUse", origin_code as origin, address
       from import_feature where batch_id = $1::uuid and source_index > $2::int order by source_index limit $3`,
    [batchId, after, limit, unitField],
  );
  return rows.map((r) => ({ ...r, area: Number(r.area) }));
}
