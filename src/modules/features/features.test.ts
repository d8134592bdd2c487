// OGC API Features (issue #5 item 2): the documents, links and media types clients read,
// items by bbox with paging, datetime over the record's versions, the CRSs of Part 2, and
// the errors. On a fresh small database of its own (a new parcel version is made in SQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp } from '../../../test/support/test-app.js';
import { seedDemo } from '../demo/index.js';

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const EPSG = (n: number) => `http://www.opengis.net/def/crs/EPSG/0/${n}`;
const T = '2026-03-01T00:00:00.000Z'; // a new version of one parcel starts here

interface Link { href: string; rel: string; type: string }
interface Feature { id: string | number; geometry: { type: string; coordinates: number[][][][] }; properties: Record<string, unknown> }
interface Page { type: string; numberMatched: number; numberReturned: number; timeStamp: string; links: Link[]; features: Feature[] }

let test: TestDatabase;
let db: Database;
let app: FastifyInstance;
/** a small box around the middle of the demo's parcels: a few dozen parcels */
let box: [number, number, number, number];

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers: { host: 'lis.example:8080', ...headers } });
const linkOf = (doc: { links: Link[] }, rel: string) => doc.links.find((l) => l.rel === rel);
/** the path and query of an absolute link, for inject */
const pathOf = (href: string) => href.replace(/^https?:\/\/[^/]+/, '');

