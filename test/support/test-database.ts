// Databases for tests: the real engines, never a mock. Embedded PGlite in memory by
// default; a fresh database on the PostgreSQL server when TEST_DATABASE_URL is set
// (global-setup.ts drops those databases after the run).
import pg from 'pg';
import type { Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { openPgliteDatabase } from '../../src/db/pglite-driver.js';
import { openServerDatabase } from '../../src/db/pg-driver.js';
import { seedDemo } from '../../src/modules/demo/index.js';

export const TEST_DATABASE_PREFIX = 'lis_test_';

export interface TestDatabase {
  db: Database;
  close(): Promise<void>;
}

let counter = 0;

async function createServerDatabase(adminUrl: string): Promise<string> {
  const run = /^[0-9a-f]{8}$/.test(process.env.LIS_TEST_RUN ?? '') ? process.env.LIS_TEST_RUN : '00000000';
  const name = `${TEST_DATABASE_PREFIX}${run}_${process.pid}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`); // name is ours: digits and underscores only
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new, migrated, empty database. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const db = serverUrl ? await openServerDatabase(await createServerDatabase(serverUrl), 4) : await openPgliteDatabase(undefined);
  await migrate(db);
  return { db, close: () => db.close() };
}

/** The demo the tests read: 1 500 parcels over three communes, seed 1. */
export const TEST_DEMO = { parcels: 1500, seed: 1 } as const;

let shared: Promise<Database> | undefined;

/**
 * One seeded database per test process (vitest runs the files in one process without
 * isolation): PGlite with PostGIS takes seconds to start. Tests that change data do it
 * inside a transaction they roll back, or open their own database.
 */
export function sharedTestDatabase(): Promise<Database> {
  shared ??= openTestDatabase().then(async ({ db }) => {
    await seedDemo(db, TEST_DEMO);
    return db;
  });
  return shared;
}
