// The tax exchange in the portal (issue #7 item 4; F2): a transfer waits at the tax step;
// the land information went to the tax simulator, whose notice came back; the officer sees
// the amounts (registration fee, personal income tax) on the dossier page, confirms the
// payment from the citizen's receipt, and the dossier moves to the next step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveAccount, signIn, type TestAccount } from '../support/accounts.js';
import { fixedClock } from '../support/test-app.js';
import { createTaxSimulator, recordTaxNotice, sendTaxRequests } from '../../src/modules/workflow/index.js';
import { startPortal, stopPortal, type RunningPortal } from './running-portal.js';
import { watchPage } from './browser.js';

let portal: RunningPortal | undefined;
let officer: TestAccount;
let receiptCode: string;

beforeAll(async () => {
  portal = await startPortal(async (db, app) => {
    officer = await createActiveAccount(db, fixedClock, [{ role: 'lro_staff', unitCode: '75' }], 'thue.e2e');
    const { rows } = await db.query<{ unitCode: string; sheetNumber: number; parcelNumber: number }>(
      `select u.code as "unitCode", p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber"
         from parcel p join admin_unit u on u.id = p.unit_id
        where p.valid_to is null and exists (select 1 from land_right r where r.parcel_id = p.id and r.valid_to is null)
        order by u.code, p.sheet_number, p.parcel_number limit 1`,
    );
    const cookie = await signIn(app, officer.username, officer.password);
    const received = await app.inject({
      method: 'POST', url: '/api/v1/dossiers', headers: { cookie },
      payload: {
        procedureCode: 'transfer', unitCode: '75', channel: 'counter', applicant: { fullName: 'Phan Văn Khải' }, parcels: [rows[0]],
        forms: { application: { content: 'Chuyển nhượng quyền sử dụng đất', applicationDate: '2026-11-24', declaredValue: 2_000_000_000 } },
        documents: [{ type: 'application' }, { type: 'contract' }, { type: 'certificate' }],
      },
    });
    expect(received.statusCode, received.body).toBe(201);
    receiptCode = received.json().receiptCode;
    expect((await app.inject({ method: 'POST', url: `/api/v1/dossiers/${received.json().id}/complete-step`, headers: { cookie }, payload: {} })).statusCode).toBe(200);
    const deps = { db, clock: fixedClock, changes: { db, clock: fixedClock } };
    const tax = createTaxSimulator({ clock: fixedClock, deliver: (notice) => recordTaxNotice(deps, notice) });
    expect(await sendTaxRequests({ ...deps, exchange: tax })).toEqual({ sent: 1, failed: 0 });
    expect(await tax.flush()).toHaveLength(1);
  });
}, 300_000);
afterAll(() => stopPortal(portal ?? {}));

describe('tax exchange in the portal', () => {
  it('F2 the officer sees the tax notice amounts and confirms the payment; the dossier moves on', async () => {
    const { baseUrl, browser } = portal!;
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    const watch = watchPage(page, baseUrl);
    await page.goto(`${baseUrl}/#/dossiers`);
    await page.getByTestId('login-username').fill(officer.username);
    await page.getByTestId('login-password').fill(officer.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId(`open-${receiptCode}`).click();
    await page.getByTestId('tax-notice').waitFor();
    expect(await page.getByTestId('tax-status').textContent()).toBe('Đã có thông báo thuế, chờ nộp tiền');
    const notice = (await page.getByTestId('tax-notice').textContent()) ?? '';
    // personal income tax 2 % of 2 000 000 000 đồng
    expect(notice).toContain('Thuế thu nhập cá nhân');
    expect(notice).toContain('40.000.000');
    await page.getByTestId('tax-receipt').fill('BL-2026-0099');
    await page.getByTestId('tax-confirm').click();
    await expect.poll(() => page.getByTestId('dossier-step').textContent()).toBe('Lập biến động, chỉnh lý hồ sơ địa chính');
    await expect.poll(() => page.getByTestId('tax-status').textContent()).toBe('Đã nộp');
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });
});
