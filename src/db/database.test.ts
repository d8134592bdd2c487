import { describe, expect, it } from 'vitest';
import { sharedTestDatabase } from '../../test/support/test-database.js';
import { PLAN_EACH_CALL } from './database.js';

describe('database interface (issue #2: one interface, two drivers)', () => {
  it('reports the capabilities of the engine under it', async () => {
    const db = await sharedTestDatabase();
    expect(db.capabilities.postgisVersion).toMatch(/^3\./);
    expect(db.capabilities.serverVersion).toBeGreaterThanOrEqual(150000);
    // PGlite's PostGIS has no protobuf: vector tiles are encoded in Node there.
    expect(db.capabilities.mvtInDatabase).toBe(db.kind === 'server');
    expect(db.capabilities.concurrentQueries).toBe(db.kind === 'server');
  });

  it('commits a transaction that succeeds and rolls back one that throws', async () => {
    const db = await sharedTestDatabase();
    await db.exec('create table if not exists tx_probe (n int)');
    await db.transaction((tx) => tx.query('insert into tx_probe values (1)'));
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into tx_probe values (2)');
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const { rows } = await db.query<{ n: number }>('select n from tx_probe order by n');
    expect(rows.map((r) => r.n)).toEqual([1]);
    await db.exec('drop table tx_probe');
  });

  it('returns the same value types from both drivers', async () => {
    const db = await sharedTestDatabase();
    const { rows } = await db.query<{ big: unknown; num: unknown; day: unknown; obj: unknown }>(
      `select 9007199254740::int8 as big, 1234.5::numeric(14,1) as num, date '2025-07-01' as day, json_build_object('a', 1) as obj`,
    );
    expect(rows[0]).toEqual({ big: 9007199254740, num: 1234.5, day: '2025-07-01', obj: { a: 1 } });
  });

  it('passes values as parameters, never as SQL text', async () => {
    const db = await sharedTestDatabase();
    const hostile = "x'); drop table parcel; --";
    const { rows } = await db.query<{ v: string }>('select $1::text as v', [hostile]);
    expect(rows[0]!.v).toBe(hostile);
    expect((await db.query('select 1 from parcel limit 1')).rows).toHaveLength(1);
  });

  it('names statements so they are planned once, except those marked to be planned with their values each call', async () => {
    const db = await sharedTestDatabase();
    if (db.kind !== 'server') return; // PGlite has one session and no named statements of ours
    await db.transaction(async (tx) => {
      // one connection: its prepared statements are visible to it
      await tx.query('select $1::int + 1 as n', [1]);
      await tx.query(`${PLAN_EACH_CALL} select $1::int + 2 as n`, [1]);
      const { rows } = await tx.query<{ statement: string }>('select statement from pg_prepared_statements');
      expect(rows.some((r) => r.statement.startsWith('select $1::int + 1'))).toBe(true);
      expect(rows.some((r) => r.statement.startsWith(PLAN_EACH_CALL))).toBe(false);
    });
  });
});
