// Attribute tables (CSV / Excel, issue #6 item 1) written by ogr2ogr, delivered in the zip
// beside a shapefile, joined to the staged features by unit + sheet + parcel number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import fs from 'node:fs';
import { buildTestApp, fixedClock } from '../../../test/support/test-app.js';
import { createActiveAccount, signIn } from '../../../test/support/accounts.js';
import { seedDemo } from '../demo/index.js';
import * as service from './imports.service.js';
import { csvSeparator } from './readers/attribute-table.js';
import { addToZip, attributeTable, shapefileZip, square, tempDir, type FixtureFeature } from '../../../test/support/import-fixtures.js';

let handle: TestDatabase;
let db: Database;
let unit: { id: number; code: string; srid: number };
let deps: service.ImportsDeps;
let spot: [number, number];
const officer: service.Caller = { actor: { id: null, name: 'test officer' }, may: () => true };

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await seedDemo(db, { parcels: 40, seed: 5 });
  const { rows } = await db.query<{ id: number; code: string; srid: number }>(
    `select u.id::int, u.code, p.srid from parcel p join admin_unit u on u.id = p.unit_id where p.valid_to is null
      group by u.id, u.code, p.srid order by count(*) desc limit 1`,
  );
  unit = rows[0]!;
  // a spot inside the unit, 30 m away from every live parcel
  const free = await db.query<{ x: number; y: number }>(
    `with u as (select ST_Transform(boundary, $2::int) g from admin_unit where code = $1 and valid_to is null),
          p as (select ST_Union(ST_Buffer(ST_Transform(geom, $2::int), 30)) g from parcel where valid_to is null),
          free as (select ST_Difference(ST_Buffer(u.g, -100), coalesce(p.g, 'POLYGON EMPTY'::geometry)) g from u, p)
     select ST_X(c) as x, ST_Y(c) as y from (select (ST_MaximumInscribedCircle(g)).center c from free) x`,
    [unit.code, unit.srid],
  );
  spot = [Math.floor(free.rows[0]!.x), Math.floor(free.rows[0]!.y)];
  deps = { db, clock: fixedClock, dir: tempDir(), chunkSize: 2 };
}, 300_000);

afterAll(() => handle?.close());

/** Three new parcels on sheet 950 whose shapefile carries the keys and nothing else but a land-use code. */
function bareParcels(): FixtureFeature[] {
  const [x, y] = spot;
  return [1, 2, 3].map((n) => ({ properties: { MAXA: unit.code, SHBANDO: 950, SOTHUA: n, MALOAIDAT: 'CLN' }, geometry: square(x + (n - 1) * 20, y, 20) }));
}

async function upload(file: string, extra: Partial<service.UploadInput> = {}) {
  const batch = await service.uploadDelivery(deps, officer, { unitCode: unit.code, fileName: 'delivery.zip', tempPath: file, ...extra });
  await service.runPendingImports(deps);
  return service.getBatch(deps, officer, batch.id);
}

async function staged(batchId: string) {
  const { rows } = await db.query<{ index: number; landUse: string; area: string | null; origin: string | null; attributes: Record<string, unknown> }>(
    `select source_index as index, land_use_code as "landUse", declared_area::text as area, origin_code as origin, attributes
       from import_feature where batch_id = $1 order by source_index`,
    [batchId],
  );
  return rows;
}

