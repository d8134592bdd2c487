// The real app, built around a test database with a fixed clock and a quiet logger.
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { Database } from '../../src/db/database.js';
import type { Clock } from '../../src/kernel/clock.js';

export const TEST_TODAY = '2026-11-25';
export const fixedClock: Clock = { now: () => new Date(`${TEST_TODAY}T03:00:00Z`) };

export function buildTestApp(db: Database, env: Record<string, string> = {}): Promise<FastifyInstance> {
  return buildApp({ config: loadConfig(env), db, logger: pino({ level: 'silent' }), clock: fixedClock });
}
