// The one database interface every module sees. Two drivers implement it: the embedded
// PGlite (default, zero set-up) and a PostgreSQL server pool (production). Differences
// between them are capabilities, never driver checks scattered through the modules.

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

/**
 * A statement whose text starts with this is planned with its values on every call (sent
 * unnamed on the server): for searches whose LIKE prefixes and optional criteria only a
 * plan made with the actual values can serve. PostgreSQL would otherwise switch a named
 * statement to a generic plan after five calls when it guesses that plan cheaper, and a
 * generic plan cannot use a LIKE prefix index (one such plan took minutes at 3 M parties).
 */
export const PLAN_EACH_CALL = '/* plan each call */';

export interface Queryable {
  /** One parameterised statement ($1, $2, …). Never interpolate values into SQL. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Several statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
}

export interface Capabilities {
  /** ST_AsMVT is available (PostGIS built with protobuf): vector tiles can be encoded in SQL. */
  readonly mvtInDatabase: boolean;
  /** Several statements can run at once (a connection pool); PGlite is one connection. */
  readonly concurrentQueries: boolean;
  /** PostgreSQL server version number, e.g. 150020. */
  readonly serverVersion: number;
  /** PostGIS version string, e.g. "3.3.2". */
  readonly postgisVersion: string;
}

export interface Database extends Queryable {
  readonly kind: 'embedded' | 'server';
  readonly capabilities: Capabilities;
  /** Runs fn in one transaction: committed if fn resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Hears the notifications (pg_notify) sent on a channel by any process using this
   * database, once their transaction has committed. Resolves to a function that stops.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** Server only: connections of the pool (the monitoring metrics, O8). */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** Embedded only: the whole data folder as a gzipped tar (PGlite's dump; the backup of #10). */
  dumpDataDir?(): Promise<Blob>;
}

/** Channel names are identifiers we choose (LISTEN takes no parameter). */
export function checkChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`bad notification channel ${channel}`);
  return channel;
}

// PostgreSQL type OIDs whose text form both drivers parse the same way, so that rows
// look identical whichever database runs underneath.
export const typeParsers: Record<number, (value: string) => unknown> = {
  20: (v) => Number(v), // int8: counts and ids stay far below 2^53
  1700: (v) => Number(v), // numeric: areas (0.1 m²) and prices fit a double exactly enough
  1082: (v) => v, // date: keep 'YYYY-MM-DD', no time zone shift
};

export async function detectCapabilities(db: Queryable, concurrentQueries: boolean): Promise<Capabilities> {
  const { rows } = await db.query<{ server_version_num: string; full: string; lib: string }>(
    `select current_setting('server_version_num') as server_version_num,
            postgis_full_version() as full, postgis_lib_version() as lib`,
  );
  const row = rows[0]!;
  return {
    mvtInDatabase: /PROTOBUF=/.test(row.full),
    concurrentQueries,
    serverVersion: Number(row.server_version_num),
    postgisVersion: row.lib,
  };
}
