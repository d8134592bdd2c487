import path from 'node:path';
import type { Config } from '../config/config.js';
import type { Database } from './database.js';
import { openPgliteDatabase } from './pglite-driver.js';
import { openServerDatabase } from './pg-driver.js';

/** DATABASE_URL chooses the server; otherwise the embedded database in LIS_DATA_DIR/db. */
export function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  return config.databaseUrl
    ? openServerDatabase(config.databaseUrl)
    : openPgliteDatabase(path.join(config.dataDir, 'db'));
}
