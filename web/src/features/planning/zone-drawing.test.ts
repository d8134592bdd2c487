import { describe, expect, it } from 'vitest';
import { drawZones, polygonsOf } from './zone-drawing';

describe('S-PLAN portal: the static drawing of a plan\'s zones', () => {
  it('fits the zones in the box, north up, keeping their proportions', () => {
    const west = { polygons: polygonsOf({ type: 'Polygon', coordinates: [[[106, 11], [106.01, 11], [106.01, 11.01], [106, 11.01], [106, 11]]] }) };
    const east = { polygons: polygonsOf({ type: 'MultiPolygon', coordinates: [[[[106.01, 11], [106.02, 11], [106.02, 11.01], [106.01, 11]]]] }) };
    const [a, b] = drawZones([west, east], 200, 100, 0);
    // two squares side by side: 200 wide would need 100 high after the cos(11°) shrink, so the height binds
    const numbers = (d: string) => d.replace(/[MLZ]/g, ' ').trim().split(/[ ,]+/).map(Number);
    const xs = [...numbers(a!.d), ...numbers(b!.d)].filter((_, i) => i % 2 === 0);
    const ys = [...numbers(a!.d), ...numbers(b!.d)].filter((_, i) => i % 2 === 1);
    expect(Math.min(...ys)).toBe(0);
    expect(Math.max(...ys)).toBe(100);
    const width = Math.max(...xs) - Math.min(...xs);
    expect(width).toBeCloseTo(200 * Math.cos((11.005 * Math.PI) / 180), 0);
    // north up: the northern edge (11.01) is at the top
    expect(a!.d.startsWith('M')).toBe(true);
    expect(numbers(a!.d)[1]).toBe(100); // first point (106, 11) is the south-west corner
    expect(b!.d.endsWith('Z')).toBe(true);
  });

  it('draws nothing for zones without polygons', () => {
    expect(drawZones([{ polygons: polygonsOf(null) }], 100, 100)).toEqual([{ d: '' }]);
    expect(polygonsOf({ type: 'LineString', coordinates: [] })).toEqual([]);
  });
});
