// The dossier journey (issue #7 must-show; F2) in a real browser: an officer receives a
// lease registration at the counter (the procedure's electronic form rendered from its
// JSON Schema), completes the staff steps, the leader opens it from the inbox and returns
// the result, and the citizen's look-up page shows the result by receipt code only. Then a
// transfer: the officer prepares its change on the dossier page (the cadastre's change form,
// pre-set), the tax round trip runs, the leader returns the result and the holders changed.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveAccount, signIn, type TestAccount } from '../support/accounts.js';
import { fixedClock } from '../support/test-app.js';
import { createTaxSimulator, recordTaxNotice, sendTaxRequests } from '../../src/modules/workflow/index.js';
import { startPortal, stopPortal, type RunningPortal } from './running-portal.js';
import { watchPage } from './browser.js';

let portal: RunningPortal | undefined;
let officer: TestAccount;
let leader: TestAccount;
let parcel: { unitCode: string; sheetNumber: number; parcelNumber: number };
/** a parcel with holders, for the transfer */
let held: { unitCode: string; sheetNumber: number; parcelNumber: number };

beforeAll(async () => {
  portal = await startPortal(async (db) => {
    officer = await createActiveAccount(db, fixedClock, [{ role: 'lro_staff', unitCode: '75' }], 'tiepnhan.e2e');
    leader = await createActiveAccount(db, fixedClock, [{ role: 'lro_leader', unitCode: '75' }], 'lanhdao.e2e');
    const { rows } = await db.query<{ unitCode: string; sheetNumber: number; parcelNumber: number }>(
      `select u.code as "unitCode", p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber"
         from parcel p join admin_unit u on u.id = p.unit_id where p.valid_to is null order by u.code, p.sheet_number, p.parcel_number limit 1`,
    );
    parcel = rows[0]!;
    const withHolders = await db.query<{ unitCode: string; sheetNumber: number; parcelNumber: number }>(
      `select u.code as "unitCode", p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber"
         from parcel p join admin_unit u on u.id = p.unit_id
        where p.valid_to is null and exists (select 1 from land_right r where r.parcel_id = p.id and r.valid_to is null)
        order by u.code desc, p.sheet_number desc, p.parcel_number desc limit 1`,
    );
    held = withHolders.rows[0]!;
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

  it('F2 a transfer: the officer prepares its change on the dossier page, tax round trip, the leader completes it and the holders change', async () => {
    const { baseUrl, browser, app, database } = portal!;
    const NEW_HOLDER = 'Lâm Thị Ngọc Bích';
    const { context, page } = await signedIn(browser, officer);
    const watch = watchPage(page, baseUrl);
    await page.getByTestId('intake-procedure').selectOption('transfer');
    await page.getByTestId('form-application').waitFor();
    await page.getByTestId('intake-desk').fill('75');
    await page.getByTestId('intake-applicant').fill(NEW_HOLDER);
    await page.getByTestId('intake-parcel-unit').fill(held.unitCode);
    await page.getByTestId('intake-sheet').fill(String(held.sheetNumber));
    await page.getByTestId('intake-parcel').fill(String(held.parcelNumber));
    await page.getByTestId('form-application-content').fill('Chuyển nhượng quyền sử dụng đất');
    await page.getByTestId('form-application-applicationDate').fill('2026-11-24');
    await page.getByTestId('form-application-declaredValue').fill('1500000000');
    for (const type of ['application', 'contract', 'certificate']) await page.getByTestId(`doc-${type}`).check();
    await page.getByTestId('intake-submit').click();
    const notice = await page.getByTestId('intake-notice').textContent();
    const receiptCode = /75-261125-\d{4}/.exec(notice ?? '')?.[0];
    expect(receiptCode, notice ?? '').toBeDefined();
    await expect.poll(() => page.getByTestId('dossier-step').textContent()).toBe('Kiểm tra hồ sơ');

    // the change form, pre-set: the type is the procedure's and fixed, the dossier is the receipt code
    const dossier = page.getByTestId('dossier');
    expect(await dossier.getByTestId('dossier-change').textContent()).toContain('Chưa lập biến động');
    await dossier.getByTestId('prepare-change').click();
    const form = dossier.getByTestId('change-form');
    expect(await form.getByTestId('change-type').inputValue()).toBe('transfer');
    expect(await form.getByTestId('change-type').isDisabled()).toBe(true);
    expect(await form.getByTestId('change-dossier').inputValue()).toBe(receiptCode);
    expect(await form.getByTestId('change-legal-basis').inputValue()).toContain('Nghị định 101/2024');
    await form.getByTestId('holder-full-name').fill(NEW_HOLDER);
    await form.getByTestId('holder-id-number').fill('074190006789');
    await form.getByTestId('holder-birth-year').fill('1990');
    await form.getByTestId('change-submit').click();
    await expect.poll(() => dossier.getByTestId('dossier-change-status').textContent()).toBe('Đang chờ duyệt');
    expect(await dossier.getByTestId('dossier-change-summary').textContent()).toContain('Chuyển nhượng');
    expect(await dossier.getByTestId('change-form').count()).toBe(0);
    await page.getByTestId('complete-step').click();
    await expect.poll(() => page.getByTestId('dossier-status').textContent()).toBe('Chờ cơ quan khác (thuế)');

    // the tax side (the simulator the demo uses) answers with its notice
    const deps = { db: database.db, clock: fixedClock, changes: { db: database.db, clock: fixedClock } };
    const tax = createTaxSimulator({ clock: fixedClock, deliver: (taxNotice) => recordTaxNotice(deps, taxNotice) });
    expect(await sendTaxRequests({ ...deps, exchange: tax })).toEqual({ sent: 1, failed: 0 });
    expect(await tax.flush()).toHaveLength(1);
    await page.getByTestId('inbox-refresh').click();
    await page.getByTestId('tax-notice').waitFor();
    await page.getByTestId('tax-receipt').fill('BL-2026-0123');
    await page.getByTestId('tax-confirm').click();
    await expect.poll(() => page.getByTestId('dossier-step').textContent()).toBe('Lập biến động, chỉnh lý hồ sơ địa chính');
    await page.getByTestId('complete-step').click();
    await expect.poll(() => page.getByTestId('dossier-step').textContent()).toBe('Ký duyệt, cập nhật và trả kết quả');
    expect(watch.pageErrors).toEqual([]);
    await context.close();

    const lead = await signedIn(browser, leader);
    await lead.page.getByTestId(`open-${receiptCode}`).click();
    await lead.page.getByTestId('complete-step').click();
    await expect.poll(() => lead.page.getByTestId('dossier-status').textContent()).toBe('Đã có kết quả');
    expect(await lead.page.getByTestId('dossier-change-status').textContent()).toBe('Đã duyệt');
    await lead.context.close();

    // the parcel's holders, read back through the API: the new holder alone
    const cookie = await signIn(app, leader.username, leader.password);
    const res = await app.inject({ method: 'GET', url: `/api/v1/parcels/${held.unitCode}/${held.sheetNumber}/${held.parcelNumber}/holders`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().holders.map((h: { fullName: string }) => h.fullName)).toEqual([NEW_HOLDER]);
  });
});
