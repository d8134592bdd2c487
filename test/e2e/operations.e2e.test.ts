// The operations journey (issue #10 items 4-7) in a real browser: a ward officer reports a
// problem from "Vận hành" and sees it listed (O6); the Department administrator opens it,
// puts land prices in read-only maintenance (I3), and the officer's portal shows the
// banner; the administrator lifts it and makes the periodic report of October (O2) with
// its Excel and PDF links.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdministrator } from '../../src/modules/accounts/index.js';
import { ensureReferenceUnits } from '../../src/modules/demo/index.js';
import { createActiveAccount, type TestAccount } from '../support/accounts.js';
import { buildTestApp, fixedClock } from '../support/test-app.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';
import { buildPortal, launchChromium, watchPage } from './browser.js';

const ADMIN = { username: 'vanhanh.e2e', password: 'Vận-hành-Sở-2026!', fullName: 'Lê Thị Vận Hành', nationalId: '070080006789' };
const totpSecret = new Secret({ size: 20 });
const totpCode = (): string => new TOTP({ secret: totpSecret, digits: 6, period: 30 }).generate({ timestamp: fixedClock.now().getTime() });

let database: TestDatabase | undefined;
let app: FastifyInstance | undefined;
let browser: Browser | undefined;
let officer: TestAccount;
let baseUrl = '';

beforeAll(async () => {
  buildPortal();
  database = await openTestDatabase();
  await ensureReferenceUnits(database.db);
  await bootstrapAdministrator(database.db, { ...ADMIN, totpSecret: totpSecret.base32 }, fixedClock.now());
  officer = await createActiveAccount(database.db, fixedClock, [{ role: 'commune_officer', unitCode: '25195' }], 'canbo.vanhanh');
  app = await buildTestApp(database.db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function signIn(page: Page, username: string, password: string, totp: boolean): Promise<void> {
  await page.goto(`${baseUrl}/#/operations`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  if (totp) {
    await page.getByTestId('login-totp').fill(totpCode());
    await page.getByTestId('login-submit').click();
  }
  await page.getByTestId('operations').waitFor();
}

describe('operations in the portal', () => {
  it('O6 I3 O2 a user reports a problem, maintenance shows a banner, the administrator makes the periodic report', async () => {
    const context = await browser!.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const userPage = await context.newPage();
    const userWatch = watchPage(userPage, baseUrl);
    await signIn(userPage, officer.username, officer.password, false);
    const form = userPage.getByTestId('report-problem');
    await form.getByLabel('Tiêu đề').fill('Không lưu được biến động');
    await form.getByLabel('Mô tả').fill('Nút lưu báo lỗi khi cập nhật thửa 15 tờ 3');
    await form.getByRole('button', { name: 'Gửi báo lỗi' }).click();
    await userPage.getByTestId('ops-notice').filter({ hasText: 'Đã ghi nhận sự cố SC-2026-' }).waitFor();
    expect(await userPage.getByTestId('incident-list').textContent()).toContain('Không lưu được biến động');
    expect(await userPage.getByTestId('maintenance').count()).toBe(0); // not an operations manager

    const adminContext = await browser!.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const adminPage = await adminContext.newPage();
    const adminWatch = watchPage(adminPage, baseUrl);
    await signIn(adminPage, ADMIN.username, ADMIN.password, true);
    await adminPage.getByTestId('incident-list').getByRole('button').first().click();
    await adminPage.getByTestId('incident-timeline').filter({ hasText: 'Người dùng báo lỗi' }).waitFor();
    await adminPage.getByRole('button', { name: 'Quay lại danh sách' }).click();

    const maintenance = adminPage.getByTestId('maintenance');
    await maintenance.getByLabel('Phân hệ').selectOption('prices');
    await maintenance.getByLabel('Thông báo (tiếng Việt)').fill('Đang cập nhật bảng giá đất năm 2026.');
    await maintenance.getByLabel('Thông báo (tiếng Anh)').fill('Updating the 2026 land price table.');
    await maintenance.getByRole('button', { name: 'Bật chế độ bảo trì' }).click();
    await maintenance.getByRole('button', { name: 'Kết thúc bảo trì' }).waitFor();

    await userPage.reload();
    const banner = userPage.getByTestId('notice-maintenance');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Đang cập nhật bảng giá đất năm 2026.');

    await maintenance.getByRole('button', { name: 'Kết thúc bảo trì' }).click();
    await maintenance.getByText('Không có phân hệ nào đang bảo trì.').waitFor();

    const reports = adminPage.getByTestId('periodic-reports');
    await reports.getByLabel('Kỳ báo cáo').fill('2026-10');
    await reports.getByRole('button', { name: 'Lập báo cáo' }).click();
    await reports.getByTestId('report-list').filter({ hasText: '2026-10-01 – 2026-10-31' }).waitFor();
    const pdfHref = await reports.getByRole('link', { name: 'PDF' }).first().getAttribute('href');
    const pdf = await adminPage.request.get(`${baseUrl}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(userWatch.pageErrors).toEqual([]);
    expect(adminWatch.pageErrors).toEqual([]);
    await context.close();
    await adminContext.close();
  });
});
