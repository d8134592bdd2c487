// SQL of OGC API Features. A collection is a declaration (features.collections.ts): its
// FROM clause, key, geometries, lifespan and public properties; the statements below are
// built from it once per shape (live or temporal, output CRS kind) and reused. GeoJSON is
// built by PostGIS and passed through as text, as parcels.repo.ts does.
import type { Queryable } from '../../db/database.js';

export interface PropertyDeclaration {
  /** the name clients see */
  name: string;
  /** SQL expression over the FROM clause's aliases */
  sql: string;
  type: 'string' | 'integer' | 'number';
  description: string;
}

export interface CollectionDeclaration {
  id: string;
  title: string;
  description: string;
  /** FROM clause with aliases, e.g. `parcel p join admin_unit u on u.id = p.unit_id` */
  from: string;
  /** the feature id: unique, indexed (keyset-friendly order), and how a path segment must look */
  key: { sql: string; type: 'uuid' | 'bigint' };
  /** geometry in EPSG:4326 with a GiST index (bbox filter, CRS84 and EPSG:4326 output) */
  geometry4326: string;
  /** the stored geometry and its SRID expression, when it is not geometry4326 (projected output from the source, not a round trip) */
  storedGeometry?: { sql: string; srid: string };
  /** the lifespan columns: in force at t when from <= t < to (to null: still in force) */
  lifespan: { from: string; to: string };
  /** the condition of the live records (served when no datetime is asked; a partial index makes it fast) */
  live: string;
  properties: PropertyDeclaration[];
}

/** How the output coordinates are written: lon/lat, lat/lon (EPSG:4326 axis order) or a projected SRID. */
export type OutputCrs = { kind: 'crs84' } | { kind: 'epsg4326' } | { kind: 'projected'; srid: number };

export interface ItemsQuery {
  /** min x, min y, max x, max y in bboxSrid's x/y order (lon/lat for 4326) */
  bbox?: readonly [number, number, number, number] | undefined;
  bboxSrid: number;
  limit: number;
  offset: number;
  /** the key of the last feature of the previous page: the page starts after it (keyset paging) */
  after?: string | undefined;
  /** whether to count every match (numberMatched) */
  count: boolean;
  /** absent: live records; else the versions whose lifespan meets [start, end] (null: open end) */
  time?: { start: Date | null; end: Date | null } | undefined;
  crs: OutputCrs;
}

export interface ItemsPage {
  /** undefined when not counted */
  numberMatched: number | undefined;
  numberReturned: number;
  /** there are more features after this page */
  more: boolean;
  /** the key of the page's last feature (for the next link) */
  lastKey: string | null;
  /** a JSON array of GeoJSON Features, as text */
  featuresJson: string;
}

const DEGREE_DECIMALS = 7; // about 1 cm
const METRE_DECIMALS = 3; // 1 mm

/** The output geometry from the inner row's columns g4326, and gs/gsrid (the stored geometry and its SRID) when declared. */
function geometrySql(c: CollectionDeclaration, crs: OutputCrs): string {
  if (crs.kind === 'crs84') return `ST_AsGeoJSON(r.g4326, ${DEGREE_DECIMALS})::json`;
  if (crs.kind === 'epsg4326') return `ST_AsGeoJSON(ST_FlipCoordinates(r.g4326), ${DEGREE_DECIMALS})::json`;
  // the stored geometry as it is when already in the asked zone: no transformation error at all
  const source = c.storedGeometry
    ? `case when r.gsrid = ${crs.srid} then r.gs else ST_Transform(r.gs, ${crs.srid}) end`
    : `ST_Transform(r.g4326, ${crs.srid})`;
  return `ST_AsGeoJSON(${source}, ${METRE_DECIMALS})::json`;
}

/** The raw columns a feature is built from (cheap: no transformation before the page is cut). */
function rowColumns(c: CollectionDeclaration): string {
  const stored = c.storedGeometry ? `, ${c.storedGeometry.sql} as gs, ${c.storedGeometry.srid} as gsrid` : '';
  const props = c.properties.map((p, i) => `, ${p.sql} as p${i}`).join('');
  return `${c.key.sql} as k, ${c.geometry4326} as g4326${stored}${props}`;
}

/** the Feature object of an inner row r: key, geometry, public properties */
function featureSql(c: CollectionDeclaration, crs: OutputCrs): string {
  const props = c.properties.map((p, i) => `'${p.name}', r.p${i}`).join(', ');
  return `json_build_object('type', 'Feature', 'id', r.k, 'geometry', ${geometrySql(c, crs)}, 'properties', json_build_object(${props}))`;
}

/** The filter of items: the lifespan (or the live records) and the bbox, with the parameters named. */
function whereSql(c: CollectionDeclaration, temporal: boolean, p: { bbox: string; srid: string; start: string; end: string }): string {
  const when = temporal
    ? `(${p.end}::timestamptz is null or ${c.lifespan.from} <= ${p.end}::timestamptz) and (${p.start}::timestamptz is null or ${c.lifespan.to} is null or ${c.lifespan.to} > ${p.start}::timestamptz)`
    : c.live;
  const box = `ST_Transform(ST_MakeEnvelope(${p.bbox}[1], ${p.bbox}[2], ${p.bbox}[3], ${p.bbox}[4], ${p.srid}::int), 4326)`;
  return `where ${when} and (${p.bbox}::float8[] is null or (${c.geometry4326} && ${box} and ST_Intersects(${c.geometry4326}, ${box})))`;
}

