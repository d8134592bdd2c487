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
  /** LIS_DOSSIER_LOOKUP_RATE_PER_MINUTE: citizen look-ups of a receipt code one address may make per minute (default 30). */
  readonly dossierLookupRatePerMinute: number;
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
  /** LIS_IMPORT_MAX_MB: largest contractor delivery (zip, GeoJSON, GeoPackage) an upload accepts, in MiB (default 500); LIS_IMPORTS_DIR: where deliveries wait for a decision (default <LIS_DATA_DIR>/imports). */
  readonly importMaxMb: number;
  readonly importsDir: string;
  /**
   * LIS_DOCUMENTS_S3_BUCKET (turns the S3 store on), LIS_DOCUMENTS_S3_ENDPOINT (e.g. http://minio:9000; unset = AWS),
   * LIS_DOCUMENTS_S3_REGION (default us-east-1), LIS_DOCUMENTS_S3_PREFIX, LIS_DOCUMENTS_S3_FORCE_PATH_STYLE (default true),
   * LIS_DOCUMENTS_S3_ACCESS_KEY_ID and LIS_DOCUMENTS_S3_SECRET_ACCESS_KEY (unset = the SDK's default credential chain).
   */
  readonly documentsS3: DocumentsS3Config | undefined;
  /** LIS_BACKUP_*: backups, restores and removable copies (issue #10); see BackupConfig. */
  readonly backup: BackupConfig;
  /** LIS_SMTP_URL: SMTP server for notices (e.g. smtp://user:pass@mail:587); unset = the "log" transport (recorded in mail_outbox only). LIS_SMTP_FROM: sender (default lis@localhost). */
  readonly smtpUrl: string | undefined;
  readonly smtpFrom: string;
  /** LIS_METRICS_TOKEN: bearer token for /metrics; unset = /metrics answers only from localhost. */
  readonly metricsToken: string | undefined;
  /** LIS_ALARM_ERROR_RATE (share of 5xx answers over the last interval, 0-1, default 0.05), LIS_ALARM_BACKUP_HOURS (default 26), LIS_ALARM_EVERY_MINUTES (default 5). */
  readonly alarmErrorRate: number;
  readonly alarmBackupHours: number;
  readonly alarmEveryMinutes: number;
  /** LIS_SHARING_SIGNING_KEY: private JWK (ES256, JSON) signing consumer tokens and receipts; unset = generated into LIS_SHARING_KEYS_DIR. */
  readonly sharingSigningKey: string | undefined;
  /** LIS_SHARING_KEYS_DIR: folder of the generated sharing signing keys (default <LIS_DATA_DIR>/sharing). */
  readonly sharingKeysDir: string;
  /** LIS_SHARING_TOKEN_TTL_SECONDS: lifetime of a consumer's access token (default 300). */
  readonly sharingTokenTtlSeconds: number;
  /** LIS_TAX_URL: the tax authority's exchange endpoint (unset: the in-process tax simulator answers, for the demo); LIS_TAX_SECRET: shared secret signing the calls both ways (unset: the inbound tax API refuses every call). */
  readonly taxUrl: string | undefined;
  readonly taxSecret: string | undefined;
  /** LIS_ONE_STOP_SECRET: shared secret of the one-stop systems, for their calls and the webhooks pushed to them (unset: calls refused, webhooks wait); LIS_ONE_STOP_WEBHOOK_URL: where dossier status changes are pushed (unset: not pushed). */
  readonly oneStopSecret: string | undefined;
  readonly oneStopWebhookUrl: string | undefined;
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

function fraction(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0 && value <= 1)) throw new ConfigError(`${name} must be a number above 0 and at most 1, got "${raw}"`);
  return value;
}

function httpUrl(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  if (!/^https?:\/\/\S{1,2000}$/.test(raw)) throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  return raw;
}

