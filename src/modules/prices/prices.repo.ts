// The only SQL of the price module (S-PRICE): price tables and their rules, road
// segments, segment prices, coefficients, specific prices, market transactions, and the
// spatial look-ups that price a parcel (distances on the VN-2000 geometries).
import type { Queryable } from '../../db/database.js';
import type { SegmentPriceRow } from './price-import.js';
import type { Coefficient, PositionRule, PricedSegment, PricedTable } from './price-rules.js';

export type TableStatus = 'draft' | 'published' | 'revoked';

export interface TableRow extends PricedTable {
  provinceCode: string;
  status: TableStatus;
  segments: number;
}

const TABLE_HEAD_COLUMNS = `t.id, t.name, u.code as "provinceCode", t.status, t.multi_position_rule as "multiPositionRule",
  json_build_object('number', t.decision_number, 'date', t.decision_date::text, 'issuer', t.issuer) as decision,
  t.valid_from::text as "validFrom", t.valid_to::text as "validTo"`;
const TABLE_COLUMNS = `${TABLE_HEAD_COLUMNS},
  (select count(distinct sp.segment_uid)::int from segment_price sp where sp.price_table_id = t.id) as segments`;

export async function listTables(db: Queryable): Promise<TableRow[]> {
  const { rows } = await db.query<TableRow>(
    `select ${TABLE_COLUMNS} from price_table t join admin_unit u on u.id = t.province_id order by t.valid_from desc, t.created_at desc limit 500`,
  );
  return rows;
}

export async function findTable(db: Queryable, id: string): Promise<TableRow | null> {
  const { rows } = await db.query<TableRow>(`select ${TABLE_COLUMNS} from price_table t join admin_unit u on u.id = t.province_id where t.id = $1::uuid`, [id]);
  return rows[0] ?? null;
}

export async function liveProvinceId(db: Queryable, code: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(`select id from admin_unit where code = $1 and level = 'province' and valid_to is null`, [code]);
  return rows[0]?.id ?? null;
}

export interface NewTable {
  provinceId: number;
  name: string;
  decision: { number: string; date: string; issuer: string };
  validFrom: string;
  validTo: string | null;
  multiPositionRule: 'nearest' | 'area_weighted';
  rules: readonly PositionRule[];
}

