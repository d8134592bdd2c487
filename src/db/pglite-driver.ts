// Embedded driver: PGlite (PostgreSQL in WebAssembly) with PostGIS, data in a folder.
// PGlite is a single connection: its query() waits for a running transaction, so
// transactions are serialised by PGlite itself and nothing else needs a lock here.
import fs from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { checkChannel, detectCapabilities, typeParsers, type Database, type Queryable, type QueryResult } from './database.js';

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/**
 * Opens (and creates if needed) the embedded database. dataDir undefined = in memory.
 * loadDataDir: a dump (dumpDataDir) to start the new folder from (a restore, #10).
 */
export async function openPgliteDatabase(dataDir: string | undefined, loadDataDir?: Blob): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: { postgis },
    parsers: typeParsers,
  });
  // PostGIS must exist before capabilities can be read; migration 0001 also asks for it.
  await pg.exec('create extension if not exists postgis');
  const base = wrap(pg);
  const capabilities = await detectCapabilities(base, false);
  return {
    kind: 'embedded',
    capabilities,
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async listen(channel, onPayload) {
      const unlisten = await pg.listen(checkChannel(channel), onPayload);
      return () => unlisten(); // never with an argument: PGlite would take it for a transaction
    },
    close: () => pg.close(),
    dumpDataDir: () => pg.dumpDataDir('gzip'),
  };
}
