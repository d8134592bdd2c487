// Vector tiles (issue #5 item 1): a tile decoded and its features and attributes checked,
// maps as of a time, the cache with ETag / 304, and an approved change dropping exactly
// the tiles it touched. On the server both encoders (ST_AsMVT, Node) are compared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { VectorTile, type VectorTileLayer } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { Database } from '../../db/database.js';
import { MutableClock } from '../../../test/support/mutable-clock.js';
import { openChangeTestApp, type ChangeOfficers, type ChangeTestApp } from '../../../test/support/change-officers.js';
import { buildTestApp } from '../../../test/support/test-app.js';
import { TILE_LAYERS, tileLayer } from './tile-layers.js';
import { encodeTile, type TileFeature } from './tile-encoding.js';
import * as repo from './tiles.repo.js';

const clock = new MutableClock(new Date('2026-11-25T02:00:00Z'));
let fixture: ChangeTestApp;
let db: Database;
let app: FastifyInstance;
let people: ChangeOfficers;
const UNIT = '25201';

interface Place { id: string; sheetNumber: number; parcelNumber: number; landUseCode: string; lon: number; lat: number; bbox: number[] }

/** The tile of zoom z holding a point. */
function tileAt(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { z, x, y };
}
/** A point in tile units of tile t. */
function inTile(lon: number, lat: number, t: { z: number; x: number; y: number }): [number, number] {
  const n = 2 ** t.z;
  const rad = (lat * Math.PI) / 180;
  const fx = ((lon + 180) / 360) * n;
  const fy = ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n;
  return [(fx - t.x) * 4096, (fy - t.y) * 4096];
}

const url = (layer: string, t: { z: number; x: number; y: number }, query = '') => `/api/v1/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt${query}`;
const get = (path: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: path, headers });

function decode(body: Buffer | Uint8Array): VectorTile {
  return new VectorTile(new PbfReader(body));
}
function features(layer: VectorTileLayer | undefined) {
  if (!layer) return [];
  return Array.from({ length: layer.length }, (_, i) => layer.feature(i));
}
const parcelsIn = (res: LightMyRequestResponse) => features(decode(res.rawPayload).layers.parcels);

const used = new Set<string>();
async function place(where = 'true'): Promise<Place> {
  const { rows } = await db.query<Place>(
    `select p.id, p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber", p.land_use_code as "landUseCode",
            ST_X(ST_PointOnSurface(p.geom_4326)) as lon, ST_Y(ST_PointOnSurface(p.geom_4326)) as lat,
            array[ST_XMin(p.geom_4326), ST_YMin(p.geom_4326), ST_XMax(p.geom_4326), ST_YMax(p.geom_4326)] as bbox
       from parcel p join admin_unit u on u.id = p.unit_id
      where u.code = $1 and p.valid_to is null and p.official_area > 300 and p.id <> all($2::uuid[]) and ${where}
      order by p.sheet_number, p.parcel_number limit 1`,
    [UNIT, [...used]],
  );
  used.add(rows[0]!.id);
  return rows[0]!;
}

beforeAll(async () => {
  fixture = await openChangeTestApp(clock);
  ({ db, app, people } = fixture);
}, 300_000);
afterAll(() => fixture.close());

