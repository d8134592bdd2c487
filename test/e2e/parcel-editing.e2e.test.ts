// The editing journey (issue #4 item 6): a Land Registration Office officer (cadastre.edit)
// signs in, opens a demo parcel and prepares a transfer to a new person through the
// form (a share that does not add up and a refusal of the server are shown next to their
// fields, nothing typed is lost); a leader (cadastre.approve) approves it from the inbox;
// the parcel panel then shows the new holder and the history entry, and the comparison
// of the day before with today shows the holders differ.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createActiveAccount, type TestAccount } from '../support/accounts.js';
import { fixedClock, TEST_TODAY } from '../support/test-app.js';
import type { TestDatabase } from '../support/test-database.js';
import { REPO_ROOT, waitForMapIdle, watchPage } from './browser.js';
import { startPortal, stopPortal } from './running-portal.js';

const SHOTS = process.env.PORTAL_SHOTS ?? path.join(REPO_ROOT, 'test-results');
const UNIT = '25201'; // a demo commune within province 75 (merged into another in 2025)
const NEW_HOLDER = 'Lê Văn Tám';
const LEGAL_BASIS = 'Hợp đồng chuyển nhượng số 27/2026, công chứng ngày 20/11/2026';

let database: TestDatabase | undefined;
let app: FastifyInstance | undefined;
let browser: Browser | undefined;
let baseUrl = '';
let officer: TestAccount;
let leader: TestAccount;
let parcel: { unitCode: string; sheetNumber: number; parcelNumber: number };

async function prepare(db: Database): Promise<void> {
  officer = await createActiveAccount(db, fixedClock, [{ role: 'lro_staff', unitCode: '75' }]);
  leader = await createActiveAccount(db, fixedClock, [{ role: 'lro_leader', unitCode: '75' }]);
  const { rows } = await db.query<{ sheetNumber: number; parcelNumber: number }>(
    `select p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber" from parcel p join admin_unit u on u.id = p.unit_id
      where u.code = $1 and p.valid_to is null and p.land_use_code not in ('DGT', 'SON', 'MNC', 'TSC', 'DGD', 'DYT', 'DTT', 'DCH', 'NTD')
      order by p.sheet_number desc, p.parcel_number desc limit 1`,
    [UNIT],
  );
  parcel = { unitCode: UNIT, ...rows[0]! };
}

const shot = async (page: Page, name: string): Promise<void> => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `parcel-editing-${name}.png`) });
};

async function signIn(page: Page, account: TestAccount): Promise<void> {
  await page.getByTestId('login-button').click();
  await page.getByTestId('login-username').fill(account.username);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-name').waitFor();
}

async function openParcel(page: Page): Promise<void> {
  await page.getByTestId('search-text').fill(`${parcel.sheetNumber}/${parcel.parcelNumber}`);
  await page.getByTestId('search-submit').click();
  await page.locator(`[data-testid="search-result"][data-parcel="${parcel.unitCode}/${parcel.sheetNumber}/${parcel.parcelNumber}"]`).click();
  await expect.poll(() => page.getByTestId('parcel-panel').getByTestId('sheet-number').textContent()).toBe(String(parcel.sheetNumber));
}

beforeAll(async () => {
  ({ database, app, browser, baseUrl } = await startPortal(prepare));
});

afterAll(() => stopPortal({ browser, app, database }));

