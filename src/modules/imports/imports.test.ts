// Contractor deliveries end to end on the real engines (issue #6): files written by
// ogr2ogr, loaded into staging by the job, checked by every rule, committed as one change.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp, fixedClock } from '../../../test/support/test-app.js';
import { MutableClock } from '../../../test/support/mutable-clock.js';
import { seedDemo } from '../demo/index.js';
import { acceptProject, createProject, requestAccount } from '../accounts/index.js';
import { createActiveAccount, nextNationalId, signIn } from '../../../test/support/accounts.js';
import * as service from './imports.service.js';
import type { Queryable } from '../../db/database.js';
import { geoJson, geoPackage, shapefileZip, square, tempDir, type FixtureFeature } from '../../../test/support/import-fixtures.js';

/** A free spot inside the live unit with a code, 30 m from any live parcel: easting, northing in the zone. */
export async function freeSpot(db: Queryable, unitCode: string, srid: number): Promise<[number, number]> {
  const { rows } = await db.query<{ x: number; y: number }>(
    `with u as (select ST_Transform(boundary, $2::int) g from admin_unit where code = $1 and valid_to is null),
          p as (select ST_Union(ST_Buffer(ST_Transform(geom, $2::int), 30)) g from parcel where valid_to is null and geom_4326 && (select boundary from admin_unit where code = $1 and valid_to is null)),
          free as (select ST_Difference(ST_Buffer(u.g, -100), coalesce(p.g, 'POLYGON EMPTY'::geometry)) g from u, p)
     select ST_X(c) as x, ST_Y(c) as y from (select (ST_MaximumInscribedCircle(g)).center c from free) x`,
    [unitCode, srid],
  );
  return [Math.floor(rows[0]!.x), Math.floor(rows[0]!.y)];
}

let handle: TestDatabase;
let db: Database;
let unit: { id: number; code: string; srid: number };
let deps: service.ImportsDeps;
const officer: service.Caller = { actor: { id: null, name: 'test officer' }, may: () => true };

interface LiveParcel { sheet: number; parcel: number; geometry: unknown; area: number; landUse: string }
let live: LiveParcel[];
let spot: [number, number];

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await seedDemo(db, { parcels: 120, seed: 3 });
  const { rows } = await db.query<{ id: number; code: string; srid: number }>(
    `select u.id::int, u.code, p.srid from parcel p join admin_unit u on u.id = p.unit_id where p.valid_to is null
      group by u.id, u.code, p.srid order by count(*) desc limit 1`,
  );
  unit = rows[0]!;
  const parcels = await db.query<LiveParcel>(
    `select sheet_number as sheet, parcel_number as parcel, ST_AsGeoJSON(geom, 4)::json as geometry, official_area as area, land_use_code as "landUse"
       from parcel where unit_id = $1 and valid_to is null order by sheet_number, parcel_number limit 3`,
    [unit.id],
  );
  live = parcels.rows.map((p) => ({ ...p, area: Number(p.area) }));
  spot = await freeSpot(db, unit.code, unit.srid);
  deps = { db, clock: fixedClock, dir: tempDir(), chunkSize: 2 };
}, 300_000);

afterAll(() => handle?.close());

