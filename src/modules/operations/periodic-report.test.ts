// The periodic report (O2, O3, A8; issue #10 item 7, must show): generated for a demo
// month (October 2026), opened as JSON, as Excel (exceljs) and as PDF (pdf.js text), and
// every figure checked against counts the test computes itself from the rows it made.
// Period boundaries are Vietnam's midnights (UTC+7): a change approved at 01:30 on
// 1 October local time is in October, one at 00:30 on 1 November is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { MutableClock } from '../../../test/support/mutable-clock.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp } from '../../../test/support/test-app.js';
import { createActiveAccount, signIn } from '../../../test/support/accounts.js';
import { pdfText } from '../../../test/support/pdf-text.js';
import { seedDemo } from '../demo/index.js';
import { generateScheduledReports, parsePeriod } from './index.js';

const clock = new MutableClock(new Date('2026-10-12T03:00:00Z'));
const OCT_FROM = new Date('2026-09-30T17:00:00Z');
const OCT_TO = new Date('2026-10-31T17:00:00Z');
let testDb: TestDatabase;
let db: Database;
let app: FastifyInstance;
let reader: string; // reports.read on the province
let communeReader: string; // reports.read on one ward only

interface Change { unit: string; parcel: string; type: string; status: 'approved' | 'pending'; at: string }
const changes: Change[] = [];
let units: Array<{ code: string; name: string; parcels: string[] }>;

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = testDb.db;
  await seedDemo(db, { parcels: 300, seed: 4 });
  const { rows } = await db.query<{ code: string; name: string; parcels: string[] }>(
    `select u.code, u.name, (array_agg(p.id order by p.sheet_number, p.parcel_number))[1:5]::text[] as parcels
       from parcel p join admin_unit u on u.id = p.unit_id where p.valid_to is null group by u.code, u.name order by u.code limit 2`,
  );
  units = rows;
  const [a, b] = units as [typeof units[0], typeof units[0]];
  // approved in October (one at 01:30 on 1 Oct, Vietnam time), and around it
  const plan: Array<[typeof a, string, Change['status'], string]> = [
    [a, 'transfer', 'approved', '2026-10-05T02:00:00Z'],
    [a, 'transfer', 'approved', '2026-10-15T08:00:00Z'],
    [a, 'transfer', 'approved', '2026-09-30T18:30:00Z'],
    [a, 'mortgage', 'approved', '2026-10-20T03:00:00Z'],
    [b, 'mortgage', 'approved', '2026-10-21T03:00:00Z'],
    [b, 'mortgage', 'approved', '2026-10-22T03:00:00Z'],
    [b, 'split', 'approved', '2026-10-31T16:59:00Z'],
    [a, 'transfer', 'approved', '2026-10-31T17:30:00Z'], // 00:30 on 1 November in Vietnam
    [a, 'gift', 'approved', '2026-09-30T16:00:00Z'], // 23:00 on 30 September
    [b, 'mortgage', 'pending', '2026-10-10T03:00:00Z'],
  ];
  for (const [i, [unit, type, status, at]] of plan.entries()) {
    changes.push({ unit: unit.code, parcel: unit.parcels[i % unit.parcels.length]!, type, status, at });
  }
  for (const c of changes) {
    await db.query(
      `insert into land_change (change_type, status, legal_basis, parcel_id, edits, based_on, created_at, decided_at, effective_at)
       values ($1, $2, 'Hợp đồng thử nghiệm', $3, '{}', '{}', $4::timestamptz - interval '1 day', case when $2 = 'approved' then $4::timestamptz end,
               case when $2 = 'approved' then $4::timestamptz end)`,
      [c.type, c.status, c.parcel, c.at],
    );
  }
  // incidents: two in October (one interrupting 14 hours), one in November
  await db.query(
    `insert into incident (title, description, source, severity, subsystems, interrupts_service, status, started_at, detected_at, resolved_at, cause, resolution, reported_by_name, created_at)
     values ('Mất kết nối CSDL', 'Máy chủ CSDL ngừng', 'officer', 'critical', '{all}', true, 'resolved', '2026-10-03T01:00:00Z', '2026-10-03T01:10:00Z', '2026-10-03T15:00:00Z', 'Hỏng ổ đĩa', 'Thay ổ đĩa', 'Cán bộ vận hành', '2026-10-03T01:10:00Z'),
            ('Chậm tra cứu', 'Tra cứu chậm', 'user', 'low', '{cadastre}', false, 'open', '2026-10-25T01:00:00Z', '2026-10-25T01:00:00Z', null, null, null, 'Người dùng', '2026-10-25T01:00:00Z'),
            ('Lỗi in', 'Không in được', 'user', 'high', '{statistics}', false, 'open', '2026-11-02T01:00:00Z', '2026-11-02T01:00:00Z', null, null, null, 'Người dùng', '2026-11-02T01:00:00Z')`,
  );
  // backups (migration 0019's tables): three database runs in October, one failed
  await db.query(
    `insert into backup_run (kind, trigger, started_at, finished_at, status, verified, target, engine, error) values
       ('database', 'schedule', '2026-10-03T19:00:00Z', '2026-10-03T19:20:00Z', 'succeeded', true, '/mnt/backup', 'pglite', null),
       ('database', 'schedule', '2026-10-20T19:00:00Z', '2026-10-20T19:25:00Z', 'succeeded', true, '/mnt/backup', 'pglite', null),
       ('database', 'schedule', '2026-10-21T19:00:00Z', '2026-10-21T19:05:00Z', 'failed', false, '/mnt/backup', 'pglite', 'đĩa đầy'),
       ('documents', 'schedule', '2026-10-15T19:00:00Z', '2026-10-15T21:00:00Z', 'succeeded', true, '/mnt/backup', null, null),
       ('database', 'schedule', '2026-11-03T19:00:00Z', '2026-11-03T19:20:00Z', 'succeeded', true, '/mnt/backup', 'pglite', null)`,
  );
  await db.query(
    `insert into restore_run (drill, started_at, finished_at, status, engine, duration_ms) values
       (true, '2026-10-22T01:00:00Z', '2026-10-22T01:05:00Z', 'succeeded', 'pglite', 300000)`,
  );
  // data shared (#11): a bank's three calls in October (one refused, one with personal data), one in November,
  // and one at 23:30 on 31 October Vietnam time (16:30 UTC: still October)
  await db.query(
    `insert into sharing_consumer (id, client_id, agency, contact_name, decision_number, decision_date, decision_issuer, services, rate_per_minute, valid_from)
     values ('7a0e0000-0000-4000-8000-000000000001', 'ngan-hang-a', 'Ngân hàng A', 'Trần Văn Bình', '12/QĐ-STNMT', '2026-09-01', 'Sở Nông nghiệp và Môi trường', '{parcel-info}', 60, '2026-09-01T00:00:00Z')`,
  );
  for (const [at, status, records, personal] of [
    ['2026-10-02T02:00:00Z', 200, 1, false], ['2026-10-09T02:00:00Z', 200, 3, true], ['2026-10-10T02:00:00Z', 404, 0, false],
    ['2026-10-31T16:30:00Z', 200, 2, false], ['2026-11-01T02:00:00Z', 200, 5, false],
  ] as const) {
    await db.query(
      `insert into sharing_exchange (id, at, consumer_id, client_id, service, version, method, path, status, records, personal_data, payload_sha256, duration_ms, request_id, receipt)
       values (gen_random_uuid(), $1::timestamptz, '7a0e0000-0000-4000-8000-000000000001', 'ngan-hang-a', 'parcel-info', 1, 'GET', '/share/v1/parcels', $2::int, $3::int, $4::boolean, repeat('a', 64), 5, 'req', 'receipt')`,
      [at, status, records, personal],
    );
  }
  // accounts issued in October (the clock says so), then the report a month later
  const province = await createActiveAccount(db, clock, [{ role: 'agency_reader', unitCode: '75' }]);
  const commune = await createActiveAccount(db, clock, [{ role: 'commune_officer', unitCode: '25195' }]);
  clock.advanceDays(44); // 2026-11-25
  app = await buildTestApp(db, {}, clock);
  reader = await signIn(app, province.username, province.password);
  communeReader = await signIn(app, commune.username, commune.password);
}, 300_000);
afterAll(async () => {
  await app?.close();
  await testDb.close();
});

