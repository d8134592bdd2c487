// SQL that ends parcel versions and starts new ones for split, merge, purpose change and
// boundary correction. Geometry travels between statements as hex EWKB (lossless, in the
// parcel's VN-2000 zone). What hangs off a version (rights, restrictions, assets) is
// copied onto the new versions and ended on the old one at the same instant (see
// migration 0012's versioning rule).
import type { Queryable } from '../../db/database.js';
import type { Purpose } from './change-rules.js';

export interface ParcelVersion {
  id: string;
  parcelUid: string;
  version: number;
  unitId: number;
  unitCode: string;
  sheetNumber: number;
  parcelNumber: number;
  srid: number;
  /** scale denominator of the map sheet */
  scale: number;
  officialArea: number;
  landUseCode: string;
  address: string | null;
  live: boolean;
  /** hex EWKB of the geometry in the zone */
  geom: string;
}

const VERSION = `p.id, p.parcel_uid as "parcelUid", p.version, p.unit_id::int as "unitId", u.code as "unitCode",
  p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber", p.srid, s.scale, p.official_area as "officialArea",
  p.land_use_code as "landUseCode", p.address, p.valid_to is null as live, encode(ST_AsEWKB(p.geom), 'hex') as geom`;

export async function parcelVersions(db: Queryable, ids: string[]): Promise<ParcelVersion[]> {
  const { rows } = await db.query<ParcelVersion>(
    `select ${VERSION} from unnest($1::uuid[]) with ordinality as k(id, n)
       join parcel p on p.id = k.id join admin_unit u on u.id = p.unit_id
       join map_sheet s on s.unit_id = p.unit_id and s.sheet_number = p.sheet_number
      order by k.n`,
    [ids],
  );
  return rows.map((r) => ({ ...r, officialArea: Number(r.officialArea) }));
}

/** The live parcel with a key in one unit (merge partners are in the unit of the filed parcel). */
export async function liveParcelId(db: Queryable, unitId: number, sheetNumber: number, parcelNumber: number): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `select id from parcel where unit_id = $1 and sheet_number = $2 and parcel_number = $3 and valid_to is null`,
    [unitId, sheetNumber, parcelNumber],
  );
  return rows[0]?.id;
}

export async function purposesOf(db: Queryable, parcelId: string): Promise<Purpose[]> {
  const { rows } = await db.query<{ landUseCode: string; area: string; termEnd: string | null; originCode: string }>(
    `select land_use_code as "landUseCode", area, term_end as "termEnd", origin_code as "originCode"
       from parcel_purpose where parcel_id = $1 order by area desc, land_use_code`,
    [parcelId],
  );
  return rows.map((r) => ({ landUseCode: r.landUseCode, area: Number(r.area), originCode: r.originCode, ...(r.termEnd ? { termEnd: r.termEnd } : {}) }));
}

export async function areaToleranceFactor(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ factor: number }>(`select (value #>> '{}')::float8 as factor from setting where key = 'cadastre.area_tolerance_factor'`);
  return rows[0]?.factor ?? 0.0004;
}

/** Unknown land-use or origin codes among purposes (they would otherwise fail as foreign keys). */
export async function unknownPurposeCodes(db: Queryable, purposes: Purpose[]): Promise<{ landUse: string[]; origin: string[] }> {
  const { rows } = await db.query<{ landUse: string[] | null; origin: string[] | null }>(
    `select (select array_agg(c) from unnest($1::text[]) c where not exists (select 1 from land_use_code l where l.code = c and l.valid_to is null)) as "landUse",
            (select array_agg(c) from unnest($2::text[]) c where not exists (select 1 from land_origin o where o.code = c)) as origin`,
    [purposes.map((p) => p.landUseCode), purposes.map((p) => p.originCode)],
  );
  return { landUse: rows[0]!.landUse ?? [], origin: rows[0]!.origin ?? [] };
}

