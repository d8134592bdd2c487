// The backup journey (issue #10: O1, B2, B4, R2, R3) in a real browser: the Department
// administrator opens "Sao lưu", backs up now, sees the backup verified, copies it to a
// removable disk (entered in the register), asks for a restore by incident time, reads
// the confirmation naming the backup chosen, confirms, and sees the restore succeed
// with its printable log.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdministrator } from '../../src/modules/accounts/index.js';
import { seedDemo } from '../../src/modules/demo/index.js';
import { buildTestApp, fixedClock } from '../support/test-app.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';
import { buildPortal, launchChromium, REPO_ROOT, watchPage } from './browser.js';

const ADMIN = { username: 'saoluu.e2e', password: 'Sao-lưu-Sở-2026!', fullName: 'Phạm Văn Sao Lưu', nationalId: '070080005678' };
const totpSecret = new Secret({ size: 20 });
const totpCode = (): string => new TOTP({ secret: totpSecret, digits: 6, period: 30 }).generate({ timestamp: fixedClock.now().getTime() });

let database: TestDatabase | undefined;
let app: FastifyInstance | undefined;
let browser: Browser | undefined;
let baseUrl = '';
let tmp = '';

beforeAll(async () => {
  buildPortal();
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'lis-e2e-backups-'));
  database = await openTestDatabase();
  await seedDemo(database.db, { parcels: 200, seed: 2 });
  await bootstrapAdministrator(database.db, { ...ADMIN, totpSecret: totpSecret.base32 }, fixedClock.now());
  app = await buildTestApp(database.db, {
    LIS_BACKUP_DIR: path.join(tmp, 'target'), LIS_DATA_DIR: path.join(tmp, 'data'), LIS_BACKUP_REMOVABLE_ROOT: path.join(tmp, 'media'),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
  await fsp.rm(tmp, { recursive: true, force: true });
});

const screenshot = async (page: Page, name: string): Promise<void> => {
  const file = path.join(REPO_ROOT, `test-results/backups-${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
};

/** Clicks "refresh" until the locator shows up (the backup and the restore run in the background). */
async function refreshUntil(page: Page, testId: string, text: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await page.getByTestId(testId).filter({ hasText: text }).count()) return;
    await page.waitForTimeout(1000);
    await page.getByTestId('backup-refresh').click();
  }
  throw new Error(`no ${testId} with "${text}"`);
}

describe('backup and restore in the portal', () => {
  it('O1 B2 B4 R2 R3 an administrator backs up, copies to a removable disk, restores by incident time and prints the log', async () => {
    const context = await browser!.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    const watch = watchPage(page, baseUrl);
    await page.goto(`${baseUrl}/#/backups`);
    await page.getByTestId('login-username').fill(ADMIN.username);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-totp').fill(totpCode());
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-backups').waitFor();
    await page.getByTestId('backups').waitFor();

    await page.getByTestId('backup-now').click();
    await page.getByTestId('backup-notice').waitFor();
    await refreshUntil(page, 'backup-row', 'Thành công');
    expect(await page.getByTestId('backup-row').first().textContent()).toContain('✓');

    await page.getByTestId('removable-destination').fill('usb-kho-1');
    await page.getByTestId('removable-mediumLabel').fill('HDD-SAO-LUU-01');
    await page.getByTestId('removable-handedTo').fill('Bộ phận lưu trữ');
    await page.getByTestId('removable-copy').click();
    await page.getByTestId('removable-row').filter({ hasText: 'HDD-SAO-LUU-01' }).waitFor();
    expect(fs.readdirSync(path.join(tmp, 'media', 'usb-kho-1'))).toHaveLength(1);

    // the incident is after the backup (the app's clock: 25/11/2026 10:00 in Hà Nội)
    await page.getByTestId('restore-incident').fill('2026-11-25T11:00');
    await page.getByTestId('restore-reason').fill('Diễn tập phục hồi qua cổng thông tin');
    await page.getByTestId('restore-preview').click();
    const confirm = page.getByTestId('restore-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toMatch(/Sẽ phục hồi bản sao lưu lúc 10:00 25\/11\/2026/);
    await screenshot(page, 'confirm');
    await page.getByTestId('restore-go').click();
    await refreshUntil(page, 'restore-row', 'Thành công');
    const log = await page.getByTestId('restore-log').first().getAttribute('href');
    const pdf = await context.request.get(`${baseUrl}${log}`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(page, 'done');
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  }, 300_000);
});
