// Bounding boxes of GeoJSON, for fitting the view to what was loaded.
import type { FeatureCollection, Geometry, Position } from 'geojson';

export type Bounds = [minLon: number, minLat: number, maxLon: number, maxLat: number];

function visit(coords: unknown, acc: Bounds): void {
  if (!Array.isArray(coords)) return;
  if (typeof coords[0] === 'number') {
    const [lon, lat] = coords as Position;
    if (lon === undefined || lat === undefined) return;
    acc[0] = Math.min(acc[0], lon);
    acc[1] = Math.min(acc[1], lat);
    acc[2] = Math.max(acc[2], lon);
    acc[3] = Math.max(acc[3], lat);
    return;
  }
  for (const child of coords) visit(child, acc);
}

function geometryCoordinates(geometry: Geometry | null): unknown {
  if (!geometry) return undefined;
  if (geometry.type === 'GeometryCollection') return geometry.geometries.map(geometryCoordinates);
  return geometry.coordinates;
}

/** The bounds of all features, or null when there is nothing to bound. */
export function boundsOf(collection: FeatureCollection | { features: FeatureCollection['features'] }): Bounds | null {
  const acc: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of collection.features) visit(geometryCoordinates(feature.geometry), acc);
  return Number.isFinite(acc[0]) ? acc : null;
}