/**
 * The next free numbers on a map sheet: new parcels of a split or merge take the numbers
 * after the largest one the sheet has ever had (Thông tư 26/2024/TT-BTNMT on cadastral
 * maps, numbering of parcels made by splitting and merging; verify), so a number is never
 * reused. The sheet row is locked so two approvals on one sheet queue here.
 */
export async function takeParcelNumbers(db: Queryable, unitId: number, sheetNumber: number, count: number): Promise<number[]> {
  await db.query('select 1 from map_sheet where unit_id = $1 and sheet_number = $2 for update', [unitId, sheetNumber]);
  const { rows } = await db.query<{ last: number }>(
    'select coalesce(max(parcel_number), 0)::int as last from parcel where unit_id = $1 and sheet_number = $2',
    [unitId, sheetNumber],
  );
  return Array.from({ length: count }, (_, i) => rows[0]!.last + 1 + i);
}

/**
 * The extents (EPSG:4326: west, south, east, north) of the parcel versions a change ended
 * or started: what a map must redraw after it. `parcelIds` are the versions the change was
 * prepared on (the filed parcel and a merge's other parents); those it ended are among
 * them, those it started are their children in the lineage (both through primary keys).
 * Empty for changes of rights only, which end no parcel version.
 */
export async function extentsTouchedByChange(db: Queryable, changeId: string, parcelIds: string[]): Promise<[number, number, number, number][]> {
  const { rows } = await db.query<{ bbox: [number, number, number, number] }>(
    `select array[ST_XMin(p.geom_4326), ST_YMin(p.geom_4326), ST_XMax(p.geom_4326), ST_YMax(p.geom_4326)] as bbox
       from parcel p where p.id = any($2::uuid[]) and p.ended_by_change_id = $1
     union all
     select array[ST_XMin(p.geom_4326), ST_YMin(p.geom_4326), ST_XMax(p.geom_4326), ST_YMax(p.geom_4326)]
       from parcel_lineage l join parcel p on p.id = l.child_id
      where l.parent_id = any($2::uuid[]) and l.change_id = $1`,
    [changeId, parcelIds],
  );
  return rows.map((r) => r.bbox);
}

export async function endParcelVersion(db: Queryable, id: string, changeId: string, at: Date): Promise<void> {
  await db.query('update parcel set valid_to = $3, ended_by_change_id = $2 where id = $1 and valid_to is null', [id, changeId, at]);
}

export interface NewParcelVersion {
  /** null: a new parcel (split child, merge result) */
  parcelUid: string | null;
  version: number;
  unitId: number;
  sheetNumber: number;
  parcelNumber: number;
  srid: number;
  geom: string;
  officialArea: number;
  landUseCode: string;
  address: string | null;
  purposes: Purpose[];
  changeId: string;
  at: Date;
}