async function countInBox(b: readonly number[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from parcel where valid_to is null
        and ST_Intersects(geom_4326, ST_MakeEnvelope($1, $2, $3, $4, 4326))`,
    b,
  );
  return rows[0]!.n;
}

beforeAll(async () => {
  test = await openTestDatabase();
  db = test.db;
  await seedDemo(db, { parcels: 60, seed: 7 });
  // a unit of the merged province surveyed in the other zone (107°45', EPSG:5899), no parcels
  await db.query(`update admin_unit set srid = 5899 where id = (select u.id from admin_unit u where u.level = 'commune' and not exists (select 1 from parcel p where p.unit_id = u.id) order by u.code limit 1)`);
  app = await buildTestApp(db);
  const { rows } = await db.query<{ x: number; y: number; w: number; h: number }>(
    `select (ST_XMin(e) + ST_XMax(e)) / 2 as x, (ST_YMin(e) + ST_YMax(e)) / 2 as y, ST_XMax(e) - ST_XMin(e) as w, ST_YMax(e) - ST_YMin(e) as h
       from (select ST_Extent(geom_4326) as e from parcel where valid_to is null) s`,
  );
  const { x, y, w, h } = rows[0]!;
  box = [x - w / 6, y - h / 6, x + w / 6, y + h / 6];
}, 120_000);
afterAll(async () => {
  await app?.close();
  await test?.close();
});

describe('OGC API Features: documents and links', () => {
  it('the landing page links itself, the API definition, conformance and the collections', async () => {
    const res = await get('/ogc');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = res.json() as { links: Link[] };
    expect(linkOf(doc, 'self')).toMatchObject({ href: 'http://lis.example:8080/ogc', type: 'application/json' });
    expect(linkOf(doc, 'service-desc')).toMatchObject({ href: 'http://lis.example:8080/api/openapi.json', type: 'application/vnd.oai.openapi+json;version=3.0' });
    expect(linkOf(doc, 'conformance')?.href).toBe('http://lis.example:8080/ogc/conformance');
    expect(linkOf(doc, 'data')?.href).toBe('http://lis.example:8080/ogc/collections');
    // the API definition it points to exists and describes the OGC paths
    const openapi = (await get('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain('/ogc/collections/{collectionId}/items');
  });

  it('conformance declares Core, GeoJSON, OpenAPI 3.0 and CRS by Reference', async () => {
    const doc = (await get('/ogc/conformance?f=json')).json() as { conformsTo: string[] };
    expect(doc.conformsTo).toEqual(expect.arrayContaining([
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
      'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
    ]));
  });

  it('collections: parcels and admin-units, with their CRSs, storage CRS, extent and items link', async () => {
    const doc = (await get('/ogc/collections')).json() as { collections: Array<{ id: string; crs: string[]; storageCrs: string; extent?: { spatial: { bbox: number[][] } }; links: Link[] }> };
    expect(doc.collections.map((c) => c.id)).toEqual(['parcels', 'admin-units']);
    const parcels = doc.collections[0]!;
    expect(parcels.crs.slice(0, 3)).toEqual([CRS84, EPSG(4326), EPSG(9212)]); // and the other zones: below
    expect(parcels.storageCrs).toBe(EPSG(9212));
    expect(parcels.extent!.spatial.bbox[0]![0]).toBeGreaterThan(102);
    expect(linkOf(parcels, 'items')).toEqual(expect.objectContaining({ href: 'http://lis.example:8080/ogc/collections/parcels/items', type: 'application/geo+json' }));
    const one = (await get('/ogc/collections/admin-units')).json() as { id: string; links: Link[] };
    expect(one.id).toBe('admin-units');
    expect(linkOf(one, 'self')?.href).toBe('http://lis.example:8080/ogc/collections/admin-units');
  });

  it('items: GeoJSON with numberMatched, numberReturned, timeStamp, Content-Crs and public attributes only', async () => {
    const res = await get('/ogc/collections/parcels/items?limit=5');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.headers['content-crs']).toBe(`<${CRS84}>`);
    const page = res.json() as Page;
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from parcel where valid_to is null');
    expect(page).toMatchObject({ type: 'FeatureCollection', numberMatched: rows[0]!.n, numberReturned: 5, timeStamp: '2026-11-25T03:00:00.000Z' });
    expect(Object.keys(page.features[0]!.properties).sort()).toEqual(
      ['address', 'id', 'landUseCode', 'nationalCode', 'officialArea', 'parcelNumber', 'sheetNumber', 'unitCode', 'validFrom', 'validTo'],
    );
    expect(JSON.stringify(page)).not.toMatch(/fullName|idNumber|birthYear/);
    expect(linkOf(page, 'self')).toMatchObject({ type: 'application/geo+json' });
    expect(linkOf(page, 'collection')).toMatchObject({ href: 'http://lis.example:8080/ogc/collections/parcels', type: 'application/json' });
    // next seeks past the page's last id (keyset), and keeps the offset for prev
    expect(linkOf(page, 'next')?.href).toBe(`http://lis.example:8080/ogc/collections/parcels/items?limit=5&offset=5&after=${page.features[4]!.id}`);
    expect(linkOf(page, 'prev')).toBeUndefined();
  });

  it('links follow X-Forwarded-* only when the app trusts its proxy (LIS_TRUST_PROXY)', async () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'dat.binhphuoc.gov.vn' };
    expect(linkOf((await get('/ogc', forwarded)).json(), 'self')?.href).toBe('http://lis.example:8080/ogc');
    const behindProxy = await buildTestApp(db, { LIS_TRUST_PROXY: 'true' });
    try {
      const res = await behindProxy.inject({ url: '/ogc', headers: { host: 'internal:3000', ...forwarded } });
      expect(linkOf(res.json(), 'self')?.href).toBe('https://dat.binhphuoc.gov.vn/ogc');
    } finally {
      await behindProxy.close();
    }
  });

  it('admin-units: today\'s units with code, name, kind and level', async () => {
    const page = (await get('/ogc/collections/admin-units/items?limit=10000')).json() as Page;
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from admin_unit where valid_to is null');
    expect(page.numberMatched).toBe(rows[0]!.n);
    const ward = page.features.find((f) => f.properties.code === '25195')!;
    expect(ward.properties).toMatchObject({ name: 'Bình Phước', kind: 'Phường', level: 'commune' });
    expect(ward.geometry?.type).toBe('MultiPolygon');
  });
});

