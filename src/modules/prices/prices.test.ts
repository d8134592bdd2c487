import ExcelJS from 'exceljs';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp, fixedClock } from '../../../test/support/test-app.js';
import { createActiveAccount, signIn } from '../../../test/support/accounts.js';
import { seedDemo } from '../demo/index.js';
import { HEADERS, SHEET_NAME } from './price-import.js';

// The land price database (S-PRICE, issue #8) on a fresh database with a small demo.
// Hand-worked cases use rectangles drawn in the VN-2000 zone of a demo ward, south of one
// road segment whose line runs east-west 5 m below the first rectangle:
//
//   R1  20 m × 50 m, 5 m .. 55 m from the line, official area 1 000 m², ODT
//   R2  20 m × 20 m, 60 m .. 80 m from the line (position 3 by distance)
//   R3  20 m × 20 m, 30 m .. 50 m from the line (position 2 only when reached by an alley ≥ 3.5 m)
//   R4  20 m × 20 m, 150 m .. 170 m from the line (position 4)
//
// The segment's prices are given for the group OTC (ODT is one of its codes):
// VT1 10 000 000, VT2 6 000 000, VT3 4 000 000, VT4 2 000 000 VND/m².

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PRICES = { 1: 10_000_000, 2: 6_000_000, 3: 4_000_000, 4: 2_000_000 };

let testDb: TestDatabase;
let db: Database;
let app: FastifyInstance;
let officer: { id: string; cookie: string }; // dept_land_officer of the province: prices.edit
let reader: string; // agency_reader: no prices.edit
let unitCode: string; // the old ward the rectangles are drawn in
let liveUnitCode: string; // the ward it was merged into (segments name live units)
let sheet: number;
let lineGeoJson: unknown;
const tables: Record<string, string> = {};

