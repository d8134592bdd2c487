// SQL of land-use planning (S-PLAN): plans and their versions, zones and projects, and
// the conditions of visibility and force the overlay (overlay.repo.ts) shares. Geometry
// stays in PostGIS: zones are projected into the VN-2000 zone of the plan's unit on the
// way in.
import type { Queryable } from '../../db/database.js';
import { ZONE_OVERLAP_TOLERANCE_M2, type Finding, type PlanStatus, type ZoneInput } from './planning-rules.js';

export interface PlanUnit {
  id: number;
  code: string;
  name: string;
  level: 'province' | 'district' | 'commune';
  /** the VN-2000 zone of the unit (its own, or the province's default) */
  srid: number;
}

export interface PlanRow {
  id: string;
  version: number;
  kind: 'planning' | 'annual_plan';
  level: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  status: PlanStatus;
  isPublic: boolean;
  decisionNumber: string | null;
  decisionDate: string | null;
  decisionAuthority: string | null;
  inForceFrom: string | null;
  inForceTo: string | null;
  supersededOn: string | null;
  supersededBy: string | null;
  zoneCount: number;
  validFrom: string;
}

export const PLAN_COLUMNS = `
  pl.plan_uid as id, pl.version, pl.kind, pl.level, pl.unit_id::int as "unitId", u.code as "unitCode",
  u.kind || ' ' || u.name as "unitName", pl.name, pl.period_start as "periodStart", pl.period_end as "periodEnd",
  pl.status, pl.is_public as "isPublic", pl.decision_number as "decisionNumber", pl.decision_date as "decisionDate",
  pl.decision_authority as "decisionAuthority", pl.in_force_from as "inForceFrom", pl.in_force_to as "inForceTo",
  pl.superseded_on as "supersededOn", pl.superseded_by as "supersededBy",
  (select count(*)::int from plan_zone z where z.plan_uid = pl.plan_uid and z.valid_to is null) as "zoneCount",
  pl.valid_from as "validFrom"`;

export const withIso = <T extends PlanRow>(row: T): T => ({ ...row, validFrom: new Date(row.validFrom).toISOString() });

/** Who sees a plan: everyone when it is approved (or was) and public; editors of its unit always. $n: editable unit ids. */
export const visible = (n: number) => `((pl.status <> 'draft' and pl.is_public) or pl.unit_id = any($${n}::bigint[]))`;
/** In force on a day $n (date): approved or superseded since, in its period of force. */
export const inForce = (n: number) => `(pl.status <> 'draft' and pl.in_force_from <= $${n}::date and (pl.in_force_to is null or pl.in_force_to > $${n}::date))`;

/** The unit bearing this code on a day, with its VN-2000 zone. */
export async function unitByCode(db: Queryable, code: string, day: string): Promise<PlanUnit | undefined> {
  const { rows } = await db.query<PlanUnit>(
    `select u.id::int, u.code, u.kind || ' ' || u.name as name, u.level,
            coalesce(u.srid, (select (value #>> '{}')::int from setting where key = 'province.default_srid'))::int as srid
       from admin_unit u
      where u.code = $1 and u.valid_from <= $2::date and (u.valid_to is null or u.valid_to > $2::date)`,
    [code, day],
  );
  return rows[0];
}

export async function unitById(db: Queryable, id: number): Promise<PlanUnit> {
  const { rows } = await db.query<PlanUnit>(
    `select u.id::int, u.code, u.kind || ' ' || u.name as name, u.level,
            coalesce(u.srid, (select (value #>> '{}')::int from setting where key = 'province.default_srid'))::int as srid
       from admin_unit u where u.id = $1::bigint`,
    [id],
  );
  return rows[0]!;
}

export interface NewPlan {
  kind: 'planning' | 'annual_plan';
  unit: PlanUnit;
  name: string;
  periodStart: string;
  periodEnd: string;
  isPublic: boolean;
}

export async function insertPlan(tx: Queryable, plan: NewPlan, at: Date): Promise<string> {
  const { rows } = await tx.query<{ planUid: string }>(
    `insert into land_use_plan (kind, level, unit_id, name, period_start, period_end, is_public, valid_from)
     values ($1, $2, $3::bigint, $4, $5::date, $6::date, $7::boolean, $8::timestamptz)
     returning plan_uid as "planUid"`,
    [plan.kind, plan.unit.level, plan.unit.id, plan.name, plan.periodStart, plan.periodEnd, plan.isPublic, at],
  );
  return rows[0]!.planUid;
}

/** The live version of a plan; `lock` holds it for the rest of the transaction. */
export async function livePlan(db: Queryable, planUid: string, lock = false): Promise<PlanRow | undefined> {
  const { rows } = await db.query<PlanRow>(
    `select ${PLAN_COLUMNS}
       from land_use_plan pl join admin_unit u on u.id = pl.unit_id
      where pl.plan_uid = $1::uuid and pl.valid_to is null${lock ? ' for update of pl' : ''}`,
    [planUid],
  );
  return rows[0] ? withIso(rows[0]) : undefined;
}

