import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sharedTestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp, fixedClock } from '../../../test/support/test-app.js';
import { createActiveAccount, signIn } from '../../../test/support/accounts.js';

let app: FastifyInstance;
let officer: string; // cookie of a Land Registration Office officer of the province
beforeAll(async () => {
  const db = await sharedTestDatabase();
  app = await buildTestApp(db);
  const account = await createActiveAccount(db, fixedClock, [{ role: 'lro_staff', unitCode: '75' }]);
  officer = await signIn(app, account.username, account.password);
});
afterAll(() => app.close());

describe('parcels over HTTP (issue #2 item 6; F1, F4: query the land database)', () => {
  it('returns a parcel by unit code + sheet + number with its basic data', async () => {
    const res = await app.inject({ url: '/api/v1/parcels/25195/1/1' });
    expect(res.statusCode).toBe(200);
    const parcel = res.json();
    expect(parcel).toMatchObject({ unitCode: '25195', unitName: 'Phường Tân Phú', sheetNumber: 1, parcelNumber: 1, srid: 9212 });
    expect(parcel.officialArea).toBeGreaterThan(0);
    // the national identification code: GeoHash (12 characters) of a point inside the parcel
    expect(parcel.nationalCode).toMatch(/^[0-9b-hjkmnp-z]{12}$/);
    const db = await sharedTestDatabase();
    const codes = await db.query<{ inside: number; total: number; distinct_codes: number }>(
      `select count(*) filter (where ST_Contains(geom_4326, ST_SetSRID(ST_PointFromGeoHash(national_code), 4326)))::int as inside,
              count(*)::int as total, count(distinct national_code)::int as distinct_codes from parcel where valid_to is null`,
    );
    // every code decodes to a point inside its own parcel, and no two live parcels share one
    expect(codes.rows[0]!.inside).toBe(codes.rows[0]!.total);
    expect(codes.rows[0]!.distinct_codes).toBe(codes.rows[0]!.total);
    expect(parcel.landUseName.vi).toMatch(/^Đất /);
    expect(parcel.centroid.lon).toBeGreaterThan(parcel.bbox[0]);
    expect(parcel.centroid.lon).toBeLessThan(parcel.bbox[2]);
    // no personal data on this public look-up (P4): neither the holder's name nor ID
    const { rows } = await db.query<{ full_name: string; id_number: string | null }>(
      `select full_name, id_number from party join land_right r on r.party_id = party.id where r.parcel_id = $1 and r.right_type = 'land_use'`,
      [parcel.id],
    );
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(parcel)).not.toContain(rows[0]!.full_name);
    if (rows[0]!.id_number) expect(JSON.stringify(parcel)).not.toContain(rows[0]!.id_number);
  });

  it('returns the parcels of a unit as GeoJSON in EPSG:4326, including merged predecessors', async () => {
    const res = await app.inject({ url: '/api/v1/units/25195/parcels?limit=20000' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.numberMatched).toBe(1500);
    expect(fc.numberReturned).toBe(1500);
    const [first] = fc.features;
    expect(first.geometry.type).toBe('MultiPolygon');
    const [lon, lat] = first.geometry.coordinates[0][0][0];
    expect(lon).toBeGreaterThan(106.3);
    expect(lon).toBeLessThan(107.6);
    expect(lat).toBeGreaterThan(11.2);
    expect(lat).toBeLessThan(12.4);
    expect(first.properties).toMatchObject({ unitCode: expect.stringMatching(/^\d{5}$/), sheetNumber: 1, parcelNumber: 1 });
  });

  it('pages and filters by bbox', async () => {
    const detail = (await app.inject({ url: '/api/v1/parcels/25195/1/1' })).json();
    const [minLon, minLat, maxLon, maxLat] = detail.bbox;
    const res = await app.inject({ url: `/api/v1/units/25195/parcels?limit=5&bbox=${minLon},${minLat},${maxLon},${maxLat}` });
    const fc = res.json();
    expect(fc.numberReturned).toBeLessThanOrEqual(5);
    expect(fc.numberMatched).toBeLessThan(1500);
    expect(fc.features.map((f: { id: string }) => f.id)).toContain(detail.id);
  });

  it('answers the same parcel for the old and the new unit of a reused code', async () => {
    const today = (await app.inject({ url: '/api/v1/units/25195/parcels?limit=1' })).json();
    const before = (await app.inject({ url: '/api/v1/units/25195/parcels?limit=1&asOf=2024-12-31' })).json();
    expect(before.numberMatched).toBeLessThan(today.numberMatched); // the old ward alone
    expect(before.features[0].id).toBe(today.features[0].id);
  });

  it('names the version of a parcel, and finds it as of a time only while it was in force (issue #4 item 2)', async () => {
    const live = (await app.inject({ url: '/api/v1/parcels/25195/1/1' })).json();
    expect(live).toMatchObject({ version: 1, validTo: null, parcelUid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    // validFrom is shown to the millisecond, stored to the microsecond: a millisecond later it is in force
    const then = await app.inject({ url: `/api/v1/parcels/25195/1/1?asOf=${new Date(Date.parse(live.validFrom) + 1).toISOString()}` });
    expect(then.json()).toMatchObject({ id: live.id, version: 1 });
    // before its registration the key named no parcel
    const before = await app.inject({ url: `/api/v1/parcels/25195/1/1?asOf=${new Date(Date.parse(live.validFrom) - 1000).toISOString()}` });
    expect(before.statusCode).toBe(404);
    expect(before.json().error.details).toMatchObject({ parcelNumber: 1, asOf: expect.any(String) });
  });

  it('finds the parcels at a WGS84 point with no personal data (issue #4 item 2; U2 public look-up)', async () => {
    const live = (await app.inject({ url: '/api/v1/parcels/25195/1/1' })).json();
    const res = await app.inject({ url: `/api/v1/parcels/at?lon=${live.centroid.lon}&lat=${live.centroid.lat}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { id: live.id, unitCode: '25195', sheetNumber: 1, parcelNumber: 1, landUseCode: live.landUseCode, officialArea: live.officialArea, nationalCode: live.nationalCode },
    ]);
  });

  it('looks up many parcels at once and says which were not found', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/parcels/lookup',
      headers: { cookie: officer },
      payload: { items: [{ unitCode: '25195', sheetNumber: 1, parcelNumber: 1 }, { unitCode: '25195', sheetNumber: 9999, parcelNumber: 1 }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().found).toHaveLength(1);
    expect(res.json().notFound).toEqual([{ unitCode: '25195', sheetNumber: 9999, parcelNumber: 1 }]);
  });

  it('lists the land-use code list with colours', async () => {
    const res = await app.inject({ url: '/api/v1/land-use-codes' });
    const items = res.json().items;
    expect(items.find((c: { code: string }) => c.code === 'CLN')).toMatchObject({ nameVi: 'Đất trồng cây lâu năm', groupCode: 'NNP' });
    expect(items.every((c: { mapColor: string }) => /^#[0-9a-f]{6}$/.test(c.mapColor))).toBe(true);
  });
});

describe('malformed requests get a 4xx with the error shape, never a 500 (issue #2 must-show)', () => {
  const cases: Array<[string, string, number, string]> = [
    ['bad unit code', '/api/v1/parcels/25A95/1/1', 400, 'params/unitCode'],
    ['unit code too long', '/api/v1/parcels/123456/1/1', 400, 'params/unitCode'],
    ['bad sheet number', '/api/v1/parcels/25195/abc/1', 400, 'params/sheetNumber'],
    ['sheet number zero', '/api/v1/parcels/25195/0/1', 400, 'params/sheetNumber'],
    ['huge parcel number', '/api/v1/parcels/25195/1/99999999999', 400, 'params/parcelNumber'],
    ['unknown parcel', '/api/v1/parcels/25195/9999/99999', 404, 'parcelNumber'],
    ['unknown unit', '/api/v1/units/99999/parcels', 404, 'unitCode'],
    ['limit too large', '/api/v1/units/25195/parcels?limit=1000000', 400, 'querystring/limit'],
    ['inverted bbox', '/api/v1/units/25195/parcels?bbox=107,12,106,11', 400, 'querystring/bbox'],
    ['bbox not numbers', '/api/v1/units/25195/parcels?bbox=a,b,c,d', 400, 'querystring/bbox'],
    ['unknown query parameter', '/api/v1/units/25195/parcels?drop=table', 400, 'querystring'],
    ['asOf not a time', '/api/v1/parcels/25195/1/1?asOf=2025-02-30T00:00:00Z', 400, 'querystring/asOf'],
    ['point outside Vietnam', '/api/v1/parcels/at?lon=2.35&lat=48.85', 400, 'querystring/lon'],
    ['point not a number', '/api/v1/parcels/at?lon=east&lat=11', 400, 'querystring/lon'],
    ['unknown route', '/api/v1/nothing-here', 404, ''],
  ];
  it.each(cases)('%s', async (_name, url, status, field) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body.error.code).toBe(status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED');
    expect(body.error.message.vi.length).toBeGreaterThan(5);
    expect(body.error.message.en.length).toBeGreaterThan(5);
    expect(JSON.stringify(body.error)).toContain(field);
    expect(body.requestId).toBe(res.headers['x-request-id']);
  });

  it('oversized body → 413 with the error shape', async () => {
    const small = await buildTestApp(await sharedTestDatabase(), { LIS_BODY_LIMIT: '2048' });
    const items = Array.from({ length: 200 }, (_, i) => ({ unitCode: '25195', sheetNumber: 1, parcelNumber: i + 1 }));
    const res = await small.inject({ method: 'POST', url: '/api/v1/parcels/lookup', payload: { items } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    await small.close();
  });

  it('too many items or a malformed JSON body → 400', async () => {
    const items = Array.from({ length: 501 }, (_, i) => ({ unitCode: '25195', sheetNumber: 1, parcelNumber: i + 1 }));
    const many = await app.inject({ method: 'POST', url: '/api/v1/parcels/lookup', headers: { cookie: officer }, payload: { items } });
    expect(many.statusCode).toBe(400);
    expect(many.json().error.details.fields[0].field).toBe('body/items');
    const broken = await app.inject({ method: 'POST', url: '/api/v1/parcels/lookup', headers: { 'content-type': 'application/json', cookie: officer }, payload: '{"items": [' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('VALIDATION_FAILED');
  });
});