const api = (method: 'GET' | 'POST' | 'PUT', url: string, cookie?: string, payload?: object): Promise<LightMyRequestResponse> =>
  app.inject({ method, url: `/api/v1${url}`, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
const priceOf = (parcel: number, date: string, query = '') => api('GET', `/prices/parcels/${unitCode}/${sheet}/${parcel}?date=${date}${query}`);

async function createTable(body: object): Promise<string> {
  const res = await api('POST', '/prices/tables', officer.cookie, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const decision = (number: string, date: string) => ({ number, date, issuer: 'Ủy ban nhân dân tỉnh Đồng Nai' });
const rules = (alleyForVt2: number | null) => [
  { position: 1, maxDistanceM: 25, minAlleyWidthM: null, descriptionVi: 'Mặt tiền đường' },
  { position: 2, maxDistanceM: 50, minAlleyWidthM: alleyForVt2, descriptionVi: 'Hẻm rộng từ 3,5 m' },
  { position: 3, maxDistanceM: 100, minAlleyWidthM: null, descriptionVi: 'Hẻm còn lại' },
  { position: 4, maxDistanceM: 200, minAlleyWidthM: null, descriptionVi: 'Vị trí còn lại' },
];

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET_NAME);
  ws.addRow([...HEADERS]);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const importFile = (tableId: string, bytes: Buffer) =>
  app.inject({ method: 'POST', url: `/api/v1/prices/tables/${tableId}/import`, headers: { cookie: officer.cookie, 'content-type': XLSX }, payload: bytes });

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = testDb.db;
  await seedDemo(db, { parcels: 300, seed: 5 });
  app = await buildTestApp(db);
  const account = await createActiveAccount(db, fixedClock, [{ role: 'dept_land_officer', unitCode: '75' }]);
  officer = { id: account.id, cookie: await signIn(app, account.username, account.password) };
  const other = await createActiveAccount(db, fixedClock, [{ role: 'agency_reader', unitCode: '75' }]);
  reader = await signIn(app, other.username, other.password);

  // the rectangles, drawn at the south-west corner of a map sheet of a demo ward
  const { rows } = await db.query<{ unitId: number; code: string; live: string; sheet: number; srid: number; x0: number; y0: number }>(
    `select u.id::int as "unitId", u.code, coalesce(l.code, u.code) as live, m.sheet_number as sheet, m.srid, ST_XMin(m.frame) as x0, ST_YMin(m.frame) as y0
       from map_sheet m join admin_unit u on u.id = m.unit_id
       left join admin_unit_succession s on s.predecessor_id = u.id left join admin_unit l on l.id = s.successor_id and l.valid_to is null
      where u.kind = 'Phường' order by u.code, m.sheet_number limit 1`,
  );
  const at = rows[0]!;
  [unitCode, liveUnitCode, sheet] = [at.code, at.live, at.sheet];
  const box = (n: number, x: number, y: number, w: number, h: number, area: number) =>
    db.query(
      `insert into parcel (unit_id, sheet_number, parcel_number, srid, geom, official_area, land_use_code, valid_from)
       values ($1::bigint, $2::int, $3::int, $4::int, ST_Multi(ST_MakeEnvelope($5::float8, $6::float8, $7::float8, $8::float8, $4::int)), $9::numeric, 'ODT', '2020-01-01')`,
      [at.unitId, at.sheet, n, at.srid, at.x0 + x, at.y0 + y, at.x0 + x + w, at.y0 + y + h, area],
    );
  await box(9001, 0, 0, 20, 50, 1000);
  await box(9002, 40, 55, 20, 20, 400);
  await box(9003, 80, 25, 20, 20, 400);
  await box(9004, 120, 145, 20, 20, 400);
  const line = await db.query<{ g: string }>(
    `select ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_MakeLine(ST_MakePoint($1::float8 - 100, $2::float8 - 5), ST_MakePoint($1::float8 + 250, $2::float8 - 5)), $3::int), 4326), 10) as g`,
    [at.x0, at.y0, at.srid],
  );
  lineGeoJson = JSON.parse(line.rows[0]!.g);

  // 2024: area-weighted table; 2025: by the nearest band, with an alley condition on VT2
  tables.y2024 = await createTable({ provinceCode: '75', name: 'Bảng giá đất 2024 (thử)', decision: decision('1/2024/QĐ-UBND', '2023-12-20'), validFrom: '2024-01-01', validTo: '2025-01-01', multiPositionRule: 'area_weighted', positionRules: rules(null) });
  tables.y2025 = await createTable({ provinceCode: '75', name: 'Bảng giá đất 2025 (thử)', decision: decision('2/2025/QĐ-UBND', '2024-12-20'), validFrom: '2025-01-01', validTo: '2026-01-01', multiPositionRule: 'nearest', positionRules: rules(3.5) });
  const row = { code: 'T-1', roadName: 'Đường Trần Hưng Đạo', from: 'Ngã tư Sở', to: 'Cầu Rạch', unitCode: liveUnitCode, landUseCode: 'OTC', prices: PRICES };
  for (const id of [tables.y2024, tables.y2025]) {
    const res = await api('POST', `/prices/tables/${id}/segments`, officer.cookie, { rows: [row] });
    expect(res.statusCode, res.body).toBe(200);
  }
  const geometry = await api('PUT', '/prices/segments/geometry', officer.cookie, { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'T-1' }, geometry: lineGeoJson }] });
  expect(geometry.statusCode, geometry.body).toBe(200);
  const coefficient = (id: string, value: number, from: string, to: string | null, number: string) =>
    api('POST', `/prices/tables/${id}/coefficients`, officer.cookie, { unitCode: null, landUseCode: null, coefficient: value, validFrom: from, validTo: to, decision: decision(number, from) });
  expect((await coefficient(tables.y2024!, 1.2, '2024-01-01', null, '10/2024/QĐ-UBND')).statusCode).toBe(201);
  expect((await coefficient(tables.y2025!, 1.0, '2025-01-01', '2025-07-01', '11/2025/QĐ-UBND')).statusCode).toBe(201);
  expect((await coefficient(tables.y2025!, 1.2, '2025-07-01', null, '12/2025/QĐ-UBND')).statusCode).toBe(201);
  for (const id of [tables.y2024, tables.y2025]) expect((await api('POST', `/prices/tables/${id}/publish`, officer.cookie)).statusCode).toBe(204);
}, 240_000);

