// The Department's journeys (issue #8 items 1-2, S-PRICE and S-PLAN): a specialist
// (dept_land_officer: prices.edit, planning.edit) opens "Giá đất" from the header, creates
// a draft price table, imports a bad Excel file and sees every fault by row and column
// with nothing written, imports a good one, adds a coefficient, publishes (confirming the
// freeze) and downloads it; a parcel next to the new segment then shows that table's price
// in the map's parcel panel. Then "Quy hoạch": a draft plan, a bad zone file refused
// with the faulty feature and field named, good zones drawn in the land-use colours, a
// project, the approval.
//
// The demo's own table is published from 2026-01-01 with no end (and tables may not
// overlap), so the table made here covers 2025 and the panel is opened on 2025-06-01.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../src/kernel/clock.js';
import { seedDemo } from '../../src/modules/demo/index.js';
import { createActiveAccount, type TestAccount } from '../support/accounts.js';
import { buildTestApp, fixedClock } from '../support/test-app.js';
import { openTestDatabase, TEST_DEMO, type TestDatabase } from '../support/test-database.js';
import { buildPortal, launchChromium, REPO_ROOT, watchPage } from './browser.js';
import { stopPortal } from './running-portal.js';

const SCREENSHOT = (name: string) => path.join(REPO_ROOT, `test-results/prices-planning-${name}.png`);
const PROVINCE = '75';
const DAY = '2025-06-01';
const HEADERS = ['Mã đoạn', 'Tên đường', 'Từ', 'Đến', 'Mã ĐVHC', 'Mã loại đất', 'VT1', 'VT2', 'VT3', 'VT4'];

let database: TestDatabase | undefined;
let app: FastifyInstance | undefined;
let browser: Browser | undefined;
let baseUrl = '';
let officer: TestAccount;

interface ParcelDetail {
  unitCode: string;
  sheetNumber: number;
  parcelNumber: number;
  landUseCode: string;
  centroid: { lat: number; lon: number };
}

// The test day, but a clock that moves: a plan's versions must follow each other in time
// (two changes at one instant are refused), which a fixed clock would never allow.
const startedAt = Date.now();
const movingClock: Clock = { now: () => new Date(fixedClock.now().getTime() + (Date.now() - startedAt)) };

