// Ordered, forward-only plain-SQL migrations (src/db/migrations/NNNN_name.sql).
// Each runs in its own transaction together with its row in schema_migration, so a
// failing migration leaves the database exactly as it was before it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from './database.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

// Any constant: serialises migrations of several processes on one server database.
const MIGRATION_LOCK_KEY = 7_012_025;

export function loadMigrations(dir: string = migrationsDir): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        sql,
        checksum: crypto.createHash('sha256').update(sql).digest('hex'),
      };
    });
}

async function ensureLedger(db: Queryable): Promise<void> {
  await db.exec(`create table if not exists schema_migration (
    version integer primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`);
}

async function appliedChecksums(db: Queryable): Promise<Map<number, string>> {
  const { rows } = await db.query<{ version: number; checksum: string }>('select version, checksum from schema_migration');
  return new Map(rows.map((row) => [row.version, row.checksum]));
}

export class MigrationError extends Error {}

/** Applies every pending migration; returns the versions applied now. */
export async function migrate(db: Database, migrations: Migration[] = loadMigrations()): Promise<number[]> {
  await ensureLedger(db);
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const known = (await appliedChecksums(tx)).get(migration.version);
      if (known !== undefined) {
        if (known !== migration.checksum) {
          throw new MigrationError(`migration ${migration.version}_${migration.name} was edited after it was applied; add a new migration instead`);
        }
        return false;
      }
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw new MigrationError(`migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      await tx.query('insert into schema_migration (version, name, checksum) values ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

/** Migrations not yet applied (for /readyz). */
export async function pendingMigrations(db: Queryable, migrations: Migration[] = loadMigrations()): Promise<number[]> {
  // Read-only: /readyz must also work against a read replica.
  const { rows } = await db.query<{ ledger: string | null }>(`select to_regclass('schema_migration')::text as ledger`);
  const applied = rows[0]?.ledger ? await appliedChecksums(db) : new Map<number, string>();
  return migrations.filter((m) => !applied.has(m.version)).map((m) => m.version);
}
