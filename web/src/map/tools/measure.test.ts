import { describe, expect, it } from 'vitest';
import { addMeasurePoint, formatDistance, formatMeasuredArea, MAX_MEASURE_POINTS, measure, measureFeatures, type LonLat } from './measure';

// A square 0.001° of latitude on each side near Đồng Xoài: 0.001° of latitude is about
// 110.6 m; of longitude at 11.5° N, about 109.1 m (WGS84 sphere in turf: R = 6 371 008.8 m).
const R = 6_371_008.8;
const dLat = (0.001 * Math.PI * R) / 180;
const dLon = dLat * Math.cos((11.5 * Math.PI) / 180);
const square: LonLat[] = [
  [106.9, 11.5],
  [106.901, 11.5],
  [106.901, 11.501],
  [106.9, 11.501],
];
const same = (a: LonLat, b: LonLat) => a[0] === b[0] && a[1] === b[1];

describe('S-PORTAL map tools: measure', () => {
  it('measures a distance along the clicked points', () => {
    const m = measure('distance', square.slice(0, 3));
    expect(m.metres).toBeCloseTo(dLon + dLat, -0.5);
    expect(m.squareMetres).toBeNull();
  });

  it('measures the area and perimeter of the closed polygon', () => {
    const m = measure('area', square);
    expect(m.squareMetres! / (dLon * dLat)).toBeCloseTo(1, 2);
    expect(m.metres).toBeCloseTo(2 * (dLon + dLat), -0.5);
    expect(measure('area', square.slice(0, 2)).squareMetres).toBeNull();
    expect(measure('distance', square.slice(0, 1)).metres).toBe(0);
  });

  it('formats in Vietnamese: m below 1 km, km above; m² and ha', () => {
    expect(formatDistance(850.46, 'vi-VN')).toBe('850,5 m');
    expect(formatDistance(1250, 'vi-VN')).toBe('1,25 km');
    expect(formatDistance(1250, 'en-GB')).toBe('1.25 km');
    expect(formatMeasuredArea(12_345.67, 'vi-VN')).toEqual({ squareMetres: '12.345,7 m²', hectares: '1,2346 ha' });
  });

  it('ignores the same spot clicked twice (a double click) and caps the points', () => {
    const one = addMeasurePoint([], square[0]!, same);
    expect(addMeasurePoint(one, square[0]!, same)).toBe(one);
    expect(addMeasurePoint(one, square[1]!, same)).toHaveLength(2);
    const full = Array.from({ length: MAX_MEASURE_POINTS }, (_, i) => [i, 0] as LonLat);
    expect(addMeasurePoint(full, [1000, 1], same)).toHaveLength(MAX_MEASURE_POINTS);
  });

  it('draws a line for distances, a polygon for areas, and the vertices', () => {
    expect(measureFeatures('distance', square).features.map((f) => f.geometry.type)).toEqual(['LineString', 'Point', 'Point', 'Point', 'Point']);
    expect(measureFeatures('area', square).features[0]!.geometry.type).toBe('Polygon');
    expect(measureFeatures('area', square.slice(0, 2)).features[0]!.geometry.type).toBe('LineString');
  });
});