beforeAll(async () => {
  buildPortal();
  database = await openTestDatabase();
  await seedDemo(database.db, TEST_DEMO);
  officer = await createActiveAccount(database.db, fixedClock, [{ role: 'dept_land_officer', unitCode: PROVINCE }]);
  app = await buildTestApp(database.db, {}, movingClock);
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(() => stopPortal({ browser, app, database }));

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Bảng giá đất');
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function api<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(`${baseUrl}/api/v1${url}`);
  expect(response.ok(), `${url}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

const square = (lon: number, lat: number, size: number) => [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]];

describe('S-PRICE S-PLAN the Department keeps price tables and plans in the portal', () => {
  it('a specialist imports, publishes and prices a parcel by a new table, then uploads zones and approves a plan', async () => {
    const context = await browser!.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
    const page = await context.newPage();
    const watched = watchPage(page, baseUrl);
    await page.goto(`${baseUrl}/#/prices`); // needs a sign-in first
    await page.getByTestId('login-username').fill(officer.username);
    await page.getByTestId('login-password').fill(officer.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('prices').waitFor();
    expect(await page.getByTestId('nav-prices').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('nav-planning').count()).toBe(1);

    // A parcel of the demo and a live commune for the segment (the Excel names a live unit).
    const { features } = await api<{ features: { properties: { unitCode: string; sheetNumber: number; parcelNumber: number } }[] }>(page, '/units/25195/parcels?limit=1');
    const key = features[0]!.properties;
    const where = `${key.unitCode}/${key.sheetNumber}/${key.parcelNumber}`;
    const parcel = await api<ParcelDetail>(page, `/parcels/${where}`);
    const { items: communes } = await api<{ items: { code: string; validTo: string | null }[] }>(page, '/units?level=commune');
    const liveCommune = communes.find((u) => u.validTo === null)!.code;
    const code = `E2E-${Date.now().toString(36)}`;

    // 1. A draft table for 2025.
    await page.getByTestId('price-new').click();
    const form = page.getByTestId('price-table-form');
    expect(await page.getByTestId('price-province').inputValue()).toBe(PROVINCE);
    await page.getByTestId('price-name').fill('Bảng giá đất năm 2025 (thử nghiệm giao diện)');
    await page.getByTestId('price-decision-number').fill('77/2024/QĐ-UBND');
    await page.getByTestId('price-decision-date').fill('2024-12-20');
    await page.getByTestId('price-valid-from').fill('2025-01-01');
    await page.getByTestId('price-valid-to').fill('2026-01-01');
    await form.getByTestId('form-submit').click();
    const detail = page.getByTestId('price-table');
    await detail.waitFor();
    expect(await detail.getAttribute('data-status')).toBe('draft');
    const tableId = (await detail.getAttribute('data-id'))!;
    expect(await detail.getByTestId('price-rules').locator('tbody tr').count()).toBe(4);
    await detail.getByTestId('price-no-segments').waitFor();

    // 2. A bad workbook: every fault by row and column, in the chosen language; nothing written.
    const row = (vt1: unknown, landUse = parcel.landUseCode) => [code, 'Đường thử nghiệm', 'Ngã ba A', 'Ngã tư B', liveCommune, landUse, vt1, 6_000_000, 4_000_000, 2_500_000];
    await page.getByTestId('price-import-file').setInputFiles({ name: 'xau.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbook([row(10_000_000), row('mười triệu', 'ZZZ')]) });
    await page.getByTestId('price-import-submit').click();
    const findings = page.getByTestId('price-findings');
    await findings.waitFor({ timeout: 60_000 });
    const rows = await findings.getByTestId('price-finding').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-row')));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toContain('3'); // the second data row, under the header
    expect(await findings.textContent()).toContain('VT1');
    expect(await page.getByTestId('price-import-error').textContent()).toContain('không dòng nào được ghi');
    const unchanged = await api<{ segmentList: unknown[] }>(page, `/prices/tables/${tableId}`);
    expect(unchanged.segmentList).toEqual([]);
    fs.mkdirSync(path.dirname(SCREENSHOT('findings')), { recursive: true });
    await page.screenshot({ path: SCREENSHOT('findings'), fullPage: true });

    // 3. The good workbook, its road line and a coefficient.
    await page.getByTestId('price-import-file').setInputFiles({ name: 'tot.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbook([row(10_000_000)]) });
    await page.getByTestId('price-import-submit').click();
    const segmentRow = page.locator(`[data-testid="price-segment-row"][data-code="${code}"]`);
    await segmentRow.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('price-import-done').textContent()).toBe('Đã nhập 1 đoạn đường, 4 mức giá.');
    expect(await page.getByTestId('price-findings').count()).toBe(0);
    expect(await segmentRow.getByTestId('price-vt1').textContent()).toBe((10_000_000).toLocaleString('vi-VN'));
    const line = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code }, geometry: { type: 'LineString', coordinates: [[parcel.centroid.lon - 0.0005, parcel.centroid.lat], [parcel.centroid.lon + 0.0005, parcel.centroid.lat]] } }] };
    await page.getByTestId('price-lines-file').setInputFiles({ name: 'duong.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(line)) });
    await page.getByTestId('price-lines-submit').click();
    await expect.poll(() => page.locator(`[data-testid="price-segment-row"][data-code="${code}"] td`).nth(3).textContent(), { timeout: 30_000 }).toBe('✓');
    await page.getByTestId('coefficient-new').click();
    await page.getByTestId('coefficient-value').fill('1.2');
    await page.getByTestId('coefficient-from').fill('2025-01-01');
    await page.getByTestId('coefficient-to').fill('2026-01-01');
    await page.getByTestId('coefficient-decision').fill('78/2024/QĐ-UBND');
    await page.getByTestId('coefficient-form').getByTestId('form-submit').click();
    await page.getByTestId('price-coefficient').waitFor();
    expect(await page.getByTestId('price-coefficient-value').textContent()).toBe('1,2');

    // 4. Publish, after saying the prices freeze.
    await page.getByTestId('price-publish').click();
    const confirm = page.getByTestId('price-publish-confirm');
    expect(await confirm.textContent()).toContain('không sửa được');
    await confirm.getByTestId('form-submit').click();
    await expect.poll(() => page.getByTestId('price-table').getAttribute('data-status')).toBe('published');
    expect(await page.getByTestId('price-import').count()).toBe(0);
    await page.getByTestId('price-table').screenshot({ path: SCREENSHOT('published') });
    expect(await page.locator(`[data-testid="price-table-row"][data-id="${tableId}"] [data-testid="price-table-status"]`).getAttribute('data-status')).toBe('published');

    // The Excel download is the table in the import layout (a real xlsx with the row).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('price-export').click()]);
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const sheet = exported.worksheets[0]!;
    expect(sheet.getRow(2).getCell(1).text).toBe(code);
    expect(Number(sheet.getRow(2).getCell(7).value)).toBe(10_000_000);

    // 5. The parcel on the road, on a day of 2025: the API prices it by the new table
    // (VT1 × 1.2), and the map's parcel panel shows that price.
    const price = await api<{ pricePerM2: number; explanation: { table: { id: string }; segment: { code: string } } }>(page, `/prices/parcels/${where}?date=${DAY}`);
    expect(price.explanation.table.id).toBe(tableId);
    expect(price.explanation.segment.code).toBe(code);
    expect(price.pricePerM2).toBeCloseTo(12_000_000, 0);
    await page.goto(`${baseUrl}/#map=17/${parcel.centroid.lat}/${parcel.centroid.lon}&unit=${key.unitCode}&parcel=${where}&date=${DAY}`);
    const panel = page.getByTestId('parcel-panel');
    const perM2 = `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(price.pricePerM2)} đ/m²`;
    await expect.poll(() => panel.getByTestId('price-per-m2').textContent(), { timeout: 60_000 }).toBe(perM2);
    expect(await panel.getByTestId('price-segment').textContent()).toContain('Đường thử nghiệm');

    // 6. Quy hoạch: a draft plan of the province.
    await page.getByTestId('nav-planning').click();
    await page.getByTestId('planning').waitFor();
    await expect.poll(() => page.getByTestId('plan-unit').inputValue()).toBe(PROVINCE);
    await page.getByTestId('plan-new').click();
    await page.getByTestId('plan-name').fill('Kế hoạch sử dụng đất năm 2027 (thử nghiệm giao diện)');
    await page.getByTestId('plan-kind').selectOption('annual_plan');
    await page.getByTestId('plan-start').fill('2027-01-01');
    await page.getByTestId('plan-end').fill('2027-12-31');
    await page.getByTestId('plan-form').getByTestId('form-submit').click();
    const plan = page.getByTestId('plan');
    await plan.waitFor();
    expect(await plan.getAttribute('data-status')).toBe('draft');
    const planId = (await plan.getAttribute('data-id'))!;
    await page.locator(`[data-testid="plan-row"][data-id="${planId}"]`).waitFor();

    // A bad zone file: the second feature lacks its planned land use; nothing is saved.
    const { lon, lat } = parcel.centroid;
    const zone = (zoneCode: string, name: string, landUseCode: string | undefined, x: number) => ({
      type: 'Feature', properties: { zoneCode, name, ...(landUseCode ? { landUseCode } : {}) }, geometry: { type: 'Polygon', coordinates: square(x, lat - 0.001, 0.001) },
    });
    const bad = { type: 'FeatureCollection', features: [zone('TN-01', 'Khu ở thử nghiệm', 'ODT', lon - 0.001), zone('TN-02', 'Khu thương mại thử nghiệm', undefined, lon + 0.0001)] };
    await page.getByTestId('zone-file').setInputFiles({ name: 'xau.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(bad)) });
    await page.getByTestId('zone-submit').click();
    const faults = page.getByTestId('zone-findings');
    await faults.waitFor({ timeout: 60_000 });
    const named = await faults.getByTestId('zone-finding').evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute('data-feature')}:${n.getAttribute('data-field')}`));
    expect(named).toEqual(['1:properties.landUseCode']);
    expect(await page.getByTestId('zone-error').textContent()).toContain('phần tử 1');
    // the server's message follows the language chosen afterwards, and so do the findings
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('zone-error').textContent()).toContain('feature 1, field properties.landUseCode');
    expect(await faults.getByTestId('zone-finding').locator('td').nth(2).textContent()).toMatch(/^[\x20-\x7e]+$/); // English, no Vietnamese letters
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('zone-error').textContent()).toContain('phần tử 1');
    expect((await api<{ zones: { features: unknown[] } }>(page, `/planning/plans/${planId}`)).zones.features).toEqual([]);

    // The good file: two zones, drawn in their planned land use's colour.
    const good = { type: 'FeatureCollection', features: [zone('TN-01', 'Khu ở thử nghiệm', 'ODT', lon - 0.001), zone('TN-02', 'Khu thương mại thử nghiệm', 'TMD', lon + 0.0001)] };
    await page.getByTestId('zone-file').setInputFiles({ name: 'tot.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(good)) });
    await page.getByTestId('zone-submit').click();
    await expect.poll(() => page.getByTestId('plan-zone-shape').count(), { timeout: 60_000 }).toBe(2);
    const { items: codes } = await api<{ items: { code: string; mapColor: string }[] }>(page, '/land-use-codes');
    for (const use of ['ODT', 'TMD']) {
      const fill = await page.locator(`[data-testid="plan-zone-shape"][data-land-use="${use}"]`).getAttribute('fill');
      expect(fill?.toLowerCase()).toBe(codes.find((c) => c.code === use)!.mapColor.toLowerCase());
    }
    expect(await page.getByTestId('plan-zone-row').count()).toBe(2);

    // A project, then the approval.
    await page.getByTestId('project-add').click();
    await page.getByTestId('project-name').fill('Chợ thử nghiệm');
    await page.getByTestId('project-land-use').fill('TMD');
    await page.getByTestId('project-area').fill('2500');
    await page.getByTestId('project-year').fill('2027');
    await page.getByTestId('project-form').getByTestId('form-submit').click();
    await page.getByTestId('plan-project').waitFor();
    await page.getByTestId('plan-approve').click();
    await page.getByTestId('approve-number').fill('88/QĐ-UBND');
    await page.getByTestId('approve-date').fill('2026-11-20');
    await page.getByTestId('approve-form').getByTestId('form-submit').click();
    await expect.poll(() => page.getByTestId('plan').getAttribute('data-status')).toBe('approved');
    expect(await page.getByTestId('plan-decision').textContent()).toContain('88/QĐ-UBND');
    expect(await page.getByTestId('zone-upload').count()).toBe(0);
    const approved = await api<{ status: string; decisionNumber: string; inForceFrom: string }>(page, `/planning/plans/${planId}`);
    expect(approved).toMatchObject({ status: 'approved', decisionNumber: '88/QĐ-UBND', inForceFrom: '2026-11-20' });

    // English labels on the same screen.
    await page.getByTestId('lang-switch').click();
    expect(await page.getByTestId('plan-supersede').textContent()).toBe('Record replacement');
    await page.getByTestId('plan').screenshot({ path: SCREENSHOT('plan') });

    expect(watched.pageErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
    await context.close();
  });
});
