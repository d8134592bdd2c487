// The portal journey: open it in Vietnamese, pick a commune with parcels, click a parcel
// on the map, read its data, switch to English, reopen the same view from the link.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../support/test-database.js';
import { startPortal, stopPortal } from './running-portal.js';
import {

  colourDistance,
  hexToRgb,
  mapCentrePixel,
  REPO_ROOT,
  waitForMapIdle,
  watchPage,
} from './browser.js';

interface Unit { code: string; kind: string; name: string; parcelCount: number }
interface ParcelProps { unitCode: string; sheetNumber: number; parcelNumber: number; landUseCode: string }
interface ParcelDetail extends ParcelProps {
  unitName: string;
  officialArea: number;
  centroid: { lon: number; lat: number };
}

const SCREENSHOT = path.join(REPO_ROOT, 'test-results/portal.png');

let database: TestDatabase | undefined;
let app: FastifyInstance | undefined;
let browser: Browser | undefined;
let baseUrl = '';

async function api<T>(pathAndQuery: string): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${pathAndQuery}`);
  expect(response.status, pathAndQuery).toBe(200);
  return (await response.json()) as T;
}

beforeAll(async () => {
  ({ database, app, browser, baseUrl } = await startPortal());
});

afterAll(() => stopPortal({ browser, app, database }));

describe('web portal', () => {
  it('shows a parcel picked on the map, in Vietnamese and in English, and reopens it from the link', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    const watched = watchPage(page, baseUrl);

    await page.goto(`${baseUrl}/`);
    expect(await page.title()).toBe('Hệ thống thông tin đất đai tỉnh Bình Phước');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Hệ thống thông tin đất đai tỉnh Bình Phước');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await waitForMapIdle(page);

    // Pick a commune that has parcels from the list, as a user would.
    const { items: communes } = await api<{ items: Unit[] }>('/units?level=commune');
    const commune = communes.find((unit) => unit.parcelCount > 0);
    expect(commune, 'the demo has a commune with parcels').toBeDefined();
    const select = page.getByTestId('unit-select');
    await select.locator(`option[value="${commune!.code}"]`).waitFor({ state: 'attached' });
    await select.selectOption(commune!.code);
    await page.getByTestId('legend').waitFor();
    await page.getByTestId('loading').waitFor({ state: 'detached' });
    expect(page.url()).toContain(`unit=${commune!.code}`);

    // One of its parcels, as the API describes it.
    const parcels = await api<{ features: { properties: ParcelProps }[] }>(`/units/${commune!.code}/parcels?limit=1`);
    const target = parcels.features[0]!.properties;
    const detail = await api<ParcelDetail>(`/parcels/${target.unitCode}/${target.sheetNumber}/${target.parcelNumber}`);

    // Centre the map on the parcel through the URL (the view lives there), then click the
    // middle of the canvas. The app rewrites the hash once the map has moved.
    const { lat, lon } = detail.centroid;
    await page.evaluate(([hash]) => (window.location.hash = hash!), [`map=17/${lat}/${lon}&unit=${commune!.code}`]);
    await page.waitForFunction(() => window.location.hash.startsWith('#map=17.00/'));
    await waitForMapIdle(page);

    // MapLibre really drew it: the pixel under the centre has the parcel's land-use colour.
    const { items: codes } = await api<{ items: { code: string; mapColor: string }[] }>('/land-use-codes');
    const colour = codes.find((code) => code.code === detail.landUseCode)!.mapColor;
    expect(colourDistance(await mapCentrePixel(page), hexToRgb(colour))).toBeLessThan(40);

    await page.locator('[data-testid="map"] canvas').click(); // Playwright clicks the element's centre
    const panel = page.getByTestId('parcel-panel');
    await expect.poll(() => panel.getByTestId('parcel-number').textContent()).toBe(String(detail.parcelNumber));
    expect(await panel.getByTestId('sheet-number').textContent()).toBe(String(detail.sheetNumber));
    expect(await panel.getByTestId('parcel-unit').textContent()).toBe(detail.unitName);
    expect(await panel.getByTestId('sheet-number-label').textContent()).toBe('Tờ bản đồ số');
    expect(await panel.getByTestId('parcel-number-label').textContent()).toBe('Thửa đất số');
    const areaVi = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(detail.officialArea);
    expect(await panel.getByTestId('parcel-area').textContent()).toBe(`${areaVi} m²`);
    expect(page.url()).toContain(`parcel=${detail.unitCode}/${detail.sheetNumber}/${detail.parcelNumber}`);

    // English: labels, <html lang>, title; the choice is remembered.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => panel.getByTestId('sheet-number-label').textContent()).toBe('Map sheet no.');
    expect(await panel.getByTestId('parcel-number-label').textContent()).toBe('Parcel no.');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.title()).toBe('Bình Phước Land Information System');

    // The link reopens the same view: same parcel, still in English.
    await page.reload();
    await expect.poll(() => page.getByTestId('parcel-number').textContent()).toBe(String(detail.parcelNumber));
    expect(await page.getByTestId('sheet-number').textContent()).toBe(String(detail.sheetNumber));
    expect(await page.getByTestId('sheet-number-label').textContent()).toBe('Map sheet no.');
    await waitForMapIdle(page);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    expect(watched.pageErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
    await page.close();
  });

  it('shows the API error message in the chosen language', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    const { items: communes } = await api<{ items: Unit[] }>('/units?level=commune');
    const code = communes[0]!.code;
    await page.goto(`${baseUrl}/#unit=${code}&parcel=${code}/9999/99999`);
    const error = page.getByTestId('error');
    await expect.poll(() => error.textContent()).toContain('Không tìm thấy');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => error.textContent()).toContain('not found');
    await page.close();
  });
});
