// The portal journey: open it in Vietnamese, pick a commune with parcels, click a parcel
// on the map, read its data, switch to English, reopen the same view from the link.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../support/test-database.js';
import { startPortal, stopPortal } from './running-portal.js';
import {

  colourDistance,
  hexToRgb,
  mapCentrePixel,
  mapCentreRegion,
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

interface Camera { zoom: number; lat: number; lon: number }

/** The camera the portal keeps in its URL: #map=zoom/lat/lon. */
function cameraOf(url: string): Camera {
  const match = /map=([\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)/.exec(new URL(url).hash);
  if (!match) return { zoom: 0, lat: 0, lon: 0 };
  return { zoom: Number(match[1]), lat: Number(match[2]), lon: Number(match[3]) };
}

/** Where a point is drawn relative to the map's centre, in CSS pixels (Web Mercator, 512 px tiles). */
function pixelOffset(camera: Camera, point: { lat: number; lon: number }): { x: number; y: number } {
  const world = 512 * 2 ** camera.zoom;
  const x = (lon: number) => ((lon + 180) / 360) * world;
  const y = (lat: number) => ((1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2) * world;
  return { x: x(point.lon) - x(camera.lon), y: y(point.lat) - y(camera.lat) };
}

/** How many pixels near the map's centre are far from a colour (the parcel's fill): its label. */
async function pixelsUnlikeAround(page: Page, radius: number, fill: readonly number[]): Promise<number> {
  const data = await mapCentreRegion(page, radius);
  let unlike = 0;
  for (let i = 0; i < data.length; i += 4) if (colourDistance(data.slice(i, i + 3), fill) > 60) unlike++;
  return unlike;
}

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

    // S-PRICE, S-PLAN: the parcel's price and planning, public, as the API gives them
    const where = `${detail.unitCode}/${detail.sheetNumber}/${detail.parcelNumber}`;
    const price = await api<{ pricePerM2: number; explanation: { formula: string } }>(`/prices/parcels/${where}`);
    const perM2 = `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(price.pricePerM2)} đ/m²`;
    await expect.poll(() => panel.getByTestId('price-per-m2').textContent()).toBe(perM2);
    expect(await panel.getByTestId('price-formula').textContent()).toBe(price.explanation.formula);
    const planning = await api<{ plans: unknown[] }>(`/planning/parcels/${where}`);
    await panel.getByTestId('parcel-planning').getByText('Quy hoạch', { exact: false }).first().waitFor();
    await expect.poll(() => panel.getByTestId(planning.plans.length > 0 ? 'planning-plan' : 'planning-none').count()).toBe(Math.max(1, planning.plans.length));

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

  it('U1/S-PORTAL: zooms with the wheel, pans by dragging, labels parcels and opens the one clicked on the vector tiles', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    const watched = watchPage(page, baseUrl);
    const { items: communes } = await api<{ items: Unit[] }>('/units?level=commune');
    const commune = communes.find((unit) => unit.parcelCount > 0)!;
    const parcels = await api<{ features: { properties: ParcelProps & { officialArea: number } }[] }>(`/units/${commune.code}/parcels?limit=200`);
    const big = parcels.features.map((f) => f.properties).sort((a, b) => b.officialArea - a.officialArea)[0]!;
    const target = await api<ParcelDetail>(`/parcels/${big.unitCode}/${big.sheetNumber}/${big.parcelNumber}`);

    // Start at z14, some 40 m from the parcel (no unit picked: parcels from the tiles only);
    // at z18 that is about 150 px, inside the map.
    const start = { lat: target.centroid.lat + 0.0003, lon: target.centroid.lon - 0.0003 };
    await page.goto(`${baseUrl}/#map=14/${start.lat}/${start.lon}`);
    await waitForMapIdle(page);
    const box = (await page.getByTestId('map').boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };

    // Zoom in with the mouse wheel until z18 or more.
    await page.mouse.move(centre.x, centre.y);
    for (let step = 0; step < 30 && cameraOf(page.url()).zoom < 18; step++) {
      await page.mouse.wheel(0, -200);
      await page.waitForTimeout(400); // the wheel zoom eases; the URL follows when it ends
      await waitForMapIdle(page);
    }
    const zoomed = cameraOf(page.url());
    expect(zoomed.zoom).toBeGreaterThanOrEqual(18);
    expect(zoomed.zoom).toBeLessThan(20);

    // Drag the parcel's centroid to the centre of the map.
    const offset = pixelOffset(zoomed, target.centroid);
    await page.mouse.move(centre.x + offset.x, centre.y + offset.y);
    await page.mouse.down();
    await page.mouse.move(centre.x, centre.y, { steps: 12 });
    await page.mouse.up();
    await waitForMapIdle(page);
    const panned = cameraOf(page.url());
    const left = pixelOffset(panned, target.centroid);
    expect(Math.hypot(left.x, left.y), 'the parcel is under the centre after the drag').toBeLessThan(6);

    // Its number is written on it: text and halo over the land-use colour at its point on surface.
    const { items: codes } = await api<{ items: { code: string; mapColor: string }[] }>('/land-use-codes');
    const fill = hexToRgb(codes.find((code) => code.code === target.landUseCode)!.mapColor);
    expect(await pixelsUnlikeAround(page, 12, fill), 'a label at the parcel').toBeGreaterThan(20);

    await page.mouse.click(centre.x, centre.y);
    const panel = page.getByTestId('parcel-panel');
    await expect.poll(() => panel.getByTestId('parcel-number').textContent()).toBe(String(target.parcelNumber));
    expect(await panel.getByTestId('sheet-number').textContent()).toBe(String(target.sheetNumber));
    expect(await panel.getByTestId('parcel-unit').textContent()).toBe(target.unitName);
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
