// The statistics journey (issue #8, S-STAT and F4): an agency reader (reports.read, no
// cadastre.read_personal) opens "Thống kê, báo cáo" from the header, reads form 01/TKKK
// for the province as of 31 December of last year — its total is the API's — sees a bar
// per land-use group, downloads the Excel file (a real xlsx: a zip), reads form 02/TKKK,
// the change matrix, and lists parcels in the extract with individuals' names masked.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveAccount, type TestAccount } from '../support/accounts.js';
import { fixedClock } from '../support/test-app.js';
import type { TestDatabase } from '../support/test-database.js';
import { startPortal, stopPortal } from './running-portal.js';
import { REPO_ROOT, waitForMapIdle, watchPage } from './browser.js';

const SCREENSHOT = (name: string) => path.join(REPO_ROOT, `test-results/statistics-${name}.png`);
const PROVINCE = '75'; // the demo's province after the 2025 reorganisation

let database: TestDatabase | undefined;
let app: FastifyInstance | undefined;
let browser: Browser | undefined;
let baseUrl = '';
let reader: TestAccount;

interface Report {
  date: string;
  unit: { code: string };
  rows: { code: string; depth: number; total: number }[];
  users: { code: string; level: number; total: number }[];
  reconciliation: { recordedArea: number; parcelCount: number };
}

beforeAll(async () => {
  ({ database, app, browser, baseUrl } = await startPortal(async (db) => {
    reader = await createActiveAccount(db, fixedClock, [{ role: 'agency_reader', unitCode: PROVINCE }]);
  }));
});

afterAll(() => stopPortal({ browser, app, database }));

