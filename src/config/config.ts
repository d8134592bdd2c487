// The only place that reads environment variables. Parsed once at start-up into a
// frozen, typed object; every variable is documented here and in README.md.
import path from 'node:path';

export interface Config {
  /** PORT: HTTP port (default 3000). */
  readonly port: number;
  /** HOST: interface to listen on (default 0.0.0.0). */
  readonly host: string;
  /** DATABASE_URL: PostgreSQL 15+/PostGIS 3 server; when unset the embedded PGlite database is used. */
  readonly databaseUrl: string | undefined;
  /** LIS_DATA_DIR: folder of the embedded database and local files (default ./data). */
  readonly dataDir: string;
  /** LIS_SEED_DEMO: seed demo data on first start when the database is empty (default true). */
  readonly seedDemoOnEmpty: boolean;
  /** LIS_DEMO_PARCELS: parcels the automatic demo seed generates (default 6000). */
  readonly demoParcels: number;
  /** LOG_LEVEL: pino level (default info). */
  readonly logLevel: string;
  /** LIS_BODY_LIMIT: largest accepted request body in bytes (default 1 MiB). */
  readonly bodyLimit: number;
  /** LIS_LOGIN_RATE_PER_MINUTE: sign-in attempts one address may make per minute (default 20). */
  readonly loginRatePerMinute: number;
  /** LIS_TRUST_PROXY: behind a TLS-terminating reverse proxy, trust its X-Forwarded-* headers (default false). */
  readonly trustProxy: boolean;
  /** LIS_TILE_CACHE_MB: memory for cached live vector tiles, in MiB; 0 turns the cache off (default 256). */
  readonly tileCacheMb: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(env: Env = process.env): Config {
  const dataDir = path.resolve(env.LIS_DATA_DIR || 'data');
  return Object.freeze({
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    seedDemoOnEmpty: boolean(env, 'LIS_SEED_DEMO', true),
    demoParcels: integer(env, 'LIS_DEMO_PARCELS', 6000, 0, 5_000_000),
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimit: integer(env, 'LIS_BODY_LIMIT', 1024 * 1024, 1024, 512 * 1024 * 1024),
    loginRatePerMinute: integer(env, 'LIS_LOGIN_RATE_PER_MINUTE', 20, 1, 100_000),
    trustProxy: boolean(env, 'LIS_TRUST_PROXY', false),
    tileCacheMb: integer(env, 'LIS_TILE_CACHE_MB', 256, 0, 65_536),
  });
}