/**
 * A page of items: $1 bbox float8[4] or null, $2 its SRID, $3 limit, $4 offset, $5 the
 * key after which the page starts (null: from the offset), and for the temporal form $6
 * start, $7 end (timestamptz, null = open). The bbox is tested with && (GiST index on the
 * 4326 geometry) and then exactly; pages are ordered by the key, so that a next link can
 * carry the last key and seek to it through the primary key instead of counting rows off
 * (offset 500 000 of a million parcels: 5 s; after the key: milliseconds). One row more
 * than the limit tells whether there is a next page. GeoJSON is made only for the page.
 * `counted` adds numberMatched in the same statement (one round trip): counting every
 * match scans them all, so it is asked on first pages only.
 */
function pageSql(c: CollectionDeclaration, temporal: boolean, crs: OutputCrs, counted: boolean): string {
  const where = whereSql(c, temporal, { bbox: '$1', srid: '$2', start: '$6', end: '$7' });
  const matched = counted ? `(select count(*) from ${c.from} ${where})::int` : 'null::int';
  return `
    select ${matched} as "numberMatched",
           count(*) filter (where r.n <= $3)::int as "numberReturned",
           bool_or(r.n > $3) as "more",
           coalesce(json_agg(${featureSql(c, crs)} order by r.k) filter (where r.n <= $3), '[]'::json)::text as "featuresJson",
           (array_agg(r.k order by r.k desc) filter (where r.n <= $3))[1]::text as "lastKey"
      from (select q.*, row_number() over (order by q.k) as n
              from (select ${rowColumns(c)}
                      from ${c.from} ${where} and ($5::${c.key.type} is null or ${c.key.sql} > $5::${c.key.type})
                     order by ${c.key.sql} limit $3 + 1 offset $4) q) r`;
}

/** The feature with this key, whatever its lifespan: $1 key. */
function featureByIdSql(c: CollectionDeclaration, crs: OutputCrs): string {
  return `select ${featureSql(c, crs)}::text as feature
            from (select ${rowColumns(c)} from ${c.from} where ${c.key.sql} = $1::${c.key.type}) r`;
}

const statements = new Map<string, string>();
const crsKey = (crs: OutputCrs) => (crs.kind === 'projected' ? `p${crs.srid}` : crs.kind);

function statement(key: string, build: () => string): string {
  let sql = statements.get(key);
  if (sql === undefined) {
    sql = build();
    statements.set(key, sql);
  }
  return sql;
}

/** The page statement of a collection (exported for bench/: the same SQL through pgbench). */
export function itemsStatement(c: CollectionDeclaration, temporal: boolean, crs: OutputCrs, counted: boolean): string {
  return statement(`items:${c.id}:${temporal}:${crsKey(crs)}:${counted}`, () => pageSql(c, temporal, crs, counted));
}

export async function findItems(db: Queryable, c: CollectionDeclaration, q: ItemsQuery): Promise<ItemsPage> {
  const params: unknown[] = [q.bbox ?? null, q.bboxSrid, q.limit, q.offset, q.after ?? null];
  if (q.time) params.push(q.time.start, q.time.end);
  type Row = { numberMatched: number | null; numberReturned: number; more: boolean | null; featuresJson: string; lastKey: string | null };
  const { rows } = await db.query<Row>(itemsStatement(c, q.time !== undefined, q.crs, q.count), params);
  const row = rows[0]!;
  return {
    numberMatched: row.numberMatched ?? undefined,
    numberReturned: row.numberReturned,
    more: row.more === true,
    lastKey: row.lastKey,
    featuresJson: row.featuresJson,
  };
}

/** One feature as GeoJSON text; undefined when no record has that key. */
export async function findFeature(db: Queryable, c: CollectionDeclaration, id: string, crs: OutputCrs): Promise<string | undefined> {
  const sql = statement(`one:${c.id}:${crsKey(crs)}`, () => featureByIdSql(c, crs));
  const { rows } = await db.query<{ feature: string }>(sql, [id]);
  return rows[0]?.feature;
}

/** The bounding box (EPSG:4326) of the live records; null when there are none. */
export async function liveExtent(db: Queryable, c: CollectionDeclaration): Promise<[number, number, number, number] | null> {
  const sql = statement(`extent:${c.id}`, () => `
    select ST_XMin(e) as x1, ST_YMin(e) as y1, ST_XMax(e) as x2, ST_YMax(e) as y2
      from (select ST_Extent(${c.geometry4326}) as e from ${c.from} where ${c.live}) s`);
  const { rows } = await db.query<{ x1: number | null; y1: number; x2: number; y2: number }>(sql);
  const r = rows[0];
  return r && r.x1 !== null ? [Number(r.x1), Number(r.y1), Number(r.x2), Number(r.y2)] : null;
}

/**
 * The province's VN-2000 zones: its default (setting province.default_srid) first, then
 * any other zone a unit of today or of the past was surveyed in (a merged province such
 * as Đồng Nai since 2025 holds data of two zones).
 */
export async function provinceZoneSrids(db: Queryable): Promise<number[]> {
  const { rows } = await db.query<{ srid: number }>(
    `with d as (select coalesce((select (value #>> '{}')::int from setting where key = 'province.default_srid'), 9212) as srid)
     select d.srid, 0 as rank from d
     union
     select distinct u.srid, 1 from admin_unit u, d where u.srid is not null and u.srid <> d.srid
     order by rank, srid`,
  );
  return rows.map((r) => r.srid);
}
