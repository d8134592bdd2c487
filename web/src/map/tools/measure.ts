// Measuring on the map: the points a user clicked, as a line (distance) or a polygon
// (area), measured geodesically on the WGS84 sphere with turf. These numbers are
// indicative only: official parcel areas are planar areas in the province's VN-2000
// zone (Thông tư 26/2024/TT-BTNMT on cadastral maps; verify: article number), so they
// can differ slightly from what is measured here.
import turfArea from '@turf/area';
import turfLength from '@turf/length';
import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';
import { formatArea } from '../../ui/format';

export type MeasureMode = 'distance' | 'area';

/** [lon, lat] in EPSG:4326 */
export type LonLat = readonly [number, number];

/** At most this many points in one measurement (a limit on input, like every other). */
export const MAX_MEASURE_POINTS = 500;

export interface Measurement {
  /** length of the line through the points, or the perimeter of the closed polygon (m) */
  readonly metres: number;
  /** the polygon's area (m²); null for a distance or with fewer than 3 points */
  readonly squareMetres: number | null;
}

function lineOf(points: readonly LonLat[]): Feature<LineString> {
  return { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: points.map((p) => [p[0], p[1]]) } };
}

function ringOf(points: readonly LonLat[]): number[][] {
  const ring = points.map((p) => [p[0], p[1]]);
  ring.push([points[0]![0], points[0]![1]]);
  return ring;
}

export function measure(mode: MeasureMode, points: readonly LonLat[]): Measurement {
  if (points.length < 2) return { metres: 0, squareMetres: null };
  if (mode === 'distance') return { metres: turfLength(lineOf(points), { units: 'meters' }), squareMetres: null };
  const closed = points.length >= 3 ? [...points, points[0]!] : points;
  const metres = turfLength(lineOf(closed), { units: 'meters' });
  if (points.length < 3) return { metres, squareMetres: null };
  const polygon: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ringOf(points)] } };
  return { metres, squareMetres: turfArea(polygon) };
}

/** What the measure layers draw: the line or polygon so far and its vertices. */
export function measureFeatures(mode: MeasureMode, points: readonly LonLat[]): FeatureCollection<LineString | Polygon | Point> {
  const features: Array<Feature<LineString | Polygon | Point>> = [];
  if (mode === 'area' && points.length >= 3) {
    features.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ringOf(points)] } });
  } else if (points.length >= 2) {
    features.push(lineOf(points));
  }
  for (const p of points) features.push({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [p[0], p[1]] } });
  return { type: 'FeatureCollection', features };
}

/** A distance as "850,5 m" below 1 km, else "1,25 km" (in the locale's digits). */
export function formatDistance(metres: number, locale: string): string {
  if (metres < 1000) {
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(metres)} m`;
  }
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(metres / 1000)} km`;
}

/** An area in m² (one decimal) and hectares (four decimals: 1 ha = 10 000 m²). */
export function formatMeasuredArea(squareMetres: number, locale: string): { squareMetres: string; hectares: string } {
  return {
    squareMetres: formatArea(squareMetres, locale),
    hectares: `${new Intl.NumberFormat(locale, { minimumFractionDigits: 4, maximumFractionDigits: 4 }).format(squareMetres / 10_000)} ha`,
  };
}

/**
 * The points after a click: the same spot clicked again (the two clicks of a double
 * click, a shaky hand) adds nothing; past MAX_MEASURE_POINTS nothing more is added.
 */
export function addMeasurePoint(points: readonly LonLat[], point: LonLat, sameSpot: (a: LonLat, b: LonLat) => boolean): readonly LonLat[] {
  const last = points[points.length - 1];
  if (last && sameSpot(last, point)) return points;
  if (points.length >= MAX_MEASURE_POINTS) return points;
  return [...points, point];
}
