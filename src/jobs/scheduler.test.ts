// The scheduler's exclusive run (O8 jobs, #3's account rules, #9's integrity check): a job
// queries the database while it holds the run, on both engines; a second run of the same
// job, in this process or in another one, does not start while the first is under way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServerDatabase } from '../db/pg-driver.js';
import { openTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { MutableClock } from '../../test/support/mutable-clock.js';
import { createTimetable, lockKey, nextRunAt, parseTimeOfDay, runExclusive } from './scheduler.js';

let test: TestDatabase;
beforeAll(async () => {
  test = await openTestDatabase();
});
afterAll(() => test.close());

describe('runExclusive', () => {
  it('a job can query the database while it runs (no deadlock on the single embedded connection)', async () => {
    const result: number[] = [];
    const ran = await Promise.race([
      runExclusive(test.db, { name: 'query-inside', everyMs: 1000, run: async () => result.push((await test.db.query<{ one: number }>('select 1 as one')).rows[0]!.one) }),
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 5000).unref()),
    ]);
    expect(ran).toBe(true);
    expect(result).toEqual([1]);
  });

  it('a second run of the same job does not start while the first is under way', async () => {
    let release!: () => void;
    const first = runExclusive(test.db, { name: 'slow', everyMs: 1000, run: () => new Promise<void>((resolve) => (release = resolve)) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await runExclusive(test.db, { name: 'slow', everyMs: 1000, run: async () => undefined })).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(await runExclusive(test.db, { name: 'slow', everyMs: 1000, run: async () => undefined })).toBe(true);
  });

  it.runIf(process.env.TEST_DATABASE_URL)('while another process holds the job\'s lock, this one does not run it', async () => {
    const { rows } = await test.db.query<{ db: string }>('select current_database() as db');
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${rows[0]!.db}`;
    const other = await openServerDatabase(url.toString(), 2); // another process's pool
    try {
      let ran = 0;
      const job = { name: 'shared', everyMs: 1000, run: async () => void ran++ };
      await other.transaction(async (tx) => {
        await tx.query('select pg_advisory_xact_lock($1)', [lockKey('shared')]);
        expect(await runExclusive(test.db, job)).toBe(false);
      });
      expect(ran).toBe(0);
      expect(await runExclusive(test.db, job)).toBe(true);
      expect(ran).toBe(1);
    } finally {
      await other.close();
    }
  });
});

// O1/B1: the daily backup runs at a configured time of day (LIS_BACKUP_TIME, Vietnam time).
describe('time-of-day schedule (O1, B1, B3)', () => {
  const minutes = (clock: MutableClock, n: number) => clock.advanceDays(n / 1440);

  it('O1 a daily job fires once at 01:30 Vietnam time (18:30 UTC the day before), not before', () => {
    const clock = new MutableClock(new Date('2026-11-20T18:00:00Z')); // 01:00 on 21 Nov in Hà Nội
    let runs = 0;
    const timetable = createTimetable([{ name: 'backup', at: { time: '01:30', every: 'day' }, run: async () => void runs++ }], clock);
    expect(timetable.due()).toEqual([]);
    minutes(clock, 29);
    expect(timetable.due()).toEqual([]); // 01:29
    minutes(clock, 1);
    expect(timetable.due().map((j) => j.name)).toEqual(['backup']); // 01:30
    expect(timetable.due()).toEqual([]); // once only
    minutes(clock, 1439);
    expect(timetable.due()).toEqual([]); // 01:29 next day
    minutes(clock, 2);
    expect(timetable.due().map((j) => j.name)).toEqual(['backup']);
  });

  it('O1 a server down over the time does not run the missed job twice', () => {
    const clock = new MutableClock(new Date('2026-11-20T18:00:00Z'));
    const timetable = createTimetable([{ name: 'backup', at: { time: '01:30', every: 'day' }, run: async () => undefined }], clock);
    clock.advanceDays(3);
    expect(timetable.due()).toHaveLength(1);
    expect(timetable.due()).toHaveLength(0);
  });

  it('B3 weekly and six-monthly times, and everyMs jobs are not timed', () => {
    const after = new Date('2026-11-25T12:00:00Z'); // Wednesday 19:00 in Hà Nội
    expect(nextRunAt({ time: '03:00', every: 'week', weekday: 0 }, after).toISOString()).toBe('2026-11-28T20:00:00.000Z'); // Sun 29 Nov 03:00 +07
    expect(nextRunAt({ time: '02:00', every: 'half-year' }, after).toISOString()).toBe('2026-12-31T19:00:00.000Z'); // 1 Jan 2027 02:00 +07
    expect(nextRunAt({ time: '02:00', every: 'half-year' }, new Date('2027-01-01T00:00:00Z')).toISOString()).toBe('2027-06-30T19:00:00.000Z');
    const clock = new MutableClock(after);
    const timetable = createTimetable([{ name: 'hourly', everyMs: 3_600_000, run: async () => undefined }], clock);
    clock.advanceDays(10);
    expect(timetable.due()).toEqual([]);
  });

  it('O1 a malformed time of day is refused', () => {
    expect(parseTimeOfDay('01:30')).toBe(90);
    expect(() => parseTimeOfDay('1:30')).toThrow(/HH:MM/);
    expect(() => parseTimeOfDay('24:00')).toThrow(/HH:MM/);
  });
});