export async function insertTable(tx: Queryable, t: NewTable): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into price_table (province_id, name, decision_number, decision_date, issuer, valid_from, valid_to, multi_position_rule)
     values ($1::bigint, $2, $3, $4::date, $5, $6::date, $7::date, $8) returning id`,
    [t.provinceId, t.name, t.decision.number, t.decision.date, t.decision.issuer, t.validFrom, t.validTo, t.multiPositionRule],
  );
  const id = rows[0]!.id;
  await tx.query(
    `insert into position_rule (price_table_id, position, max_distance_m, min_alley_width_m, description_vi)
     select $1::uuid, r.position, r.max_distance_m, r.min_alley_width_m, r.description_vi
       from unnest($2::int[], $3::float8[], $4::float8[], $5::text[]) as r(position, max_distance_m, min_alley_width_m, description_vi)`,
    [id, t.rules.map((r) => r.position), t.rules.map((r) => r.maxDistanceM), t.rules.map((r) => r.minAlleyWidthM), t.rules.map((r) => r.descriptionVi)],
  );
  return id;
}

export async function positionRules(db: Queryable, tableId: string): Promise<PositionRule[]> {
  const { rows } = await db.query<PositionRule>(
    `select position, max_distance_m::float8 as "maxDistanceM", min_alley_width_m::float8 as "minAlleyWidthM", description_vi as "descriptionVi"
       from position_rule where price_table_id = $1::uuid order by position`,
    [tableId],
  );
  return rows;
}

export async function setTableStatus(tx: Queryable, id: string, status: TableStatus): Promise<void> {
  await tx.query(`update price_table set status = $2 where id = $1::uuid`, [id, status]);
}

/**
 * Ends the published table still open when this one starts later: the new decision
 * replaces it from its own first day (tables are issued yearly, and may be amended within
 * a year: Luật Đất đai 2024, Điều 159; verify the article against the current text).
 * Returns the decision numbers of the tables ended.
 */
export async function endOpenTableReplacedBy(tx: Queryable, id: string): Promise<string[]> {
  const { rows } = await tx.query<{ decisionNumber: string }>(
    `update price_table o set valid_to = t.valid_from
       from price_table t
      where t.id = $1::uuid and o.id <> t.id and o.status = 'published' and o.valid_to is null and o.valid_from < t.valid_from
     returning o.decision_number as "decisionNumber"`,
    [id],
  );
  return rows.map((r) => r.decisionNumber);
}

/** Published tables whose period overlaps this table's. */
export async function overlappingPublished(tx: Queryable, id: string): Promise<Array<{ id: string; decisionNumber: string }>> {
  const { rows } = await tx.query<{ id: string; decisionNumber: string }>(
    `select o.id, o.decision_number as "decisionNumber"
       from price_table t join price_table o on o.id <> t.id and o.status = 'published'
        and daterange(o.valid_from, o.valid_to) && daterange(t.valid_from, t.valid_to)
      where t.id = $1::uuid`,
    [id],
  );
  return rows;
}

/** The codes among these that name no live unit / no land-use code. */
export async function unknownCodes(db: Queryable, unitCodes: readonly string[], landUseCodes: readonly string[]): Promise<{ units: string[]; landUses: string[] }> {
  const { rows } = await db.query<{ units: string[] | null; landUses: string[] | null }>(
    `select (select array_agg(c) from unnest($1::text[]) c where not exists (select 1 from admin_unit u where u.code = c and u.valid_to is null)) as units,
            (select array_agg(c) from unnest($2::text[]) c where not exists (select 1 from land_use_code l where l.code = c)) as "landUses"`,
    [unitCodes, landUseCodes],
  );
  return { units: rows[0]!.units ?? [], landUses: rows[0]!.landUses ?? [] };
}

/** Segment codes among these that already have prices in the table. */
export async function codesPricedInTable(db: Queryable, tableId: string, codes: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ code: string }>(
    `select distinct s.code from road_segment s join segment_price sp on sp.segment_uid = s.segment_uid and sp.price_table_id = $1::uuid
      where s.valid_to is null and s.code = any($2::text[])`,
    [tableId, codes],
  );
  return rows.map((r) => r.code);
}

/**
 * (Versions of a segment are strictly ordered: an edit at the same clock time as the
 * version it ends starts 1 ms later.)
 * The live segment of each code, described as given: kept when it already reads so, a
 * new version (same identity, geometry carried over) when its description changed, new
 * when the code is new. Returns code → segment_uid.
 */
export async function ensureSegments(tx: Queryable, segments: ReadonlyArray<Pick<SegmentPriceRow, 'code' | 'roadName' | 'from' | 'to' | 'unitCode'>>, at: Date): Promise<Map<string, string>> {
  const cols = [segments.map((s) => s.code), segments.map((s) => s.roadName), segments.map((s) => s.from), segments.map((s) => s.to), segments.map((s) => s.unitCode)];
  await tx.query(
    `create temp table price_segment_in on commit drop as
     select i.*, u.id as unit_id, coalesce(u.srid, (select (value #>> '{}')::int from setting where key = 'province.default_srid')) as srid
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as i(code, road_name, from_desc, to_desc, unit_code)
       join admin_unit u on u.code = i.unit_code and u.valid_to is null`,
    cols,
  );
  // changed descriptions: end the live version and start the next with the same identity
  await tx.query(
    `create temp table price_segment_changed on commit drop as
     select s.id, s.segment_uid, s.version, s.geom, greatest($1::timestamptz, s.valid_from + interval '1 millisecond') as at, i.*
       from road_segment s join price_segment_in i on i.code = s.code
      where s.valid_to is null and (s.road_name, s.from_desc, s.to_desc, s.unit_id) is distinct from (i.road_name, i.from_desc, i.to_desc, i.unit_id)`,
    [at],
  );
  await tx.query(`update road_segment s set valid_to = c.at from price_segment_changed c where s.id = c.id`);
  await tx.query(
    `insert into road_segment (segment_uid, version, code, unit_id, road_name, from_desc, to_desc, srid, geom, valid_from)
     select c.segment_uid, c.version + 1, c.code, c.unit_id, c.road_name, c.from_desc, c.to_desc, c.srid,
            case when ST_SRID(c.geom) = c.srid then c.geom else ST_Transform(c.geom, c.srid) end, c.at
       from price_segment_changed c`,
  );
  await tx.query(
    `insert into road_segment (code, unit_id, road_name, from_desc, to_desc, srid, valid_from)
     select i.code, i.unit_id, i.road_name, i.from_desc, i.to_desc, i.srid, $1::timestamptz
       from price_segment_in i where not exists (select 1 from road_segment s where s.code = i.code and s.valid_to is null)`,
    [at],
  );
  const { rows } = await tx.query<{ code: string; uid: string }>(
    `select code, segment_uid as uid from road_segment where valid_to is null and code = any($1::text[])`,
    [cols[0]],
  );
  await tx.query('drop table price_segment_in');
  await tx.query('drop table price_segment_changed');
  return new Map(rows.map((r) => [r.code, r.uid]));
}

export async function insertSegmentPrices(tx: Queryable, tableId: string, prices: ReadonlyArray<{ segmentUid: string; landUseCode: string; position: number; price: number }>): Promise<number> {
  const { rowCount } = await tx.query(
    `insert into segment_price (price_table_id, segment_uid, land_use_code, position, price)
     select $1::uuid, p.uid, p.code, p.position, p.price
       from unnest($2::uuid[], $3::text[], $4::int[], $5::numeric[]) as p(uid, code, position, price)`,
    [tableId, prices.map((p) => p.segmentUid), prices.map((p) => p.landUseCode), prices.map((p) => p.position), prices.map((p) => p.price)],
  );
  return rowCount;
}

/** The table's prices as rows of the Excel layout (live description of each segment). */
export async function tablePriceRows(db: Queryable, tableId: string): Promise<SegmentPriceRow[]> {
  const { rows } = await db.query<Omit<SegmentPriceRow, 'row'> & { prices: Record<string, number> }>(
    `select s.code, s.road_name as "roadName", s.from_desc as "from", s.to_desc as "to", u.code as "unitCode", sp.land_use_code as "landUseCode",
            jsonb_object_agg(sp.position::text, sp.price::float8) as prices
       from segment_price sp
       join road_segment s on s.segment_uid = sp.segment_uid and s.valid_to is null
       join admin_unit u on u.id = s.unit_id
      where sp.price_table_id = $1::uuid
      group by s.code, s.road_name, s.from_desc, s.to_desc, u.code, sp.land_use_code
      order by s.code, sp.land_use_code`,
    [tableId],
  );
  return rows.map((r) => ({ ...r, row: null, prices: Object.fromEntries(Object.entries(r.prices).map(([k, v]) => [Number(k), v])) }));
}

export interface GeometryUpdate {
  code: string;
  /** GeoJSON LineString or MultiLineString in EPSG:4326 */
  geometry: string;
}

/** New versions of the live segments with these lines; returns the codes not found live. */
export async function setSegmentGeometries(tx: Queryable, updates: readonly GeometryUpdate[], at: Date): Promise<string[]> {
  const codes = updates.map((u) => u.code);
  const { rows: missing } = await tx.query<{ code: string }>(
    `select c as code from unnest($1::text[]) c where not exists (select 1 from road_segment s where s.code = c and s.valid_to is null)`,
    [codes],
  );
  if (missing.length > 0) return missing.map((m) => m.code);
  await tx.query(
    `create temp table price_geometry_in on commit drop as
     select s.id, s.segment_uid, s.version, s.code, s.unit_id, s.road_name, s.from_desc, s.to_desc, s.srid,
            ST_Multi(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(g.geojson), 4326), s.srid)) as geom,
            greatest($3::timestamptz, s.valid_from + interval '1 millisecond') as at
       from unnest($1::text[], $2::text[]) as g(code, geojson)
       join road_segment s on s.code = g.code and s.valid_to is null`,
    [codes, updates.map((u) => u.geometry), at],
  );
  await tx.query(`update road_segment s set valid_to = g.at from price_geometry_in g where s.id = g.id`);
  await tx.query(
    `insert into road_segment (segment_uid, version, code, unit_id, road_name, from_desc, to_desc, srid, geom, valid_from)
     select segment_uid, version + 1, code, unit_id, road_name, from_desc, to_desc, srid, geom, at from price_geometry_in`,
  );
  await tx.query('drop table price_geometry_in');
  return [];
}

export interface NewCoefficient {
  unitCode: string | null;
  landUseCode: string | null;
  coefficient: number;
  validFrom: string;
  validTo: string | null;
  decision: { number: string; date: string; issuer: string };
}

export async function insertCoefficient(tx: Queryable, tableId: string, c: NewCoefficient): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into adjustment_coefficient (price_table_id, unit_id, land_use_code, coefficient, valid_from, valid_to, decision_number, decision_date, issuer)
     values ($1::uuid, (select id from admin_unit where code = $2::text and valid_to is null), $3::text, $4::numeric, $5::date, $6::date, $7, $8::date, $9)
     returning id`,
    [tableId, c.unitCode, c.landUseCode, c.coefficient, c.validFrom, c.validTo, c.decision.number, c.decision.date, c.decision.issuer],
  );
  return rows[0]!.id;
}

