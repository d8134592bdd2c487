// Incidents (issue #10 item 4): a user's report followed to its closure (O6), triage,
// notices to the affected units only (I2: banner and e-mail through the log transport,
// recorded), the 12-hour interruption flag on a controllable clock (O9), the quick
// incident report (I4), and the monitoring alarms that open exactly one incident (O8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp } from '../../../test/support/test-app.js';
import { createActiveAccount, signIn, signInAsAdministrator, TEST_PASSWORD } from '../../../test/support/accounts.js';
import { ensureReferenceUnits } from '../demo/index.js';
import { createMetrics, runAlarms } from './index.js';
import { pdfText } from '../../../test/support/pdf-text.js';

/** A clock the test moves by hours. */
class HourClock implements Clock {
  constructor(private current: Date) {}
  now = () => new Date(this.current);
  advanceHours(hours: number): void {
    this.current = new Date(this.current.getTime() + hours * 3_600_000);
  }
}

const clock = new HourClock(new Date('2026-11-25T01:00:00Z'));
const INSIDE = '25195'; // Phường Bình Phước (the affected ward)
const OUTSIDE = '25217'; // Phường Phước Long
let testDb: TestDatabase;
let db: Database;
let app: FastifyInstance;
let admin: string;
const people: Record<'reporter' | 'inside' | 'outside' | 'noEmail', { id: string; username: string; cookie: string; email: string | null }> = {} as never;

/** Time passed and sessions went idle: everyone signs in again. */
async function signInAgain(): Promise<void> {
  admin = (await signInAsAdministrator(app, db, clock)).cookie;
  for (const p of Object.values(people)) p.cookie = await signIn(app, p.username, TEST_PASSWORD);
}

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie?: string, payload?: object) =>
  app.inject({ method, url: `/api/v1${url}`, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = testDb.db;
  await ensureReferenceUnits(db);
  app = await buildTestApp(db, {}, clock);
  admin = (await signInAsAdministrator(app, db, clock)).cookie;
  const make = async (key: keyof typeof people, unitCode: string, email: string | null) => {
    const account = await createActiveAccount(db, clock, [{ role: 'commune_officer', unitCode }]);
    await db.query('update account set email = $2 where id = $1', [account.id, email]);
    people[key] = { id: account.id, username: account.username, cookie: await signIn(app, account.username, account.password), email };
  };
  await make('reporter', OUTSIDE, null);
  await make('inside', INSIDE, 'can.bo.binhphuoc@example.vn');
  await make('outside', OUTSIDE, 'can.bo.thacmo@example.vn');
  await make('noEmail', INSIDE, null);
}, 120_000);
afterAll(async () => {
  await app.close();
  await testDb.close();
});

