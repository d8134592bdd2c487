import { describe, expect, it } from 'vitest';
import type { UnitBoundaries } from '../api';
import { unitAt } from './point-in-unit';

const square = (code: string, x: number): UnitBoundaries['features'][number] => ({
  type: 'Feature',
  properties: { code, level: 'commune', kind: 'Xã', name: code, parentCode: null, parcelCount: 0 },
  geometry: { type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] },
});

describe('unitAt', () => {
  it('finds the unit whose boundary holds the point', () => {
    const boundaries: UnitBoundaries = { type: 'FeatureCollection', features: [square('A', 0), square('B', 1)] };
    expect(unitAt(boundaries, { lon: 1.5, lat: 0.5 })).toBe('B');
    expect(unitAt(boundaries, { lon: 0.2, lat: 0.9 })).toBe('A');
    expect(unitAt(boundaries, { lon: 3, lat: 0.5 })).toBeNull();
  });
});
