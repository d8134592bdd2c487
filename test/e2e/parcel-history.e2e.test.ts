// The records journey (issue #4 items 4 and 6): a transfer is registered and approved
// through the API; a Land Registration Office officer then signs in to the portal,
// finds the parcel by the new holder's name typed without diacritics, opens it and
// reads the holder and the history entry in the side panel.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveAccount, signIn, type TestAccount } from '../support/accounts.js';
import { fixedClock } from '../support/test-app.js';
import type { TestDatabase } from '../support/test-database.js';
import { startPortal, stopPortal } from './running-portal.js';
import { REPO_ROOT, waitForMapIdle, watchPage } from './browser.js';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results/parcel-history.png');
const UNIT = '25201'; // a demo commune within province 75

let database: TestDatabase | undefined;
let app: FastifyInstance | undefined;
let browser: Browser | undefined;
let baseUrl = '';
let staff: TestAccount;
let parcel: { unitCode: string; sheetNumber: number; parcelNumber: number };

/** A transfer to Võ Thị Mai, prepared by an officer and approved by a leader through the API. */
async function registerTransfer(db: Database, app: FastifyInstance): Promise<void> {
  staff = await createActiveAccount(db, fixedClock, [{ role: 'lro_staff', unitCode: '75' }]);
  const leader = await createActiveAccount(db, fixedClock, [{ role: 'lro_leader', unitCode: '75' }]);
  const { rows } = await db.query<{ sheetNumber: number; parcelNumber: number }>(
    `select p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber" from parcel p join admin_unit u on u.id = p.unit_id
      where u.code = $1 and p.valid_to is null and p.land_use_code not in ('DGT', 'SON', 'MNC', 'TSC', 'DGD', 'DYT', 'DTT', 'DCH', 'NTD')
      order by p.sheet_number, p.parcel_number limit 1`,
    [UNIT],
  );
  parcel = { unitCode: UNIT, ...rows[0]! };

  const staffCookie = await signIn(app, staff.username, staff.password);
  const proposed = await app.inject({
    method: 'POST',
    url: '/api/v1/changes',
    headers: { cookie: staffCookie },
    payload: {
      type: 'transfer',
      parcel,
      legalBasis: 'Hợp đồng chuyển nhượng số 15/2026',
      edits: { to: [{ party: { kind: 'individual', fullName: 'Võ Thị Mai' }, share: 1 }] },
    },
  });
  expect(proposed.statusCode, proposed.body).toBe(201);
  const leaderCookie = await signIn(app, leader.username, leader.password);
  const approved = await app.inject({
    method: 'POST',
    url: `/api/v1/changes/${(proposed.json() as { id: string }).id}/approve`,
    headers: { cookie: leaderCookie },
  });
  expect(approved.statusCode, approved.body).toBe(200);
}

beforeAll(async () => {
  ({ database, app, browser, baseUrl } = await startPortal(registerTransfer));
});

afterAll(() => stopPortal({ browser, app, database }));

describe('parcel search, land users and history in the portal', () => {
  it('an officer finds a parcel by its new holder (no diacritics) and reads the transfer in its history', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    const watched = watchPage(page, baseUrl);
    await page.goto(`${baseUrl}/`);
    await waitForMapIdle(page);
    expect(await page.getByTestId('parcel-search').count()).toBe(0); // anonymous: no search

    await page.getByTestId('login-button').click();
    await page.getByTestId('login-username').fill(staff.username);
    await page.getByTestId('login-password').fill(staff.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('parcel-search').waitFor();

    await page.getByTestId('search-text').fill('vo thi mai');
    await page.getByTestId('search-submit').click();
    const result = page.locator(
      `[data-testid="search-result"][data-parcel="${parcel.unitCode}/${parcel.sheetNumber}/${parcel.parcelNumber}"]`,
    );
    await result.waitFor();
    expect(await result.getByTestId('search-result-holders').textContent()).toContain('Võ Thị Mai');
    await result.click();

    const panel = page.getByTestId('parcel-panel');
    await expect.poll(() => panel.getByTestId('sheet-number').textContent()).toBe(String(parcel.sheetNumber));
    expect(await panel.getByTestId('parcel-number').textContent()).toBe(String(parcel.parcelNumber));
    await panel.getByTestId('holder-name').first().waitFor();
    expect(await panel.getByTestId('holder-name').allTextContents()).toEqual(['Võ Thị Mai']);
    expect(await panel.getByTestId('holders-masked').count()).toBe(0); // lro_staff reads personal data
    const change = panel.getByTestId('history-change').filter({ hasText: 'Chuyển nhượng quyền sử dụng đất' });
    await change.waitFor();
    expect(await change.getAttribute('data-status')).toBe('approved');
    expect(await change.textContent()).toContain('Hợp đồng chuyển nhượng số 15/2026');
    expect(await change.getByTestId('history-status').textContent()).toBe('Đã duyệt');

    // The parcel keeps its pre-2025 commune's code; the map shows the commune it lies in now.
    await expect.poll(() => page.getByTestId('unit-select').inputValue()).not.toBe('');
    expect(await page.getByTestId('unit-select').inputValue()).not.toBe(parcel.unitCode);
    await waitForMapIdle(page);
    expect(await page.getByTestId('error').count()).toBe(0);
    // the selection is in the link
    await expect.poll(() => decodeURIComponent(page.url())).toContain(`parcel=${parcel.unitCode}/${parcel.sheetNumber}/${parcel.parcelNumber}`);
    await change.scrollIntoViewIfNeeded(); // the side panel scrolls: show the history
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    expect(watched.pageErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
    await context.close();
  });
});
