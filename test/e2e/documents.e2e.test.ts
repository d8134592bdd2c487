// S-SCAN in the portal (issue #9 item 3): an officer (lro_staff: cadastre.edit and
// read_personal on the commune) opens a parcel, is told in Vietnamese that a text file
// named .png is not a scan, uploads a 2-page TIFF and a PNG with personal data, sees them
// listed, turns the TIFF to page 2 in the viewer (decoded into a canvas) and downloads
// the PNG byte-identical; an agency_reader (cadastre.read only) sees the same list but is
// refused the PNG with the server's Vietnamese message (Nghị định 13/2023).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/modules/demo/index.js';
import { createActiveAccount, type TestAccount } from '../support/accounts.js';
import { buildTestApp, fixedClock } from '../support/test-app.js';
import { openTestDatabase, TEST_DEMO, type TestDatabase } from '../support/test-database.js';
import { buildPortal, launchChromium, REPO_ROOT, watchPage } from './browser.js';
import { stopPortal } from './running-portal.js';
import { makePng as makeScanPng, makeTiff } from '../support/scan-files.js';

const UNIT = '25195';
const SCREENSHOT = path.join(REPO_ROOT, 'test-results/documents-viewer.png');

let database: TestDatabase | undefined;
let app: FastifyInstance | undefined;
let browser: Browser | undefined;
let baseUrl = '';
let officer: TestAccount;
let reader: TestAccount;
let storeDir = '';

/** A real PNG of w×h grey pixels. */
const makePng = (width = 6, height = 4): Buffer => makeScanPng(width, height, (x, y) => x * 40 + y * 30);