describe('S-STAT F4 land statistics and reports in the portal', () => {
  it('a reader sees form 01/TKKK with the API total, a bar per group, an Excel file, and a masked parcel extract', async () => {
    const context = await browser!.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
    const page = await context.newPage();
    const watched = watchPage(page, baseUrl);
    await page.goto(`${baseUrl}/`);
    await waitForMapIdle(page);
    expect(await page.getByTestId('nav-statistics').count()).toBe(0); // anonymous: no statistics

    await page.getByTestId('login-button').click();
    await page.getByTestId('login-username').fill(reader.username);
    await page.getByTestId('login-password').fill(reader.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-statistics').click();
    await page.getByTestId('statistics').waitFor();

    // The official statistics date by default, the widest unit the grant covers first.
    const date = await page.getByTestId('stats-date').inputValue();
    expect(date).toMatch(/^\d{4}-12-31$/);
    await expect.poll(() => page.getByTestId('stats-unit').inputValue()).toBe(PROVINCE);

    // 01/TKKK: the total line is the API's total (the three groups = the recorded area).
    await page.getByTestId('table-01').waitFor({ timeout: 60_000 });
    const api = (await (await page.request.get(`${baseUrl}/api/v1/statistics/${PROVINCE}/land-use?date=${date}`)).json()) as Report;
    const groups = api.rows.filter((r) => r.depth === 0);
    const apiTotal = groups.reduce((sum, r) => sum + r.total, 0);
    expect(apiTotal).toBeCloseTo(api.reconciliation.recordedArea, 4);
    expect(api.reconciliation.parcelCount).toBeGreaterThan(0);
    const total = page.getByTestId('total-01');
    expect(Number(await total.getAttribute('data-value'))).toBeCloseTo(apiTotal, 4);
    const hectares = (apiTotal / 10_000).toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(await total.textContent()).toBe(hectares);
    expect(await page.getByTestId('recon-recorded').textContent()).toBe(`${hectares} ha`);
    // every code of the form is a row, groups first in their order
    expect(await page.getByTestId('row-01').count()).toBe(api.rows.length);
    expect(await page.getByTestId('row-01').first().getAttribute('data-code')).toBe('NNP');

    // The chart: one bar per land-use group, each with its area as text.
    const bars = page.getByTestId('chart-area').getByTestId('chart-bar');
    expect(await bars.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-code')))).toEqual(['NNP', 'PNN', 'CSD']);
    for (const group of groups) {
      const bar = page.getByTestId('chart-area').locator(`[data-code="${group.code}"]`);
      expect(Number(await bar.getAttribute('data-value'))).toBeCloseTo(group.total, 4);
      expect(await bar.textContent()).toContain(`${(group.total / 10_000).toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ha`);
    }
    expect(await page.getByTestId('chart-area').locator('svg[role="img"] title').first().textContent()).toContain('Diện tích theo nhóm đất');
    fs.mkdirSync(path.dirname(SCREENSHOT('01')), { recursive: true });
    await page.screenshot({ path: SCREENSHOT('01'), fullPage: true });
    await page.locator('.stats-charts').screenshot({ path: SCREENSHOT('charts') });

    // Excel: the download is a real xlsx (a zip: "PK").
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-land-use-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe(`01-TKKK_${PROVINCE}_${date}.xlsx`);
    const bytes = fs.readFileSync((await xlsx.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bytes.length).toBeGreaterThan(2_000);

    // 02/TKKK: the same total, read by user and manager.
    await page.getByTestId('stats-tab-users').click();
    await page.getByTestId('table-02').waitFor();
    expect(Number(await page.getByTestId('total-02').getAttribute('data-value'))).toBeCloseTo(apiTotal, 4);
    expect(await page.getByTestId('row-02').count()).toBe(api.users.length);

    // Changes over the year before: the matrix is drawn.
    await page.getByTestId('stats-tab-changes').click();
    await page.getByTestId('changes-run').click();
    await page.getByTestId('changes-matrix').waitFor({ timeout: 60_000 });

    // F4: residential land in the province; the holders' names are masked for this role.
    await page.getByTestId('stats-tab-extract').click();
    await page.getByTestId('extract-codes').locator('option[value="ONT"]').waitFor({ state: 'attached' });
    await page.getByTestId('extract-codes').selectOption(['ONT', 'CLN']);
    await page.getByTestId('extract-run').click();
    await page.getByTestId('extract-table').waitFor({ timeout: 60_000 });
    const extract = (await (await page.request.get(`${baseUrl}/api/v1/reports/parcels?unitCode=${PROVINCE}&date=${date}&landUseCodes=ONT,CLN&limit=50`)).json()) as {
      total: number; masked: boolean; items: { landUseCode: string; holders: { kind: string; fullName: string }[] }[];
    };
    expect(extract.masked).toBe(true);
    expect(extract.total).toBeGreaterThan(0);
    expect(await page.getByTestId('extract-result').getAttribute('data-masked')).toBe('true');
    await page.getByTestId('extract-masked').waitFor();
    expect(await page.getByTestId('extract-row').count()).toBe(Math.min(50, extract.total));
    expect(await page.getByTestId('extract-summary').textContent()).toContain(`${extract.total.toLocaleString('vi-VN')} thửa`);
    const shown = await page.getByTestId('extract-holders').allTextContents();
    expect(shown).toEqual(extract.items.map((item) => item.holders.map((h) => h.fullName).join('; ')));
    const individuals = extract.items.flatMap((item) => item.holders).filter((h) => h.kind === 'individual');
    expect(individuals.length).toBeGreaterThan(0);
    // a masked name keeps the family name and initials only: "Nguyễn V. A."
    for (const holder of individuals) expect(holder.fullName).toMatch(/^\S+( \S\.)+$/u);
    expect(shown.join(' ')).toContain(individuals[0]!.fullName);
    await page.screenshot({ path: SCREENSHOT('extract'), fullPage: true });

    // Show on the map: the map opens on the extract as of its day, and says what it draws.
    await page.getByTestId('extract-map').click();
    await page.getByTestId('extract-overlay').waitFor({ timeout: 60_000 });
    await waitForMapIdle(page);
    const hash = new URLSearchParams((await page.evaluate(() => window.location.hash)).slice(1));
    expect(hash.get('date')).toBe(date);
    expect(hash.get('map')).toMatch(/^\d+\.\d{2}\/11\.\d+\/10[67]\.\d+$/); // centred in Bình Phước
    expect(await page.getByTestId('extract-overlay').textContent()).toContain(`${extract.total.toLocaleString('vi-VN')} thửa trích xuất`);
    await page.screenshot({ path: SCREENSHOT('map') });
    await page.getByTestId('extract-overlay-clear').click();
    expect(await page.getByTestId('extract-overlay').count()).toBe(0);

    expect(watched.pageErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
    await context.close();
  });
});
