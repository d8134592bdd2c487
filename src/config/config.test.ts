import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration (issue #2 item 6: documented environment variables)', () => {
  it('has working defaults: port 3000, embedded database in ./data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads PORT, DATABASE_URL and LIS_DATA_DIR', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://lis@db/lis', LIS_DATA_DIR: '/var/lib/lis' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://lis@db/lis', dataDir: '/var/lib/lis' });
  });

  it('refuses a malformed value with the variable named, instead of guessing', () => {
    expect(() => loadConfig({ PORT: 'http' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ LIS_SEED_DEMO: 'maybe' })).toThrow(/LIS_SEED_DEMO/);
  });

  it('S-SCAN: documents in <data>/documents by default, 200 MiB limit; an S3 bucket when LIS_DOCUMENTS_S3_BUCKET is set', () => {
    expect(loadConfig({ LIS_DATA_DIR: '/var/lib/lis' })).toMatchObject({ documentsDir: '/var/lib/lis/documents', documentMaxMb: 200, documentBulkMaxMb: 4096, documentsS3: undefined });
    const s3 = loadConfig({ LIS_DOCUMENTS_S3_BUCKET: 'scans', LIS_DOCUMENTS_S3_ENDPOINT: 'http://minio:9000', LIS_DOCUMENTS_S3_ACCESS_KEY_ID: 'id', LIS_DOCUMENTS_S3_SECRET_ACCESS_KEY: 'secret' });
    expect(s3.documentsS3).toEqual({ bucket: 'scans', endpoint: 'http://minio:9000', region: 'us-east-1', prefix: undefined, forcePathStyle: true, credentials: { accessKeyId: 'id', secretAccessKey: 'secret' } });
    expect(() => loadConfig({ LIS_DOCUMENTS_S3_BUCKET: 'scans', LIS_DOCUMENTS_S3_ACCESS_KEY_ID: 'id' })).toThrow(/SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ LIS_DOCUMENT_MAX_MB: '0' })).toThrow(/LIS_DOCUMENT_MAX_MB/);
  });
});
