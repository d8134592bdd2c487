// The accounts journey (A1, A7, issue #3): a Department administrator signs in with a
// second factor, records the written request for a commune cadastral officer, issues
// the account and reads the initial password off the screen; the new holder signs in
// with it, must change it (a weak one is refused with the policy's words) and then
// sees the map under their own name.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdministrator } from '../../src/modules/accounts/index.js';
import { fixedClock } from '../support/test-app.js';
import type { TestDatabase } from '../support/test-database.js';
import { startPortal, stopPortal } from './running-portal.js';
import { REPO_ROOT, waitForMapIdle, watchPage } from './browser.js';

const ADMIN = { username: 'quantri.e2e', password: 'Quản-trị-Sở-2026!', fullName: 'Nguyễn Văn Quản', nationalId: '070080001234' };
const HOLDER = {
  fullName: 'Trần Thị Bích Ngọc',
  nationalId: '070190004321',
  organisation: 'UBND phường',
  position: 'Công chức địa chính',
  email: 'ngoc.ttb@binhphuoc.gov.vn',
  phone: '0912 345 678',
  username: 'ngoc.ttb',
};
const NEW_PASSWORD = 'Sổ-đỏ-Đồng-Xoài-2026';
const totpSecret = new Secret({ size: 20 });

let database: TestDatabase | undefined;
let app: FastifyInstance | undefined;
let browser: Browser | undefined;
let baseUrl = '';

const screenshot = async (page: Page, name: string): Promise<void> => {
  const file = path.join(REPO_ROOT, `test-results/admin-${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
};

/** The app runs on a fixed clock: the code must be the one for its "now". */
const totpCode = (): string =>
  new TOTP({ secret: totpSecret, digits: 6, period: 30 }).generate({ timestamp: fixedClock.now().getTime() });

beforeAll(async () => {
  ({ database, app, browser, baseUrl } = await startPortal(async (db) => {
    await bootstrapAdministrator(db, { ...ADMIN, totpSecret: totpSecret.base32 }, fixedClock.now());
  }));
});

afterAll(() => stopPortal({ browser, app, database }));

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-button').click();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('account administration in the portal', () => {
  it('A1 A7 an administrator issues an account on a written request; its holder must change the initial password', async () => {
    const { items: communes } = (await (await fetch(`${baseUrl}/api/v1/units?level=commune`)).json()) as {
      items: { code: string; kind: string; name: string; parcelCount: number }[];
    };
    const commune = communes.find((unit) => unit.parcelCount > 0)!;
    expect(commune, 'the demo has a commune with parcels').toBeDefined();

    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    const watched = watchPage(page, baseUrl);
    await page.goto(`${baseUrl}/`);
    await waitForMapIdle(page); // anonymous visitors get the public map

    // The administrator: password, then the 6-digit code the server asks for.
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByTestId('login-totp').fill(totpCode());
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe(ADMIN.fullName);

    // The written request and the person it is for, with one right: commune officer.
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('accounts-list').waitFor();
    await page.getByTestId('admin-nav-request').click();
    await page.getByTestId('request-number').fill('125/UBND-ĐC');
    await page.getByTestId('request-date').fill('2026-11-20');
    await page.getByTestId('request-issuer').fill(`UBND ${commune.kind.toLowerCase()} ${commune.name}`);
    for (const [field, value] of Object.entries(HOLDER)) await page.getByTestId(`person-${field}`).fill(value);
    await page.getByTestId('grant-role').locator('option[value="commune_officer"]').waitFor({ state: 'attached' });
    await page.getByTestId('grant-role').selectOption('commune_officer');
    await page.getByTestId('grant-unit').selectOption(commune.code);
    await screenshot(page, 'request');
    await page.getByTestId('request-submit').click();

    // Recorded as requested, with the request among its documents; then issued.
    const detail = page.getByTestId('account-detail');
    await expect.poll(() => detail.getByTestId('account-status').getAttribute('data-status')).toBe('requested');
    expect(await detail.getByTestId('detail-username').textContent()).toBe(HOLDER.username);
    expect(await detail.getByTestId('detail-grants').textContent()).toContain(commune.name);
    expect(await detail.getByTestId('document-row').first().textContent()).toContain('125/UBND-ĐC');
    await page.getByTestId('action-issue').click();
    const initialPassword = (await page.getByTestId('initial-password').textContent())!.trim();
    expect(initialPassword.length).toBeGreaterThanOrEqual(12);
    expect(await page.getByTestId('issue-result').textContent()).toContain('phải đổi mật khẩu');
    await expect.poll(() => detail.getByTestId('account-status').getAttribute('data-status')).toBe('issued');
    await screenshot(page, 'issued');

    await page.getByTestId('user-menu-button').click();
    await page.getByTestId('menu-logout').click();
    await page.getByTestId('login-button').waitFor();

    // The holder: the initial password opens only the change-password form.
    await signIn(page, HOLDER.username, initialPassword);
    await page.getByTestId('password-forced').waitFor();
    expect(await page.getByTestId('password-policy').textContent()).toContain('ít nhất 12 ký tự');
    expect(await page.getByTestId('map').count()).toBe(0);
    expect(await page.getByTestId('nav-map').count()).toBe(0);

    await page.getByTestId('password-current').fill(initialPassword);
    await page.getByTestId('password-new').fill('Ngắn-1');
    await page.getByTestId('password-repeat').fill('Ngắn-1');
    await page.getByTestId('password-submit').click();
    await expect.poll(() => page.getByTestId('password-error').textContent()).toBe('Mật khẩu phải có ít nhất 12 ký tự');
    await screenshot(page, 'weak-password');

    await page.getByTestId('password-new').fill(NEW_PASSWORD);
    await page.getByTestId('password-repeat').fill(NEW_PASSWORD);
    await page.getByTestId('password-submit').click();

    // Done: the map, under the holder's name, and no administration for this role.
    await page.getByTestId('map').waitFor();
    await waitForMapIdle(page);
    expect(await page.getByTestId('user-name').textContent()).toBe(HOLDER.fullName);
    expect(await page.getByTestId('nav-admin').count()).toBe(0);
    await screenshot(page, 'holder-map');

    // The administration area stays closed to this account, even by its address.
    await page.goto(`${baseUrl}/#/admin/accounts`);
    await page.getByTestId('forbidden').waitFor();

    expect(watched.pageErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
    await context.close();
  });
});