describe('incident register (I1, I2, I4, O6, O9)', () => {
  let id: string;

  it('O6 any signed-in user reports a problem and follows it; others do not see it', async () => {
    const res = await api('POST', '/operations/incidents', people.reporter.cookie, {
      title: 'Không mở được bản đồ địa chính', description: 'Bản đồ báo lỗi khi phóng to ở phường Bình Phước', subsystems: ['cadastre'],
      severity: 'critical', interruptsService: true, // ignored: only officers set them
    });
    expect(res.statusCode, res.body).toBe(201);
    const incident = res.json();
    id = incident.id;
    expect(incident).toMatchObject({ source: 'user', severity: 'medium', interruptsService: false, status: 'open', reportedBy: people.reporter.id, mails: null });
    expect(incident.code).toMatch(/^SC-2026-\d{4}$/);
    const mine = await api('GET', '/operations/incidents', people.reporter.cookie);
    expect(mine.json().incidents.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await api('GET', '/operations/incidents', people.inside.cookie)).json().incidents).toEqual([]);
    expect((await api('GET', `/operations/incidents/${id}`, people.inside.cookie)).statusCode).toBe(404);
    expect((await api('PATCH', `/operations/incidents/${id}`, people.reporter.cookie, { severity: 'high' })).statusCode).toBe(403);
    expect((await api('POST', '/operations/incidents', undefined, { title: 'abc', description: 'x' })).statusCode).toBe(401);
  });

  it('I2 triage and notice: the banner reaches the affected unit, e-mail goes to its accounts only, all recorded', async () => {
    const triage = await api('PATCH', `/operations/incidents/${id}`, admin, {
      severity: 'high', interruptsService: true, unitCodes: [INSIDE], status: 'in_progress', expectedFixAt: '2026-11-25T09:00:00Z',
    });
    expect(triage.statusCode, triage.body).toBe(200);
    expect(triage.json()).toMatchObject({ severity: 'high', interruptsService: true, status: 'in_progress', units: [{ code: INSIDE }] });
    const bad = await api('PATCH', `/operations/incidents/${id}`, admin, { unitCodes: ['99999'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message.vi).toContain('unitCodes');

    const notice = await api('POST', `/operations/incidents/${id}/notices`, admin, {
      messageVi: 'Bản đồ địa chính phường Bình Phước tạm gián đoạn, dự kiến khắc phục trước 16 giờ.',
      messageEn: 'The cadastral map of Bình Phước ward is interrupted; expected fix before 16:00.',
      email: true,
    });
    expect(notice.statusCode, notice.body).toBe(200);
    const mails = notice.json().mails as Array<{ toAddress: string; accountId: string; transport: string; sentAt: string | null; subject: string }>;
    // the ward's officer with an address, not the other ward's, not the one without an address
    expect(mails.map((m) => m.toAddress)).toEqual([people.inside.email]);
    expect(mails[0]).toMatchObject({ accountId: people.inside.id, transport: 'log' });
    expect(mails[0]!.sentAt).not.toBeNull();
    const { rows } = await db.query<{ body: string }>('select body from mail_outbox where incident_id = $1', [id]);
    expect(rows[0]!.body).toContain('Dự kiến khắc phục: 16:00 ngày 25/11/2026');
    expect(notice.json().timeline.map((a: { kind: string }) => a.kind)).toEqual(['reported', 'status', 'notice']);

    const banner = async (cookie?: string) => ((await api('GET', '/notices', cookie)).json().notices as Array<{ id: string }>).map((n) => n.id);
    expect(await banner(people.inside.cookie)).toContain(id);
    expect(await banner(people.noEmail.cookie)).toContain(id);
    expect(await banner(people.outside.cookie)).not.toContain(id);
    expect(await banner()).not.toContain(id);
  });

  it('O9 an interruption past 12 hours is flagged, and the quick report (I4) says so', async () => {
    await api('POST', `/operations/incidents/${id}/actions`, admin, { text: 'Khởi động lại máy chủ bản đồ' });
    clock.advanceHours(11);
    await signInAgain();
    let now = (await api('GET', `/operations/incidents/${id}`, admin)).json();
    expect(now).toMatchObject({ interruptionHours: 11, pastLimit: false });
    clock.advanceHours(2);
    await signInAgain();
    now = (await api('GET', `/operations/incidents/${id}`, admin)).json();
    expect(now).toMatchObject({ interruptionHours: 13, pastLimit: true });

    const closed = await api('POST', `/operations/incidents/${id}/close`, admin, { cause: 'Hết bộ nhớ trên máy chủ bản đồ', resolution: 'Tăng bộ nhớ, khởi động lại' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'resolved', interruptionHours: 13, pastLimit: true });
    expect(closed.json().timeline.at(-1).text).toContain('VƯỢT giới hạn 12 giờ');
    expect((await api('POST', `/operations/incidents/${id}/actions`, admin, { text: 'muộn' })).statusCode).toBe(409);
    // the reporter sees the resolution (O6: tracked until resolved), the banner is gone
    expect((await api('GET', `/operations/incidents/${id}`, people.reporter.cookie)).json()).toMatchObject({ status: 'resolved', resolution: 'Tăng bộ nhớ, khởi động lại' });
    expect(((await api('GET', '/notices', people.inside.cookie)).json().notices as Array<{ id: string }>).map((n) => n.id)).not.toContain(id);

    const pdf = await api('GET', `/operations/incidents/${id}/report`, admin);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('BÁO CÁO NHANH SỰ CỐ');
    expect(text).toContain(closed.json().code);
    expect(text).toContain('13 giờ (giới hạn 12 giờ)');
    expect(text).toContain('VƯỢT giới hạn 12 giờ');
    expect(text).toContain('Khởi động lại máy chủ bản đồ');
    expect(text).toContain(people.inside.email!);
    expect((await api('GET', `/operations/incidents/${id}/report`, people.reporter.cookie)).statusCode).toBe(403);
  });
});

describe('monitoring alarms (O8, I1)', () => {
  const alarms = (metrics?: ReturnType<typeof createMetrics>) => runAlarms({ db, clock, metrics, backupHours: 26, errorRate: 0.05 });
  const openOf = async (key: string) => (await db.query<{ n: number }>(`select count(*)::int as n from incident where alarm_key = $1 and status <> 'resolved'`, [key])).rows[0]!.n;
  const backup = (hoursAgo: number) => db.query(
    `insert into backup_run (kind, trigger, started_at, finished_at, status, verified, target, engine)
     values ('database', 'schedule', $1::timestamptz - interval '10 minutes', $1::timestamptz, 'succeeded', true, '/mnt/backup', 'pglite')`,
    [new Date(clock.now().getTime() - hoursAgo * 3_600_000)],
  );

  it('O8 a verified backup older than 26 hours opens exactly one incident', async () => {
    await backup(2);
    clock.advanceHours(23); // 25 h old: within the limit
    expect((await alarms()).opened).toEqual([]);
    clock.advanceHours(2); // 27 h old
    const first = await alarms();
    expect(first.opened).toHaveLength(1);
    expect((await alarms()).opened).toEqual([]); // still open: no duplicate
    clock.advanceHours(5);
    expect((await alarms()).opened).toEqual([]);
    expect(await openOf('backup_age')).toBe(1);
    const incident = (await api('GET', `/operations/incidents/${first.opened[0]}`, (await signInAgain(), admin))).json();
    expect(incident).toMatchObject({ source: 'monitoring', severity: 'high', alarmKey: 'backup_age', status: 'open' });
    // a fresh backup: the alarm stays quiet; closing the incident lets a later alarm open a new one
    await backup(0);
    expect((await alarms()).opened).toEqual([]);
  });

  it('O8 a 5xx rate over the threshold in the interval opens one incident; a quiet interval none', async () => {
    const metrics = createMetrics({ db, clock, paths: {} });
    for (let i = 0; i < 30; i++) metrics.observeRequest('GET', '/api/v1/units', i < 3 ? 500 : 200, 0.01);
    const first = await alarms(metrics);
    expect(first.opened).toHaveLength(1);
    for (let i = 0; i < 30; i++) metrics.observeRequest('GET', '/api/v1/units', 500, 0.01);
    expect((await alarms(metrics)).opened).toEqual([]); // one open already
    expect(await openOf('error_rate')).toBe(1);
    for (let i = 0; i < 30; i++) metrics.observeRequest('GET', '/api/v1/units', i < 1 ? 500 : 200, 0.01);
    expect(metrics.takeWindow()).toEqual({ requests: 30, errors: 1 });
  });
});