afterAll(async () => {
  await app?.close();
  await testDb?.close();
});

describe('S-PRICE the price of a parcel at a date, explained', () => {
  it('R1 on two dates either side of a coefficient change: two prices', async () => {
    // 2025-03-01: 5 m from T-1 ≤ 25 m → VT1; OTC price 10 000 000 × k 1.0 (QĐ 11/2025) = 10 000 000 đ/m²
    //             × 1 000 m² = 10 000 000 000 đ
    const before = await priceOf(9001, '2025-03-01');
    expect(before.statusCode, before.body).toBe(200);
    const a = before.json();
    expect([a.pricePerM2, a.area, a.total]).toEqual([10_000_000, 1000, 10_000_000_000]);
    expect(a.explanation.source).toBe('table');
    expect(a.explanation.table.decision.number).toBe('2/2025/QĐ-UBND');
    expect(a.explanation.segment).toMatchObject({ code: 'T-1', roadName: 'Đường Trần Hưng Đạo', from: 'Ngã tư Sở', to: 'Cầu Rạch', landUseCode: 'OTC' });
    expect(a.explanation.segment.distanceM).toBeCloseTo(5, 2);
    expect(a.explanation.position.position).toBe(1);
    expect(a.explanation.position.reason.en).toMatch(/5\.0 m from the segment ≤ 25 m: position 1/);
    expect(a.explanation.coefficient).toMatchObject({ value: 1, decision: { number: '11/2025/QĐ-UBND' } });
    expect(a.explanation.formula).toBe('10.000.000 đ/m² (VT1) × 1 = 10.000.000 đ/m²; × 1000 m² = 10.000.000.000 đ');
    // 2025-09-01: the coefficient 1.2 of QĐ 12/2025 is in force: 10 000 000 × 1.2 = 12 000 000 đ/m²; × 1 000 = 12 000 000 000 đ
    const after = (await priceOf(9001, '2025-09-01')).json();
    expect([after.pricePerM2, after.total]).toEqual([12_000_000, 12_000_000_000]);
    expect(after.explanation.coefficient.decision.number).toBe('12/2025/QĐ-UBND');
  });

  it('positions by distance, and an alley condition configured on VT2', async () => {
    // R2: 60 m → not ≤ 25, not ≤ 50 → VT3: 4 000 000 × 1.2 = 4 800 000 đ/m²; × 400 m² = 1 920 000 000 đ
    const r2 = (await priceOf(9002, '2025-09-01')).json();
    expect(r2.explanation.position.position).toBe(3);
    expect(r2.explanation.segment.distanceM).toBeCloseTo(60, 2);
    expect([r2.pricePerM2, r2.total]).toEqual([4_800_000, 1_920_000_000]);
    // R3: 30 m, no alley width known → the VT2 rule (alley ≥ 3.5 m) does not hold → VT3: 4 800 000 đ/m²
    const r3 = (await priceOf(9003, '2025-09-01')).json();
    expect([r3.explanation.position.position, r3.pricePerM2]).toEqual([3, 4_800_000]);
    // R3 reached by a 4 m alley → VT2: 6 000 000 × 1.2 = 7 200 000 đ/m²; × 400 = 2 880 000 000 đ
    const r3alley = (await priceOf(9003, '2025-09-01', '&alleyWidth=4')).json();
    expect([r3alley.explanation.position.position, r3alley.pricePerM2, r3alley.total]).toEqual([2, 7_200_000, 2_880_000_000]);
    // R4: 150 m → VT4: 2 000 000 × 1.2 = 2 400 000 đ/m²
    const r4 = (await priceOf(9004, '2025-09-01')).json();
    expect([r4.explanation.position.position, r4.pricePerM2]).toEqual([4, 2_400_000]);
    // no table in force before 2024
    expect((await priceOf(9001, '2023-06-01')).statusCode).toBe(404);
  });

  it('the most specific coefficient wins: one for the ward (named by today\'s ward, through the merger) over the province\'s', async () => {
    const res = await api('POST', `/prices/tables/${tables.y2025}/coefficients`, officer.cookie, {
      unitCode: liveUnitCode, landUseCode: 'ODT', coefficient: 1.3, validFrom: '2025-11-15', validTo: null, decision: decision('13/2025/QĐ-UBND', '2025-11-10'),
    });
    expect(res.statusCode, res.body).toBe(201);
    // R2 lies in a pre-2025 ward; the coefficient names the ward that succeeded it (a code may be reused)
    const units = await db.query<{ parcelUnit: number; coefficientUnit: number }>(
      `select p.unit_id::int as "parcelUnit", c.unit_id::int as "coefficientUnit" from parcel p, adjustment_coefficient c
        where p.parcel_number = 9002 and p.sheet_number = $1::int and c.decision_number = '13/2025/QĐ-UBND'`,
      [sheet],
    );
    expect(units.rows[0]!.parcelUnit).not.toBe(units.rows[0]!.coefficientUnit);
    // R2 on 2025-12-01: VT3 4 000 000 × 1.3 = 5 200 000 đ/m²; × 400 m² = 2 080 000 000 đ (the province's 1.2 still holds, less specific)
    const p = (await priceOf(9002, '2025-12-01')).json();
    expect([p.pricePerM2, p.total, p.explanation.coefficient.decision.number, p.explanation.coefficient.unitCode]).toEqual([5_200_000, 2_080_000_000, '13/2025/QĐ-UBND', liveUnitCode]);
    expect((await priceOf(9002, '2025-11-14')).json().pricePerM2).toBe(4_800_000);
  });

  it('a table that weights a parcel spanning several positions by area (2024)', async () => {
    // R1 lies 5..55 m from the line: 5..25 m → VT1 20 × 20 = 400 m²; 25..50 m → VT2 20 × 25 = 500 m²;
    // 50..55 m → VT3 20 × 5 = 100 m². (400 × 10 000 000 + 500 × 6 000 000 + 100 × 4 000 000) / 1 000
    // = 7 400 000 đ/m²; × k 1.2 (QĐ 10/2024) = 8 880 000 đ/m²; × 1 000 m² = 8 880 000 000 đ
    const res = await priceOf(9001, '2024-06-01');
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.explanation.position.bands).toEqual([
      { position: 1, area: 400, price: 10_000_000 },
      { position: 2, area: 500, price: 6_000_000 },
      { position: 3, area: 100, price: 4_000_000 },
    ]);
    expect([p.pricePerM2, p.total]).toEqual([8_880_000, 8_880_000_000]);
    expect(p.explanation.table.decision.number).toBe('1/2024/QĐ-UBND');
  });

  it('a specific price decided for the parcel overrides the table from its date', async () => {
    const res = await api('POST', '/prices/specific', officer.cookie, {
      parcel: { unitCode, sheetNumber: sheet, parcelNumber: 9001 }, landUseCode: 'ODT', pricePerM2: 15_000_000, method: 'comparison',
      purpose: 'Bồi thường khi Nhà nước thu hồi đất', decision: decision('345/QĐ-UBND', '2025-09-20'), validFrom: '2025-10-01', validTo: null,
    });
    expect(res.statusCode, res.body).toBe(201);
    // 15 000 000 đ/m² × 1 000 m² = 15 000 000 000 đ; the table still gives 2025-09-01
    const p = (await priceOf(9001, '2025-11-01')).json();
    expect([p.pricePerM2, p.total, p.explanation.source]).toEqual([15_000_000, 15_000_000_000, 'specific']);
    expect(p.explanation.specificPrice).toMatchObject({ method: 'comparison', decision: { number: '345/QĐ-UBND' } });
    expect((await priceOf(9001, '2025-09-01')).json().pricePerM2).toBe(12_000_000);
  });

  it('the demo has a published 2026 table that prices a parcel by a demo road, today by default', async () => {
    const { rows } = await db.query<{ code: string; sheet: number; parcel: number }>(
      `select u.code, p.sheet_number as sheet, p.parcel_number as parcel
         from parcel p join admin_unit u on u.id = p.unit_id join road_segment s on s.code like 'DEMO-%' and s.valid_to is null
        where p.valid_to is null and p.land_use_code in ('ODT', 'ONT') and ST_DWithin(p.geom, s.geom, 10) limit 1`,
    );
    expect(rows).toHaveLength(1);
    const res = await api('GET', `/prices/parcels/${rows[0]!.code}/${rows[0]!.sheet}/${rows[0]!.parcel}`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.day).toBe('2026-11-25');
    expect(p.explanation.position.position).toBe(1);
    expect(p.explanation.coefficient.value).toBe(1.1);
    expect(p.pricePerM2).toBe(Math.round(p.explanation.position.bands[0].price * 1.1));
  });
});

