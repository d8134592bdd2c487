// The scheduler's exclusive run (O8 jobs, #3's account rules, #9's integrity check): a job
// queries the database while it holds the run, on both engines; a second run of the same
// job, in this process or in another one, does not start while the first is under way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServerDatabase } from '../db/pg-driver.js';
import { openTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { lockKey, runExclusive } from './scheduler.js';

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
