// The map tools of the portal (issue #5, part 3), in Vietnamese: measuring a distance and
// an area between clicked points, the map as of a date (tiles asked with asOf, a parcel
// registered later is absent, the panel shows the parcel as of that date), and the export
// of the view to PNG and to an A4 PDF.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../support/test-database.js';
import { startPortal, stopPortal } from './running-portal.js';
import { colourDistance, hexToRgb, mapCentrePixel, REPO_ROOT, waitForMapIdle, watchPage } from './browser.js';

const EXPORTED = path.join(REPO_ROOT, 'test-results/map-export.png');

interface Unit { code: string; kind: string; name: string; parcelCount: number; validFrom: string }
interface ParcelProps { unitCode: string; sheetNumber: number; parcelNumber: number; landUseCode: string; officialArea: number }
interface ParcelDetail extends ParcelProps {
  unitName: string;
  validFrom: string;
  centroid: { lon: number; lat: number };
}

let database: TestDatabase | undefined;
let app: FastifyInstance | undefined;
let browser: Browser | undefined;
let baseUrl = '';
let commune: Unit;
/** A large parcel registered after 2016 (the demo's parcels date from 2015 to 2023). */
let parcel: ParcelDetail;
let parcelColour: [number, number, number];

async function api<T>(pathAndQuery: string): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${pathAndQuery}`);
  expect(response.status, pathAndQuery).toBe(200);
  return (await response.json()) as T;
}

/** The calendar day of a moment in Vietnam (UTC+7), plus some days. */
function vietnamDay(moment: string, plusDays = 0): string {
  return new Date(Date.parse(moment) + 7 * 3600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
}

/** Ground metres per CSS pixel (Web Mercator, 512 px tiles), as the tool should measure. */
function metresPerPixel(lat: number, zoom: number): number {
  return (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

const ZOOM = 16;

async function openAtParcel(page: Page, extra = ''): Promise<{ x: number; y: number }> {
  await page.goto(`${baseUrl}/#map=${ZOOM}/${parcel.centroid.lat}/${parcel.centroid.lon}${extra}`);
  await waitForMapIdle(page);
  const box = (await page.getByTestId('map').boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

beforeAll(async () => {
  ({ database, app, browser, baseUrl } = await startPortal());
  const { items: communes } = await api<{ items: Unit[] }>('/units?level=commune');
  commune = communes.find((unit) => unit.parcelCount > 0)!;
  const { features } = await api<{ features: { properties: ParcelProps }[] }>(`/units/${commune.code}/parcels?limit=500`);
  const largest = features.map((f) => f.properties).sort((a, b) => b.officialArea - a.officialArea).slice(0, 15);
  for (const candidate of largest) {
    const detail = await api<ParcelDetail>(`/parcels/${candidate.unitCode}/${candidate.sheetNumber}/${candidate.parcelNumber}`);
    if (vietnamDay(detail.validFrom) > '2016-01-01' && vietnamDay(detail.validFrom) < '2024-01-01') {
      parcel = detail;
      break;
    }
  }
  expect(parcel, 'a large demo parcel registered between 2016 and 2024').toBeDefined();
  const { items: codes } = await api<{ items: { code: string; mapColor: string }[] }>('/land-use-codes');
  parcelColour = hexToRgb(codes.find((code) => code.code === parcel.landUseCode)!.mapColor);
});

afterAll(() => stopPortal({ browser, app, database }));

describe('S-PORTAL map tools', () => {
  it('measures a distance and an area between clicked points, without opening parcels', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    const watched = watchPage(page, baseUrl);
    const centre = await openAtParcel(page);
    const mpp = metresPerPixel(parcel.centroid.lat, ZOOM);

    await page.getByTestId('measure-distance').click();
    expect(await page.getByTestId('measure-distance').getAttribute('aria-pressed')).toBe('true');
    await page.mouse.click(centre.x, centre.y); // on the parcel: a point, not the parcel's page
    await page.mouse.click(centre.x + 250, centre.y);
    await page.getByTestId('measure-finish').click();
    const result = page.getByTestId('measure-result');
    const metres = Number(await result.getAttribute('data-metres'));
    // geodesic (turf, sphere) against Web Mercator pixels: well within 1 %
    expect(metres / (250 * mpp)).toBeGreaterThan(0.99);
    expect(metres / (250 * mpp)).toBeLessThan(1.01);
    const shown = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(metres);
    expect(await page.getByTestId('measure-length').textContent()).toBe(`Chiều dài: ${shown} m`);
    expect(await page.getByTestId('parcel-panel').count(), 'no parcel opened while measuring').toBe(0);

    // An area: a square of 200 px, closed by a double click (which must not zoom).
    await page.getByTestId('measure-area').click();
    const h = 100;
    await page.mouse.click(centre.x - h, centre.y - h);
    await page.mouse.click(centre.x + h, centre.y - h);
    await page.mouse.click(centre.x + h, centre.y + h);
    await page.mouse.dblclick(centre.x - h, centre.y + h);
    await expect.poll(() => result.getAttribute('data-finished')).toBe('true');
    const squareMetres = Number(await result.getAttribute('data-square-metres'));
    const expected = (2 * h * mpp) ** 2;
    expect(squareMetres / expected).toBeGreaterThan(0.98);
    expect(squareMetres / expected).toBeLessThan(1.02);
    const m2 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(squareMetres);
    const ha = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 4, maximumFractionDigits: 4 }).format(squareMetres / 10_000);
    expect(await page.getByTestId('measure-area-value').textContent()).toBe(`Diện tích: ${m2} m² (${ha} ha)`);
    expect(page.url()).toContain(`#map=${ZOOM}.00/`);
    expect(await page.getByTestId('parcel-panel').count()).toBe(0);

    // Escape clears; leaving the mode makes clicks open parcels again.
    await page.keyboard.press('Escape');
    await expect.poll(() => result.getAttribute('data-metres')).toBe('0.000');
    await page.getByTestId('measure-area').click();
    await page.mouse.click(centre.x, centre.y);
    await expect.poll(() => page.getByTestId('parcel-number').textContent()).toBe(String(parcel.parcelNumber));

    expect(watched.pageErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
    await page.close();
  });

  it('shows the map as of a date: tiles asked with asOf, a later parcel absent, the panel as of that date', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    const watched = watchPage(page, baseUrl);
    const tileRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/tiles/parcels/') || request.url().includes('/api/v1/units/boundaries')) tileRequests.push(request.url());
    });
    const centre = await openAtParcel(page);
    expect(colourDistance(await mapCentrePixel(page), parcelColour), 'the parcel is drawn today').toBeLessThan(40);
    expect(await page.getByTestId('as-of-badge').count()).toBe(0);

    // The day before it was registered: the tiles are asked for the end of that day, and it is gone.
    const before = vietnamDay(parcel.validFrom, -1);
    tileRequests.length = 0;
    await page.getByTestId('as-of-date').fill(before);
    const asOf = new Date(`${before}T23:59:59.999+07:00`).toISOString();
    await expect.poll(() => tileRequests.some((url) => new URL(url).searchParams.get('asOf') === asOf)).toBe(true);
    // the units' boundaries of that day too (wards were merged in 2025)
    await expect.poll(() => tileRequests.some((url) => url.includes('/units/boundaries') && new URL(url).searchParams.get('asOf') === before)).toBe(true);
    const [y, m, d] = before.split('-');
    await expect.poll(() => page.getByTestId('as-of-badge').textContent()).toContain(`Bản đồ tại ngày ${d}/${m}/${y}`);
    await expect.poll(() => page.url()).toContain(`date=${before}`);
    // (what is drawn is polled: the tiles of the new date arrive in their own time)
    await expect
      .poll(async () => colourDistance(await mapCentrePixel(page), parcelColour), { timeout: 15_000 })
      .toBeGreaterThan(40);

    // The day after: it is there, and clicking it shows the parcel as of that day.
    const after = vietnamDay(parcel.validFrom, 1);
    await page.getByTestId('as-of-date').fill(after);
    await expect.poll(() => page.url()).toContain(`date=${after}`);
    await expect
      .poll(async () => colourDistance(await mapCentrePixel(page), parcelColour), { timeout: 15_000 })
      .toBeLessThan(40);
    await page.mouse.click(centre.x, centre.y);
    await expect.poll(() => page.getByTestId('parcel-number').textContent()).toBe(String(parcel.parcelNumber));
    await expect.poll(() => page.getByTestId('parcel-as-of').textContent()).toContain(after.split('-').reverse().join('/'));

    // Back before it was registered, with it selected: the panel says there is no data, no error.
    await page.getByTestId('as-of-date').fill(before);
    await expect.poll(() => page.getByTestId('parcel-panel').textContent()).toContain('Không có thông tin của thửa đất này.');
    expect(await page.getByTestId('error').count()).toBe(0);

    // The link keeps the date; the slider moves over the span (Home: its first day).
    await page.reload();
    await expect.poll(() => page.getByTestId('as-of-badge').textContent()).toContain(`Bản đồ tại ngày ${d}/${m}/${y}`);
    await page.getByTestId('as-of-slider').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('as-of-badge').textContent()).toContain('Bản đồ tại ngày 01/01/2015');
    await expect.poll(() => page.url()).toContain('date=2015-01-01');
    // "today" goes back to the live map.
    await page.getByTestId('as-of-today').click();
    await expect.poll(() => page.getByTestId('as-of-badge').count()).toBe(0);
    await expect.poll(() => page.url()).not.toContain('date=');
    expect(watched.pageErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
    await page.close();
  });

  it('exports the view to PNG and to an A4 landscape PDF, named by unit and date', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    const watched = watchPage(page, baseUrl);
    await openAtParcel(page, `&unit=${commune.code}`);
    await page.getByTestId(`legend-entry-${parcel.landUseCode}`).waitFor();
    const slug = `${commune.kind} ${commune.name}`
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const today = vietnamDay(new Date().toISOString());

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    expect(png.suggestedFilename()).toBe(`ban-do-${slug}-${today}.png`);
    const pngBytes = fs.readFileSync((await png.path())!);
    expect(pngBytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // A4 landscape at 150 dpi: 1754 × 1240 pixels (IHDR)
    expect([pngBytes.readUInt32BE(16), pngBytes.readUInt32BE(20)]).toEqual([1754, 1240]);
    expect(pngBytes.length).toBeGreaterThan(50_000);
    fs.mkdirSync(path.dirname(EXPORTED), { recursive: true });
    fs.writeFileSync(EXPORTED, pngBytes); // for a look by eye

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pdf').click()]);
    expect(pdf.suggestedFilename()).toBe(`ban-do-${slug}-${today}.pdf`);
    const pdfBytes = fs.readFileSync((await pdf.path())!);
    const text = pdfBytes.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(/\/Subtype \/Image/.test(text), 'the PDF holds an image').toBe(true);
    // A4 landscape: 297 × 210 mm = 841.89 × 595.28 points (MediaBox of the one page)
    const mediaBox = /\/MediaBox \[([\d. ]+)\]/.exec(text)?.[1]?.split(' ').map(Number);
    expect(mediaBox?.map((n) => Math.round(n))).toEqual([0, 0, 842, 595]);
    expect(text.match(/\/Type \/Page\b/g)?.length, 'one page').toBe(1);
    expect(pdfBytes.length).toBeGreaterThan(50_000);

    // As of a past date, the file carries that date (and the unit's parcels load as of it).
    const past = vietnamDay(parcel.validFrom, 1);
    await page.getByTestId('as-of-date').fill(past);
    await page.getByTestId('as-of-badge').waitFor();
    const [dated] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pdf').click()]);
    expect(dated.suggestedFilename()).toBe(`ban-do-${slug}-${past}.pdf`);
    // A commune formed later (the 2025 reorganisation) is said so, not an error.
    if (Date.parse(commune.validFrom) > Date.parse(`${past}T23:59:59+07:00`)) await page.getByTestId('unit-later').waitFor();
    expect(await page.getByTestId('error').count(), await page.getByTestId('error').allTextContents().then((t) => t.join(' '))).toBe(0);
    expect(watched.pageErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
    await page.close();
  });
});
