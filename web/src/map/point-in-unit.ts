// Which unit's boundary holds a point: used to find the current commune of a parcel
// recorded under a unit that has since been merged (the parcel keeps its old unit code).
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { UnitBoundaries } from '../api';

function inRing(ring: readonly Position[], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i]!;
    const [xj = 0, yj = 0] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(rings: readonly (readonly Position[])[], lon: number, lat: number): boolean {
  const [outer, ...holes] = rings;
  return !!outer && inRing(outer, lon, lat) && !holes.some((hole) => inRing(hole, lon, lat));
}

export function containsPoint(geometry: Polygon | MultiPolygon, lon: number, lat: number): boolean {
  return geometry.type === 'Polygon'
    ? inPolygon(geometry.coordinates, lon, lat)
    : geometry.coordinates.some((polygon) => inPolygon(polygon, lon, lat));
}

/** The code of the first unit whose boundary holds the point, or null. */
export function unitAt(boundaries: UnitBoundaries, point: { lon: number; lat: number }): string | null {
  const hit = boundaries.features.find((feature) => containsPoint(feature.geometry, point.lon, point.lat));
  return hit ? hit.properties.code : null;
}
