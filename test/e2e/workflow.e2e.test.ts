// The dossier journey (issue #7 must-show; F2) in a real browser: an officer receives a
// lease registration at the counter (the procedure's electronic form rendered from its
// JSON Schema), completes the staff steps, the leader opens it from the inbox and returns
// the result, and the citizen's look-up page shows the result by receipt code only.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveAccount, type TestAccount } from '../support/accounts.js';
import { fixedClock } from '../support/test-app.js';
import { startPortal, stopPortal, type RunningPortal } from './running-portal.js';
import { watchPage } from './browser.js';

let portal: RunningPortal | undefined;
let officer: TestAccount;
let leader: TestAccount;
let parcel: { unitCode: string; sheetNumber: number; parcelNumber: number };

beforeAll(async () => {
  portal = await startPortal(async (db) => {
    officer = await createActiveAccount(db, fixedClock, [{ role: 'lro_staff', unitCode: '75' }], 'tiepnhan.e2e');
    leader = await createActiveAccount(db, fixedClock, [{ role: 'lro_leader', unitCode: '75' }], 'lanhdao.e2e');
    const { rows } = await db.query<{ unitCode: string; sheetNumber: number; parcelNumber: number }>(
      `select u.code as "unitCode", p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber"
         from parcel p join admin_unit u on u.id = p.unit_id where p.valid_to is null order by u.code, p.sheet_number, p.parcel_number limit 1`,
    );
    parcel = rows[0]!;
  });
}, 300_000);
afterAll(() => stopPortal(portal ?? {}));

async function signedIn(browser: Browser, account: TestAccount): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await page.goto(`${portal!.baseUrl}/#/dossiers`);
  await page.getByTestId('login-username').fill(account.username);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dossiers').waitFor();
  return { context, page };
}

describe('dossier workflow in the portal', () => {
  it('F2 counter intake, an officer and the leader process it, the citizen look-up shows the result', async () => {
    const { baseUrl, browser } = portal!;
    const { context, page } = await signedIn(browser, officer);
    const watch = watchPage(page, baseUrl);
    await page.getByTestId('intake-procedure').selectOption('lease');
    await page.getByTestId('form-application').waitFor();
    await page.getByTestId('intake-desk').fill('75');
    await page.getByTestId('intake-applicant').fill('Võ Thị Thu Hà');
    await page.getByTestId('intake-id').fill('070190005555');
    await page.getByTestId('intake-parcel-unit').fill(parcel.unitCode);
    await page.getByTestId('intake-sheet').fill(String(parcel.sheetNumber));
    await page.getByTestId('intake-parcel').fill(String(parcel.parcelNumber));
    await page.getByTestId('form-application-content').fill('Đăng ký cho thuê quyền sử dụng đất 5 năm');
    await page.getByTestId('form-application-applicationDate').fill('2026-11-24');
    await page.getByTestId('form-application-certificateDelivery').selectOption('counter');
    for (const type of ['application', 'contract', 'certificate']) await page.getByTestId(`doc-${type}`).check();
    await page.getByTestId('intake-submit').click();
    const notice = await page.getByTestId('intake-notice').textContent();
    const receiptCode = /75-261125-\d{4}/.exec(notice ?? '')?.[0];
    expect(receiptCode, notice ?? '').toBeDefined();
    // 8 working days from Wednesday 25 Nov 2026
    expect(notice).toContain('07/12/2026');

    await page.getByTestId('dossier').waitFor();
    await expect.poll(() => page.getByTestId('dossier-step').textContent()).toBe('Kiểm tra hồ sơ');
    await page.getByTestId('complete-step').click();
    await expect.poll(() => page.getByTestId('dossier-step').textContent()).toBe('Lập biến động, chỉnh lý hồ sơ địa chính');
    await page.getByTestId('dossier-note').fill('Đã kiểm tra hợp đồng thuê');
    await page.getByTestId('complete-step').click();
    await expect.poll(() => page.getByTestId('dossier-step').textContent()).toBe('Ký duyệt và trả kết quả');
    expect(watch.pageErrors).toEqual([]);
    await context.close();

    const lead = await signedIn(browser, leader);
    await lead.page.getByTestId(`open-${receiptCode}`).click();
    await lead.page.getByTestId('complete-step').click();
    await expect.poll(() => lead.page.getByTestId('dossier-status').textContent()).toBe('Đã có kết quả');
    expect(await lead.page.getByTestId('timeline').locator('li').count()).toBe(4);
    await lead.context.close();

    const citizen = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const look = await citizen.newPage();
    await look.goto(`${baseUrl}/#/tra-cuu`);
    await look.getByTestId('lookup-code').fill(receiptCode!);
    await look.getByTestId('lookup-submit').click();
    await expect.poll(() => look.getByTestId('lookup-status').textContent()).toBe('Đã có kết quả');
    const shown = await look.getByTestId('lookup-result').textContent();
    expect(shown).toContain('Đăng ký cho thuê, cho thuê lại quyền sử dụng đất');
    expect(shown).not.toContain('Võ Thị Thu Hà');
    await citizen.close();
  });
});