describe('preparing and approving a change in the portal', () => {
  it('an officer prepares a transfer, a leader approves it from the inbox, the record and the comparison show it', async () => {
    const context = await browser!.newContext({ viewport: { width: 1400, height: 950 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    const watched = watchPage(page, baseUrl);
    await page.goto(`${baseUrl}/`);
    await waitForMapIdle(page);

    // The officer: edit, but no approval.
    await signIn(page, officer);
    expect(await page.getByTestId('changes-inbox').count()).toBe(0);
    await openParcel(page);
    const panel = page.getByTestId('parcel-panel');
    await panel.getByTestId('parcel-content').getByRole('heading', { name: 'Mục đích sử dụng đất' }).waitFor();
    await panel.getByTestId('prepare-change').click();

    const form = page.getByTestId('change-form');
    await form.getByTestId('change-type').selectOption('transfer');
    await form.getByTestId('change-legal-basis').fill(LEGAL_BASIS);
    await form.getByTestId('holder-full-name').fill(NEW_HOLDER);
    await form.getByTestId('holder-id-number').fill('079085001234');
    await form.getByTestId('holder-birth-year').fill('1985');
    await form.getByTestId('holder-address').fill('Tổ 3, khu phố Phú Cường');
    // A share short of the whole: said live, and refused next to the total before sending.
    await form.getByTestId('holder-share').fill('1/2');
    expect(await form.getByTestId('share-total').getAttribute('data-complete')).toBe('false');
    await form.getByTestId('change-submit').click();
    expect(await form.locator('[data-testid="field-error"][data-field="edits/to"]').textContent()).toBe('Tổng phần quyền phải bằng 1.');
    await form.getByTestId('holder-share').fill('1');
    expect(await form.getByTestId('share-total').getAttribute('data-complete')).toBe('true');
    // The server's refusal (a dossier reference too long) next to its field, the rest kept.
    await form.getByTestId('change-dossier').fill('H'.repeat(101));
    await form.getByTestId('change-submit').click();
    const dossierError = form.locator('[data-testid="field-error"][data-field="dossierRef"]');
    await dossierError.waitFor();
    expect(await dossierError.textContent()).toContain('dossierRef');
    expect(await form.getByTestId('holder-full-name').inputValue()).toBe(NEW_HOLDER);
    expect(await form.getByTestId('change-legal-basis').inputValue()).toBe(LEGAL_BASIS);
    await shot(page, 'form-error');
    await form.getByTestId('change-dossier').fill('HS-2026-00027');
    await form.getByTestId('change-submit').click();
    await form.getByTestId('change-done').waitFor();
    const pending = panel.getByTestId('history-change').filter({ hasText: LEGAL_BASIS });
    await pending.waitFor();
    expect(await pending.getAttribute('data-status')).toBe('pending');
    await shot(page, 'prepared');

    // The leader approves it from the inbox of the commune the parcel now lies in.
    await page.getByTestId('user-menu-button').click();
    await page.getByTestId('menu-logout').click();
    await page.getByTestId('login-button').waitFor();
    await signIn(page, leader);
    const item = page.locator(`[data-testid="inbox-item"][data-parcel="${parcel.unitCode}/${parcel.sheetNumber}/${parcel.parcelNumber}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain(LEGAL_BASIS);
    await shot(page, 'inbox');
    await item.getByTestId('inbox-open').click();
    await item.getByTestId('inbox-approve').click();
    await page.getByTestId('inbox-notice').waitFor();

    await expect.poll(() => panel.getByTestId('holder-name').allTextContents()).toEqual([NEW_HOLDER]);
    const approved = panel.getByTestId('history-change').filter({ hasText: LEGAL_BASIS });
    await expect.poll(() => approved.getAttribute('data-status')).toBe('approved');
    expect(await approved.getByTestId('history-type').textContent()).toBe('Chuyển nhượng quyền sử dụng đất');

    // Yesterday against today: the holders differ.
    await panel.getByTestId('open-compare').click();
    const compare = page.getByTestId('compare-view');
    const yesterday = new Date(Date.parse(`${TEST_TODAY}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await compare.getByTestId('compare-from').fill(yesterday);
    await compare.getByTestId('compare-to').fill(TEST_TODAY);
    const holders = compare.getByTestId('compare-row-holders');
    await expect.poll(() => holders.getAttribute('data-differs'), { timeout: 15_000 }).toBe('true');
    expect(await holders.getByTestId('compare-to-value').textContent()).toContain(NEW_HOLDER);
    expect(await holders.getByTestId('compare-from-value').textContent()).not.toContain(NEW_HOLDER);
    expect(await compare.getByTestId('compare-row-officialArea').getAttribute('data-differs')).toBe('false');
    await page.waitForSelector('[data-testid="compare-map"][data-idle="true"]', { timeout: 30_000 });
    await shot(page, 'compare');

    expect(await page.getByTestId('error').count()).toBe(0);
    expect(watched.pageErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
    await context.close();
  });
});