const COEFFICIENT_COLUMNS = `c.coefficient::float8 as value, json_build_object('number', c.decision_number, 'date', c.decision_date::text, 'issuer', c.issuer) as decision,
  u.code as "unitCode", c.land_use_code as "landUseCode", c.valid_from::text as "validFrom", c.valid_to::text as "validTo"`;

export async function tableCoefficients(db: Queryable, tableId: string): Promise<Coefficient[]> {
  const { rows } = await db.query<Coefficient>(
    `select ${COEFFICIENT_COLUMNS} from adjustment_coefficient c left join admin_unit u on u.id = c.unit_id
      where c.price_table_id = $1::uuid order by c.valid_from, u.code nulls first, c.land_use_code nulls first`,
    [tableId],
  );
  return rows;
}

export interface TableSegment {
  code: string;
  roadName: string;
  from: string;
  to: string;
  unitCode: string;
  hasGeometry: boolean;
  prices: Array<{ landUseCode: string; position: number; price: number }>;
}

export async function tableSegments(db: Queryable, tableId: string): Promise<TableSegment[]> {
  const { rows } = await db.query<TableSegment>(
    `select s.code, s.road_name as "roadName", s.from_desc as "from", s.to_desc as "to", u.code as "unitCode", s.geom is not null as "hasGeometry",
            json_agg(json_build_object('landUseCode', sp.land_use_code, 'position', sp.position, 'price', sp.price::float8) order by sp.land_use_code, sp.position) as prices
       from segment_price sp
       join road_segment s on s.segment_uid = sp.segment_uid and s.valid_to is null
       join admin_unit u on u.id = s.unit_id
      where sp.price_table_id = $1::uuid
      group by s.code, s.road_name, s.from_desc, s.to_desc, u.code, s.geom is not null
      order by s.code
      limit 5000`,
    [tableId],
  );
  return rows;
}

