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
});