describe('vector tiles (issue #5 item 1; U1, S-PORTAL)', () => {
  it('a z16 tile over a parcel holds it with its public attributes, in tile units', async () => {
    const p = await place();
    const t = tileAt(p.lon, p.lat, 16);
    const res = await get(url('parcels', t));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    const layer = decode(res.rawPayload).layers.parcels!;
    expect(layer.extent).toBe(4096);
    const all = features(layer);
    const mine = all.find((f) => f.properties.id === p.id)!;
    expect(mine).toBeDefined();
    expect(mine.type).toBe(3);
    expect(mine.properties).toMatchObject({ unitCode: UNIT, sheetNumber: p.sheetNumber, parcelNumber: p.parcelNumber, landUseCode: p.landUseCode });
    expect(typeof mine.properties.officialArea).toBe('number');
    for (const f of all) {
      // public attributes only: never a holder, an ID number or an address
      expect(Object.keys(f.properties).sort()).toEqual(['id', 'landUseCode', 'officialArea', 'parcelNumber', 'sheetNumber', 'unitCode']);
      for (const ring of f.loadGeometry()) for (const pt of ring) {
        expect(pt.x).toBeGreaterThanOrEqual(-64);
        expect(pt.x).toBeLessThanOrEqual(4096 + 64);
        expect(pt.y).toBeGreaterThanOrEqual(-64);
        expect(pt.y).toBeLessThanOrEqual(4096 + 64);
      }
    }
    // placed where it is: its point on surface falls inside its decoded extent
    const [px, py] = inTile(p.lon, p.lat, t);
    const [x0, y0, x1, y1] = mine.bbox();
    expect(px).toBeGreaterThanOrEqual(x0! - 1);
    expect(px).toBeLessThanOrEqual(x1! + 1);
    expect(py).toBeGreaterThanOrEqual(y0! - 1);
    expect(py).toBeLessThanOrEqual(y1! + 1);
    // every parcel of the tile is a live parcel of the database, and the tile holds all of them
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from parcel where valid_to is null
          and ST_Intersects(ST_Transform(geom_4326, 3857), ST_TileEnvelope($1, $2, $3))`,
      [t.z, t.x, t.y],
    );
    expect(all.filter((f) => f.loadGeometry().some((ring) => ring.some((pt) => pt.x > 0 && pt.x < 4096 && pt.y > 0 && pt.y < 4096))).length).toBeLessThanOrEqual(rows[0]!.n);
    expect(all.length).toBeGreaterThanOrEqual(rows[0]!.n);
  });

  it('parcel labels: one point per parcel, in the one tile that holds its point on surface', async () => {
    const p = await place();
    const t = tileAt(p.lon, p.lat, 18);
    const res = await get(url('parcel-labels', t));
    expect(res.statusCode, res.body).toBe(200);
    const labels = features(decode(res.rawPayload).layers['parcel-labels']);
    for (const label of labels) {
      expect(label.type).toBe(1);
      expect(Object.keys(label.properties).sort()).toEqual(['landUseCode', 'parcelNumber']);
    }
    const inside = labels.filter((f) => f.loadGeometry().every((ring) => ring.every((pt) => pt.x >= 0 && pt.x < 4096 && pt.y >= 0 && pt.y < 4096)));
    const { rows } = await db.query<{ parcel_number: number }>(
      `select parcel_number from parcel where valid_to is null
          and ST_Intersects(ST_Transform(ST_PointOnSurface(geom_4326), 3857), ST_TileEnvelope($1, $2, $3))
        order by id`,
      [t.z, t.x, t.y],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(inside.map((f) => f.properties.parcelNumber).sort()).toEqual(rows.map((r) => r.parcel_number).sort());
    expect(inside.some((f) => f.properties.parcelNumber === p.parcelNumber && f.properties.landUseCode === p.landUseCode)).toBe(true);
    // below its zoom the layer is empty
    expect((await get(url('parcel-labels', tileAt(p.lon, p.lat, 16)))).rawPayload.length).toBe(0);
  });

  it('admin units: today\'s units with code, name and level', async () => {
    const p = await place();
    const res = await get(url('admin-units', tileAt(p.lon, p.lat, 10)));
    expect(res.statusCode).toBe(200);
    const units = features(decode(res.rawPayload).layers['admin-units']);
    expect(units.length).toBeGreaterThan(0);
    for (const unit of units) expect(Object.keys(unit.properties).sort()).toEqual(['code', 'level', 'name']);
    const { rows } = await db.query<{ code: string; level: string; name: string }>(
      `select code, level, kind || ' ' || name as name from admin_unit
        where valid_to is null and ST_Intersects(boundary, ST_SetSRID(ST_MakePoint($1, $2), 4326)) and level = 'commune'`,
      [p.lon, p.lat],
    );
    const today = units.find((f) => f.properties.code === rows[0]!.code)!;
    expect(today.properties).toEqual(rows[0]);
  });

  it('a place with no parcels gives an empty tile; a zoom below the layer\'s gives one without a query', async () => {
    const sea = await get(url('parcels', tileAt(0.5, 0.5, 16)));
    expect(sea.statusCode).toBe(200);
    expect(sea.rawPayload.length).toBe(0);
    const p = await place();
    const far = await get(url('parcels', tileAt(p.lon, p.lat, 8)));
    expect(far.rawPayload.length).toBe(0);
  });

  it('refuses a bad address naming the parameter', async () => {
    const field = (res: LightMyRequestResponse) => JSON.stringify(res.json().error.details);
    const z23 = await get('/api/v1/tiles/parcels/23/0/0.mvt');
    expect(z23.statusCode).toBe(400);
    expect(field(z23)).toContain('params/z');
    const x = await get(`/api/v1/tiles/parcels/16/${2 ** 16}/0.mvt`);
    expect(x.statusCode).toBe(400);
    expect(field(x)).toContain('params/x');
    const y = await get(`/api/v1/tiles/parcels/3/0/8.mvt`);
    expect(y.statusCode).toBe(400);
    expect(field(y)).toContain('params/y');
    expect((await get('/api/v1/tiles/parcels/3/0/-1.mvt')).statusCode).toBe(400);
    expect((await get('/api/v1/tiles/holders/3/0/0.mvt')).statusCode).toBe(404);
    expect((await get('/api/v1/tiles/parcels/16/1/1.mvt?asOf=yesterday')).statusCode).toBe(400);
  });

  it('layers declared uncached (price segments, planning zones) are rendered on every request, still 304 by ETag', async () => {
    const p = await place();
    const uncached = TILE_LAYERS.filter((l) => l.cached === false);
    expect(uncached.map((l) => l.name).sort()).toEqual(['planning-zones', 'price-segments']);
    for (const layer of uncached) {
      const t = tileAt(p.lon, p.lat, Math.max(layer.minZoom, 14));
      const first = await get(url(layer.name, t));
      expect(first.statusCode, first.body).toBe(200);
      expect((await get(url(layer.name, t))).headers['x-tile-cache']).toBe('miss');
      expect((await get(url(layer.name, t), { 'if-none-match': String(first.headers.etag) })).statusCode).toBe(304);
    }
  });

  it('a cached tile: the same bytes and ETag, 304 on If-None-Match', async () => {
    const p = await place();
    const t = tileAt(p.lon, p.lat, 17);
    const first = await get(url('parcels', t));
    const second = await get(url('parcels', t));
    expect(first.headers['x-tile-cache']).toBe('miss');
    expect(second.headers['x-tile-cache']).toBe('hit');
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const revalidated = await get(url('parcels', t), { 'if-none-match': String(first.headers.etag) });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.rawPayload.length).toBe(0);
    expect((await get(url('parcels', t), { 'if-none-match': '"other"' })).statusCode).toBe(200);
  });

  it('an approved split re-renders the tiles over it only; a mortgage drops none; asOf shows the parent before and the children after', async () => {
    const p = await place();
    // a parcel well away from it (500 m): no tile of it meets the changed extents
    const elsewhere = await place(`not ST_DWithin(p.geom_4326, (select geom_4326 from parcel where id = '${p.id}'), 0.005)`);
    const over = [14, 16, 18].map((z) => tileAt(p.lon, p.lat, z));
    const away = tileAt(elsewhere.lon, elsewhere.lat, 18);
    expect(away).not.toEqual(over[2]);
    for (const t of [...over, away]) expect((await get(url('parcels', t))).statusCode).toBe(200);
    for (const t of [...over, away]) expect((await get(url('parcels', t))).headers['x-tile-cache']).toBe('hit');
    const before = clock.now();

    // a mortgage on the parcel changes no tile attribute: nothing is dropped
    const bank = { party: { kind: 'organisation', fullName: 'Ngân hàng Thương mại Cổ phần Công Thương Việt Nam - Chi nhánh Bình Phước' } };
    const key = { unitCode: UNIT, sheetNumber: p.sheetNumber, parcelNumber: p.parcelNumber };
    const mortgage = await people.api('POST', '/changes', people.officer, { type: 'mortgage', parcel: key, legalBasis: 'Hợp đồng thế chấp số 12/2026/HĐTC', edits: { lender: bank, amount: 300000000, contractRef: '12/2026/HĐTC' } });
    expect(mortgage.statusCode, mortgage.body).toBe(201);
    await people.later(1);
    expect((await people.api('POST', `/changes/${mortgage.json().id}/approve`, people.leader)).statusCode).toBe(200);
    for (const t of [...over, away]) expect((await get(url('parcels', t))).headers['x-tile-cache']).toBe('hit');

    const [x0, y0, x1, y1] = p.bbox as [number, number, number, number];
    const mid = (x0 + x1) / 2;
    const split = await people.api('POST', '/changes', people.officer, { type: 'split', parcel: key, legalBasis: 'Đơn đề nghị tách thửa ngày 20/11/2026',
      edits: { line: { type: 'LineString', coordinates: [[mid, y0 - 0.001], [mid, y1 + 0.001]] } } });
    expect(split.statusCode, split.body).toBe(201);
    await people.later(1);
    const approved = await people.api('POST', `/changes/${split.json().id}/approve`, people.leader);
    expect(approved.statusCode, approved.body).toBe(200);
    const children = (approved.json().result as Array<{ parcelNumber: number }>).map((k) => k.parcelNumber);
    expect(children).toHaveLength(2);

    const seen = new Set<unknown>();
    for (const t of over) {
      const res = await get(url('parcels', t));
      expect(res.headers['x-tile-cache'], `z${t.z}`).toBe('miss');
      const numbers = parcelsIn(res).filter((f) => f.properties.sheetNumber === p.sheetNumber).map((f) => f.properties.parcelNumber);
      expect(numbers).not.toContain(p.parcelNumber);
      // a tile over the parent's point holds a child; a tile edge may cut the other one off
      expect(children.some((child) => numbers.includes(child)), `z${t.z}`).toBe(true);
      for (const n of numbers) seen.add(n);
    }
    for (const child of children) expect(seen).toContain(child);
    expect((await get(url('parcels', away))).headers['x-tile-cache']).toBe('hit');

    const asOf = async (at: Date) => {
      const res = await get(url('parcels', over[1]!, `?asOf=${encodeURIComponent(at.toISOString())}`));
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-tile-cache']).toBe('miss');
      return parcelsIn(res).filter((f) => f.properties.sheetNumber === p.sheetNumber).map((f) => f.properties.parcelNumber);
    };
    const then = await asOf(before);
    expect(then).toContain(p.parcelNumber);
    for (const child of children) expect(then).not.toContain(child);
    const now = await asOf(clock.now());
    expect(now).not.toContain(p.parcelNumber);
    expect(children.some((child) => now.includes(child))).toBe(true);
  });
});

describe('tile caches of several processes on one database (issue #5: invalidation)', () => {
  it('a split approved through one app drops the cached tiles of another app on the same database', async () => {
    const other = await buildTestApp(db, {}, clock); // a second instance behind the load balancer
    try {
      const p = await place();
      const t = tileAt(p.lon, p.lat, 17);
      const fromOther = () => other.inject({ method: 'GET', url: url('parcels', t) });
      expect((await fromOther()).statusCode).toBe(200);
      expect((await fromOther()).headers['x-tile-cache']).toBe('hit');

      const [x0, y0, x1, y1] = p.bbox as [number, number, number, number];
      const mid = (x0 + x1) / 2;
      const key = { unitCode: UNIT, sheetNumber: p.sheetNumber, parcelNumber: p.parcelNumber };
      const split = await people.api('POST', '/changes', people.officer, { type: 'split', parcel: key, legalBasis: 'Đơn đề nghị tách thửa ngày 21/11/2026',
        edits: { line: { type: 'LineString', coordinates: [[mid, y0 - 0.001], [mid, y1 + 0.001]] } } });
      expect(split.statusCode, split.body).toBe(201);
      await people.later(1);
      expect((await people.api('POST', `/changes/${split.json().id}/approve`, people.leader)).statusCode).toBe(200);

      // the notification arrives after the commit, on the other app's own connection
      await expect.poll(async () => (await fromOther()).headers['x-tile-cache'], { timeout: 5000, interval: 50 }).toBe('miss');
      const numbers = parcelsIn(await fromOther()).filter((f) => f.properties.sheetNumber === p.sheetNumber).map((f) => f.properties.parcelNumber);
      expect(numbers).not.toContain(p.parcelNumber);
    } finally {
      await other.close();
    }
  });
});

describe('both encoders give the same tile (server database)', () => {
  it.runIf(process.env.TEST_DATABASE_URL)('ST_AsMVT and the Node encoder decode to the same features, attributes and geometry', async () => {
    expect(db.capabilities.mvtInDatabase).toBe(true);
    const p = await place();
    const tiles = [
      { layer: 'parcels', ...tileAt(p.lon, p.lat, 14) },
      { layer: 'parcels', ...tileAt(p.lon, p.lat, 16) },
      { layer: 'parcels', ...tileAt(p.lon, p.lat, 19) },
      { layer: 'parcel-labels', ...tileAt(p.lon, p.lat, 18) },
      { layer: 'admin-units', ...tileAt(p.lon, p.lat, 9) },
      { layer: 'admin-units', ...tileAt(p.lon, p.lat, 13) },
    ];
    for (const t of tiles) {
      const layer = tileLayer(t.layer)!;
      const q = { z: t.z, x: t.x, y: t.y, tolerance: (layer.simplify(t.z) * (2 * 20037508.342789244)) / 2 ** t.z / 4096 };
      const inDb = features(decode(await repo.mvtInDatabase(db, layer, q)).layers[layer.name]);
      const rows = await repo.tileFeatures(db, layer, q);
      const inNode = features(decode(encodeTile(layer.name, rows.map(({ geometry, ...properties }) => ({ geometry: JSON.parse(geometry) as TileFeature['geometry'], properties })))).layers[layer.name]);
      expect(inNode.length, `${t.layer} ${t.z}`).toBeGreaterThan(0);
      expect(inNode.map((f) => f.properties)).toEqual(inDb.map((f) => f.properties));
      for (const [i, f] of inNode.entries()) {
        const g = inDb[i]!;
        expect(f.type).toBe(g.type);
        // the same rings in the same places (within 4 units, 1/1000 of the tile): where a slanted
        // edge leaves the buffer, past the tile's edge where nothing is drawn, PostGIS cuts it a
        // few units from where ST_ClipByBox2D does
        const visible = (box: number[]) => box.map((v) => Math.min(4096, Math.max(0, v)));
        const [a, b] = [visible(f.bbox()), visible(g.bbox())];
        for (let k = 0; k < 4; k++) expect(Math.abs(a[k]! - b[k]!), `${t.layer} z${t.z} ${JSON.stringify(f.properties)} ${JSON.stringify([a, b])}`).toBeLessThanOrEqual(4);
        const area = (rings: ReturnType<typeof f.loadGeometry>) => rings.reduce((sum, ring) => sum + ring.reduce((s, pt, j) => s + (ring[(j + 1) % ring.length]!.x - pt.x) * (ring[(j + 1) % ring.length]!.y + pt.y), 0), 0);
        const [areaNode, areaDb] = [area(f.loadGeometry()), area(g.loadGeometry())];
        expect(Math.sign(areaNode)).toBe(Math.sign(areaDb));
        expect(Math.abs(areaNode - areaDb)).toBeLessThanOrEqual(Math.max(16, Math.abs(areaDb) * 0.02));
      }
    }
  });
});

it('every layer is declared with public attributes only', () => {
  const forbidden = /holder|party|national_id|id_number|address|full_name/i;
  for (const layer of TILE_LAYERS) for (const expression of Object.values(layer.attributes)) expect(expression).not.toMatch(forbidden);
});
