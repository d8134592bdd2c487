// S-SCAN in the portal (issue #9 item 3): an officer (lro_staff: cadastre.edit and
// read_personal on the commune) opens a parcel, is told in Vietnamese that a text file
// named .png is not a scan, uploads a 2-page TIFF, a PNG with personal data and a 3-page
// PDF, sees them listed, turns the TIFF to page 2 in the viewer (decoded into a canvas),
// reads the PDF drawn by pdf.js (canvas and thumbnails), uploads a new version of the
// TIFF and sees both versions, downloads the TIFF byte-identical and the PNG as a PDF
// stamped with the officer's name (P4: x-lis-watermarked); an agency_reader
// (cadastre.read only) sees the same list but is refused the PNG with the server's
// Vietnamese message (Nghị định 13/2023).
import crypto from 'node:crypto';
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
import PDFDocument from 'pdfkit';

const UNIT = '25195';
const SCREENSHOT = path.join(REPO_ROOT, 'test-results/documents-viewer.png');

let database: TestDatabase | undefined;
let app: FastifyInstance | undefined;
let browser: Browser | undefined;
let baseUrl = '';
let officer: TestAccount;
let reader: TestAccount;
let leader: TestAccount;
let storeDir = '';

/** A real PNG of w×h grey pixels. */
const makePng = (width = 6, height = 4): Buffer => makeScanPng(width, height, (x, y) => x * 40 + y * 30);