export interface PlanChange {
  status: PlanStatus;
  isPublic?: boolean | undefined;
  decisionNumber?: string | undefined;
  decisionDate?: string | undefined;
  decisionAuthority?: string | undefined;
  inForceFrom?: string | undefined;
  supersededOn?: string | undefined;
  supersededBy?: string | null | undefined;
}

/** Ends the live version of a plan at `at` and starts the next one with the change. */
export async function newPlanVersion(tx: Queryable, planUid: string, change: PlanChange, at: Date): Promise<void> {
  const { rows } = await tx.query<{ id: string }>(
    `update land_use_plan set valid_to = $2::timestamptz where plan_uid = $1::uuid and valid_to is null returning id`,
    [planUid, at],
  );
  await tx.query(
    `insert into land_use_plan (plan_uid, version, kind, level, unit_id, name, period_start, period_end, status, is_public,
                                decision_number, decision_date, decision_authority, in_force_from, superseded_on, superseded_by, valid_from)
     select plan_uid, version + 1, kind, level, unit_id, name, period_start, period_end, $2, coalesce($3::boolean, is_public),
            coalesce($4, decision_number), coalesce($5::date, decision_date), coalesce($6, decision_authority),
            coalesce($7::date, in_force_from), coalesce($8::date, superseded_on), coalesce($9::uuid, superseded_by), $10::timestamptz
       from land_use_plan where id = $1::uuid`,
    [rows[0]!.id, change.status, change.isPublic ?? null, change.decisionNumber ?? null, change.decisionDate ?? null,
     change.decisionAuthority ?? null, change.inForceFrom ?? null, change.supersededOn ?? null, change.supersededBy ?? null, at],
  );
}

/** $1 wkt[], $2 the upload's SRID, $3 the plan's VN-2000 SRID: the zones as they will be stored. */
const PROJECTED = `
  select i::int - 1 as n,
         case when $2::int = $3::int then g else ST_Transform(g, $3::int) end as geom
    from (select i, ST_SetSRID(ST_GeomFromText(w, 0), $2::int) as g from unnest($1::text[]) with ordinality as t(w, i)) s`;

/**
 * What only the database can check of an upload, by feature: a valid polygon once in the
 * plan's zone, a known land-use code, inside the plan's unit (when its boundary is
 * known), and no overlap with the other zones of the plan, new or already stored.
 */
export async function checkZones(tx: Queryable, planUid: string, unitId: number, zones: readonly ZoneInput[], uploadSrid: number, planSrid: number): Promise<Finding[]> {
  const at = (n: number) => zones[n]!.feature;
  const { rows: invalid } = await tx.query<{ n: number; reason: string }>(
    `select n, ST_IsValidReason(geom) as reason from (${PROJECTED}) z where not ST_IsValid(geom) order by n`,
    [zones.map((z) => z.wkt), uploadSrid, planSrid],
  );
  const findings: Finding[] = invalid.map(({ n, reason }) => ({
    feature: at(n), field: 'geometry', vi: `Hình học không hợp lệ: ${reason}`, en: `Invalid geometry: ${reason}`,
  }));
  const { rows: codes } = await tx.query<{ code: string }>(
    `select code from land_use_code where code = any($1::text[]) and valid_to is null`,
    [[...new Set(zones.map((z) => z.landUseCode))]],
  );
  const known = new Set(codes.map((c) => c.code));
  zones.forEach((z) => {
    if (!known.has(z.landUseCode)) {
      findings.push({ feature: z.feature, field: 'properties.landUseCode', vi: `Mã loại đất ${z.landUseCode} không có trong danh mục`, en: `Land-use code ${z.landUseCode} is not in the code list` });
    }
  });
  if (invalid.length > 0) return findings;
  const { rows: outside } = await tx.query<{ n: number }>(
    `select z.n from (${PROJECTED}) z, admin_unit u
      where u.id = $4::bigint and u.boundary is not null and not ST_Intersects(ST_Transform(z.geom, 4326), u.boundary)`,
    [zones.map((z) => z.wkt), uploadSrid, planSrid, unitId],
  );
  for (const { n } of outside) {
    findings.push({ feature: at(n), field: 'geometry', vi: 'Khu vực nằm ngoài đơn vị hành chính của quy hoạch (kiểm tra hệ tọa độ)', en: 'The zone lies outside the plan\'s administrative unit (check the coordinate system)' });
  }
  const { rows: overlaps } = await tx.query<{ n: number; other: number | null; code: string | null; area: number }>(
    `with z as (${PROJECTED})
     select a.n, b.n as other, null as code, ST_Area(ST_Intersection(a.geom, b.geom)) as area
       from z a join z b on b.n > a.n and a.geom && b.geom
      where ST_Area(ST_Intersection(a.geom, b.geom)) > $5::float8
     union all
     select a.n, null, s.zone_code, ST_Area(ST_Intersection(a.geom, s.geom))
       from z a join plan_zone s on s.plan_uid = $4::uuid and s.valid_to is null and s.geom && a.geom
      where ST_Area(ST_Intersection(a.geom, s.geom)) > $5::float8
      order by 1, 2`,
    [zones.map((z) => z.wkt), uploadSrid, planSrid, planUid, ZONE_OVERLAP_TOLERANCE_M2],
  );
  for (const o of overlaps) {
    const area = Math.round(o.area * 10) / 10;
    const other = o.other === null ? { vi: `khu vực đã lưu ${o.code}`, en: `stored zone ${o.code}` } : { vi: `phần tử ${at(o.other)}`, en: `feature ${at(o.other)}` };
    findings.push({ feature: at(o.n), field: 'geometry', vi: `Chồng lấn ${area} m² với ${other.vi}`, en: `Overlaps ${other.en} by ${area} m²` });
  }
  return findings;
}