// ---- pricing a parcel

export interface ParcelForPrice {
  id: string;
  parcelUid: string;
  unitId: number;
  area: number;
  landUseCode: string;
  /** the land-use code, then its group(s): ODT, OTC, PNN */
  landUseChain: string[];
}

/** The version in force at `at` of the parcel that holds this key today (or held it then). */
export async function parcelForPrice(db: Queryable, key: { unitCode: string; sheetNumber: number; parcelNumber: number }, at: Date): Promise<ParcelForPrice | null> {
  const { rows } = await db.query<ParcelForPrice>(
    `with keyed as (
       select p.parcel_uid from admin_unit u join parcel p on p.unit_id = u.id and p.sheet_number = $2::int and p.parcel_number = $3::int
        where u.code = $1 order by (p.valid_to is null) desc, p.valid_from desc limit 1)
     select p.id, p.parcel_uid as "parcelUid", p.unit_id::int as "unitId", p.official_area::float8 as area, p.land_use_code as "landUseCode",
            (with recursive chain(code, parent, n) as (
               select l.code, l.parent_code, 0 from land_use_code l where l.code = p.land_use_code
               union all
               select l.code, l.parent_code, chain.n + 1 from land_use_code l join chain on l.code = chain.parent where chain.n < 5)
             select array_agg(code order by n) from chain) as "landUseChain"
       from keyed k join parcel p on p.parcel_uid = k.parcel_uid
      where p.valid_from <= $4::timestamptz and (p.valid_to is null or p.valid_to > $4::timestamptz)`,
    [key.unitCode, key.sheetNumber, key.parcelNumber, at],
  );
  return rows[0] ?? null;
}

/**
 * The published table in force on a day, without its segment count: pricing a parcel
 * runs this on every call, and counting a province's table (2 800 segments, 44 800
 * prices) took 16-28 ms, most of each request, at 1 M parcels (bench/README.md, parcel-price).
 */
export async function publishedTableOn(db: Queryable, day: string): Promise<Omit<TableRow, 'segments'> | null> {
  const { rows } = await db.query<Omit<TableRow, 'segments'>>(
    `select ${TABLE_HEAD_COLUMNS} from price_table t join admin_unit u on u.id = t.province_id
      where t.status = 'published' and t.valid_from <= $1::date and (t.valid_to is null or t.valid_to > $1::date)
      order by t.valid_from desc limit 1`,
    [day],
  );
  return rows[0] ?? null;
}