/** Two live parcels re-surveyed (same keys) and two new ones on a new sheet, in the unit's zone. */
function goodDelivery(): FixtureFeature[] {
  const [x, y] = spot;
  return [
    ...live.slice(0, 2).map((p) => ({
      properties: { MAXA: unit.code, SHBANDO: p.sheet, SOTHUA: p.parcel, MALOAIDAT: p.landUse, DIENTICH: p.area, NGUONGOC: 'CN-CTT', DIACHI: 'Thôn Đồng Tâm, xã Tân Lập', CHUSUDUNG: 'Nguyễn Văn Hòa', SOGIAYTO: '070199000111' },
      geometry: p.geometry,
    })),
    { properties: { MAXA: null, SHBANDO: 901, SOTHUA: 1, MALOAIDAT: 'CLN', DIENTICH: 400, NGUONGOC: 'CN-CTT', DIACHI: 'Thôn Đồng Tâm', CHUSUDUNG: 'Trần Thị Lụa', SOGIAYTO: '070199000222' }, geometry: square(x, y, 20) },
    { properties: { MAXA: null, SHBANDO: 901, SOTHUA: 2, MALOAIDAT: 'ONT', DIENTICH: 400, NGUONGOC: null, DIACHI: 'Thôn Đồng Tâm', CHUSUDUNG: 'Lê Văn Được', SOGIAYTO: '070199000333' }, geometry: square(x + 20, y, 20) },
  ];
}

async function upload(file: string, extra: Partial<service.UploadInput> = {}) {
  const batch = await service.uploadDelivery(deps, officer, { unitCode: unit.code, fileName: file.split('/').pop()!, tempPath: file, ...extra });
  await service.runPendingImports(deps);
  return service.getBatch(deps, officer, batch.id);
}

async function staged(batchId: string) {
  const { rows } = await db.query<{ index: number; attributes: Record<string, unknown>; area: number; x: number; y: number }>(
    `select source_index as index, attributes, ST_Area(geom) as area, ST_XMin(geom) as x, ST_YMin(geom) as y
       from import_feature where batch_id = $1 order by source_index`,
    [batchId],
  );
  return rows;
}

describe('contractor deliveries: formats in (issue #6 item 1)', () => {
  it('O11 loads a zipped shapefile written by ogr2ogr in the VN-2000 zone, its system told by the .prj', async () => {
    const batch = await upload(shapefileZip(goodDelivery(), unit.srid, 'utf8'));
    expect(batch.job?.status, batch.job?.error ?? '').toBe('done');
    expect(batch).toMatchObject({ status: 'validated', format: 'shapefile', sourceSrid: unit.srid, encoding: 'utf8', errorCount: 0 });
    const rows = await staged(batch.id);
    expect(rows).toHaveLength(4);
    expect(rows[2]!.attributes.DIACHI).toBe('Thôn Đồng Tâm');
    expect(rows[3]!.attributes.CHUSUDUNG).toBe('Lê Văn Được');
    // same zone in and out: the vertices stay where they were (below 1 mm)
    expect(Math.abs(rows[2]!.x - spot[0])).toBeLessThan(0.001);
    expect(rows[2]!.area).toBeCloseTo(400, 3);
  });

  for (const encoding of ['tcvn3', 'vni', 'cp1258'] as const) {
    it(`O11 reads a shapefile whose .dbf is in ${encoding} (detected without a .cpg, or from it)`, async () => {
      const batch = await upload(shapefileZip(goodDelivery(), unit.srid, encoding));
      expect(batch.job?.status, batch.job?.error ?? '').toBe('done');
      expect(batch.encoding).toBe(encoding);
      const rows = await staged(batch.id);
      expect(rows[0]!.attributes.DIACHI).toBe('Thôn Đồng Tâm, xã Tân Lập');
      expect(rows[3]!.attributes.CHUSUDUNG).toBe(encoding === 'tcvn3' ? 'Lê Văn Được' : 'Lê Văn Được');
    });
  }

  it('O11 takes the encoding the uploader names over the detection', async () => {
    const batch = await upload(shapefileZip(goodDelivery(), unit.srid, 'tcvn3'), { encoding: 'vni' });
    expect(batch.encoding).toBe('vni');
    const rows = await staged(batch.id);
    expect(rows[0]!.attributes.DIACHI).not.toBe('Thôn Đồng Tâm, xã Tân Lập');
  });

  it('O11 loads a GeoPackage written by ogr2ogr (GeoPackage binary header, WKB to PostGIS)', async () => {
    const batch = await upload(geoPackage(goodDelivery(), unit.srid));
    expect(batch.job?.error ?? null).toBeNull();
    expect(batch).toMatchObject({ status: 'validated', format: 'gpkg', sourceSrid: unit.srid, errorCount: 0 });
    const rows = await staged(batch.id);
    expect(rows).toHaveLength(4);
    expect(rows[3]!.attributes.CHUSUDUNG).toBe('Lê Văn Được');
    expect(Math.abs(rows[2]!.x - spot[0])).toBeLessThan(0.001);
  });

  it('O11 loads a GeoJSON in WGS 84 (RFC 7946) written by ogr2ogr and transforms it to the zone within 1 mm', async () => {
    const batch = await upload(geoJson(goodDelivery(), unit.srid, true));
    expect(batch).toMatchObject({ status: 'validated', format: 'geojson', sourceSrid: 4326, errorCount: 0 });
    const rows = await staged(batch.id);
    expect(Math.abs(rows[2]!.x - spot[0])).toBeLessThan(0.001);
    expect(Math.abs(rows[2]!.y - spot[1])).toBeLessThan(0.001);
  });
});

