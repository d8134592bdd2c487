// SQL of the land statistics (S-STAT): the cadastre as of an instant, summed by land-use
// code and by the kind of the land user, for a unit and every unit under it; the change
// matrix by overlaying the parcel versions of two instants. Areas are m² (numeric).
import type { Database, Queryable } from '../../db/database.js';
import type { AreaCell, Flow, LandUseCodeRow } from './statistics-forms.js';

/**
 * Runs the reads of one report in one read-only snapshot (every figure of a form from the
 * same state of the record, so that its totals reconcile even while changes are approved)
 * and without JIT: PostgreSQL compiles these aggregates over the parcel table for longer
 * than it runs them (1.2 s of 1.4 s at 40 000 parcels).
 */
export function readSnapshot<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read, read only');
    await tx.query('set local jit = off');
    return fn(tx);
  });
}

export interface UnitAtDate {
  id: number;
  code: string;
  name: string;
  kind: string;
  level: string;
  parentCode: string | null;
}

const VALID_ON = (alias: string, param: string) =>
  `${alias}.valid_from <= ${param}::date and (${alias}.valid_to is null or ${alias}.valid_to > ${param}::date)`;

export async function unitAtDate(db: Queryable, code: string, day: string): Promise<UnitAtDate | undefined> {
  const { rows } = await db.query<UnitAtDate>(
    `select u.id, u.code, u.name, u.kind, u.level, p.code as "parentCode"
       from admin_unit u left join admin_unit p on p.id = u.parent_id
      where u.code = $1 and ${VALID_ON('u', '$2')}`,
    [code, day],
  );
  return rows[0];
}

/** The units above a unit (its parent, the parent's parent, …), nearest first: a unit row keeps the parent of its lifespan. */
export async function unitsAbove(db: Queryable, unitId: number): Promise<Array<{ code: string; name: string; level: string }>> {
  const { rows } = await db.query<{ code: string; name: string; level: string }>(
    `with recursive up(id, depth) as (
       select parent_id, 1 from admin_unit where id = $1 and parent_id is not null
       union all
       select u.parent_id, up.depth + 1 from admin_unit u join up on u.id = up.id where u.parent_id is not null and up.depth < 5
     )
     select u.code, u.name, u.level from up join admin_unit u on u.id = up.id order by up.depth`,
    [unitId],
  );
  return rows;
}

/**
 * The units whose parcels count under a unit on a day, each with the direct sub-unit it
 * counts under (null: the unit itself): the sub-units valid that day, recursively, and
 * every unit each of them succeeded (parcels keep the unit they were surveyed under, so a
 * merged commune holds the parcels of the old ones; units/units.repo.ts unitLineageIds).
 * $1 unit id, $2 day.
 */
const MEMBERS_TREE = `
  tree(child, id) as (
    select null::bigint, $1::bigint
    union
    select case when t.child is null and x.is_child then x.id else t.child end, x.id
      from tree t
      cross join lateral (
        select c.id, true as is_child from admin_unit c where c.parent_id = t.id and ${VALID_ON('c', '$2')}
        union all
        select s.predecessor_id, false from admin_unit_succession s where s.successor_id = t.id
      ) x
  ),
  members as (select distinct on (id) id, child from tree order by id, child nulls first)`;

export interface MemberUnits {
  ids: number[];
  /** for each id, the direct sub-unit it counts under (null: the unit itself) */
  children: Array<number | null>;
}

/**
 * The units whose parcels count under unit $1 on day $2 (see MEMBERS_TREE), resolved
 * before the parcel queries: a recursive CTE inside them hides its size from the planner,
 * which then expects the whole table and compiles the plan (JIT, over a second; see
 * bench/README.md on parcels-of-unit).
 */
export async function memberUnits(db: Queryable, unitId: number, day: string): Promise<MemberUnits> {
  const { rows } = await db.query<{ id: number; child: number | null }>(`with recursive ${MEMBERS_TREE} select id, child from members order by id`, [unitId, day]);
  return { ids: rows.map((r) => Number(r.id)), children: rows.map((r) => (r.child === null ? null : Number(r.child))) };
}

/** $1 unit ids bigint[], $2 their sub-units bigint[] (memberUnits). */
const MEMBERS = `members as (select * from unnest($1::bigint[], $2::bigint[]) as m(id, child))`;

/**
 * The parcel versions in force at $3 (a version that starts at $3 is not yet in force),
 * their purposes (parcel_purpose, migration 0012: a parcel with several purposes counts
 * each with its area, verify: Thông tư 08/2024 on multi-purpose parcels) or, lacking
 * purposes, their main land use and official area.
 */
