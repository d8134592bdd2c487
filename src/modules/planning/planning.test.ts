// S-PLAN (issue #8 part 2): plans with zones through the API, and the overlay of a parcel
// on the zones of the plans in force at a date. The parcel and the zones are rectangles
// in the commune's VN-2000 zone, so every expected area is worked out by hand here, apart
// from PostGIS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp, fixedClock } from '../../../test/support/test-app.js';
import { MutableClock } from '../../../test/support/mutable-clock.js';
import { createActiveAccount, signIn } from '../../../test/support/accounts.js';
import { seedDemo } from '../demo/index.js';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { readZoneFeatures } from './planning-rules.js';

const UNIT = '25195';
const SHEET = 9000;
const PARCEL = { unitCode: UNIT, sheetNumber: SHEET, parcelNumber: 1 };
/** the parcel: 100 m east × 50 m north = 5 000 m² */
const W = 100;
const H = 50;

let test: TestDatabase;
let db: Database;
let app: FastifyInstance;
let editor: string;
let editorId: string;
let srid: number;
let origin: { x: number; y: number };
/** moves on a second before each write: a plan's versions need lifespans that are not empty */
const clock = new MutableClock(fixedClock.now());
const SECOND = 1 / 86_400;

const api = (method: 'GET' | 'POST', url: string, cookie?: string, payload?: object) => {
  if (method === 'POST') clock.advanceDays(SECOND);
  return app.inject({ method, url: `/api/v1${url}`, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
};

/** A rectangle relative to the parcel's south-west corner, as GeoJSON coordinates in VN-2000. */
function rect(x1: number, y1: number, x2: number, y2: number): number[][][] {
  const { x, y } = origin;
  return [[[x + x1, y + y1], [x + x2, y + y1], [x + x2, y + y2], [x + x1, y + y2], [x + x1, y + y1]]];
}

const zone = (zoneCode: string, name: string, landUseCode: string, coordinates: unknown) => ({
  type: 'Feature', properties: { zoneCode, name, landUseCode }, geometry: { type: 'Polygon', coordinates },
});

async function plan(body: { kind: 'planning' | 'annual_plan'; name: string; periodStart: string; periodEnd: string; isPublic?: boolean }): Promise<string> {
  const res = await api('POST', '/planning/plans', editor, { unitCode: UNIT, isPublic: true, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function upload(planId: string, features: unknown[]) {
  return api('POST', `/planning/plans/${planId}/zones`, editor, { type: 'FeatureCollection', srid, features });
}

async function approve(planId: string, decisionDate: string, extra: object = {}): Promise<void> {
  const res = await api('POST', `/planning/plans/${planId}/approve`, editor, {
    decisionNumber: `${decisionDate.slice(2, 4)}/QĐ-UBND`, decisionDate, decisionAuthority: 'Ủy ban nhân dân tỉnh Đồng Nai', ...extra,
  });
  expect(res.statusCode, res.body).toBe(200);
}

interface OverlayBody {
  plans: Array<{ id: string; parcelArea: number; uncoveredArea: number; uncoveredShare: number; zones: Array<{ zoneCode: string; landUseCode: string; area: number; share: number }> }>;
}

async function overlay(date: string, cookie?: string): Promise<OverlayBody> {
  const res = await api('GET', `/planning/parcels/${UNIT}/${SHEET}/1?date=${date}`, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as OverlayBody;
}

const ids = {} as { old: string; current: string; yearly: string; draft: string; hidden: string };

beforeAll(async () => {
  test = await openTestDatabase();
  db = test.db;
  await seedDemo(db, { parcels: 60, seed: 7 });
  app = await buildTestApp(db, {}, clock);
  const account = await createActiveAccount(db, clock, [{ role: 'dept_land_officer', unitCode: '75' }]);
  editor = await signIn(app, account.username, account.password);
  editorId = account.id;
  // a rectangular parcel of its own sheet, registered in 2010, inside the commune
  const { rows } = await db.query<{ id: number; srid: number; x: number; y: number }>(
    `select u.id::int, s.srid, round(ST_X(s.pt)) as x, round(ST_Y(s.pt)) as y
       from admin_unit u,
            lateral (select coalesce(u.srid, 9212) as srid) z,
            lateral (select z.srid, ST_Transform(ST_PointOnSurface(u.boundary), z.srid) as pt) s
      where u.code = $1 and u.valid_to is null`,
    [UNIT],
  );
  const unit = rows[0]!;
  srid = unit.srid;
  origin = { x: Number(unit.x), y: Number(unit.y) };
  await db.query('insert into map_sheet (unit_id, sheet_number, scale, srid) values ($1, $2, 1000, $3)', [unit.id, SHEET, srid]);
  await db.query(
    `insert into parcel (unit_id, sheet_number, parcel_number, srid, geom, official_area, land_use_code, valid_from)
     values ($1, $2, 1, $3::int, ST_Multi(ST_MakeEnvelope($4::float8, $5::float8, $4::float8 + ${W}, $5::float8 + ${H}, $3::int)), ${W * H}, 'ONT', '2010-01-01T00:00:00+07:00')`,
    [unit.id, SHEET, srid, origin.x, origin.y],
  );

  // 2011-2020 plan: the whole parcel in perennial crops; replaced on 2022-01-01
  ids.old = await plan({ kind: 'planning', name: 'Quy hoạch sử dụng đất thời kỳ 2011-2020', periodStart: '2011-01-01', periodEnd: '2020-12-31' });
  expect((await upload(ids.old, [zone('Q1', 'Khu cây lâu năm', 'CLN', rect(-20, -20, 120, 70))])).statusCode).toBe(200);
  await approve(ids.old, '2013-05-10');
  // 2021-2030 plan: 40 % residential, 30 % road, 30 % outside every zone
  ids.current = await plan({ kind: 'planning', name: 'Quy hoạch sử dụng đất thời kỳ 2021-2030', periodStart: '2021-01-01', periodEnd: '2030-12-31' });
  const current = await upload(ids.current, [
    zone('A1', 'Khu dân cư phía tây', 'ONT', rect(-10, -10, 40, 60)),
    zone('A2', 'Đường giao thông', 'DGT', rect(40, -10, 70, 60)),
  ]);
  expect(current.statusCode, current.body).toBe(200);
  await approve(ids.current, '2021-12-20', { inForceFrom: '2022-01-01' });
  expect((await api('POST', `/planning/plans/${ids.old}/supersede`, editor, { supersededOn: '2022-01-01', supersededBy: ids.current })).statusCode).toBe(200);
  // the 2026 yearly plan: a commercial zone over the north-east quarter, overlapping both zones above
  ids.yearly = await plan({ kind: 'annual_plan', name: 'Kế hoạch sử dụng đất năm 2026', periodStart: '2026-01-01', periodEnd: '2026-12-31' });
  expect((await upload(ids.yearly, [zone('K1', 'Khu thương mại', 'TMD', rect(50, 25, 150, 100))])).statusCode).toBe(200);
  await approve(ids.yearly, '2026-01-20', { inForceFrom: '2026-02-01' });
  // a draft, and an approved plan kept from the public
  ids.draft = await plan({ kind: 'annual_plan', name: 'Kế hoạch sử dụng đất năm 2027 (dự thảo)', periodStart: '2027-01-01', periodEnd: '2027-12-31' });
  expect((await upload(ids.draft, [zone('D1', 'Khu dịch vụ', 'TMD', rect(0, 0, 100, 50))])).statusCode).toBe(200);
  ids.hidden = await plan({ kind: 'planning', name: 'Quy hoạch đất quốc phòng', periodStart: '2021-01-01', periodEnd: '2030-12-31', isPublic: false });
  expect((await upload(ids.hidden, [zone('QP1', 'Khu quốc phòng', 'CQP', rect(0, 0, 100, 25))])).statusCode).toBe(200);
  await approve(ids.hidden, '2022-03-01');
});
afterAll(async () => {
  await app?.close();
  await test?.close();
});

const TOLERANCE = 1e-6;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('S-PLAN overlay of a parcel on the zones in force', () => {
  it('gives each zone its share, the uncovered rest, adding to 100 % per plan, on partial and overlapping zones', async () => {
    const body = await overlay('2026-06-01');
    expect(body.plans.map((p) => p.id)).toEqual([ids.current, ids.yearly]);
    const [current, yearly] = body.plans as [OverlayBody['plans'][0], OverlayBody['plans'][0]];
    // by hand: the parcel is 100 × 50; A1 covers x 0-40 (2 000 m²), A2 x 40-70 (1 500 m²), x 70-100 is outside (1 500 m²)
    expect(current.parcelArea).toBeCloseTo(W * H, 6);
    expect(current.zones.map((z) => [z.zoneCode, z.landUseCode])).toEqual([['A1', 'ONT'], ['A2', 'DGT']]);
    expect(current.zones[0]!.area).toBeCloseTo(40 * H, 6);
    expect(current.zones[1]!.area).toBeCloseTo(30 * H, 6);
    expect(current.uncoveredArea).toBeCloseTo(30 * H, 6);
    expect(current.zones.map((z) => z.share)).toEqual([expect.closeTo(0.4, 9), expect.closeTo(0.3, 9)]);
    expect(sum(current.zones.map((z) => z.share)) + current.uncoveredShare).toBeCloseTo(1, 9);
    // K1 overlaps A1's neighbour and A2 but belongs to another plan: x 50-100 × y 25-50 = 1 250 m²
    expect(yearly.zones).toHaveLength(1);
    expect(yearly.zones[0]!.area).toBeCloseTo(50 * 25, 6);
    expect(yearly.zones[0]!.share).toBeCloseTo(0.25, 9);
    expect(yearly.uncoveredShare).toBeCloseTo(0.75, 9);
    for (const p of body.plans) expect(Math.abs(sum(p.zones.map((z) => z.area)) + p.uncoveredArea - p.parcelArea)).toBeLessThan(TOLERANCE * p.parcelArea);
  });

  it('chooses the plans in force on the date asked', async () => {
    const inForce = async (date: string) => (await overlay(date)).plans.map((p) => p.id);
    expect(await inForce('2012-06-01')).toEqual([]); // before the first decision
    expect(await inForce('2020-06-01')).toEqual([ids.old]);
    expect(await inForce('2021-12-31')).toEqual([ids.old]); // approved, not yet in force
    expect(await inForce('2022-01-01')).toEqual([ids.current]); // replaced that very day
    expect(await inForce('2026-01-31')).toEqual([ids.current]);
    expect(await inForce('2026-02-01')).toEqual([ids.current, ids.yearly]);
    expect(await inForce('2027-03-01')).toEqual([ids.current]); // the yearly plan ended with its year
    const old = (await overlay('2020-06-01')).plans[0]!;
    expect(old.zones.map((z) => [z.zoneCode, z.share])).toEqual([['Q1', expect.closeTo(1, 9)]]);
    expect(old.uncoveredArea).toBeCloseTo(0, 6);
    const listed = await api('GET', `/planning/plans?unitCode=${UNIT}&date=2020-06-01`);
    expect(listed.json().items.map((p: { id: string }) => p.id)).toEqual([ids.old]);
  });

  it('a parcel that did not exist on the date is not found', async () => {
    const res = await api('GET', `/planning/parcels/${UNIT}/${SHEET}/1?date=2009-12-31`);
    expect(res.statusCode).toBe(404);
  });
});

describe('S-PLAN overlay on the demo plan (irregular zones cut by the commune boundary)', () => {
  it('adds to 100 % for every parcel it touches, each share matching an independent geodesic computation', async () => {
    const { rows: parcels } = await db.query<{ unitCode: string; sheetNumber: number; parcelNumber: number; planId: string; shares: Record<string, number> }>(
      `with plan as (select plan_uid from land_use_plan where name like '%(dữ liệu mẫu)%' and valid_to is null)
       select u.code as "unitCode", p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber", plan.plan_uid as "planId",
              json_object_agg(z.zone_code, ST_Area(ST_Intersection(p.geom_4326, z.geom_4326)::geography) / ST_Area(p.geom_4326::geography)) as shares
         from plan join plan_zone z on z.plan_uid = plan.plan_uid
         join parcel p on p.geom_4326 && z.geom_4326 and ST_Intersects(p.geom_4326, z.geom_4326) and p.valid_to is null
         join admin_unit u on u.id = p.unit_id
        where p.sheet_number <> $1 and ST_Area(ST_Intersection(p.geom_4326, z.geom_4326)::geography) > 0.01
        group by u.code, p.sheet_number, p.parcel_number, plan.plan_uid
        order by count(*) desc, u.code, p.sheet_number, p.parcel_number
        limit 25`,
      [SHEET],
    );
    expect(parcels.length).toBeGreaterThan(5);
    let straddling = 0;
    for (const parcel of parcels) {
      const res = await api('GET', `/planning/parcels/${parcel.unitCode}/${parcel.sheetNumber}/${parcel.parcelNumber}`);
      const demo = (res.json() as OverlayBody).plans.find((p) => p.id === parcel.planId);
      if (!demo) throw new Error(`${JSON.stringify(parcel)} ${res.body}`);
      expect(sum(demo.zones.map((z) => z.share)) + demo.uncoveredShare).toBeCloseTo(1, 9);
      for (const z of demo.zones) expect(Math.abs(z.share - parcel.shares[z.zoneCode]!), `${parcel.parcelNumber} ${z.zoneCode}`).toBeLessThan(1e-3);
      if (demo.zones.length > 1) straddling += 1;
    }
    expect(straddling).toBeGreaterThan(0);
  });
});

describe('S-PLAN publication (Luật Đất đai 2024, Điều 75)', () => {
  it('hides drafts and non-public plans from the public, shows them to editors of the unit', async () => {
    expect((await api('GET', `/planning/plans/${ids.draft}`)).statusCode).toBe(404);
    expect((await api('GET', `/planning/plans/${ids.hidden}`)).statusCode).toBe(404);
    const detail = await api('GET', `/planning/plans/${ids.current}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().zones.features.map((f: { properties: { zoneCode: string } }) => f.properties.zoneCode)).toEqual(['A1', 'A2']);
    const publicList = (await api('GET', `/planning/plans?unitCode=${UNIT}`)).json().items.map((p: { id: string }) => p.id);
    expect(publicList).not.toContain(ids.draft);
    expect(publicList).not.toContain(ids.hidden);
    expect(publicList).toEqual(expect.arrayContaining([ids.old, ids.current, ids.yearly]));

    expect((await api('GET', `/planning/plans/${ids.draft}`, editor)).json().status).toBe('draft');
    const editorList = (await api('GET', `/planning/plans?unitCode=${UNIT}`, editor)).json().items.map((p: { id: string }) => p.id);
    expect(editorList).toEqual(expect.arrayContaining([ids.draft, ids.hidden]));
    // the non-public plan counts in the editor's overlay, never in the public's; a draft in neither
    expect((await overlay('2026-06-01')).plans.map((p) => p.id)).toEqual([ids.current, ids.yearly]);
    expect((await overlay('2026-06-01', editor)).plans.map((p) => p.id)).toEqual([ids.current, ids.hidden, ids.yearly]);
  });

  it('lets only planning.edit write, and audits writes under the officer\'s name', async () => {
    const reader = await createActiveAccount(db, clock, [{ role: 'agency_reader', unitCode: '75' }]);
    const cookie = await signIn(app, reader.username, reader.password);
    const res = await api('POST', '/planning/plans', cookie, { unitCode: UNIT, kind: 'planning', name: 'X', periodStart: '2031-01-01', periodEnd: '2040-12-31' });
    expect(res.statusCode).toBe(403);
    const { rows } = await db.query<{ objectType: string; n: number }>(
      `select object_type as "objectType", count(*)::int as n from audit_log
        where object_type in ('land_use_plan', 'plan_zone') and action = 'write.insert' and actor_id = $1
        group by object_type order by object_type`,
      [editorId],
    );
    // five plans created, four approved and one replaced (a new version each); five uploads (one statement each)
    expect(rows).toEqual([{ objectType: 'land_use_plan', n: 10 }, { objectType: 'plan_zone', n: 5 }]);
  });

  it('refuses to change an approved plan\'s zones', async () => {
    const res = await upload(ids.current, [zone('A9', 'Thêm', 'ONT', rect(200, 200, 210, 210))]);
    expect(res.statusCode).toBe(409);
  });
});

describe('S-PLAN map layer', () => {
  it('draws the zones of public approved plans in force, with public attributes only', async () => {
    const { rows } = await db.query<{ lon: number; lat: number }>(
      `select ST_X(c) as lon, ST_Y(c) as lat from (select ST_Transform(ST_SetSRID(ST_MakePoint($1::float8, $2::float8), $3::int), 4326) as c) t`,
      [origin.x + 10, origin.y + 10, srid],
    );
    const { lon, lat } = rows[0]!;
    const z = 16;
    const n = 2 ** z;
    const x = Math.floor(((lon + 180) / 360) * n);
    const rad = (lat * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
    const tile = async (query = '') => {
      const res = await api('GET', `/tiles/planning-zones/${z}/${x}/${y}.mvt${query}`);
      expect(res.statusCode).toBe(200);
      const layer = new VectorTile(new PbfReader(res.rawPayload)).layers['planning-zones'];
      return Array.from({ length: layer?.length ?? 0 }, (_, i) => layer!.feature(i).properties);
    };
    const live = await tile();
    expect(new Set(live.map((p) => p.planId))).toEqual(new Set([ids.current]));
    expect(Object.keys(live[0]!).sort()).toEqual(['landUseCode', 'name', 'planId']);
    const in2026 = await tile('?asOf=2026-06-01T00:00:00Z');
    expect(new Set(in2026.map((p) => p.planId))).toEqual(new Set([ids.current, ids.yearly]));
    const in2020 = await tile('?asOf=2020-06-01T00:00:00Z');
    expect(in2020.map((p) => [p.planId, p.landUseCode])).toEqual([[ids.old, 'CLN']]);
  });
});

describe('S-PLAN zone upload', () => {
  const zoneCount = async (planId: string) =>
    (await db.query<{ n: number }>('select count(*)::int as n from plan_zone where plan_uid = $1', [planId])).rows[0]!.n;

  it('refuses a bad file, naming each feature and field at fault, and saves nothing', async () => {
    const planId = await plan({ kind: 'planning', name: 'Quy hoạch thử tải lên', periodStart: '2031-01-01', periodEnd: '2040-12-31' });
    const good = zone('G1', 'Khu tốt', 'ONT', rect(0, 0, 10, 10));
    // caught before the database: a missing name, a line for a polygon
    const shape = await upload(planId, [good, { type: 'Feature', properties: { zoneCode: 'G2', landUseCode: 'ONT' }, geometry: good.geometry },
      { type: 'Feature', properties: { zoneCode: 'G3', name: 'Đường', landUseCode: 'DGT' }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }]);
    expect(shape.statusCode).toBe(400);
    expect(shape.json().error.details.findings.map((f: { feature: number; field: string }) => [f.feature, f.field])).toEqual([[1, 'properties.name'], [2, 'geometry']]);
    expect(shape.json().error.message.vi).toMatch(/phần tử 1, trường properties\.name/);
    expect(shape.json().error.message.en).toMatch(/feature 1, field properties\.name/);
    // caught by the database: an unknown land-use code, a self-intersecting polygon, an overlap
    const bowtie = rect(20, 20, 30, 30);
    bowtie[0] = [bowtie[0]![0]!, bowtie[0]![2]!, bowtie[0]![1]!, bowtie[0]![3]!, bowtie[0]![0]!];
    const db1 = await upload(planId, [good, zone('G2', 'Mã lạ', 'XYZ', rect(40, 0, 50, 10)), zone('G3', 'Nơ', 'ONT', bowtie)]);
    expect(db1.statusCode).toBe(400);
    expect(db1.json().error.details.findings.map((f: { feature: number; field: string }) => [f.feature, f.field])).toEqual([[1, 'properties.landUseCode'], [2, 'geometry']]);
    const overlapping = await upload(planId, [good, zone('G4', 'Chồng', 'DGT', rect(5, 5, 15, 15))]);
    expect(overlapping.statusCode).toBe(400);
    expect(overlapping.json().error.details.findings).toEqual([expect.objectContaining({ feature: 0, field: 'geometry', en: 'Overlaps feature 1 by 25 m²' })]);
    expect(await zoneCount(planId)).toBe(0);
    // the good zone alone is taken, with its planar area
    expect((await upload(planId, [good])).json().zoneCount).toBe(1);
    const { rows } = await db.query<{ area: number }>('select area from plan_zone where plan_uid = $1', [planId]);
    expect(rows[0]!.area).toBe(100);
    // and a later upload overlapping it is refused, naming the stored zone
    const again = await upload(planId, [zone('G5', 'Chồng lại', 'ONT', rect(5, 0, 12, 10))]);
    expect(again.json().error.details.findings[0].en).toBe('Overlaps stored zone G1 by 50 m²');
    expect(await zoneCount(planId)).toBe(1);
  });

  it('adds projects to a draft plan only, refusing an unknown land-use code by its index', async () => {
    const planId = await plan({ kind: 'annual_plan', name: 'Kế hoạch năm 2028', periodStart: '2028-01-01', periodEnd: '2028-12-31' });
    const project = { name: 'Mở rộng đường ĐT741', landUseCode: 'DGT', area: 12500, plannedYear: 2028 };
    const bad = await api('POST', `/planning/plans/${planId}/projects`, editor, { projects: [project, { ...project, landUseCode: 'XYZ' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('projects/1/landUseCode');
    const ok = await api('POST', `/planning/plans/${planId}/projects`, editor, { projects: [project] });
    expect(ok.json().projects).toEqual([expect.objectContaining({ name: project.name, landUseCode: 'DGT', area: 12500, plannedYear: 2028, status: 'planned' })]);
    expect((await api('GET', `/planning/plans/${planId}`, editor)).json().projects).toHaveLength(1);
    const approved = await api('POST', `/planning/plans/${ids.current}/projects`, editor, { projects: [project] });
    expect(approved.statusCode).toBe(409);
    expect(approved.json().error.message.vi).toBe('Quy hoạch đã phê duyệt: không thể thêm công trình, dự án');
  });

  it('reads GeoJSON in EPSG:4326 and checks its ranges', () => {
    const lonLat = readZoneFeatures([zone('W1', 'Khu', 'ONT', [[[106.9, 11.5], [106.91, 11.5], [106.91, 11.51], [106.9, 11.5]]])], true);
    expect(lonLat.findings).toEqual([]);
    expect(lonLat.zones[0]!.wkt).toBe('MULTIPOLYGON(((106.9 11.5, 106.91 11.5, 106.91 11.51, 106.9 11.5)))');
    const vn2000 = readZoneFeatures([zone('W1', 'Khu', 'ONT', rect(0, 0, 10, 10))], true);
    expect(vn2000.findings.map((f) => [f.feature, f.field, f.en])).toEqual([[0, 'geometry', 'Geometry: longitude or latitude out of range (EPSG:4326)']]);
    const open = readZoneFeatures([zone('W1', 'Khu', 'ONT', [[[0, 0], [1, 0], [1, 1], [0, 1]]])], false);
    expect(open.findings[0]!.en).toBe('Geometry: a ring is not closed');
  });
});