/** What the land-update section must say, computed here from the changes made above. */
function expectedUpdates(): Array<{ unitCode: string; changeType: string; count: number }> {
  const counts = new Map<string, number>();
  for (const c of changes) {
    const at = new Date(c.at);
    if (c.status !== 'approved' || at < OCT_FROM || at >= OCT_TO) continue;
    counts.set(`${c.unit}|${c.type}`, (counts.get(`${c.unit}|${c.type}`) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => ({ unitCode: key.split('|')[0]!, changeType: key.split('|')[1]!, count }))
    .sort((x, y) => x.unitCode.localeCompare(y.unitCode) || x.changeType.localeCompare(y.changeType));
}

const api = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
  app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });

describe('periodic report (O2, O3, A8)', () => {
  let id: string;
  let issuedInOctober: number;

  it('parses periods in Vietnam time', () => {
    expect(parsePeriod('2026-10')).toMatchObject({ kind: 'monthly', start: '2026-10-01', end: '2026-10-31', from: OCT_FROM, to: OCT_TO });
    expect(parsePeriod('2026-Q4')).toMatchObject({ kind: 'quarterly', start: '2026-10-01', end: '2026-12-31' });
    expect(parsePeriod('2025')).toMatchObject({ kind: 'yearly', start: '2025-01-01', end: '2025-12-31' });
  });

  it('O2 generates the report of a demo month on demand, scoped to the province', async () => {
    expect((await api('POST', '/operations/reports/75', communeReader, { period: '2026-10' })).statusCode).toBe(403);
    expect((await api('POST', '/operations/reports/25195', reader, { period: '2026-10' })).statusCode).toBe(400); // not a province
    expect((await api('POST', '/operations/reports/75', reader, { period: '2026-12' })).statusCode).toBe(400); // not started
    const res = await api('POST', '/operations/reports/75', reader, { period: '2026-10' });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    const report = res.json().report;
    expect(report.period).toMatchObject({ kind: 'monthly', label: '2026-10', start: '2026-10-01', end: '2026-10-31' });
    expect(report.sections.map((s: { key: string }) => s.key)).toEqual(['accounts', 'land_updates', 'documents', 'dossiers', 'sharing', 'incidents', 'backups']);

    const section = (key: string) => report.sections.find((s: { key: string }) => s.key === key);
    expect(section('land_updates').rows.map((r: { unitCode: string; changeType: string; count: number }) => ({ unitCode: r.unitCode, changeType: r.changeType, count: r.count })))
      .toEqual(expectedUpdates());
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from account_document where kind = 'issue' and recorded_at >= $1 and recorded_at < $2`, [OCT_FROM, OCT_TO],
    );
    issuedInOctober = rows[0]!.n;
    expect(issuedInOctober).toBeGreaterThanOrEqual(2);
    expect(section('accounts').rows[0]).toEqual({ indicator: 'Tài khoản cấp mới / issued', value: issuedInOctober });
    const values = (key: string) => section(key).rows.map((r: { value: unknown }) => r.value);
    // 2 incidents in October: 1 critical (14 h interruption, resolved), 1 low; the November one is not counted
    expect(values('incidents')).toEqual([2, 1, 0, 0, 1, 1, 0, 1, 14, 1]);
    expect(section('backups').rows).toEqual(expect.arrayContaining([
      { indicator: 'Sao lưu database: số lần / runs', value: 3 },
      { indicator: 'Sao lưu database: thành công / succeeded', value: 2 },
      { indicator: 'Sao lưu database: tỉ lệ thành công (%) / success rate', value: 66.7 },
      { indicator: 'Sao lưu documents: số lần / runs', value: 1 },
      { indicator: 'Bản sao lưu CSDL đã kiểm tra gần nhất / last verified database backup', value: '2026-10-20T19:25:00.000Z' },
      { indicator: 'Diễn tập phục hồi / restore drills', value: 1 },
    ]));
    expect(section('dossiers').rows).toEqual([]);
    expect(section('dossiers').note).toEqual({ vi: 'Không có hồ sơ tiếp nhận trong kỳ', en: 'No dossier received in the period' }); // #7: no dossier in the demo's October
  });

  it('O2 the Excel file says the same figures', async () => {
    const res = await api('GET', `/operations/reports/75/${id}?format=xlsx`, reader);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('bao-cao-dinh-ky_75_2026-10.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet('bao_cao')!.getCell('A1').value).toBe('BÁO CÁO TÌNH HÌNH QUẢN LÝ, VẬN HÀNH, KHAI THÁC, CẬP NHẬT CƠ SỞ DỮ LIỆU ĐẤT ĐAI');
    expect(book.getWorksheet('bao_cao')!.getCell('A2').value).toContain('tháng 10 năm 2026');
    const sheetRows = (name: string) => {
      const sheet = book.getWorksheet(name)!;
      const out: unknown[][] = [];
      sheet.eachRow((row, n) => { if (n >= 5) out.push((row.values as unknown[]).slice(1)); });
      return out;
    };
    const updates = sheetRows('land_updates').filter((r) => typeof r[4] === 'number').map((r) => ({ unitCode: r[0], changeType: r[2], count: r[4] }));
    expect(updates).toEqual(expectedUpdates());
    expect(sheetRows('incidents').map((r) => r[1])).toEqual([2, 1, 0, 0, 1, 1, 0, 1, 14, 1]);
    expect(sheetRows('accounts')[0]).toEqual(['Tài khoản cấp mới / issued', issuedInOctober]);
    // #11: October's four calls of the bank (the November one left out), one refused, one with personal data
    expect(sheetRows('sharing')).toEqual([['Ngân hàng A', 'parcel-info v1', 4, 3, 1, 6, 1]]);
  });

  it('O2 the PDF says the same figures', async () => {
    const res = await api('GET', `/operations/reports/75/${id}?format=pdf`, reader);
    expect(res.statusCode).toBe(200);
    const text = (await pdfText(res.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('BÁO CÁO TÌNH HÌNH QUẢN LÝ, VẬN HÀNH, KHAI THÁC, CẬP NHẬT CƠ SỞ DỮ LIỆU ĐẤT ĐAI');
    expect(text).toContain('Kỳ báo cáo: tháng 10 năm 2026');
    for (const u of expectedUpdates()) {
      const name = units.find((x) => x.code === u.unitCode)!.name;
      expect(text).toMatch(new RegExp(`${u.unitCode} ${name} ${u.changeType} [^0-9]+ ${u.count} `));
    }
    expect(text).toContain(`Tài khoản cấp mới / issued ${issuedInOctober} `);
    expect(text).toContain('Số sự cố phát sinh / incidents 2 ');
    expect(text).toContain('Gián đoạn quá 12 giờ / past the 12-hour limit 1 ');
    expect(text).toContain('Sao lưu database: tỉ lệ thành công (%) / success rate 66,7 ');
  });

  it('O2 the schedule makes the month, quarter and year just ended, once each', async () => {
    const made = await generateScheduledReports({ db, clock });
    expect(made).toHaveLength(3);
    expect(await generateScheduledReports({ db, clock })).toEqual([]);
    const list = (await api('GET', '/operations/reports/75', reader)).json().reports as Array<{ kind: string; periodStart: string; trigger: string }>;
    expect(list.filter((r) => r.trigger === 'schedule').map((r) => `${r.kind} ${r.periodStart}`).sort())
      .toEqual(['monthly 2026-10-01', 'quarterly 2026-07-01', 'yearly 2025-01-01']);
    expect(list.filter((r) => r.trigger === 'manual')).toHaveLength(1);
    expect((await api('GET', `/operations/reports/75/${id}`, communeReader)).statusCode).toBe(403);
  });
});