describe('OGC API Features: bbox and paging', () => {
  it('counts the parcels a bbox meets, as PostGIS does', async () => {
    const page = (await get(`/ogc/collections/parcels/items?bbox=${box.join(',')}&limit=1000`)).json() as Page;
    const expected = await countInBox(box);
    expect(expected).toBeGreaterThan(3);
    expect(page.numberMatched).toBe(expected);
    expect(page.numberReturned).toBe(expected);
  });

  it('next links chain through every feature of the bbox once, and prev goes back', async () => {
    const expected = await countInBox(box);
    const seen: string[] = [];
    let url: string | undefined = `/ogc/collections/parcels/items?bbox=${box.join(',')}&limit=3`;
    let pages = 0;
    let last: Page | undefined;
    while (url) {
      const page = (await get(url)).json() as Page;
      // counted on the first page; the pages reached by key do not count again
      if (pages === 0) expect(page.numberMatched).toBe(expected);
      else expect(page.numberMatched).toBeUndefined();
      seen.push(...page.features.map((f) => String(f.id)));
      pages++;
      last = page;
      const next = linkOf(page, 'next');
      url = next ? pathOf(next.href) : undefined;
      if (next) expect(next.type).toBe('application/geo+json');
    }
    expect(pages).toBe(Math.ceil(expected / 3));
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
    const prev = linkOf(last!, 'prev')!;
    expect(prev.href).toContain(`bbox=${box.join(',')}`);
    const back = (await get(pathOf(prev.href))).json() as Page;
    expect(back.features.map((f) => String(f.id))).toEqual(seen.slice(-last!.numberReturned - 3, -last!.numberReturned));
  });

  it('bbox in the VN-2000 zone (bbox-crs) and in EPSG:4326 lat/lon select the same parcels', async () => {
    const { rows } = await db.query<{ x1: number; y1: number; x2: number; y2: number }>(
      `select ST_XMin(b) as x1, ST_YMin(b) as y1, ST_XMax(b) as x2, ST_YMax(b) as y2
         from (select ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 4326), 9212)::box2d as b) s`,
      box,
    );
    const z = rows[0]!;
    const inZone = (await get(`/ogc/collections/parcels/items?bbox=${z.x1},${z.y1},${z.x2},${z.y2}&bbox-crs=${EPSG(9212)}&limit=1000`)).json() as Page;
    // the zone's box is a little larger than the degrees' box it encloses
    expect(inZone.numberMatched).toBeGreaterThanOrEqual(await countInBox(box));
    const latLon = (await get(`/ogc/collections/parcels/items?bbox=${box[1]},${box[0]},${box[3]},${box[2]}&bbox-crs=${EPSG(4326)}&limit=1000`)).json() as Page;
    expect(latLon.numberMatched).toBe(await countInBox(box));
  });
});

describe('OGC API Features: CRS (Part 2)', () => {
  it('crs=EPSG:9212 gives the stored VN-2000 coordinates (easting, northing), with Content-Crs', async () => {
    const res = await get(`/ogc/collections/parcels/items?limit=3&crs=${EPSG(9212)}`);
    expect(res.headers['content-crs']).toBe(`<${EPSG(9212)}>`);
    const page = res.json() as Page;
    for (const f of page.features) {
      const { rows } = await db.query<{ geojson: { coordinates: number[][][][] }; srid: number }>(
        'select ST_AsGeoJSON(ST_Transform(geom, 9212), 3)::json as geojson, srid from parcel where id = $1', [f.id]);
      expect(rows[0]!.srid).toBe(9212);
      expect(f.geometry.coordinates).toEqual(rows[0]!.geojson.coordinates);
      const [e, n] = f.geometry.coordinates[0]![0]![0]!;
      expect(e).toBeGreaterThan(300_000); // easting near the 500 000 m false easting
      expect(n).toBeGreaterThan(1_000_000); // northing: about 11.5° N
    }
  });

  it('every VN-2000 zone of the province is offered: the default first, then the zones units were surveyed in', async () => {
    const collection = (await get('/ogc/collections/parcels')).json() as { crs: string[]; storageCrs: string };
    expect(collection.crs).toEqual([CRS84, EPSG(4326), EPSG(9212), EPSG(5899)]);
    expect(collection.storageCrs).toBe(EPSG(9212));
    const res = await get(`/ogc/collections/parcels/items?limit=2&crs=${EPSG(5899)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-crs']).toBe(`<${EPSG(5899)}>`);
    for (const f of (res.json() as Page).features) {
      const { rows } = await db.query<{ geojson: { coordinates: number[][][][] } }>('select ST_AsGeoJSON(ST_Transform(geom, 5899), 3)::json as geojson from parcel where id = $1', [f.id]);
      expect(f.geometry.coordinates).toEqual(rows[0]!.geojson.coordinates);
    }
    expect((await get(`/ogc/collections/parcels/items?crs=${EPSG(9213)}`)).statusCode).toBe(400);
  });

  it('EPSG:4326 is lat/lon, CRS84 lon/lat', async () => {
    const lonLat = (await get('/ogc/collections/parcels/items?limit=1')).json() as Page;
    const latLon = (await get(`/ogc/collections/parcels/items?limit=1&crs=${encodeURIComponent(EPSG(4326))}`)).json() as Page;
    const [lon, lat] = lonLat.features[0]!.geometry.coordinates[0]![0]![0]!;
    expect(lon).toBeGreaterThan(100);
    expect(latLon.features[0]!.geometry.coordinates[0]![0]![0]).toEqual([lat, lon]);
  });

  it('one feature by id, in any CRS; unknown ids and collections are 404 in the error shape', async () => {
    const first = ((await get('/ogc/collections/parcels/items?limit=1')).json() as Page).features[0]!;
    const res = await get(`/ogc/collections/parcels/items/${first.id}?crs=${EPSG(9212)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.headers['content-crs']).toBe(`<${EPSG(9212)}>`);
    const feature = res.json() as Feature & { links: Link[] };
    expect(feature.id).toBe(first.id);
    expect(linkOf(feature, 'collection')?.href).toBe('http://lis.example:8080/ogc/collections/parcels');
    for (const url of ['/ogc/collections/parcels/items/00000000-0000-4000-8000-000000000000', '/ogc/collections/parcels/items/not-a-uuid', '/ogc/collections/roads', '/ogc/collections/roads/items']) {
      const missing = await get(url);
      expect(missing.statusCode, url).toBe(404);
      expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: { vi: expect.any(String), en: expect.any(String) } } });
    }
  });
});

