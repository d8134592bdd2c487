// The real app, built around a test database with a fixed clock and a quiet logger.
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { Database } from '../../src/db/database.js';
import type { Clock } from '../../src/kernel/clock.js';

export const TEST_TODAY = '2026-11-25';
export const fixedClock: Clock = { now: () => new Date(`${TEST_TODAY}T03:00:00Z`) };

/** Tests sign in often from one address: the per-address limit is raised unless a test sets it. */
export function buildTestApp(db: Database, env: Record<string, string> = {}, clock: Clock = fixedClock): Promise<FastifyInstance> {
  const config = loadConfig({ LIS_LOGIN_RATE_PER_MINUTE: '10000', ...env });
  return buildApp({ config, db, logger: pino({ level: process.env.TEST_LOG ?? 'silent' }), clock });
}
