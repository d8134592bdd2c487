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
  /** LIS_DOCUMENTS_DIR: folder of the scanned documents when no S3 bucket is set (default <LIS_DATA_DIR>/documents). */
  readonly documentsDir: string;
  /** LIS_DOCUMENT_MAX_MB: largest scanned file accepted, in MiB (default 200). */
  readonly documentMaxMb: number;
  /** LIS_DOCUMENT_BULK_MAX_MB: largest zip of scans a bulk import accepts, in MiB (default 4096). */
  readonly documentBulkMaxMb: number;
  /**
   * LIS_DOCUMENTS_S3_BUCKET (turns the S3 store on), LIS_DOCUMENTS_S3_ENDPOINT (e.g. http://minio:9000; unset = AWS),
   * LIS_DOCUMENTS_S3_REGION (default us-east-1), LIS_DOCUMENTS_S3_PREFIX, LIS_DOCUMENTS_S3_FORCE_PATH_STYLE (default true),
   * LIS_DOCUMENTS_S3_ACCESS_KEY_ID and LIS_DOCUMENTS_S3_SECRET_ACCESS_KEY (unset = the SDK's default credential chain).
   */
  readonly documentsS3: DocumentsS3Config | undefined;
}

export interface DocumentsS3Config {
  readonly bucket: string;
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly prefix: string | undefined;
  readonly forcePathStyle: boolean;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
}

function documentsS3(env: Env): DocumentsS3Config | undefined {
  const bucket = env.LIS_DOCUMENTS_S3_BUCKET;
  if (!bucket) return undefined;
  const accessKeyId = env.LIS_DOCUMENTS_S3_ACCESS_KEY_ID;
  const secretAccessKey = env.LIS_DOCUMENTS_S3_SECRET_ACCESS_KEY;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new ConfigError('LIS_DOCUMENTS_S3_ACCESS_KEY_ID and LIS_DOCUMENTS_S3_SECRET_ACCESS_KEY must be set together');
  }
  return Object.freeze({
    bucket,
    endpoint: env.LIS_DOCUMENTS_S3_ENDPOINT || undefined,
    region: env.LIS_DOCUMENTS_S3_REGION || 'us-east-1',
    prefix: env.LIS_DOCUMENTS_S3_PREFIX || undefined,
    forcePathStyle: boolean(env, 'LIS_DOCUMENTS_S3_FORCE_PATH_STYLE', true),
    credentials: accessKeyId && secretAccessKey ? Object.freeze({ accessKeyId, secretAccessKey }) : undefined,
  });
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
    documentsDir: path.resolve(env.LIS_DOCUMENTS_DIR || path.join(dataDir, 'documents')),
    documentMaxMb: integer(env, 'LIS_DOCUMENT_MAX_MB', 200, 1, 10_240),
    documentBulkMaxMb: integer(env, 'LIS_DOCUMENT_BULK_MAX_MB', 4096, 1, 65_536),
    documentsS3: documentsS3(env),
  });
}