beforeAll(async () => {
  buildPortal();
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lis-documents-e2e-'));
  database = await openTestDatabase();
  await seedDemo(database.db, TEST_DEMO);
  officer = await createActiveAccount(database.db, fixedClock, [{ role: 'lro_staff', unitCode: UNIT }]);
  reader = await createActiveAccount(database.db, fixedClock, [{ role: 'agency_reader', unitCode: UNIT }]);
  app = await buildTestApp(database.db, { LIS_DOCUMENTS_DIR: storeDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await stopPortal({ browser, app, database });
  if (storeDir) fs.rmSync(storeDir, { recursive: true, force: true });
});

async function signInAndOpen(account: TestAccount, where: string): Promise<{ context: BrowserContext; page: Page; watched: ReturnType<typeof watchPage> }> {
  const context = await browser!.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
  const page = await context.newPage();
  const watched = watchPage(page, baseUrl);
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('login-button').click();
  await page.getByTestId('login-username').fill(account.username);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-username').waitFor({ state: 'detached' });
  await page.goto(`${baseUrl}/#unit=${UNIT}&parcel=${where}`);
  await page.reload();
  await page.getByTestId('parcel-documents').waitFor();
  return { context, page, watched };
}

describe('S-SCAN scanned documents in the parcel panel', () => {
  it('an officer uploads a TIFF and a PNG, reads page 2 of the TIFF and downloads the PNG byte-identical; a reader is refused the personal-data file', async () => {
    const png = makePng();
    const tiff = makeTiff(2, { grey: (p) => (p === 0 ? 0 : 200) });
    const first = await app!.inject({ method: 'GET', url: `/api/v1/units/${UNIT}/parcels?limit=1` });
    const key = first.json().features[0].properties as { unitCode: string; sheetNumber: number; parcelNumber: number };
    const where = `${key.unitCode}/${key.sheetNumber}/${key.parcelNumber}`;

    const { context, page, watched } = await signInAndOpen(officer, where);
    const section = page.getByTestId('parcel-documents');
    await section.getByText('Thửa đất chưa có tài liệu quét.').waitFor();

    const upload = async (type: string, title: string, file: { name: string; mimeType: string; buffer: Buffer }, personal: boolean) => {
      await section.getByTestId('document-upload-open').click();
      const form = section.getByTestId('document-upload');
      await expect.poll(() => form.getByTestId('document-type-select').locator('option').count()).toBeGreaterThan(1);
      await form.getByTestId('document-type-select').selectOption(type);
      await form.getByTestId('document-title-input').fill(title);
      await form.getByTestId('document-number-input').fill('12/2026');
      await form.getByTestId('document-date-input').fill('2026-03-15');
      await form.getByTestId('document-issuer-input').fill('Văn phòng đăng ký đất đai');
      if (personal) await form.getByTestId('document-personal-input').check();
      await form.getByTestId('document-file-input').setInputFiles(file);
      await form.getByTestId('document-upload-submit').click();
    };

    // 1. A text file named .png: refused by its content, in Vietnamese, the form kept open.
    await upload('certificate', 'Không phải ảnh', { name: 'gia-mao.png', mimeType: 'image/png', buffer: Buffer.from('chỉ là chữ, không phải ảnh quét\n') }, false);
    const refused = section.getByTestId('document-upload-error');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/^Tệp không phải PDF, JPEG, PNG hoặc TIFF/);
    await section.getByRole('button', { name: 'Hủy' }).click();

    // 2. The TIFF (2 pages) and the PNG (personal data).
    await upload('survey_drawing', 'Bản vẽ trích đo thửa đất', { name: 'trich-do.tif', mimeType: 'image/tiff', buffer: tiff }, false);
    await section.getByTestId('document-uploaded').waitFor();
    await upload('certificate', 'Giấy chứng nhận (bản quét)', { name: 'giay-chung-nhan.png', mimeType: 'image/png', buffer: png }, true);
    await expect.poll(() => section.getByTestId('document').count()).toBe(2);
    const tiffItem = section.locator('[data-testid="document"][data-media-type="image/tiff"]');
    const pngItem = section.locator('[data-testid="document"][data-media-type="image/png"]');
    expect(await tiffItem.getByTestId('document-type').textContent()).toBe('Bản vẽ, mảnh trích đo địa chính');
    expect(await tiffItem.getByTestId('document-file').textContent()).toContain('2 trang');
    expect(await tiffItem.getByTestId('document-facts').textContent()).toContain('Số 12/2026');
    expect(await pngItem.getByTestId('document-personal').count()).toBe(1);

    // 3. The viewer: page 1 of 2, then page 2 (its canvas holds the page's grey, not blank).
    await tiffItem.getByTestId('document-view').click();
    const viewer = page.getByTestId('document-viewer');
    await viewer.getByTestId('viewer-canvas').waitFor();
    expect(await viewer.getByTestId('viewer-page').textContent()).toBe('Trang 1/2');
    expect(await viewer.getByTestId('viewer-thumb').count()).toBe(2);
    const centrePixel = () =>
      viewer.getByTestId('viewer-canvas').evaluate((canvas: HTMLCanvasElement) => Array.from(canvas.getContext('2d')!.getImageData(1, 1, 1, 1).data));
    expect(await centrePixel()).toEqual([0, 0, 0, 255]);
    await viewer.getByTestId('viewer-next').click();
    expect(await viewer.getByTestId('viewer-page').textContent()).toBe('Trang 2/2');
    await expect.poll(centrePixel).toEqual([200, 200, 200, 255]);
    expect(await viewer.getByTestId('viewer-thumb').nth(1).getAttribute('aria-current')).toBe('page');
    await viewer.focus();
    await page.keyboard.press('ArrowRight'); // keyboard: stays on the last page
    expect(await viewer.getByTestId('viewer-page').textContent()).toBe('Trang 2/2');
    await page.keyboard.press('ArrowLeft');
    expect(await viewer.getByTestId('viewer-page').textContent()).toBe('Trang 1/2');
    // zoom: from "fit to width" a step in is 125 % of the fitted width, a step out 80 % of that
    const canvasWidth = () => viewer.getByTestId('viewer-canvas').evaluate((canvas: HTMLCanvasElement) => canvas.getBoundingClientRect().width);
    const fitted = await canvasWidth();
    expect(await viewer.getByTestId('viewer-zoom').textContent()).toBe('Vừa chiều ngang');
    await viewer.getByTestId('viewer-zoom-in').click();
    expect(await viewer.getByTestId('viewer-zoom').textContent()).toMatch(/^\d+%$/);
    expect((await canvasWidth()) / fitted).toBeCloseTo(1.25, 1);
    await viewer.getByTestId('viewer-zoom-out').click();
    await viewer.getByTestId('viewer-zoom-out').click();
    expect((await canvasWidth()) / fitted).toBeCloseTo(0.8, 1);
    await viewer.getByTestId('viewer-fit').click();
    expect(await canvasWidth()).toBeCloseTo(fitted, 0);
    await viewer.getByTestId('viewer-zoom-in').click();
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });

    // 4. The PNG downloaded is the PNG uploaded.
    const [download] = await Promise.all([page.waitForEvent('download'), pngItem.getByTestId('document-download').click()]);
    expect(download.suggestedFilename()).toBe('giay-chung-nhan.png');
    const saved = path.join(storeDir, 'downloaded.png');
    await download.saveAs(saved);
    expect(fs.readFileSync(saved).equals(png)).toBe(true);
    expect(watched.pageErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
    await context.close();

    // 5. An agency reader: the same list, no upload, the personal-data file refused in Vietnamese.
    const other = await signInAndOpen(reader, where);
    const readerSection = other.page.getByTestId('parcel-documents');
    await expect.poll(() => readerSection.getByTestId('document').count()).toBe(2);
    expect(await readerSection.getByTestId('document-upload-open').count()).toBe(0);
    const readerPng = readerSection.locator('[data-testid="document"][data-media-type="image/png"]');
    await readerPng.getByTestId('document-download').click();
    const refusal = readerPng.getByTestId('document-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('Tài liệu có thông tin cá nhân: cần quyền "cadastre.read_personal" trên đơn vị của hồ sơ (Nghị định 13/2023)');
    expect(await refusal.getAttribute('data-code')).toBe('FORBIDDEN');
    // the viewer is refused the same way
    await readerPng.getByTestId('document-view').click();
    expect(await other.page.getByTestId('viewer-error').textContent()).toContain('cadastre.read_personal');
    expect(other.watched.pageErrors).toEqual([]);
    await other.context.close();
  });
});
