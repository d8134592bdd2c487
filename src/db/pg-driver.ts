// Server driver: a node-postgres pool against PostgreSQL 15+ with PostGIS 3.
import pg from 'pg';
import { detectCapabilities, typeParsers, type Database, type Queryable, type QueryResult } from './database.js';

const types = {
  getTypeParser(oid: number, format?: string) {
    const parser = typeParsers[oid];
    return parser ?? pg.types.getTypeParser(oid, format as 'text');
  },
};

function wrap(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query(sql, params as unknown[]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await target.query(sql);
    },
  };
}

export async function openServerDatabase(connectionString: string, maxConnections = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: maxConnections, types: types as pg.CustomTypesConfig });
  const base = wrap(pool);
  // PostGIS may not be installed yet on a fresh database: migration 0001 creates it,
  // but capabilities need it now.
  await base.exec('create extension if not exists postgis');
  const capabilities = await detectCapabilities(base, true);
  return {
    kind: 'server',
    capabilities,
    ...base,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(wrap(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