describe('S-PRICE price map layer', () => {
  it('the price-segments tile layer draws a demo segment with its road, ends and VT1 price, no more', async () => {
    const { rows } = await db.query<{ lon: number; lat: number; code: string; price: number }>(
      `select ST_X(c) as lon, ST_Y(c) as lat, s.code, s.vt1_price as price
         from road_segment_map s, ST_LineInterpolatePoint(ST_GeometryN(s.geom_4326, 1), 0.5) c
        where s.code like 'DEMO-%' and s.valid_to is null order by s.code limit 1`,
    );
    const { lon, lat, code, price } = rows[0]!;
    // the tile at z15 holding the segment's middle (web mercator tiling)
    const z = 15, n = 2 ** z, rad = (lat * Math.PI) / 180;
    const x = Math.floor(((lon + 180) / 360) * n);
    const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
    const res = await api('GET', `/tiles/price-segments/${z}/${x}/${y}.mvt`);
    expect(res.statusCode).toBe(200);
    const layer = new VectorTile(new PbfReader(res.rawPayload)).layers['price-segments']!;
    const found = Array.from({ length: layer.length }, (_, i) => layer.feature(i)).find((f) => f.properties.code === code)!;
    expect(found.type).toBe(2); // a line
    expect(Object.keys(found.properties).sort()).toEqual(['code', 'from', 'road', 'to', 'vt1Price']);
    // the demo ward's OTC VT1 is 12 000 000 đ/m², a commune's 3 500 000
    expect([12_000_000, 3_500_000]).toContain(found.properties.vt1Price);
    expect(found.properties.vt1Price).toBe(price);
  });
});