export interface BackupConfig {
  /** LIS_BACKUP_DIR: backup target folder (e.g. a mounted network share), never inside LIS_DATA_DIR (default ./backups) */
  readonly dir: string;
  /** LIS_BACKUP_S3_BUCKET (+ _ENDPOINT, _REGION, _PREFIX, _FORCE_PATH_STYLE, _ACCESS_KEY_ID, _SECRET_ACCESS_KEY): an S3 target instead of the folder */
  readonly s3: DocumentsS3Config | undefined;
  /** LIS_BACKUP_TIME: daily backup time, HH:MM Vietnam time (default 01:30) */
  readonly time: string;
  /** LIS_BACKUP_KEEP_DAILY: days daily backups are kept (default 14); LIS_BACKUP_KEEP_MONTHLY: months the first of each month is kept (default 12) */
  readonly keepDaily: number;
  readonly keepMonthly: number;
  /** LIS_BACKUP_REMOVABLE_ROOT: removable copies are written only below this folder (default /media) */
  readonly removableRoot: string;
}

function backupConfig(env: Env, dataDir: string): BackupConfig {
  const dir = path.resolve(env.LIS_BACKUP_DIR || 'backups');
  if (dir === dataDir || dir.startsWith(dataDir + path.sep)) throw new ConfigError('LIS_BACKUP_DIR must not be inside LIS_DATA_DIR (a backup must survive the loss of the data folder)');
  const time = env.LIS_BACKUP_TIME || '01:30';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new ConfigError(`LIS_BACKUP_TIME must be HH:MM, got "${time}"`);
  // the same variables as the documents bucket, under LIS_BACKUP_S3_
  const s3Env = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('LIS_BACKUP_S3_')).map(([k, v]) => [k.replace('LIS_BACKUP_S3_', 'LIS_DOCUMENTS_S3_'), v]));
  return Object.freeze({
    dir, time,
    s3: documentsS3(s3Env),
    keepDaily: integer(env, 'LIS_BACKUP_KEEP_DAILY', 14, 1, 3650),
    keepMonthly: integer(env, 'LIS_BACKUP_KEEP_MONTHLY', 12, 0, 1200),
    removableRoot: path.resolve(env.LIS_BACKUP_REMOVABLE_ROOT || '/media'),
  });
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
    dossierLookupRatePerMinute: integer(env, 'LIS_DOSSIER_LOOKUP_RATE_PER_MINUTE', 30, 1, 100_000),
    trustProxy: boolean(env, 'LIS_TRUST_PROXY', false),
    tileCacheMb: integer(env, 'LIS_TILE_CACHE_MB', 256, 0, 65_536),
    documentsDir: path.resolve(env.LIS_DOCUMENTS_DIR || path.join(dataDir, 'documents')),
    documentMaxMb: integer(env, 'LIS_DOCUMENT_MAX_MB', 200, 1, 10_240),
    documentBulkMaxMb: integer(env, 'LIS_DOCUMENT_BULK_MAX_MB', 4096, 1, 65_536),
    importMaxMb: integer(env, 'LIS_IMPORT_MAX_MB', 500, 1, 65_536),
    importsDir: path.resolve(env.LIS_IMPORTS_DIR || path.join(dataDir, 'imports')),
    documentsS3: documentsS3(env),
    backup: backupConfig(env, dataDir),
    smtpUrl: env.LIS_SMTP_URL || undefined,
    smtpFrom: env.LIS_SMTP_FROM || 'lis@localhost',
    metricsToken: env.LIS_METRICS_TOKEN || undefined,
    alarmErrorRate: fraction(env, 'LIS_ALARM_ERROR_RATE', 0.05),
    alarmBackupHours: integer(env, 'LIS_ALARM_BACKUP_HOURS', 26, 1, 24 * 30),
    alarmEveryMinutes: integer(env, 'LIS_ALARM_EVERY_MINUTES', 5, 1, 24 * 60),
    sharingSigningKey: env.LIS_SHARING_SIGNING_KEY || undefined,
    sharingKeysDir: path.resolve(env.LIS_SHARING_KEYS_DIR || path.join(dataDir, 'sharing')),
    sharingTokenTtlSeconds: integer(env, 'LIS_SHARING_TOKEN_TTL_SECONDS', 300, 30, 3600),
    taxUrl: httpUrl(env, 'LIS_TAX_URL'),
    taxSecret: env.LIS_TAX_SECRET || undefined,
    oneStopSecret: env.LIS_ONE_STOP_SECRET || undefined,
    oneStopWebhookUrl: httpUrl(env, 'LIS_ONE_STOP_WEBHOOK_URL'),
  });
}