describe('OGC API Features: datetime over the versions', () => {
  let oldId: string;
  let newId: string;
  beforeAll(async () => {
    const { rows } = await db.query<{ id: string }>(`select id from parcel where valid_to is null and valid_from < $1 order by id limit 1`, [T]);
    oldId = rows[0]!.id;
    await db.query('update parcel set valid_to = $2 where id = $1', [oldId, T]);
    const inserted = await db.query<{ id: string }>(
      `insert into parcel (parcel_uid, version, unit_id, sheet_number, parcel_number, srid, geom, official_area, land_use_code, address, valid_from)
       select parcel_uid, version + 1, unit_id, sheet_number, parcel_number, srid, geom, official_area, 'ODT', address, $2 from parcel where id = $1
       returning id`,
      [oldId, T],
    );
    newId = inserted.rows[0]!.id;
  });

  const idsAt = async (datetime: string) => {
    const page = (await get(`/ogc/collections/parcels/items?limit=10000&datetime=${encodeURIComponent(datetime)}`)).json() as Page;
    return page.features.map((f) => f.id);
  };

  it('an instant gives the versions in force then: the old one before the change, the new one after', async () => {
    const before = await idsAt('2026-02-01T00:00:00Z');
    expect(before).toContain(oldId);
    expect(before).not.toContain(newId);
    const after = await idsAt('2026-04-01T00:00:00Z');
    expect(after).toContain(newId);
    expect(after).not.toContain(oldId);
    // at the instant itself the new version is in force, the old one has ended
    expect(await idsAt(T)).toContain(newId);
    // without datetime: the live record
    expect(await idsAt('2026-11-25T00:00:00Z')).toEqual(((await get('/ogc/collections/parcels/items?limit=10000')).json() as Page).features.map((f) => f.id));
  });

  it('an interval gives every version alive in it; a date is that day in Vietnam', async () => {
    const both = await idsAt('2026-02-01T00:00:00Z/2026-04-01T00:00:00Z');
    expect(both).toEqual(expect.arrayContaining([oldId, newId]));
    expect(await idsAt('../2026-02-01T00:00:00Z')).not.toContain(newId);
    expect(await idsAt('2026-04-01T00:00:00Z/..')).not.toContain(oldId);
    expect(await idsAt('2026-03-01')).toEqual(expect.arrayContaining([oldId, newId])); // 2026-03-01 07:00+07 is inside that day
    expect(await idsAt('2026-02-28')).not.toContain(newId);
  });
});

describe('OGC API Features: bad requests name the parameter', () => {
  it.each([
    ['bbox=1,2,3', 'bbox'],
    ['bbox=106,11,105,12', 'bbox'],
    ['bbox=a,b,c,d', 'bbox'],
    ['limit=0', 'limit'],
    ['limit=10001', 'limit'],
    ['offset=-1', 'offset'],
    ['crs=http://www.opengis.net/def/crs/EPSG/0/3857', 'crs'],
    ['bbox-crs=EPSG:32648&bbox=1,2,3,4', 'bbox-crs'],
    ['datetime=yesterday', 'datetime'],
    ['datetime=2026-04-01T00:00:00Z/2026-02-01T00:00:00Z', 'datetime'],
    ['color=red', 'color'],
    ['after=42', 'after'],
    ['f=html', 'f'],
  ])('%s → 400 naming %s', async (query, parameter) => {
    const res = await get(`/ogc/collections/parcels/items?${query}`);
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; message: { vi: string; en: string } } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message.vi.length).toBeGreaterThan(0);
    expect(`${body.error.message.en} ${JSON.stringify(body)}`).toContain(parameter);
  });
});
