import { describe, expect, it } from 'vitest';
import { sharedTestDatabase } from '../../test/support/test-database.js';
import { loadMigrations, migrate, MigrationError, pendingMigrations, type Migration } from './migrate.js';

const migration = (version: number, sql: string): Migration => ({ version, name: `test_${version}`, sql, checksum: `sum-${sql}` });

describe('migrations (issue #2: ordered plain SQL, recorded, atomic)', () => {
  it('records every migration file once, in order, and none is pending', async () => {
    const db = await sharedTestDatabase();
    const files = loadMigrations();
    const { rows } = await db.query<{ version: number }>('select version from schema_migration order by version');
    expect(rows.map((r) => r.version)).toEqual(files.map((m) => m.version));
    expect(await pendingMigrations(db)).toEqual([]);
    expect(await migrate(db)).toEqual([]); // running again applies nothing
  });

  it('a failing migration leaves the database as it was', async () => {
    const db = await sharedTestDatabase();
    const broken = migration(9001, 'create table should_not_exist (id int); select no_such_function();');
    await expect(migrate(db, [...loadMigrations(), broken])).rejects.toThrow(MigrationError);
    const { rows } = await db.query<{ t: string | null }>(`select to_regclass('should_not_exist')::text as t`);
    expect(rows[0]!.t).toBeNull();
    const ledger = await db.query('select 1 from schema_migration where version = 9001');
    expect(ledger.rows).toHaveLength(0);
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const db = await sharedTestDatabase();
    const [first, ...rest] = loadMigrations();
    const edited = { ...first!, checksum: 'edited' };
    await expect(migrate(db, [edited, ...rest])).rejects.toThrow(/edited after it was applied/);
  });
});
