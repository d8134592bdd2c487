// The SQL of vector tiles, built from the layer declarations (tile-layers.ts). Two ways
// to one tile, chosen by the database's capabilities, never by its driver:
// - in the database (PostGIS with protobuf, the server): ST_AsMVTGeom + ST_AsMVT in one
//   statement, the tile comes back as bytes;
// - in Node (PGlite's PostGIS has no protobuf, and no ST_AsMVTGeom either): the same
//   steps in plain PostGIS (simplify, clip to the tile and its buffer, scale to tile
//   units, snap to the integer grid, make valid, exterior rings as ST_AsMVTGeom turns them) and the
//   geometry in tile units comes back as GeoJSON for tile-encoding.ts.
// Parameters of every statement: $1 z, $2 x, $3 y, $4 simplification tolerance (EPSG:3857
// metres), $5 buffer as a fraction of the tile, and for a map as of a time $6 timestamptz.
import type { Queryable } from '../../db/database.js';
import { TILE_BUFFER, TILE_EXTENT, type TileLayer } from './tile-layers.js';

const NAME = /^[a-z][a-z0-9-]*$/;

function lifespan(layer: TileLayer, asOf: boolean): string {
  const { from, to } = layer.lifespan;
  return asOf ? `${from} <= $6::timestamptz and (${to} is null or ${to} > $6::timestamptz)` : `${to} is null`;
}

function attributeList(layer: TileLayer): string {
  return Object.entries(layer.attributes)
    .map(([name, expression]) => `${expression} as "${name}"`)
    .join(', ');
}

function conditions(layer: TileLayer, asOf: boolean, searchBox: string): string {
  return [`${layer.geometry} && ${searchBox}`, lifespan(layer, asOf), ...(layer.filter ? [layer.filter] : [])].join(' and ');
}

/** The geometry in EPSG:3857, simplified by the zoom's tolerance ($4); the same input to both encoders. */
function simplified(layer: TileLayer): string {
  // a point is left as it is by ST_Simplify: the statement keeps the same parameters
  const shape = layer.shape === 'label-points' ? `ST_PointOnSurface(${layer.geometry})` : layer.geometry;
  return `ST_Simplify(ST_Transform(${shape}, 3857), $4, true)`;
}

/** ST_CollectionExtract's type: what is kept of a clipped geometry. */
const EXTRACTED = { polygons: 3, lines: 2, 'label-points': 1 } as const;

/** The tile as MVT bytes, encoded by PostGIS (needs capabilities.mvtInDatabase). Exported for bench/. */
export function mvtInDatabaseSql(layer: TileLayer, asOf: boolean): string {
  if (!NAME.test(layer.name)) throw new Error(`bad tile layer name ${layer.name}`);
  return `
    select coalesce(ST_AsMVT(t, '${layer.name}', ${TILE_EXTENT}, 'geom'), ''::bytea) as tile
      from (select ${attributeList(layer)},
                   ST_AsMVTGeom(${simplified(layer)}, ST_TileEnvelope($1, $2, $3), ${TILE_EXTENT}, ${TILE_BUFFER}, true) as geom
              from ${layer.source}
             where ${conditions(layer, asOf, 'ST_Transform(ST_TileEnvelope($1, $2, $3, margin => $5), 4326)')}
             order by ${layer.orderBy}) t
     where t.geom is not null`;
}

/** The features of the tile with their geometry in tile units (GeoJSON text), for encoding in Node. */
export function tileFeaturesSql(layer: TileLayer, asOf: boolean): string {
  const scale = (lo: string, hi: string) => `${TILE_EXTENT} / (${hi}(k.env) - ${lo}(k.env))`;
  return `
    with k as (select ST_TileEnvelope($1, $2, $3) as env, ST_TileEnvelope($1, $2, $3, margin => $5) as clip)
    select ${Object.keys(layer.attributes).map((name) => `t."${name}"`).join(', ')}, ST_AsGeoJSON(t.geom, 0) as geometry
      from (select ${attributeList(layer)},
                   ST_ForcePolygonCCW(ST_CollectionExtract(ST_MakeValid(ST_SnapToGrid(ST_TransScale(
                     ST_ClipByBox2D(${simplified(layer)}, k.clip),
                     -ST_XMin(k.env), -ST_YMax(k.env), ${scale('ST_XMin', 'ST_XMax')}, -${scale('ST_YMin', 'ST_YMax')}), 1)), ${EXTRACTED[layer.shape ?? 'polygons']})) as geom
              from ${layer.source}, k
             where ${conditions(layer, asOf, 'ST_Transform(k.clip, 4326)')}
             order by ${layer.orderBy}) t
     where not ST_IsEmpty(t.geom)`;
}

export interface TileQuery {
  z: number;
  x: number;
  y: number;
  /** Douglas-Peucker tolerance in EPSG:3857 metres */
  tolerance: number;
  /** absent: the live features */
  asOf?: Date | undefined;
}

const params = (q: TileQuery) => [q.z, q.x, q.y, q.tolerance, TILE_BUFFER / TILE_EXTENT, ...(q.asOf ? [q.asOf] : [])];

export async function mvtInDatabase(db: Queryable, layer: TileLayer, q: TileQuery): Promise<Buffer> {
  const { rows } = await db.query<{ tile: Buffer | Uint8Array }>(mvtInDatabaseSql(layer, Boolean(q.asOf)), params(q));
  const tile = rows[0]?.tile;
  return tile ? Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength) : Buffer.alloc(0);
}

export interface TileFeatureRow {
  /** GeoJSON text of the geometry in tile units (integers, y down) */
  geometry: string;
  [attribute: string]: string | number | boolean | null;
}

export async function tileFeatures(db: Queryable, layer: TileLayer, q: TileQuery): Promise<TileFeatureRow[]> {
  const { rows } = await db.query<TileFeatureRow>(tileFeaturesSql(layer, Boolean(q.asOf)), params(q));
  return rows;
}