/** A real PDF (pdfkit) of `pages` A4 pages, each with a large black block and its number. */
async function makePdf(pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (let i = 0; i < pages; i++) {
    if (i > 0) doc.addPage();
    doc.rect(50, 50, 495, 300).fill('#000000');
    doc.fillColor('#000000').fontSize(40).text(`Trang ${i + 1}`, 50, 400);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  buildPortal();
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lis-documents-e2e-'));
  database = await openTestDatabase();
  await seedDemo(database.db, TEST_DEMO);
  officer = await createActiveAccount(database.db, fixedClock, [{ role: 'lro_staff', unitCode: UNIT }]);
  reader = await createActiveAccount(database.db, fixedClock, [{ role: 'agency_reader', unitCode: UNIT }]);
  leader = await createActiveAccount(database.db, fixedClock, [{ role: 'lro_leader', unitCode: UNIT }]);
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
  // a fresh load with the parcel in the hash (a hash change then a reload raced the map's
  // own hash writer, which could put back the default view before the reload)
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/#unit=${UNIT}&parcel=${where}`);
  await page.getByTestId('parcel-documents').waitFor();
  return { context, page, watched };
}

describe('S-SCAN scanned documents in the parcel panel', () => {
  it('an officer uploads a TIFF, a PNG and a PDF, reads them page by page (pdf.js for the PDF), adds a version, downloads the TIFF byte-identical and the PNG stamped (P4); a reader is refused the personal-data file', async () => {
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

    // 2. The TIFF (2 pages), the PNG (personal data) and a 3-page PDF.
    await upload('survey_drawing', 'Bản vẽ trích đo thửa đất', { name: 'trich-do.tif', mimeType: 'image/tiff', buffer: tiff }, false);
    await section.getByTestId('document-uploaded').waitFor();
    await upload('certificate', 'Giấy chứng nhận (bản quét)', { name: 'giay-chung-nhan.png', mimeType: 'image/png', buffer: png }, true);
    await expect.poll(() => section.getByTestId('document').count()).toBe(2);
    await upload('contract', 'Hợp đồng chuyển nhượng', { name: 'hop-dong.pdf', mimeType: 'application/pdf', buffer: await makePdf(3) }, false);
    await expect.poll(() => section.getByTestId('document').count()).toBe(3);
    const tiffItem = section.locator('[data-testid="document"][data-media-type="image/tiff"]');
    const pngItem = section.locator('[data-testid="document"][data-media-type="image/png"]');
    expect(await tiffItem.getByTestId('document-type').textContent()).toBe('Bản vẽ, mảnh trích đo địa chính');
    expect(await tiffItem.getByTestId('document-file').textContent()).toContain('2 trang');
    expect(await tiffItem.getByTestId('document-facts').textContent()).toContain('Số 12/2026');
    expect(await pngItem.getByTestId('document-personal').count()).toBe(1);
    const pngId = (await pngItem.getAttribute('data-id'))!;

    // 3. The viewer: page 1 of 2, then page 2 (its canvas holds the page's grey, not blank).
    await tiffItem.getByTestId('document-view').click();
    const viewer = page.getByTestId('document-viewer');
    await viewer.getByTestId('viewer-canvas').waitFor();
    expect(await viewer.getByTestId('viewer-page').textContent()).toBe('Trang 1/2');
    expect(await viewer.getByTestId('viewer-thumb').count()).toBe(2);
    const centrePixel = () =>
      viewer.getByTestId('viewer-canvas').evaluate((canvas: HTMLCanvasElement) => Array.from(canvas.getContext('2d')!.getImageData(1, 1, 1, 1).data));
    await expect.poll(centrePixel).toEqual([0, 0, 0, 255]);
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

    // 4. The PDF drawn by pdf.js: a canvas with the page's black block, a thumbnail per page, page 3 by its thumbnail.
    const pdfItem = section.locator('[data-testid="document"][data-media-type="application/pdf"]');
    expect(await pdfItem.getByTestId('document-file').textContent()).toContain('3 trang');
    await pdfItem.getByTestId('document-view').click();
    await viewer.locator('[data-testid="viewer-canvas"][data-drawn="true"]').waitFor();
    expect(await viewer.getAttribute('data-format')).toBe('pdf');
    expect(await viewer.getByTestId('viewer-page').textContent()).toBe('Trang 1/3');
    const darkShare = (testId: string, nth = 0) =>
      viewer.getByTestId(testId).nth(nth).evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i]! < 64 && data[i + 3]! > 0) dark += 1;
        return dark / (canvas.width * canvas.height);
      });
    // the block covers about a quarter of the page (495 × 300 of 595 × 842 pt)
    expect(await darkShare('viewer-canvas')).toBeGreaterThan(0.2);
    expect(await viewer.getByTestId('viewer-thumb').count()).toBe(3);
    await expect.poll(() => viewer.locator('[data-testid="viewer-thumb-canvas"][data-drawn="true"]').count()).toBe(3);
    expect(await darkShare('viewer-thumb-canvas', 2)).toBeGreaterThan(0.2);
    const pageWidth = () => viewer.getByTestId('viewer-canvas').evaluate((canvas: HTMLCanvasElement) => canvas.width);
    const fittedPixels = await pageWidth();
    await viewer.getByTestId('viewer-zoom-in').click(); // redrawn at the new size, not stretched
    await expect.poll(pageWidth).toBeGreaterThan(fittedPixels * 1.2);
    await viewer.getByTestId('viewer-thumb').nth(2).click();
    expect(await viewer.getByTestId('viewer-page').textContent()).toBe('Trang 3/3');
    await viewer.locator('[data-testid="viewer-canvas"][data-drawn="true"]').waitFor();
    await page.screenshot({ path: SCREENSHOT.replace('.png', '-pdf.png') });
    await viewer.getByTestId('viewer-close').click();
    await viewer.waitFor({ state: 'detached' });

    // 5. A new version of the TIFF: the list shows version 2, its versions both, with the uploader.
    await tiffItem.getByTestId('document-new-version').click();
    const versionForm = tiffItem.getByTestId('document-version-form');
    await versionForm.getByTestId('document-version-title').fill('Bản vẽ trích đo (chỉnh lý)');
    const tiffV2 = makeTiff(3, { grey: (p) => 100 + p });
    await versionForm.getByTestId('document-version-file').setInputFiles({ name: 'trich-do-v2.tif', mimeType: 'image/tiff', buffer: tiffV2 });
    await versionForm.getByTestId('document-version-submit').click();
    await section.getByText('Đã tải lên phiên bản 2 của “Bản vẽ trích đo (chỉnh lý)”.').waitFor();
    const tiffV2Item = section.locator('[data-testid="document"][data-media-type="image/tiff"]');
    expect(await tiffV2Item.getAttribute('data-version')).toBe('2');
    expect(await tiffV2Item.getByTestId('document-file').textContent()).toMatch(/3 trang.*phiên bản 2/);
    await tiffV2Item.getByTestId('document-versions-toggle').click();
    const versionRows = tiffV2Item.getByTestId('document-version');
    await expect.poll(() => versionRows.count()).toBe(2);
    expect(await versionRows.nth(0).getAttribute('data-version')).toBe('2');
    expect(await versionRows.nth(0).textContent()).toContain('hiện hành');
    expect(await versionRows.nth(1).textContent()).toContain('Nguyễn Văn Kiểm');

    // 6. The TIFF downloaded is the TIFF uploaded (no personal data); the PNG with personal
    //    data comes as a PDF stamped with the officer's name, never the PNG.
    const [tiffDownload] = await Promise.all([page.waitForEvent('download'), tiffV2Item.getByTestId('document-download').click()]);
    expect(tiffDownload.suggestedFilename()).toBe('trich-do-v2.tif');
    const savedTiff = path.join(storeDir, 'downloaded.tif');
    await tiffDownload.saveAs(savedTiff);
    expect(fs.readFileSync(savedTiff).equals(tiffV2)).toBe(true);
    const [download, response] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/documents/${pngId}/content`)),
      pngItem.getByTestId('document-download').click(),
    ]);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['x-lis-watermarked']).toBe('1');
    expect(response.headers()['x-lis-original-sha256']).toBe(crypto.createHash('sha256').update(png).digest('hex'));
    expect(download.suggestedFilename()).toBe('giay-chung-nhan.pdf');
    const saved = path.join(storeDir, 'downloaded.pdf');
    await download.saveAs(saved);
    expect(fs.readFileSync(saved).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // and the viewer shows the stamped copy, drawn by pdf.js
    await pngItem.getByTestId('document-view').click();
    await viewer.getByTestId('viewer-watermarked').waitFor();
    expect(await viewer.getAttribute('data-format')).toBe('pdf');
    await viewer.locator('[data-testid="viewer-canvas"][data-drawn="true"]').waitFor();
    await page.screenshot({ path: SCREENSHOT.replace('.png', '-stamped.png') });
    await page.keyboard.press('Escape');
    expect(watched.pageErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
    await context.close();

    // 7. An agency reader: the same list, no upload, the personal-data file refused in Vietnamese.
    const other = await signInAndOpen(reader, where);
    const readerSection = other.page.getByTestId('parcel-documents');
    await expect.poll(() => readerSection.getByTestId('document').count()).toBe(3);
    expect(await readerSection.getByTestId('document-upload-open').count()).toBe(0);
    expect(await readerSection.getByTestId('document-new-version').count()).toBe(0);
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

  it('a certificate lists its own scans, and a change pending approval shows and takes its documents in the inbox', async () => {
    // a parcel of the commune with a valid certificate
    const { rows } = await database!.db.query<{ unitCode: string; sheetNumber: number; parcelNumber: number; serial: string }>(
      `select u.code as "unitCode", p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber", c.serial
         from parcel p join admin_unit u on u.id = p.unit_id
         join certificate_parcel cp on cp.parcel_uid = p.parcel_uid join certificate c on c.id = cp.certificate_id and c.status = 'valid'
        where u.code = $1 and p.valid_to is null
          and p.land_use_code not in ('DGT', 'SON', 'MNC', 'TSC', 'DGD', 'DYT', 'DTT', 'DCH', 'NTD')
        order by p.sheet_number, p.parcel_number limit 1`,
      [UNIT],
    );
    const key = rows[0]!;
    const where = `${key.unitCode}/${key.sheetNumber}/${key.parcelNumber}`;
    // a transfer prepared by the officer, pending the leader's approval
    const login = await app!.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: officer.username, password: officer.password } });
    const officerCookie = `lis_session=${login.cookies.find((c) => c.name === 'lis_session')!.value}`;
    const proposed = await app!.inject({
      method: 'POST', url: '/api/v1/changes', headers: { cookie: officerCookie },
      payload: { type: 'transfer', parcel: { unitCode: key.unitCode, sheetNumber: key.sheetNumber, parcelNumber: key.parcelNumber }, legalBasis: 'Hợp đồng chuyển nhượng số 27/2026', edits: { to: [{ party: { kind: 'individual', fullName: 'Trần Văn Bình' }, share: 1 }] } },
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const changeId = (proposed.json() as { id: string }).id;

    const { context, page, watched } = await signInAndOpen(leader, where);
    const fill = async (section: ReturnType<Page['getByTestId']>, title: string, file: { name: string; mimeType: string; buffer: Buffer }) => {
      await section.getByTestId('document-upload-open').click();
      const form = section.getByTestId('document-upload');
      await expect.poll(() => form.getByTestId('document-type-select').locator('option').count()).toBeGreaterThan(1);
      await form.getByTestId('document-title-input').fill(title);
      await form.getByTestId('document-file-input').setInputFiles(file);
      await form.getByTestId('document-upload-submit').click();
    };

    // the certificate's own scans: the type preset to "certificate"; not in the parcel's list
    const certificate = page.locator('[data-testid="certificate"]').filter({ hasText: key.serial });
    const certificateDocs = certificate.getByTestId('certificate-documents');
    await certificateDocs.getByText('Giấy chứng nhận chưa có tài liệu quét.').waitFor();
    await fill(certificateDocs, `Bản quét Giấy chứng nhận ${key.serial}`, { name: 'gcn.png', mimeType: 'image/png', buffer: makePng(9, 9) });
    await expect.poll(() => certificateDocs.getByTestId('document').count()).toBe(1);
    expect(await certificateDocs.getByTestId('document-type').textContent()).toMatch(/^Giấy chứng nhận/);
    const parcelDocs = page.getByTestId('parcel-documents');
    await parcelDocs.locator('xpath=self::*[@aria-busy="false"]').waitFor();
    expect(await parcelDocs.getByTestId('document').filter({ hasText: `Bản quét Giấy chứng nhận ${key.serial}` }).count()).toBe(0);

    // the inbox item of the change: no document yet; the leader attaches the application
    const item = page.locator(`[data-testid="inbox-item"][data-change="${changeId}"]`);
    const changeDocs = item.getByTestId('change-documents');
    await changeDocs.getByText('Biến động chưa có tài liệu kèm theo.').waitFor();
    await fill(changeDocs, 'Đơn đăng ký biến động', { name: 'don.pdf', mimeType: 'application/pdf', buffer: await makePdf(1) });
    await expect.poll(() => changeDocs.getByTestId('document').count()).toBe(1);
    expect(await changeDocs.getByTestId('document-title').textContent()).toBe('Đơn đăng ký biến động');
    const listed = await app!.inject({ url: `/api/v1/documents?change=${changeId}`, headers: { cookie: officerCookie } });
    expect(listed.json().documents.map((d: { links: Array<{ kind: string; ref: string }> }) => d.links[0])).toEqual([expect.objectContaining({ kind: 'change', ref: changeId })]);
    await page.screenshot({ path: SCREENSHOT.replace('.png', '-inbox.png') });
    expect(watched.pageErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
    await context.close();
  });
});