const PURPOSES_AT = `
  versions as materialized (
    select p.id, p.official_area, p.land_use_code, m.child
      from parcel p join members m on m.id = p.unit_id
     where p.unit_id = any($1::bigint[]) -- lets a district's parcels be read through parcel_number_versions (0013)
       and p.valid_from < $3 and (p.valid_to is null or p.valid_to >= $3)
  ),
  purposes as (
    select v.id, v.child, coalesce(pp.land_use_code, v.land_use_code) as code, coalesce(pp.area, v.official_area) as area
      from versions v left join parcel_purpose pp on pp.parcel_id = v.id
  )`;

export interface StatisticsFacts {
  cells: AreaCell[];
  parcelCount: number;
  parcelArea: number;
}

/**
 * Area by land-use code × party kind × use/management × sub-unit at an instant. A parcel's
 * area is divided among the land-use and management rights in force (shares normalised
 * to the parcel, so that co-holders never count it twice); ownership of assets does not
 * count (it is not a right to the land).
 *
 * Shaped for 1 M parcels, 3.4 M rights and 3 M parties (issue #8, bench/README.md; at
 * work_mem 4 MB nothing of this size fits in memory, so every pass over it counts):
 * - the rights in force are read in ONE sequential pass (`offset 0` keeps the planner from
 *   probing land_right_parcel once per parcel: 160 000 probes took 2 s for a district,
 *   the whole table 0.3 s), joined once to party for the holder's kind, and each share is
 *   divided by its parcel's total in the same pass (a window over the rights sorted by
 *   parcel) — the former query read the rights twice (once more for the totals) and
 *   sorted both, and the purposes as well, for merge joins;
 * - the cells are then one hash join of purposes and rights and a hash aggregate (a few
 *   hundred groups), no sort of the joined rows;
 * - for a unit holding less than half of the live parcels (a district, a commune) only
 *   the rights of its parcel versions are kept before the party join (a hash semi-join on
 *   `versions`): 220 000 rights instead of 1.36 M to join to party. For the province the
 *   filter would hash every parcel id for nothing (every right is of one of its parcels)
 *   and is left out; either way the left join from `purposes` keeps only the rights of
 *   the unit's parcels, so the figures do not depend on that choice (statistics.test.ts).
 * Decimal arithmetic is unchanged (numeric share / numeric total, summed as numeric and
 * cast once): the figures are the same to the last digit as before.
 */
export async function areaCells(db: Queryable, members: MemberUnits, at: Date): Promise<StatisticsFacts> {
  const restrict = await holdsFewParcels(db, members);
  const { rows } = await db.query<{ code: string | null; partyKind: string | null; managed: boolean; childUnitId: number | null; area: number; n: number; parcelArea: number }>(
    `with ${MEMBERS}, ${PURPOSES_AT},
     rights as (
       select r.parcel_id, r.party_id, r.right_type = 'management' as managed, r.share
         from land_right r
        where r.asset_uid is null and r.right_type <> 'ownership'
          and r.valid_from < $3 and (r.valid_to is null or r.valid_to >= $3)
        offset 0 -- one sequential pass, see above
     ),
     fractions as (
       select r.parcel_id, pa.kind, r.managed, r.share / sum(r.share) over (partition by r.parcel_id) as fraction
         from rights r join party pa on pa.id = r.party_id
        ${restrict ? 'where r.parcel_id in (select id from versions)' : ''}
     ),
     cells as (
       select pu.code, f.kind as "partyKind", coalesce(f.managed, false) as managed, pu.child as "childUnitId",
              sum(pu.area * coalesce(f.fraction, 1))::float8 as area
         from purposes pu
         left join fractions f on f.parcel_id = pu.id
        group by 1, 2, 3, 4
     )
     select c.*, t.n, t.area as "parcelArea"
       from (select count(*)::int as n, coalesce(sum(official_area), 0)::float8 as area from versions) t
       left join cells c on true`,
    [members.ids, members.children, at],
  );
  return {
    cells: rows.filter((r) => r.code !== null).map((r) => ({
      code: r.code!, partyKind: r.partyKind, managed: r.managed, childUnitId: r.childUnitId === null ? null : Number(r.childUnitId), area: Number(r.area),
    })),
    parcelCount: rows[0]!.n,
    parcelArea: Number(rows[0]!.parcelArea),
  };
}

/**
 * Whether the units hold less than half of the live parcels (unit_parcel_count, migration
 * 0007, kept by triggers): only a choice of plan for areaCells, never of figures — the
 * live counts of today stand in for the counts of a past day.
 */
async function holdsFewParcels(db: Queryable, members: MemberUnits): Promise<boolean> {
  const { rows } = await db.query<{ few: boolean }>(
    `select coalesce(sum(live) filter (where unit_id = any($1::bigint[])), 0) * 2 < coalesce(sum(live), 0) as few from unit_parcel_count`,
    [members.ids],
  );
  return rows[0]?.few ?? true;
}

export interface NaturalArea {
  id: number;
  code: string;
  name: string;
  /** m², planar in the unit's VN-2000 zone (the province default when it has none) */
  area: number | null;
}

