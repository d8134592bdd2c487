// The import journey (issue #6) in a real browser: the Office's leader opens "Nhập dữ liệu",
// uploads a GeoJSON delivery written by ogr2ogr (two live parcels re-surveyed, one without
// its origin), follows the job's progress to its end, sees the warning in the report table
// and the staged parcels on the map, and commits the delivery as one change transaction.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPendingImports } from '../../src/modules/imports/index.js';
import { createActiveAccount, type TestAccount } from '../support/accounts.js';
import { geoJson, type FixtureFeature } from '../support/import-fixtures.js';
import { fixedClock } from '../support/test-app.js';
import { watchPage } from './browser.js';
import { startPortal, stopPortal, type RunningPortal } from './running-portal.js';

let portal: RunningPortal | undefined;
let leader: TestAccount;
let unitCode = '';
let delivery = '';
let worker: NodeJS.Timeout | undefined;

beforeAll(async () => {
  portal = await startPortal(async (db) => {
    leader = await createActiveAccount(db, fixedClock, [{ role: 'lro_leader', unitCode: '75' }], 'nhapdulieu.e2e');
    // two live parcels of the commune with most parcels; the upload names the live unit (the
    // successor after the 2025 merger, whose code may be the same), MAXA the parcels' own
    const { rows } = await db.query<{ live: string; own: string; srid: number; sheet: number; parcel: number; geometry: unknown; area: string; landUse: string }>(
      `with top as (select p.unit_id from parcel p where p.valid_to is null group by p.unit_id order by count(*) desc, p.unit_id limit 1)
       select coalesce(l.code, u.code) as live, u.code as own, p.srid, p.sheet_number as sheet, p.parcel_number as parcel,
              ST_AsGeoJSON(p.geom, 4)::json as geometry, p.official_area::text as area, p.land_use_code as "landUse"
         from parcel p join top on top.unit_id = p.unit_id join admin_unit u on u.id = p.unit_id
         left join admin_unit_succession s on s.predecessor_id = u.id left join admin_unit l on l.id = s.successor_id and l.valid_to is null
        where p.valid_to is null order by p.sheet_number, p.parcel_number limit 2`,
    );
    unitCode = rows[0]!.live;
    const features: FixtureFeature[] = rows.map((p, i) => ({
      properties: { MAXA: p.own, SHBANDO: p.sheet, SOTHUA: p.parcel, MALOAIDAT: p.landUse, DIENTICH: Number(p.area), NGUONGOC: i === 0 ? 'CN-CTT' : null },
      geometry: p.geometry,
    }));
    delivery = geoJson(features, rows[0]!.srid, true);
    // the scheduler's "imports" job, as src/main.ts runs it
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lis-e2e-imports-'));
    let busy = false;
    worker = setInterval(() => {
      if (busy) return;
      busy = true;
      void runPendingImports({ db, clock: fixedClock, dir }).finally(() => { busy = false; });
    }, 500);
  });
}, 300_000);

afterAll(async () => {
  if (worker) clearInterval(worker);
  await stopPortal(portal ?? {});
});

describe('contractor deliveries in the portal', () => {
  it('O11 O15 upload a GeoJSON delivery, follow its progress, read a finding in the table and on the map, commit it', async () => {
    const { baseUrl, browser } = portal!;
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    const watch = watchPage(page, baseUrl);
    await page.goto(`${baseUrl}/#/imports`);
    await page.getByTestId('login-username').fill(leader.username);
    await page.getByTestId('login-password').fill(leader.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('imports').waitFor();
    expect(await page.getByTestId('nav-imports').getAttribute('aria-current')).toBe('page');

    await page.getByTestId('import-unit').fill(unitCode);
    await page.getByTestId('import-file').setInputFiles(delivery);
    await page.getByTestId('import-submit').click();
    // the job loads and validates in the background: the screen polls until it ends
    await page.getByTestId('import-progress').waitFor();
    await expect.poll(() => page.getByTestId('import-batch').getAttribute('data-status'), { timeout: 60_000 }).toBe('validated');
    await expect.poll(() => page.getByTestId('import-progress').getAttribute('data-phase')).toBe('done');
    expect(await page.getByTestId('import-counts').textContent()).toBe('Báo cáo kiểm tra: 0 lỗi, 1 cảnh báo');
    const finding = page.getByTestId('import-finding').filter({ hasText: 'origin.missing' });
    expect(await finding.count()).toBe(1);
    expect(await finding.textContent()).toContain('NGUONGOC');
    // the trial run map: two staged parcels and the finding's point
    const map = page.getByTestId('imports-map');
    await map.waitFor();
    expect(await map.getAttribute('data-features')).toBe('2');
    expect(await map.getAttribute('data-findings')).toBe('1');
    expect(await page.getByTestId('import-xlsx').getAttribute('href')).toMatch(/\/api\/v1\/imports\/[0-9a-f-]{36}\/report\?format=xlsx$/);

    await page.getByTestId('import-legal-basis').fill('Biên bản nghiệm thu số 12/BB-VPĐK');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-committed').waitFor();
    expect(await page.getByTestId('import-batch').getAttribute('data-status')).toBe('committed');
    await expect.poll(() => page.getByTestId('import-row').first().textContent()).toContain('Đã cập nhật vào cơ sở dữ liệu');
    expect(watch.pageErrors).toEqual([]);
    expect(watch.outsideRequests).toEqual([]);
    await context.close();
    const { rows } = await portal!.database.db.query<{ n: number }>(`select count(*)::int as n from land_change where change_type = 'survey_import'`);
    expect(rows[0]!.n).toBe(1);
  });
});