describe('validation report (issue #6 item 2)', () => {
  let batchId: string;
  const [x0, y0] = [0, 0];
  beforeAll(async () => {
    const [x, y] = spot;
    const base = { MALOAIDAT: 'CLN', DIENTICH: 100, NGUONGOC: 'CN-CTT', SOGIAYTO: null as string | null, CHUSUDUNG: null as string | null, DOITUONG: 'GDC' };
    const f = (index: number, props: Record<string, unknown>, geometry: unknown): FixtureFeature => ({ properties: { SHBANDO: 950, SOTHUA: index + 1, ...base, ...props } as FixtureFeature['properties'], geometry });
    const cell = (i: number) => square(x + i * 15, y + 100, 10);
    const features: FixtureFeature[] = [
      f(0, {}, cell(0)),
      f(1, {}, { type: 'Polygon', coordinates: [[[x + 15, y + 100], [x + 25, y + 110], [x + 25, y + 100], [x + 15, y + 110], [x + 15, y + 100]]] }),
      f(2, { SOTHUA: null }, cell(2)),
      f(3, { SOTHUA: 1 }, cell(3)),
      f(4, { MALOAIDAT: 'XYZ' }, cell(4)),
      f(5, { NGUONGOC: 'ZZZ' }, cell(5)),
      f(6, { DIENTICH: 500 }, cell(6)),
      f(7, {}, square(x + 5, y + 105, 10)),
      f(8, {}, live[2]!.geometry),
      f(9, {}, square(x + 500_000, y, 10)),
      f(10, { DIENTICH: null }, cell(10)),
      f(11, { DOITUONG: 'ABC' }, cell(11)),
      f(12, { SOGIAYTO: '070199000999', CHUSUDUNG: 'Phạm Văn An' }, cell(12)),
      f(13, { SOGIAYTO: '070199000999', CHUSUDUNG: 'Phạm Thị Bình' }, cell(13)),
      f(14, {}, { type: 'LineString', coordinates: [[x, y + 200], [x + 10, y + 210]] }),
      f(15, { DIENTICH: 84 }, { type: 'Polygon', coordinates: [[[x, y + 300], [x + 10, y + 300], [x + 10, y + 310], [x, y + 310], [x, y + 300]], [[x + 3, y + 303], [x + 7, y + 303], [x + 7, y + 307], [x + 3, y + 307], [x + 3, y + 303]]] }),
    ];
    // features 8 (live parcel's own shape): give it the live area so only the overlap shows
    features[8]!.properties.DIENTICH = live[2]!.area;
    const file = geoJson(features, unit.srid, false);
    const batch = await upload(file, { checkGaps: true });
    expect(batch.job?.error ?? null).toBeNull();
    batchId = batch.id;
    void x0;
    void y0;
  });

  const expectations: Array<[string, number | null, string, 'error' | 'warning']> = [
    ['geometry.invalid', 1, 'geometry', 'error'],
    ['key.missing', 2, 'SOTHUA', 'error'],
    ['key.duplicate', 3, 'SOTHUA', 'error'],
    ['code.land_use', 4, 'MALOAIDAT', 'error'],
    ['code.origin', 5, 'NGUONGOC', 'error'],
    ['area.mismatch', 6, 'DIENTICH', 'error'],
    ['overlap.batch', 7, 'geometry', 'error'],
    ['overlap.live', 8, 'geometry', 'error'],
    ['outside.unit', 9, 'geometry', 'error'],
    ['required.missing', 10, 'DIENTICH', 'error'],
    ['code.party_kind', 11, 'DOITUONG', 'error'],
    ['party.duplicate', 13, 'SOGIAYTO', 'warning'],
    ['geometry.type', 14, 'geometry', 'error'],
    ['gap.batch', null, 'geometry', 'warning'],
  ];
  for (const [rule, index, field, severity] of expectations) {
    it(`O11 rule ${rule} names feature ${index ?? '(batch)'} and field ${field}`, async () => {
      const report = await service.report(deps, officer, batchId, 1000);
      const hit = report.findings.find((f) => f.rule === rule && f.featureIndex === index);
      expect(hit, JSON.stringify(report.findings.map((f) => [f.rule, f.featureIndex]))).toBeDefined();
      expect(hit).toMatchObject({ severity, field });
      expect(hit!.message.vi.length).toBeGreaterThan(5);
      if (rule !== 'geometry.type') expect(hit!.location).not.toBeNull();
    });
  }

  it('O11 rule geometry.unreadable names the features whose geometry cannot be read (missing, a type GeoJSON does not have), the others load', async () => {
    const [x, y] = spot;
    const file = `${tempDir()}/broken.geojson`;
    const props = { SHBANDO: 960, MALOAIDAT: 'CLN', DIENTICH: 100, NGUONGOC: 'CN-CTT' };
    fs.writeFileSync(file, JSON.stringify({
      type: 'FeatureCollection', crs: { type: 'name', properties: { name: `EPSG:${unit.srid}` } },
      features: [
        { type: 'Feature', properties: { ...props, SOTHUA: 1 }, geometry: square(x, y + 400, 10) },
        { type: 'Feature', properties: { ...props, SOTHUA: 2 }, geometry: null },
        { type: 'Feature', properties: { ...props, SOTHUA: 3 }, geometry: { type: 'Circle', coordinates: [x, y], radius: 5 } },
      ],
    }));
    const batch = await upload(file);
    expect(batch.job?.status).toBe('done');
    expect(await staged(batch.id)).toHaveLength(3);
    const report = await service.report(deps, officer, batch.id, 100);
    const unreadable = report.findings.filter((f) => f.rule === 'geometry.unreadable');
    expect(unreadable.map((f) => [f.featureIndex, f.field])).toEqual([[1, 'geometry'], [2, 'geometry']]);
    expect(report.findings.filter((f) => f.featureIndex === 0)).toEqual([]);
  });

  it('O11 the control feature has no finding, and a batch with errors cannot be committed', async () => {
    const report = await service.report(deps, officer, batchId, 1000);
    expect(report.findings.filter((f) => f.featureIndex === 0)).toEqual([]);
    expect(report.counts.errors).toBeGreaterThan(10);
    await expect(service.commitBatch(deps, officer, batchId, 'Biên bản nghiệm thu số 12/BB')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('O15 a re-uploaded fixed delivery replaces the staging rows; the old findings stay as history', async () => {
    const before = await db.query<{ n: number }>('select count(*)::int as n from import_finding where batch_id = $1 and attempt = 1', [batchId]);
    const replaced = await service.replaceDelivery(deps, officer, batchId, { fileName: 'fixed.zip', tempPath: shapefileZip(goodDelivery(), unit.srid) });
    expect(replaced.attempt).toBe(2);
    await service.runPendingImports(deps);
    const batch = await service.getBatch(deps, officer, batchId);
    expect(batch, JSON.stringify([batch.job, (await service.report(deps, officer, batchId, 5)).findings])).toMatchObject({ status: 'validated', errorCount: 0, attempt: 2 });
    expect(await staged(batchId)).toHaveLength(4);
    const after = await db.query<{ n: number }>('select count(*)::int as n from import_finding where batch_id = $1 and attempt = 1', [batchId]);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});

describe('commit and reject (issue #6 item 3)', () => {
  it('O15 commits a validated delivery as one survey_import change: replaced parcels get a new version with lineage, new ones are added', async () => {
    const batch = await upload(shapefileZip(goodDelivery(), unit.srid));
    const countLive = async () => (await db.query<{ n: number }>('select count(*)::int as n from parcel where valid_to is null')).rows[0]!.n;
    const before = await countLive();
    const result = await service.commitBatch(deps, officer, batch.id, 'Quyết định nghiệm thu số 45/QĐ-VPĐK');
    expect(result).toMatchObject({ created: 2, replaced: 2 });
    expect(result.batch).toMatchObject({ status: 'committed', changeId: result.changeId });
    expect(await countLive()).toBe(before + 2);
    const change = await db.query<{ change_type: string; status: string }>('select change_type, status from land_change where id = $1', [result.changeId]);
    expect(change.rows[0]).toEqual({ change_type: 'survey_import', status: 'approved' });
    const versions = await db.query<{ version: number; live: boolean; lineage: number }>(
      `select p.version, p.valid_to is null as live, (select count(*)::int from parcel_lineage l where l.child_id = p.id and l.change_id = $4) as lineage
         from parcel p where p.unit_id = $1 and p.sheet_number = $2 and p.parcel_number = $3 order by p.version`,
      [unit.id, live[0]!.sheet, live[0]!.parcel, result.changeId],
    );
    expect(versions.rows).toEqual([{ version: 1, live: false, lineage: 0 }, { version: 2, live: true, lineage: 1 }]);
    const purpose = await db.query<{ origin_code: string }>(
      `select origin_code from parcel_purpose pp join parcel p on p.id = pp.parcel_id join admin_unit u on u.id = p.unit_id
        where u.code = $1 and u.valid_to is null and p.sheet_number = 901 and p.parcel_number = 2 and p.valid_to is null`,
      [unit.code],
    );
    expect(purpose.rows[0]!.origin_code).toBe('KHAC');
    await expect(service.commitBatch(deps, officer, batch.id, 'lần hai')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('O15 a failure midway leaves the live record as it was (one transaction)', async () => {
    const x = spot[0] + 200;
    const features = goodDelivery().slice(2).map((f, i) => ({ ...f, properties: { ...f.properties, SHBANDO: 902 }, geometry: square(x + i * 20, spot[1], 20) }));
    const batch = await upload(shapefileZip(features, unit.srid));
    expect(batch.errorCount).toBe(0);
    const before = (await db.query<{ n: number }>('select count(*)::int as n from parcel')).rows[0]!.n;
    // a land-use code withdrawn after the validation: the second chunk's insert fails
    await db.query(`update import_feature set land_use_code = 'XXX' where batch_id = $1 and source_index = 1`, [batch.id]);
    await expect(service.commitBatch(deps, officer, batch.id, 'Quyết định số 46/QĐ')).rejects.toThrow();
    expect((await db.query<{ n: number }>('select count(*)::int as n from parcel')).rows[0]!.n).toBe(before);
    expect((await service.getBatch(deps, officer, batch.id)).status).toBe('validated');
    const rejected = await service.rejectBatch(deps, officer, batch.id, 'Sai mã loại đất');
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: 'Sai mã loại đất' });
  });

  it('O11 a cancelled batch is not loaded', async () => {
    const batch = await service.uploadDelivery(deps, officer, { unitCode: unit.code, fileName: 'x.zip', tempPath: shapefileZip(goodDelivery(), unit.srid) });
    await service.cancelBatch(deps, officer, batch.id);
    await service.runPendingImports(deps);
    const after = await service.getBatch(deps, officer, batch.id);
    expect(after.status).toBe('cancelled');
    expect(after.job?.status).toBe('cancelled');
    expect(await staged(batch.id)).toHaveLength(0);
  });

  it('O11 refuses a file whose coordinate system cannot be told, naming what to do', async () => {
    const dir = tempDir();
    const file = `${dir}/x.geojson`;
    fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::999999' } }, features: [] }));
    const batch = await upload(file);
    expect(batch.status).toBe('failed');
    expect(batch.job?.error).toMatch(/EPSG/);
  });
});

describe('deliveries over HTTP (issue #6)', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let staff: string;
  let leader: string;
  beforeAll(async () => {
    // a day after the deliveries committed above (a parcel version lives longer than an instant)
    const clock = new MutableClock(fixedClock.now());
    clock.advanceDays(1);
    app = await buildTestApp(db, { LIS_IMPORTS_DIR: tempDir() }, clock);
    const s = await createActiveAccount(db, fixedClock, [{ role: 'lro_staff', unitCode: '75' }]);
    const l = await createActiveAccount(db, fixedClock, [{ role: 'lro_leader', unitCode: '75' }]);
    staff = await signIn(app, s.username, s.password);
    leader = await signIn(app, l.username, l.password);
  }, 120_000);
  afterAll(() => app?.close());

  it('O11 O15 upload (raw zip body) → job → report (JSON, Excel, map) → commit by cadastre.approve only', async () => {
    const body = fs.readFileSync(shapefileZip(goodDelivery(), unit.srid));
    const up = await app.inject({ method: 'POST', url: `/api/v1/imports?unit=${unit.code}&name=giao-nop.zip`, headers: { cookie: staff, 'content-type': 'application/zip' }, payload: body });
    expect(up.statusCode, up.body).toBe(202);
    const id = up.json<{ id: string; status: string }>().id;
    expect(up.json<{ status: string }>().status).toBe('uploaded');
    await service.runPendingImports(deps);
    const got = await app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: { cookie: staff } });
    expect(got.json()).toMatchObject({ status: 'validated', errorCount: 0, fileName: 'giao-nop.zip', job: { status: 'done', done: 4 } });
    const list = await app.inject({ method: 'GET', url: `/api/v1/imports?unit=${unit.code}`, headers: { cookie: staff } });
    expect(list.json<Array<{ id: string }>>().map((b) => b.id)).toContain(id);
    const report = await app.inject({ method: 'GET', url: `/api/v1/imports/${id}/report?format=xlsx`, headers: { cookie: staff } });
    expect(report.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.rawPayload as unknown as ExcelJS.Buffer);
    const json = await app.inject({ method: 'GET', url: `/api/v1/imports/${id}/report`, headers: { cookie: staff } });
    expect(book.getWorksheet('Báo cáo kiểm tra')!.rowCount).toBe(json.json<{ findings: unknown[] }>().findings.length + 1);
    const map = await app.inject({ method: 'GET', url: `/api/v1/imports/${id}/map`, headers: { cookie: staff } });
    expect(map.json<{ features: Array<{ properties: { kind: string } }> }>().features.filter((f) => f.properties.kind === 'feature')).toHaveLength(4);
    const refused = await app.inject({ method: 'POST', url: `/api/v1/imports/${id}/commit`, headers: { cookie: staff }, payload: { legalBasis: 'Biên bản nghiệm thu 7/BB' } });
    expect(refused.statusCode).toBe(403);
    const committed = await app.inject({ method: 'POST', url: `/api/v1/imports/${id}/commit`, headers: { cookie: leader }, payload: { legalBasis: 'Biên bản nghiệm thu 7/BB' } });
    expect(committed.statusCode, committed.body).toBe(200);
    const result = committed.json<{ created: number; replaced: number; batch: { status: string } }>();
    expect(result.created + result.replaced).toBe(4);
    expect(result.batch.status).toBe('committed');
    const audit = await db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'import.commit' and object_id = $1`, [id]);
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('O11 refuses a body that is not a file, naming the field', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/v1/imports?unit=${unit.code}`, headers: { cookie: staff }, payload: { a: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('body');
  });
});

describe('contractor projects (A6, L3, O15)', () => {
  const system = { id: null, name: 'test' };
  const doc = { number: '12/KH', date: '2026-01-05', issuer: 'Sở Nông nghiệp và Môi trường' };
  async function contractor(unitCodes: string[], name: string): Promise<{ caller: service.Caller; projectId: string }> {
    const project = await createProject({ db, clock: fixedClock }, system, {
      name: `Đo đạc ${name}`, contractNumber: `HĐ-${name}`, planDocument: doc, unitCodes, validFrom: '2026-01-01', validTo: '2027-12-31',
    });
    const account = await requestAccount({ db, clock: fixedClock }, system, {
      username: `nhathau${name}`, fullName: 'Phạm Văn Thầu', nationalId: nextNationalId(), organisation: 'Công ty Đo đạc', position: 'Kỹ sư',
      projectId: project.id, request: doc, grants: unitCodes.map((unitCode) => ({ role: 'contractor', unitCode })),
    });
    return { projectId: project.id, caller: { actor: { id: account.id, name: 'nhà thầu' }, may: (p) => p === 'data.import' || p === 'cadastre.read' } };
  }

  it('A6 O15 a contractor uploads for its own project; another project\'s contractor does not see the batch', async () => {
    const a = await contractor([unit.code], 'a');
    const b = await contractor([unit.code], 'b');
    const batch = await service.uploadDelivery(deps, a.caller, { unitCode: unit.code, fileName: 'a.zip', tempPath: shapefileZip(goodDelivery(), unit.srid) });
    expect(batch.projectId).toBe(a.projectId);
    await expect(service.getBatch(deps, b.caller, batch.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await service.listBatches(deps, b.caller, unit.code, 100)).map((x) => x.id)).not.toContain(batch.id);
    expect((await service.listBatches(deps, a.caller, unit.code, 100)).map((x) => x.id)).toContain(batch.id);
    // commit needs cadastre.approve: a contractor's batch is decided by the Office
    await expect(service.commitBatch(deps, a.caller, batch.id, 'Tự cập nhật')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.uploadDelivery(deps, a.caller, { unitCode: unit.code, projectId: b.projectId, fileName: 'x.zip', tempPath: shapefileZip(goodDelivery(), unit.srid) }))
      .rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('L3 A6 no upload once the project is accepted, nor for a unit the project does not cover', async () => {
    const other = (await db.query<{ code: string }>(`select code from admin_unit where level = 'commune' and valid_to is null and code <> $1 order by code limit 1`, [unit.code])).rows[0]!.code;
    const c = await contractor([other], 'c');
    const everywhere: service.Caller = { ...c.caller, may: () => true };
    await expect(service.uploadDelivery(deps, everywhere, { unitCode: unit.code, fileName: 'c.zip', tempPath: shapefileZip(goodDelivery(), unit.srid) }))
      .rejects.toMatchObject({ code: 'FORBIDDEN' });
    await acceptProject({ db, clock: fixedClock }, system, c.projectId, { document: { number: '3/BB-NT', date: '2026-11-20', issuer: 'Sở' } });
    await expect(service.uploadDelivery(deps, everywhere, { unitCode: other, fileName: 'c.zip', tempPath: shapefileZip(goodDelivery(), unit.srid) }))
      .rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