/**
 * Natural area (diện tích tự nhiên) of the unit and of its direct sub-units valid on the
 * day, from their boundaries, planar in VN-2000 like official parcel areas. verify: the
 * official natural area is the one of the unit's boundary records (hồ sơ địa giới hành
 * chính); the demo's boundaries are generated.
 */
export async function naturalAreas(db: Queryable, unitId: number, day: string): Promise<{ unit: NaturalArea; subUnits: NaturalArea[] }> {
  const { rows } = await db.query<NaturalArea & { isUnit: boolean }>(
    `select u.id, u.code, u.name, u.id = $1 as "isUnit",
            ST_Area(ST_Transform(u.boundary, coalesce(u.srid, (select (value #>> '{}')::int from setting where key = 'province.default_srid'))))::float8 as area
       from admin_unit u
      where u.id = $1 or (u.parent_id = $1 and ${VALID_ON('u', '$2')})
      order by u.code`,
    [unitId, day],
  );
  const fix = (r: NaturalArea & { isUnit: boolean }): NaturalArea => ({ id: Number(r.id), code: r.code, name: r.name, area: r.area === null ? null : Number(r.area) });
  return { unit: fix(rows.find((r) => r.isUnit)!), subUnits: rows.filter((r) => !r.isUnit).map(fix) };
}

/** Every code of the list (a few dozen), with whether it is in force on the day: an ended code still counts the parcels that carry it. */
export async function landUseCodes(db: Queryable, day: string): Promise<Array<LandUseCodeRow & { inForce: boolean }>> {
  const { rows } = await db.query<LandUseCodeRow & { inForce: boolean }>(
    `select code, group_code as "groupCode", parent_code as "parentCode", name_vi as "nameVi", name_en as "nameEn",
            ${VALID_ON('land_use_code', '$1')} as "inForce"
       from land_use_code`,
    [day],
  );
  return rows;
}

/**
 * Area moved from one land-use code to another between two instants ($3 < $4), for the
 * units counting under unit $1 on day $2. Versions in force at both instants keep their
 * purposes: their area stays on the diagonal. A version that ended between them is
 * overlaid on the versions that started between them, whose area it shares (a split,
 * a merge, a purpose change, a boundary correction): each new version's purpose area is
 * divided among the old versions it overlaps, in proportion to the overlap (geodesic
 * areas on EPSG:4326, valid across VN-2000 zones), and an old version's purposes in
 * proportion to their area. What a new version does not overlap, and what an old one
 * does not pass on, are the residuals of statistics-forms.ts changeMatrix.
 */
export async function changeFlows(db: Queryable, members: MemberUnits, from: Date, to: Date): Promise<Flow[]> {
  // geometry is read only for the versions that changed: the rest never leaves the table
  const { rows } = await db.query<Flow>(
    `with ${MEMBERS},
     candidates as (
       select p.id, p.official_area, p.land_use_code,
              p.valid_from < $3 and (p.valid_to is null or p.valid_to >= $3) as at_from,
              p.valid_from < $4 and (p.valid_to is null or p.valid_to >= $4) as at_to
         from parcel p join members m on m.id = p.unit_id
        where p.valid_from < $4 and (p.valid_to is null or p.valid_to >= $3)
     ),
     purposes as (
       select c.id, c.at_from, c.at_to, coalesce(pp.land_use_code, c.land_use_code) as code, coalesce(pp.area, c.official_area) as area
         from candidates c left join parcel_purpose pp on pp.parcel_id = c.id
     ),
     kept as (
       select code as "from", code as "to", sum(area) as area from purposes where at_from and at_to group by code
     ),
     old_versions as (
       select c.id, p.geom_4326 from candidates c join parcel p on p.id = c.id where c.at_from and not c.at_to
     ),
     new_versions as (
       select c.id, p.geom_4326 from candidates c join parcel p on p.id = c.id where c.at_to and not c.at_from
     ),
     overlay as (
       select o.id as old_id, n.id as new_id,
              ST_Area(ST_Intersection(o.geom_4326, n.geom_4326)::geography) / nullif(ST_Area(n.geom_4326::geography), 0) as share
         from old_versions o join new_versions n on ST_Intersects(o.geom_4326, n.geom_4326)
     ),
     old_totals as (
       select id, sum(area) as total from purposes where id in (select old_id from overlay) group by id
     ),
     moved as (
       select po.code as "from", pn.code as "to", ov.share * pn.area * po.area / t.total as area
         from overlay ov
         join purposes po on po.id = ov.old_id
         join old_totals t on t.id = ov.old_id
         join purposes pn on pn.id = ov.new_id
        where ov.share > 1e-6 -- slivers of floating-point noise between neighbours
     )
     select "from", "to", sum(area)::float8 as area from (select * from kept union all select * from moved) f group by 1, 2`,
    [members.ids, members.children, from, to],
  );
  return rows.map((r) => ({ ...r, area: Number(r.area) }));
}
