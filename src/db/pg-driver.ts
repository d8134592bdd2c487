// Server driver: a node-postgres pool against PostgreSQL 15+ with PostGIS 3.
import crypto from 'node:crypto';
import pg from 'pg';
import { checkChannel, detectCapabilities, PLAN_EACH_CALL, typeParsers, type Database, type Queryable, type QueryResult } from './database.js';

const types = {
  getTypeParser(oid: number, format?: string) {
    const parser = typeParsers[oid];
    return parser ?? pg.types.getTypeParser(oid, format as 'text');
  },
};

// Every statement is prepared once per connection under a name derived from its text:
// planning a PostGIS query costs more than running it (pgbench: 3 300 tx/s unprepared,
// 10 600 prepared), and our SQL texts are constants, so the set of names stays small.
const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `lis_${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return name;
}

function wrap(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const named = sql.startsWith(PLAN_EACH_CALL) ? {} : { name: statementName(sql) };
      const result = await target.query({ ...named, text: sql, values: params as unknown[] });
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await target.query(sql);
    },
  };
}

export async function openServerDatabase(connectionString: string, maxConnections = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: maxConnections, types: types as pg.CustomTypesConfig });
  // an idle connection ended by the server (a restart, a restore's switch-over) is dropped
  // from the pool and replaced on next use; unhandled, the event would end the process
  pool.on('error', () => undefined);
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
    listen: (channel, onPayload) => listenOn(connectionString, checkChannel(channel), onPayload),
    close: () => pool.end(),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

/**
 * LISTEN holds a connection for as long as it hears: one client of its own, outside the
 * pool, connected again (after a pause) when the server or the network drops it.
 * Notifications sent while it was away are lost: the listeners must tolerate that
 * (the tile cache also revalidates by ETag and forgets old tiles).
 */
async function listenOn(connectionString: string, channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const reconnect = (): void => {
    if (!stopped) retry = setTimeout(() => void connect().catch(reconnect), 1000);
  };
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => {
      if (message.channel === channel) onPayload(message.payload ?? '');
    });
    next.on('error', () => {
      next.end().catch(() => undefined);
      reconnect();
    });
    await next.connect();
    await next.query(`listen ${channel}`);
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}
