// The single process a browser journey runs against: the portal built, a fresh
// database seeded with the demo, the real app listening on a free port, and Chromium.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import type { Database } from '../../src/db/database.js';
import { seedDemo } from '../../src/modules/demo/index.js';
import { buildTestApp } from '../support/test-app.js';
import { openTestDatabase, TEST_DEMO, type TestDatabase } from '../support/test-database.js';
import { buildPortal, launchChromium } from './browser.js';

export interface RunningPortal {
  database: TestDatabase;
  app: FastifyInstance;
  browser: Browser;
  baseUrl: string;
}

/** prepare runs after the demo is seeded and before the app listens (accounts, changes, …). */
export async function startPortal(prepare?: (db: Database, app: FastifyInstance) => Promise<void>): Promise<RunningPortal> {
  buildPortal(); // before the app starts: it serves the files dist/web holds at start-up
  const database = await openTestDatabase();
  await seedDemo(database.db, TEST_DEMO);
  const app = await buildTestApp(database.db);
  await prepare?.(database.db, app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { database, app, browser: await launchChromium(), baseUrl };
}

export async function stopPortal(portal: Partial<RunningPortal>): Promise<void> {
  await portal.browser?.close();
  await portal.app?.close();
  await portal.database?.close();
}