export interface SpecificPriceRow {
  pricePerM2: number;
  landUseCode: string;
  method: string;
  purpose: string;
  decision: { number: string; date: string; issuer: string };
  validFrom: string;
  validTo: string | null;
}

export async function specificPriceOn(db: Queryable, parcelUid: string, day: string): Promise<SpecificPriceRow | null> {
  const { rows } = await db.query<SpecificPriceRow>(
    `select price_per_m2::float8 as "pricePerM2", land_use_code as "landUseCode", method, purpose,
            json_build_object('number', decision_number, 'date', decision_date::text, 'issuer', issuer) as decision,
            valid_from::text as "validFrom", valid_to::text as "validTo"
       from specific_price
      where parcel_uid = $1::uuid and valid_from <= $2::date and (valid_to is null or valid_to > $2::date)
      order by decision_date desc, created_at desc limit 1`,
    [parcelUid, day],
  );
  return rows[0] ?? null;
}

/**
 * Live segments within maxDistance of the parcel that have prices in the
 * table for the parcel's land-use code or, failing that, its nearest group. Distances are
 * planar in the parcel's VN-2000 zone; the 4326 bounding boxes only narrow the search. The live version of a segment is used
 * whatever the date: a later version corrects its line or description, the prices belong
 * to the table of the date.
 */
export async function segmentsNear(db: Queryable, q: { parcelId: string; tableId: string; chain: readonly string[]; maxDistanceM: number }): Promise<Array<PricedSegment & { id: string }>> {
  const { rows } = await db.query<PricedSegment & { id: string; prices: Record<string, number> }>(
    `with p as (select geom, geom_4326, srid from parcel where id = $1::uuid),
          chain as (select code, n from unnest($3::text[]) with ordinality as c(code, n))
     select s.id, s.code, s.road_name as "roadName", s.from_desc as "from", s.to_desc as "to",
            ST_Distance(p.geom, ST_Transform(s.geom, p.srid))::float8 as "distanceM", best.land_use_code as "landUseCode", best.prices
       from p
       join road_segment s on s.geom_4326 && ST_Expand(p.geom_4326, $4::float8 / 90000.0) and s.valid_to is null
       cross join lateral (
         select sp.land_use_code, jsonb_object_agg(sp.position::text, sp.price::float8) as prices
           from segment_price sp join chain c on c.code = sp.land_use_code
          where sp.price_table_id = $2::uuid and sp.segment_uid = s.segment_uid
          group by sp.land_use_code, c.n order by c.n limit 1) best
      where ST_DWithin(p.geom, ST_Transform(s.geom, p.srid), $4::float8)
      order by "distanceM", s.code limit 20`,
    [q.parcelId, q.tableId, q.chain, q.maxDistanceM],
  );
  return rows.map((r) => ({ ...r, prices: Object.fromEntries(Object.entries(r.prices).map(([k, v]) => [Number(k), v])) }));
}

/** Cumulative area of the parcel within each distance of the segment (m², planar VN-2000), and its whole area. */
export async function areasWithin(db: Queryable, parcelId: string, segmentId: string, distances: readonly number[]): Promise<{ within: number[]; total: number }> {
  const { rows } = await db.query<{ within: number[]; total: number }>(
    `select array_agg(ST_Area(ST_Intersection(p.geom, ST_Buffer(ST_Transform(s.geom, p.srid), d.m)))::float8 order by d.n) as within, ST_Area(p.geom)::float8 as total
       from parcel p, road_segment s, unnest($3::float8[]) with ordinality as d(m, n)
      where p.id = $1::uuid and s.id = $2::uuid
      group by p.geom`,
    [parcelId, segmentId, distances],
  );
  return rows[0] ?? { within: distances.map(() => 0), total: 0 };
}

/**
 * The coefficient in force on a day for a parcel of this unit and land use: the most
 * specific one (the smallest unit holding the parcel, then the land-use code before its
 * group, then any use). The units holding the parcel are its unit, the units above it and
 * the units they were merged into (a 2026 coefficient names today's units).
 */