export async function insertParcelVersion(db: Queryable, v: NewParcelVersion): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into parcel (parcel_uid, version, unit_id, sheet_number, parcel_number, srid, geom, official_area, land_use_code, address, valid_from, change_id)
     values (coalesce($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, ST_Multi(ST_GeomFromEWKB(decode($7, 'hex'))), $8, $9, $10, $11, $12)
     returning id`,
    [v.parcelUid, v.version, v.unitId, v.sheetNumber, v.parcelNumber, v.srid, v.geom, v.officialArea, v.landUseCode, v.address, v.at, v.changeId],
  );
  const id = rows[0]!.id;
  await db.query(
    `insert into parcel_purpose (parcel_id, land_use_code, area, term_end, origin_code)
     select $1, * from unnest($2::text[], $3::numeric[], $4::date[], $5::text[])`,
    [id, v.purposes.map((p) => p.landUseCode), v.purposes.map((p) => p.area), v.purposes.map((p) => p.termEnd ?? null), v.purposes.map((p) => p.originCode)],
  );
  return id;
}

export async function insertLineage(db: Queryable, parentIds: string[], childIds: string[], changeId: string): Promise<void> {
  await db.query(
    `insert into parcel_lineage (parent_id, child_id, change_id) select p, c, $3 from unnest($1::uuid[]) p cross join unnest($2::uuid[]) c`,
    [parentIds, childIds, changeId],
  );
}

/**
 * Copies the live land rights (not asset ownership) and restrictions of a version onto
 * new versions, starting at `at` on behalf of the change.
 */
export async function copyRightsAndRestrictions(db: Queryable, fromId: string, toIds: string[], changeId: string, at: Date): Promise<void> {
  await db.query(
    `insert into land_right (parcel_id, party_id, right_type, share, valid_from, change_id)
     select t, r.party_id, r.right_type, r.share, $3, $4 from land_right r cross join unnest($2::uuid[]) t
      where r.parcel_id = $1 and r.valid_to is null and r.asset_uid is null`,
    [fromId, toIds, at, changeId],
  );
  await db.query(
    `insert into land_restriction (parcel_id, kind, holder_party_id, amount, contract_ref, valid_from, change_id)
     select t, r.kind, r.holder_party_id, r.amount, r.contract_ref, $3, $4 from land_restriction r cross join unnest($2::uuid[]) t
      where r.parcel_id = $1 and r.valid_to is null`,
    [fromId, toIds, at, changeId],
  );
}

/** Moves the live assets of a version (and their ownership rights) onto another version. */
export async function moveAssets(db: Queryable, fromId: string, toId: string, changeId: string, at: Date): Promise<void> {
  await db.query(
    `insert into asset (asset_uid, parcel_id, kind, description, footprint_area, floor_area, floors, structure, built_year, planted_area, ownership_term_end, valid_from, change_id)
     select asset_uid, $2, kind, description, footprint_area, floor_area, floors, structure, built_year, planted_area, ownership_term_end, $3, $4
       from asset where parcel_id = $1 and valid_to is null`,
    [fromId, toId, at, changeId],
  );
  await db.query(
    `insert into land_right (parcel_id, party_id, right_type, share, valid_from, change_id, asset_uid)
     select $2, party_id, right_type, share, $3, $4, asset_uid from land_right where parcel_id = $1 and valid_to is null and asset_uid is not null`,
    [fromId, toId, at, changeId],
  );
}

/** Ends everything live on a version: rights, restrictions, assets (after they were copied). */
export async function endDependents(db: Queryable, parcelId: string, changeId: string, at: Date): Promise<void> {
  for (const table of ['land_right', 'land_restriction', 'asset'] as const) {
    await db.query(`update ${table} set valid_to = $3, ended_by_change_id = $2 where parcel_id = $1 and valid_to is null`, [parcelId, changeId, at]);
  }
}

/** Holders of a version as a comparable list (merge needs the same users on every parcel). */
export async function holderSignature(db: Queryable, parcelId: string): Promise<string> {
  const { rows } = await db.query<{ signature: string | null }>(
    `select string_agg(party_id::text || ':' || share::text, ',' order by party_id) as signature
       from land_right where parcel_id = $1 and valid_to is null and asset_uid is null`,
    [parcelId],
  );
  return rows[0]!.signature ?? '';
}

export async function liveRestrictionCount(db: Queryable, parcelIds: string[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from land_restriction where parcel_id = any($1::uuid[]) and valid_to is null', [parcelIds]);
  return rows[0]!.n;
}

/** The parcels a change started (new versions, split children, merge result), as keys. */
export async function parcelsStartedBy(db: Queryable, changeId: string): Promise<Array<{ unitCode: string; sheetNumber: number; parcelNumber: number }>> {
  const { rows } = await db.query<{ unitCode: string; sheetNumber: number; parcelNumber: number }>(
    `select u.code as "unitCode", p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber"
       from parcel p join admin_unit u on u.id = p.unit_id where p.change_id = $1 order by p.sheet_number, p.parcel_number`,
    [changeId],
  );
  return rows;
}