describe('attribute tables joined by unit + sheet + parcel (issue #6 item 1)', () => {
  it('O11 joins a CSV written by ogr2ogr (";" separated, UTF-8 with BOM): fills the missing attributes, overrides others, reports an unmatched row with file, line and key', async () => {
    const csv = attributeTable([
      { MAXA: unit.code, SHBANDO: 950, SOTHUA: 1, MALOAIDAT: 'ONT', DIENTICH: 400, NGUONGOC: 'CN-CTT', CHUSUDUNG: 'Lê Văn Được' },
      { MAXA: unit.code, SHBANDO: 950, SOTHUA: 2, MALOAIDAT: null, DIENTICH: 400, NGUONGOC: 'CN-CTT', CHUSUDUNG: 'Trần Thị Lụa' },
      { MAXA: unit.code, SHBANDO: 950, SOTHUA: 3, MALOAIDAT: null, DIENTICH: 400, NGUONGOC: 'CN-CTT', CHUSUDUNG: 'Phạm Thị Hằng' },
      { MAXA: unit.code, SHBANDO: 950, SOTHUA: 77, MALOAIDAT: 'ONT', DIENTICH: 120, NGUONGOC: 'CN-CTT', CHUSUDUNG: 'Không Có Thửa' },
    ], 'thuoc_tinh.csv', { separator: ';', bom: true });
    const batch = await upload(addToZip(shapefileZip(bareParcels(), unit.srid, 'utf8'), [csv]));
    expect(batch.job?.status, batch.job?.error ?? '').toBe('done');
    const rows = await staged(batch.id);
    expect(rows.map((r) => r.landUse)).toEqual(['ONT', 'CLN', 'CLN']); // overridden by line 2; an empty cell does not override
    expect(rows.map((r) => r.area)).toEqual(['400.0', '400.0', '400.0']);
    expect(rows[1]!.attributes.CHUSUDUNG).toBe('Trần Thị Lụa');
    expect(rows[2]!.origin).toBe('CN-CTT');
    const report = await service.report(deps, officer, batch.id, 100);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const unmatched = report.findings.filter((f) => f.rule === 'attributes.unmatched');
    expect(unmatched).toHaveLength(1);
    expect(unmatched[0]).toMatchObject({ severity: 'warning', field: 'SOTHUA' });
    expect(unmatched[0]!.message.vi).toBe(`Dòng 5 của tệp thuoc_tinh.csv (${unit.code} tờ 950 thửa 77) không khớp thửa nào trong gói dữ liệu`);
    expect(unmatched[0]!.message.en).toContain('Line 5 of thuoc_tinh.csv');
  });

  it('O11 joins an Excel table written by ogr2ogr (XLSX, streamed); a key twice in the table is an error naming both lines', async () => {
    const xlsx = attributeTable([
      { MAXA: unit.code, SHBANDO: 950, SOTHUA: 1, DIENTICH: 400, CHUSUDUNG: 'Lê Văn Được' },
      { MAXA: unit.code, SHBANDO: 950, SOTHUA: 2, DIENTICH: 400, CHUSUDUNG: 'Trần Thị Lụa' },
      { MAXA: unit.code, SHBANDO: 950, SOTHUA: 3, DIENTICH: 400, CHUSUDUNG: 'Phạm Thị Hằng' },
      { MAXA: unit.code, SHBANDO: 950, SOTHUA: 2, DIENTICH: 380, CHUSUDUNG: 'Trần Thị Lụa' },
    ], 'bang_thuoc_tinh.xlsx');
    const batch = await upload(addToZip(shapefileZip(bareParcels(), unit.srid, 'utf8'), [xlsx]));
    expect(batch.job?.status, batch.job?.error ?? '').toBe('done');
    const rows = await staged(batch.id);
    expect(rows.map((r) => r.area)).toEqual(['400.0', '400.0', '400.0']); // the first row of a key is joined
    expect(rows[0]!.attributes.CHUSUDUNG).toBe('Lê Văn Được');
    const report = await service.report(deps, officer, batch.id, 100);
    const duplicate = report.findings.filter((f) => f.rule === 'attributes.duplicate');
    expect(duplicate).toHaveLength(1);
    expect(duplicate[0]!.severity).toBe('error');
    expect(duplicate[0]!.message.vi).toBe(`Bảng thuộc tính trùng khóa ${unit.code} tờ 950 thửa 2: dòng 3 của tệp bang_thuoc_tinh.xlsx và dòng 5 của tệp bang_thuoc_tinh.xlsx`);
    expect(batch.errorCount).toBe(1);
  });

  it('O11 reads a CSV in TCVN3 (","-separated, no BOM: detected) and one whose rows have no unit code (sheet + parcel alone)', async () => {
    const csv = attributeTable([
      { SHBANDO: 950, SOTHUA: 1, DIENTICH: 400, CHUSUDUNG: 'Nguyễn Văn Hòa', DIACHI: 'Thôn Đồng Tâm, xã Tân Lập' },
      { SHBANDO: 950, SOTHUA: 2, DIENTICH: 400, CHUSUDUNG: 'Lê Văn Được', DIACHI: 'Thôn Đồng Tâm' },
      { SHBANDO: 950, SOTHUA: 3, DIENTICH: 400, CHUSUDUNG: 'Trần Thị Lụa', DIACHI: 'Thôn Đồng Tâm' },
    ], 'vilis.csv', { separator: ',', encoding: 'tcvn3' });
    const batch = await upload(addToZip(shapefileZip(bareParcels(), unit.srid, 'utf8'), [csv]));
    expect(batch.job?.status, batch.job?.error ?? '').toBe('done');
    const rows = await staged(batch.id);
    expect(rows[0]!.attributes.DIACHI).toBe('Thôn Đồng Tâm, xã Tân Lập');
    expect(rows[1]!.attributes.CHUSUDUNG).toBe('Lê Văn Được');
    expect(batch.errorCount).toBe(0);
  });

  it('O11 joins a table uploaded beside the delivery (PUT /imports/:id/attributes, text/csv): a new attempt, findings name the file as uploaded', async () => {
    const first = await upload(shapefileZip(bareParcels(), unit.srid, 'utf8'));
    expect(first.attempt).toBe(1);
    const csv = attributeTable([
      { SHBANDO: 950, SOTHUA: 1, DIENTICH: 400, CHUSUDUNG: 'Lê Văn Được' },
      { SHBANDO: 950, SOTHUA: 2, DIENTICH: 400, CHUSUDUNG: 'Trần Thị Lụa' },
      { SHBANDO: 950, SOTHUA: 3, DIENTICH: 400, CHUSUDUNG: 'Phạm Thị Hằng' },
      { SHBANDO: 951, SOTHUA: 3, DIENTICH: 50, CHUSUDUNG: 'Không Có Thửa' },
    ], 'tmp.csv', { separator: ';' });
    const app = await buildTestApp(db, { LIS_IMPORTS_DIR: deps.dir });
    try {
      const account = await createActiveAccount(db, fixedClock, [{ role: 'lro_staff', unitCode: unit.code }]);
      const cookie = await signIn(app, account.username, account.password);
      const put = await app.inject({
        method: 'PUT', url: `/api/v1/imports/${first.id}/attributes?name=chu_su_dung.csv`, headers: { cookie, 'content-type': 'text/csv' }, payload: fs.readFileSync(csv),
      });
      expect(put.statusCode, put.body).toBe(202);
      expect(put.json<{ attempt: number }>().attempt).toBe(2);
      const refused = await app.inject({ method: 'PUT', url: `/api/v1/imports/${first.id}/attributes?name=chu_su_dung.txt`, headers: { cookie, 'content-type': 'text/csv' }, payload: 'a;b' });
      expect(refused.statusCode).toBe(400);
    } finally {
      await app.close();
    }
    await service.runPendingImports(deps);
    const batch = await service.getBatch(deps, officer, first.id);
    expect(batch).toMatchObject({ status: 'validated', attempt: 2, errorCount: 0 });
    const rows = await staged(batch.id);
    expect(rows[1]!.attributes.CHUSUDUNG).toBe('Trần Thị Lụa');
    expect(rows.map((r) => r.area)).toEqual(['400.0', '400.0', '400.0']);
    const report = await service.report(deps, officer, batch.id, 100);
    expect(report.findings.find((f) => f.rule === 'attributes.unmatched')?.message.vi).toBe('Dòng 5 của tệp chu_su_dung.csv (tờ 951 thửa 3) không khớp thửa nào trong gói dữ liệu');
  });

  it('O11 tells the CSV separator from the header line', () => {
    expect(csvSeparator('MAXA;SHBANDO;SOTHUA')).toBe(';');
    expect(csvSeparator('MAXA,SHBANDO,SOTHUA,"DIA CHI; THON"')).toBe(',');
  });
});