describe('S-PRICE Excel import of a price table', () => {
  it('round trip: a file imported, exported and imported again gives the same prices', async () => {
    const c = await createTable({ provinceCode: '75', name: 'Dự thảo 2027', decision: decision('3/2027/QĐ-UBND', '2026-12-20'), validFrom: '2027-01-01', validTo: null, multiPositionRule: 'nearest', positionRules: rules(null) });
    const bytes = await workbook([
      ['X-1', 'Quốc lộ 14', 'Ngã ba Đồng Xoài', 'Cầu Suối Đá', liveUnitCode, 'ODT', 20_000_000, 12_000_000, 8_000_000, 5_000_000],
      ['X-1', 'Quốc lộ 14', 'Ngã ba Đồng Xoài', 'Cầu Suối Đá', liveUnitCode, 'TMD', 16_000_000, 9_600_000, null, null],
      ['X-2', 'Đường Hùng Vương', 'Quốc lộ 14', 'Đường Lê Duẩn', liveUnitCode, 'OTC', 15_000_000, 9_000_000, 6_000_000, 3_000_000],
    ]);
    const first = await importFile(c, bytes);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ segments: 2, prices: 10 });
    const exported = await api('GET', `/prices/tables/${c}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SHEET_NAME)!;
    expect(ws.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(ws.getRow(3).getCell(6).value).toBe('TMD');
    expect(ws.getRow(3).getCell(8).value).toBe(9_600_000);

    const d = await createTable({ provinceCode: '75', name: 'Dự thảo 2027 (lần 2)', decision: decision('4/2027/QĐ-UBND', '2026-12-21'), validFrom: '2027-01-01', validTo: null, multiPositionRule: 'nearest', positionRules: rules(null) });
    expect((await importFile(d, exported.rawPayload)).statusCode).toBe(200);
    const [tc, td] = [(await api('GET', `/prices/tables/${c}`)).json(), (await api('GET', `/prices/tables/${d}`)).json()];
    expect(td.segmentList).toEqual(tc.segmentList);
    expect(tc.segmentList.find((s: { code: string }) => s.code === 'X-1').prices).toContainEqual({ landUseCode: 'TMD', position: 2, price: 9_600_000 });
  });

  it('a bad file is refused with its row numbers and nothing is written', async () => {
    const e = await createTable({ provinceCode: '75', name: 'Dự thảo lỗi', decision: decision('5/2027/QĐ-UBND', '2026-12-22'), validFrom: '2028-01-01', validTo: null, multiPositionRule: 'nearest', positionRules: rules(null) });
    const segmentsBefore = await db.query<{ n: number }>('select count(*)::int as n from road_segment');
    const auditBefore = await db.query<{ n: number }>(`select count(*)::int as n from audit_log where object_type in ('road_segment', 'segment_price')`);
    const bytes = await workbook([
      ['Y-1', 'Đường Phú Riềng Đỏ', 'Vòng xoay', 'Cầu Rạch Tràm', liveUnitCode, 'ODT', 10_000_000, 6_000_000, null, null], // row 2: good
      ['Y-2', 'Đường Lê Duẩn', 'Quốc lộ 14', 'Đường Hùng Vương', liveUnitCode, 'ODT', 5_000_000, 7_000_000, null, null], // row 3: VT2 > VT1
      ['Y-3', 'Đường Trường Chinh', 'Ngã tư', 'Ngã ba', liveUnitCode, 'XYZ', 4_000_000, null, null, null], // row 4: unknown code
      ['Y-4', 'Đường Nguyễn Huệ', 'Chợ', 'Bến xe', '99999', 'ODT', 'nhiều', null, null, null], // row 5: unit, VT1 not a number
    ]);
    const res = await importFile(e, bytes);
    expect(res.statusCode).toBe(400);
    const findings = res.json().error.details.findings as Array<{ row: number; column: string; message: { vi: string; en: string } }>;
    expect([...new Set(findings.map((f) => f.row))]).toEqual([3, 4, 5]);
    expect(findings).toContainEqual(expect.objectContaining({ row: 3, column: 'VT2' }));
    expect(findings).toContainEqual(expect.objectContaining({ row: 4, column: 'Mã loại đất' }));
    expect(findings).toContainEqual(expect.objectContaining({ row: 5, column: 'Mã ĐVHC' }));
    expect(res.json().error.message.vi).toMatch(/không dòng nào được ghi/);
    expect((await api('GET', `/prices/tables/${e}`)).json().segmentList).toEqual([]);
    expect((await db.query<{ n: number }>('select count(*)::int as n from road_segment')).rows[0]!.n).toBe(segmentsBefore.rows[0]!.n);
    expect((await db.query<{ n: number }>(`select count(*)::int as n from audit_log where object_type in ('road_segment', 'segment_price')`)).rows[0]!.n).toBe(auditBefore.rows[0]!.n);
  });

  it('a published table cannot be changed, nor published over another in force', async () => {
    const res = await api('POST', `/prices/tables/${tables.y2025}/segments`, officer.cookie, {
      rows: [{ code: 'T-9', roadName: 'Đường mới', from: 'A', to: 'B', unitCode: liveUnitCode, landUseCode: 'OTC', prices: { 1: 1_000_000 } }],
    });
    expect(res.statusCode).toBe(409);
    const overlapping = await createTable({ provinceCode: '75', name: 'Trùng kỳ', decision: decision('6/2025/QĐ-UBND', '2025-03-01'), validFrom: '2025-06-01', validTo: null, multiPositionRule: 'nearest', positionRules: rules(null) });
    expect((await api('POST', `/prices/tables/${overlapping}/publish`, officer.cookie)).statusCode).toBe(409);
  });
});

describe('S-PRICE a new table replaces the one in force', () => {
  it('publishing a table that starts later ends the open one on that day; an overlap with a closed period is refused and ends nothing', async () => {
    const a = await createTable({ provinceCode: '75', name: 'Bảng giá 2030', decision: decision('1/2030/QĐ-UBND', '2029-12-20'), validFrom: '2030-01-01', validTo: null, multiPositionRule: 'nearest', positionRules: rules(null) });
    expect((await api('POST', `/prices/tables/${a}/publish`, officer.cookie)).statusCode).toBe(204);
    const b = await createTable({ provinceCode: '75', name: 'Bảng giá 2031', decision: decision('1/2031/QĐ-UBND', '2030-12-20'), validFrom: '2031-01-01', validTo: null, multiPositionRule: 'nearest', positionRules: rules(null) });
    expect((await api('POST', `/prices/tables/${b}/publish`, officer.cookie)).statusCode).toBe(204);
    expect((await api('GET', `/prices/tables/${a}`)).json()).toMatchObject({ validFrom: '2030-01-01', validTo: '2031-01-01' });
    expect((await api('GET', `/prices/tables/${b}`)).json()).toMatchObject({ validTo: null });
    // starts inside 2030's (now closed) period: refused, and 2031's table stays open
    const c = await createTable({ provinceCode: '75', name: 'Sửa đổi giữa năm 2030', decision: decision('7/2030/QĐ-UBND', '2030-05-20'), validFrom: '2030-06-01', validTo: null, multiPositionRule: 'nearest', positionRules: rules(null) });
    expect((await api('POST', `/prices/tables/${c}/publish`, officer.cookie)).statusCode).toBe(409);
    expect((await api('GET', `/prices/tables/${b}`)).json()).toMatchObject({ validTo: null });
    expect((await api('GET', `/prices/tables/${c}`)).json()).toMatchObject({ status: 'draft' });
  });
});

describe('S-PRICE who may read and edit', () => {
  it('anyone reads the published tables and parcel prices; only prices.edit edits and reads market transactions', async () => {
    expect((await api('GET', '/prices/tables')).statusCode).toBe(200);
    expect((await api('GET', `/prices/tables/${tables.y2025}`)).statusCode).toBe(200);
    expect((await priceOf(9001, '2025-03-01')).statusCode).toBe(200);
    expect((await api('GET', '/prices/transactions')).statusCode).toBe(401);
    expect((await api('POST', '/prices/tables', undefined, {})).statusCode).toBe(401);
    expect((await api('GET', '/prices/transactions', reader)).statusCode).toBe(403);
    expect((await api('POST', `/prices/tables/${tables.y2025}/coefficients`, reader, {})).statusCode).toBe(403);

    const recorded = await api('POST', '/prices/transactions', officer.cookie, {
      unitCode, parcel: { sheetNumber: sheet, parcelNumber: 9001 }, transactionDate: '2025-08-15', landUseCode: 'ODT',
      area: 1000, priceTotal: 13_500_000_000, source: 'notarised_contract', note: null,
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const list = await api('GET', `/prices/transactions?unitCode=${unitCode}`, officer.cookie);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([expect.objectContaining({ pricePerM2: 13_500_000, parcel: { sheetNumber: sheet, parcelNumber: 9001 }, source: 'notarised_contract' })]);
  });

  it('every edit is in the audit log under the officer who made it', async () => {
    const { rows } = await db.query<{ objectType: string }>(
      `select distinct object_type as "objectType" from audit_log where actor_id = $1::uuid and action like 'write.%' order by 1`,
      [officer.id],
    );
    expect(rows.map((r) => r.objectType)).toEqual(expect.arrayContaining(['adjustment_coefficient', 'market_transaction', 'position_rule', 'price_table', 'road_segment', 'segment_price', 'specific_price']));
  });
});
