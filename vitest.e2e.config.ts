import { defineConfig } from 'vitest/config';

// Browser journeys against the real single process: the built portal (dist/web), the
// real app and an embedded database seeded with the demo, driven through Debian's
// Chromium. Slow by nature (PGlite + PostGIS start-up, a Vite build, software WebGL).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
