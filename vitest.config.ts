import { defineConfig } from 'vitest/config';

// One process, files in sequence, no isolation between files: the embedded database
// (PGlite + PostGIS) takes seconds to open, so the suite opens it once and shares it.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
