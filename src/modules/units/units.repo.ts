// SQL of administrative units. Units have lifespans: "valid on D" means
// valid_from <= D < valid_to (valid_to null = still in force).
import type { Queryable } from '../../db/database.js';
import type { UnitFacts, UnitLevel } from './unit.js';

export interface UnitRow extends UnitFacts {
  id: number;
  parcelCount: number;
}

export interface UnitFilter {
  asOf: string;
  level?: UnitLevel | undefined;
  parentCode?: string | undefined;
}

const VALID_ON = (alias: string, param: string) =>
  `${alias}.valid_from <= ${param}::date and (${alias}.valid_to is null or ${alias}.valid_to > ${param}::date)`;

export async function listUnits(db: Queryable, filter: UnitFilter): Promise<UnitRow[]> {
  const { rows } = await db.query<UnitRow>(
    `with recursive lineage(root, id) as (
       select u.id, u.id from admin_unit u where ${VALID_ON('u', '$1')}
       union
       select l.root, s.predecessor_id from admin_unit_succession s join lineage l on s.successor_id = l.id
     )
     select u.id, u.code, u.level, u.kind, u.name, p.code as "parentCode",
            u.valid_from::text as "validFrom", u.valid_to::text as "validTo",
            coalesce((select sum(c.live) from lineage l join unit_parcel_count c on c.unit_id = l.id where l.root = u.id), 0)::int as "parcelCount"
       from admin_unit u left join admin_unit p on p.id = u.parent_id
      where ${VALID_ON('u', '$1')}
        and ($2::text is null or u.level = $2)
        and ($3::text is null or p.code = $3)
      order by u.code`,
    [filter.asOf, filter.level ?? null, filter.parentCode ?? null],
  );
  return rows;
}

/** Boundaries as one GeoJSON FeatureCollection text, built by PostGIS (EPSG:4326). */
export async function unitBoundariesGeoJson(db: Queryable, filter: UnitFilter): Promise<string> {
  const { rows } = await db.query<{ geojson: string }>(
    `select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
              'type', 'Feature', 'id', u.code,
              'geometry', ST_AsGeoJSON(u.boundary, 6)::json,
              'properties', json_build_object('code', u.code, 'level', u.level, 'kind', u.kind, 'name', u.name,
                                              'parentCode', p.code, 'boundarySource', u.boundary_source))
              order by u.code), '[]'::json))::text as geojson
       from admin_unit u left join admin_unit p on p.id = u.parent_id
      where u.boundary is not null and ${VALID_ON('u', '$1')}
        and ($2::text is null or u.level = $2)
        and ($3::text is null or p.code = $3)`,
    [filter.asOf, filter.level ?? null, filter.parentCode ?? null],
  );
  return rows[0]!.geojson;
}

/**
 * Ids of the unit with this code on this date and of every unit it succeeded
 * (recursively); empty when no unit had the code that day. Parcels keep the unit they
 * were surveyed under, so today's commune holds the parcels of all the old communes
 * merged into it. Resolved apart from the parcel query: a recursive CTE inside it hides
 * its size from the planner, which then scans every parcel of the province.
 */
export async function unitLineageIds(db: Queryable, code: string, asOf: string): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `with recursive lineage(id) as (
       select u.id from admin_unit u where u.code = $1 and ${VALID_ON('u', '$2')}
       union
       select s.predecessor_id from admin_unit_succession s join lineage l on s.successor_id = l.id
     )
     select id from lineage`,
    [code, asOf],
  );
  return rows.map((row) => row.id);
}

/** Every unit that ever bore a code (an old commune after its merger, or a reused code). */
export async function unitIdsByCode(db: Queryable, code: string): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>('select id from admin_unit where code = $1', [code]);
  return rows.map((row) => Number(row.id));
}

export async function countUnits(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from admin_unit');
  return rows[0]!.n;
}
