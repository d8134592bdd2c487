// SQL of the planning overlay (S-PLAN): the parcel version with a key at the end of a
// day, and its intersection with the zones of the plans in force that day, computed in
// the parcel's own VN-2000 zone where official areas are planar.
import type { Queryable } from '../../db/database.js';
import { inForce, PLAN_COLUMNS, visible, withIso, type PlanRow } from './planning.repo.js';

export interface ParcelAt {
  id: string;
  unitCode: string;
  sheetNumber: number;
  parcelNumber: number;
  officialArea: number;
  srid: number;
}

/** The versions with this key in force at the end of a day ($4: the first instant after it). */
export async function parcelsByKeyBefore(db: Queryable, unitCode: string, sheet: number, parcelNumber: number, before: Date): Promise<ParcelAt[]> {
  const { rows } = await db.query<ParcelAt>(
    `select p.id, u.code as "unitCode", p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber",
            p.official_area as "officialArea", p.srid
       from admin_unit u
       join parcel p on p.unit_id = u.id and p.sheet_number = $2::int and p.parcel_number = $3::int
                    and p.valid_from < $4::timestamptz and (p.valid_to is null or p.valid_to >= $4::timestamptz)
      where u.code = $1
      order by u.valid_from`,
    [unitCode, sheet, parcelNumber, before],
  );
  return rows;
}

export interface OverlayZone {
  zoneId: string;
  zoneCode: string;
  name: string;
  landUseCode: string;
  landUseName: { vi: string; en: string };
  /** m², planar in the parcel's VN-2000 zone */
  area: number;
  /** of the parcel's geometric area */
  share: number;
}

export interface OverlayPlan extends PlanRow {
  /** the parcel's planar area in its zone (m²): the denominator of the shares */
  parcelArea: number;
  zones: OverlayZone[];
  uncoveredArea: number;
}

/**
 * The overlay of one parcel version ($1) on the zones of the plans in force on a day ($2)
 * that the caller may see ($3 editable unit ids): per plan, each zone's intersection with
 * the parcel and the part no zone of that plan covers, all in the parcel's SRID. Zones
 * stored in another VN-2000 zone (a merged province holds two) are projected first.
 * The part outside every zone is the parcel's area less the union of the parts (which lie
 * inside the parcel), not ST_Difference: PGlite's PostGIS 3.6.2 (GEOS in WebAssembly)
 * returned no row at all, and no error, for ST_Difference of some ordinary polygons
 * (checked 2026-11) where the server's PostGIS answers.
 */
export async function overlayParcel(db: Queryable, parcelId: string, day: string, editableUnitIds: readonly number[]): Promise<OverlayPlan[]> {
  const { rows } = await db.query<OverlayPlan>(
    `with p as (select id, srid, geom, geom_4326, ST_Area(geom) as area from parcel where id = $1::uuid),
     plans as (
       select pl.* from land_use_plan pl
        where pl.valid_to is null and ${inForce(2)} and ${visible(3)}
     ),
     parts as (
       select z.plan_uid, z.id, z.zone_code, z.name, z.land_use_code,
              ST_CollectionExtract(ST_Intersection(p.geom, case when z.srid = p.srid then z.geom else ST_Transform(z.geom, p.srid) end), 3) as g
         from p join plan_zone z on z.geom_4326 && p.geom_4326 and z.valid_to is null
        where z.plan_uid in (select plan_uid from plans)
     ),
     covered as (
       select plan_uid, ST_Union(g) as g from parts where ST_Area(g) > 0 group by plan_uid
     )
     select ${PLAN_COLUMNS}, (select area from p) as "parcelArea",
            (select area from p) - ST_Area(c.g) as "uncoveredArea",
            (select json_agg(json_build_object(
                      'zoneId', x.id, 'zoneCode', x.zone_code, 'name', x.name, 'landUseCode', x.land_use_code,
                      'landUseName', json_build_object('vi', l.name_vi, 'en', l.name_en),
                      'area', ST_Area(x.g), 'share', ST_Area(x.g) / (select area from p))
                    order by ST_Area(x.g) desc, x.zone_code)
               from parts x join land_use_code l on l.code = x.land_use_code
              where x.plan_uid = c.plan_uid and ST_Area(x.g) > 0) as zones
       from covered c
       join land_use_plan pl on pl.plan_uid = c.plan_uid and pl.valid_to is null
       join admin_unit u on u.id = pl.unit_id
      order by pl.in_force_from, pl.kind, pl.plan_uid`,
    [parcelId, day, editableUnitIds],
  );
  return rows.map(withIso);
}