export async function coefficientOn(db: Queryable, q: { tableId: string; unitId: number; chain: readonly string[]; day: string }): Promise<Coefficient | null> {
  const { rows } = await db.query<Coefficient>(
    `with recursive holder(id, depth) as (
       select $2::bigint, 0
       union
       select n.id, holder.depth + 1 from holder
         cross join lateral (select a.parent_id as id from admin_unit a where a.id = holder.id and a.parent_id is not null
                             union all select s.successor_id from admin_unit_succession s where s.predecessor_id = holder.id) n
        where holder.depth < 8),
     chain as (select code, n from unnest($3::text[]) with ordinality as c(code, n))
     select ${COEFFICIENT_COLUMNS}
       from adjustment_coefficient c left join admin_unit u on u.id = c.unit_id
      where c.price_table_id = $1::uuid and c.valid_from <= $4::date and (c.valid_to is null or c.valid_to > $4::date)
        and (c.unit_id is null or c.unit_id in (select id from holder))
        and (c.land_use_code is null or c.land_use_code in (select code from chain))
      order by case u.level when 'commune' then 0 when 'district' then 1 when 'province' then 2 else 3 end,
               coalesce((select n from chain where chain.code = c.land_use_code), 99), c.valid_from desc
      limit 1`,
    [q.tableId, q.unitId, q.chain, q.day],
  );
  return rows[0] ?? null;
}

export interface NewSpecificPrice {
  parcelUid: string;
  landUseCode: string;
  pricePerM2: number;
  method: string;
  purpose: string;
  decision: { number: string; date: string; issuer: string };
  validFrom: string;
  validTo: string | null;
}

export async function insertSpecificPrice(tx: Queryable, s: NewSpecificPrice): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into specific_price (parcel_uid, land_use_code, price_per_m2, method, purpose, decision_number, decision_date, issuer, valid_from, valid_to)
     values ($1::uuid, $2, $3::numeric, $4, $5, $6, $7::date, $8, $9::date, $10::date) returning id`,
    [s.parcelUid, s.landUseCode, s.pricePerM2, s.method, s.purpose, s.decision.number, s.decision.date, s.decision.issuer, s.validFrom, s.validTo],
  );
  return rows[0]!.id;
}

export interface MarketTransaction {
  id: string;
  unitCode: string;
  parcel: { sheetNumber: number; parcelNumber: number } | null;
  transactionDate: string;
  landUseCode: string;
  area: number;
  priceTotal: number;
  pricePerM2: number;
  source: string;
  note: string | null;
}

export async function insertTransaction(tx: Queryable, t: { parcelUid: string | null; unitCode: string; transactionDate: string; landUseCode: string; area: number; priceTotal: number; source: string; note: string | null }): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into market_transaction (parcel_uid, unit_id, transaction_date, land_use_code, area, price_total, source, note)
     select $1::uuid, u.id, $3::date, $4, $5::numeric, $6::numeric, $7, $8
       from (select id from admin_unit where code = $2 order by valid_from desc limit 1) u
     returning id`,
    [t.parcelUid, t.unitCode, t.transactionDate, t.landUseCode, t.area, t.priceTotal, t.source, t.note],
  );
  return rows[0]?.id ?? null;
}

export async function listTransactions(db: Queryable, q: { unitCode: string | null; from: string | null; to: string | null; limit: number }): Promise<MarketTransaction[]> {
  const { rows } = await db.query<MarketTransaction>(
    `select m.id, u.code as "unitCode", m.transaction_date::text as "transactionDate", m.land_use_code as "landUseCode",
            m.area::float8 as area, m.price_total::float8 as "priceTotal", round(m.price_total / m.area)::float8 as "pricePerM2", m.source, m.note,
            (select json_build_object('sheetNumber', p.sheet_number, 'parcelNumber', p.parcel_number) from parcel p
              where p.parcel_uid = m.parcel_uid order by p.valid_from desc limit 1) as parcel
       from market_transaction m join admin_unit u on u.id = m.unit_id
      where ($1::text is null or u.code = $1::text) and ($2::date is null or m.transaction_date >= $2::date) and ($3::date is null or m.transaction_date <= $3::date)
      order by m.transaction_date desc, m.id limit $4::int`,
    [q.unitCode, q.from, q.to, q.limit],
  );
  return rows;
}

/** The identity of the live parcel with this key. */
export async function liveParcelUid(db: Queryable, key: { unitCode: string; sheetNumber: number; parcelNumber: number }): Promise<string | null> {
  const { rows } = await db.query<{ uid: string }>(
    `select p.parcel_uid as uid from admin_unit u join parcel p on p.unit_id = u.id and p.sheet_number = $2::int and p.parcel_number = $3::int and p.valid_to is null
      where u.code = $1 limit 1`,
    [key.unitCode, key.sheetNumber, key.parcelNumber],
  );
  return rows[0]?.uid ?? null;
}
