import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sharedTestDatabase } from '../../test/support/test-database.js';

// Points across Bình Phước in its VN-2000 zone (EPSG:9212): easting, northing in metres.
const POINTS: Array<[number, number]> = [
  [570688.14, 1282901.03], // near Đồng Xoài
  [530000.0, 1310000.0], // Lộc Ninh side
  [620000.0, 1345000.0], // Bù Gia Mập side
  [595123.456, 1265432.1],
];

/** PROJ's own answer: cs2cs EPSG:9212 → EPSG:4326 (latitude, longitude order). */
function cs2cs(points: Array<[number, number]>): Array<[number, number]> {
  const input = points.map(([e, n]) => `${e} ${n}`).join('\n') + '\n';
  const output = execFileSync('cs2cs', ['-f', '%.10f', 'EPSG:9212', 'EPSG:4326'], { input, encoding: 'utf8' });
  return output
    .trim()
    .split('\n')
    .map((line) => {
      const [lat, lon] = line.split(/\s+/).map(Number);
      return [lon!, lat!];
    });
}

/** Metres between two WGS84 positions this close together (local flat approximation). */
function metresApart([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
  const r = 6378137;
  const dx = ((lon2 - lon1) * Math.PI * r * Math.cos((lat1 * Math.PI) / 180)) / 180;
  const dy = ((lat2 - lat1) * Math.PI * r) / 180;
  return Math.hypot(dx, dy);
}

describe('VN-2000 zone of the province (issue #2, coordinate systems)', () => {
  it('converts EPSG:9212 to WGS84 as PROJ cs2cs does, within 1 mm', async () => {
    const db = await sharedTestDatabase();
    const expected = cs2cs(POINTS);
    for (const [i, [e, n]] of POINTS.entries()) {
      const { rows } = await db.query<{ lon: number; lat: number }>(
        `select ST_X(g) as lon, ST_Y(g) as lat from (select ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 9212), 4326) g) t`,
        [e, n],
      );
      const ours: [number, number] = [rows[0]!.lon, rows[0]!.lat];
      expect(metresApart(ours, expected[i]!)).toBeLessThan(0.001);
    }
  });

  it('applies the EPSG datum shift (about 200 m), not a zero shift', async () => {
    const db = await sharedTestDatabase();
    // Same point read as VN-2000 geographic (4756) vs WGS84 (4326): must differ by ~0.2 km.
    const { rows } = await db.query<{ d: number }>(
      `select ST_Distance(ST_Transform(ST_SetSRID(ST_MakePoint(106.9, 11.6), 4756), 9212),
                          ST_Transform(ST_SetSRID(ST_MakePoint(106.9, 11.6), 4326), 9212)) as d`,
    );
    expect(rows[0]!.d).toBeGreaterThan(150);
    expect(rows[0]!.d).toBeLessThan(300);
  });

  it('has every VN-2000 TM-3 zone a unit may be surveyed in (EPSG:9205-9218)', async () => {
    const db = await sharedTestDatabase();
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from spatial_ref_sys where srid between 9205 and 9218');
    expect(rows[0]!.n).toBe(14);
    const setting = await db.query<{ srid: number }>(`select (value #>> '{}')::int as srid from setting where key = 'province.default_srid'`);
    expect(setting.rows[0]!.srid).toBe(9212);
  });
});