export async function insertZones(tx: Queryable, planUid: string, zones: readonly ZoneInput[], uploadSrid: number, planSrid: number, at: Date): Promise<number> {
  const { rowCount } = await tx.query(
    `insert into plan_zone (plan_uid, zone_code, name, land_use_code, srid, geom, area, valid_from)
     select $4::uuid, (($5::text[])[z.n + 1]), (($6::text[])[z.n + 1]), (($7::text[])[z.n + 1]), $3::int,
            ST_Multi(z.geom), round(ST_Area(z.geom)::numeric, 1), $8::timestamptz
       from (${PROJECTED}) z`,
    [zones.map((z) => z.wkt), uploadSrid, planSrid, planUid, zones.map((z) => z.zoneCode), zones.map((z) => z.name), zones.map((z) => z.landUseCode), at],
  );
  return rowCount;
}

export interface NewProject {
  name: string;
  landUseCode: string;
  area: number;
  plannedYear: number | null;
  status: string;
  locationText: string | null;
}

export async function unknownLandUseCodes(db: Queryable, codes: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ code: string }>(
    `select c as code from unnest($1::text[]) c where not exists (select 1 from land_use_code l where l.code = c and l.valid_to is null)`,
    [[...new Set(codes)]],
  );
  return rows.map((r) => r.code);
}

export async function insertProjects(tx: Queryable, planUid: string, projects: readonly NewProject[], at: Date): Promise<number> {
  const { rowCount } = await tx.query(
    `insert into plan_project (plan_uid, name, land_use_code, area, planned_year, status, location_text, valid_from)
     select $1::uuid, n, c, a, y, s, l, $8::timestamptz
       from unnest($2::text[], $3::text[], $4::numeric[], $5::int[], $6::text[], $7::text[]) as t(n, c, a, y, s, l)`,
    [planUid, projects.map((p) => p.name), projects.map((p) => p.landUseCode), projects.map((p) => p.area),
     projects.map((p) => p.plannedYear), projects.map((p) => p.status), projects.map((p) => p.locationText), at],
  );
  return rowCount;
}

export interface PlanFilter {
  unitCode?: string | undefined;
  /** in force on this day; absent: any */
  day?: string | undefined;
  /** units whose plans the caller edits (sees drafts and non-public plans of) */
  editableUnitIds: readonly number[];
  limit: number;
}

/** Plans of a unit and of the units above it (a provincial plan covers its communes). */
export async function listPlans(db: Queryable, filter: PlanFilter): Promise<PlanRow[]> {
  const { rows } = await db.query<PlanRow>(
    `with recursive units(id) as (
       select id from admin_unit where code = $1
       union
       select a.parent_id from admin_unit a join units on a.id = units.id where a.parent_id is not null
     )
     select ${PLAN_COLUMNS}
       from land_use_plan pl join admin_unit u on u.id = pl.unit_id
      where pl.valid_to is null and ${visible(3)}
        and ($1::text is null or pl.unit_id in (select id from units))
        and ($2::date is null or ${inForce(2)})
      order by pl.period_start desc, pl.kind, u.code, pl.plan_uid
      limit $4`,
    [filter.unitCode ?? null, filter.day ?? null, filter.editableUnitIds, filter.limit],
  );
  return rows.map(withIso);
}

export async function planZonesGeoJson(db: Queryable, planUid: string): Promise<string> {
  const { rows } = await db.query<{ geojson: string }>(
    `select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
              'type', 'Feature', 'id', z.id,
              'geometry', ST_AsGeoJSON(z.geom_4326, 7)::json,
              'properties', json_build_object('id', z.id, 'zoneCode', z.zone_code, 'name', z.name, 'landUseCode', z.land_use_code,
                                              'landUseName', c.name_vi, 'area', z.area)) order by z.zone_code), '[]'::json))::text as geojson
       from plan_zone z join land_use_code c on c.code = z.land_use_code
      where z.plan_uid = $1::uuid and z.valid_to is null`,
    [planUid],
  );
  return rows[0]!.geojson;
}

export interface ProjectRow extends NewProject {
  id: string;
}

export async function planProjects(db: Queryable, planUid: string): Promise<ProjectRow[]> {
  const { rows } = await db.query<ProjectRow>(
    `select id, name, land_use_code as "landUseCode", area, planned_year as "plannedYear", status, location_text as "locationText"
       from plan_project where plan_uid = $1::uuid and valid_to is null order by planned_year nulls last, name`,
    [planUid],
  );
  return rows;
}
