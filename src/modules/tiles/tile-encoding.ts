// Encodes features already in tile units (from tiles.repo.ts tileFeatures) as a Mapbox
// Vector Tile with @maplibre/vt-pbf (the maintained fork MapLibre itself uses). Used where
// the database cannot encode tiles (PGlite): the result decodes to the same features and
// attributes as ST_AsMVT's (tiles.test.ts compares both on the server).
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { TILE_EXTENT } from './tile-layers.js';

type Position = [number, number];
type Geometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] };

export interface TileFeature {
  geometry: Geometry;
  properties: Record<string, string | number | boolean | null>;
}

/** MVT geometry type (1 point, 2 line, 3 polygon) and its parts: rings of all polygons in a row. */
function parts(g: Geometry): { type: 1 | 2 | 3; geometry: Position[] | Position[][] } {
  switch (g.type) {
    case 'Point': return { type: 1, geometry: [g.coordinates] };
    case 'MultiPoint': return { type: 1, geometry: g.coordinates };
    case 'LineString': return { type: 2, geometry: [g.coordinates] };
    case 'MultiLineString': return { type: 2, geometry: g.coordinates };
    case 'Polygon': return { type: 3, geometry: g.coordinates };
    case 'MultiPolygon': return { type: 3, geometry: g.coordinates.flat() };
  }
}

/** One layer's features as tile bytes; no feature, no layer (an empty tile, as ST_AsMVT gives). */
export function encodeTile(layerName: string, features: readonly TileFeature[]): Buffer {
  if (features.length === 0) return Buffer.alloc(0);
  const encoded = features.map((f) => {
    const tags: Record<string, string | number | boolean> = {};
    for (const [key, value] of Object.entries(f.properties)) if (value !== null) tags[key] = value;
    return { ...parts(f.geometry), tags };
  });
  // fromGeojsonVt only reads `features` of each layer
  const bytes = fromGeojsonVt({ [layerName]: { features: encoded } } as unknown as Parameters<typeof fromGeojsonVt>[0], { version: 2, extent: TILE_EXTENT });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
