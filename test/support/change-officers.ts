// The two people of every change transaction test: an officer who prepares changes
// (lro_staff) and a leader who approves them (lro_leader), both on the whole province.
// Time passes on the test's clock, and sessions expire with it: `later` signs both in again.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/database.js';
import type { MutableClock } from './mutable-clock.js';
import { createActiveAccount, signIn } from './accounts.js';
import { openTestDatabase } from './test-database.js';
import { buildTestApp } from './test-app.js';
import { seedDemo } from '../../src/modules/demo/index.js';

export interface ChangeOfficers {
  officer: string;
  leader: string;
  /** moves the clock `days` forward and signs both in again */
  later(days: number): Promise<void>;
  /** a request to /api/v1 with a session cookie */
  api(method: 'GET' | 'POST', url: string, cookie: string, payload?: object): Promise<LightMyRequestResponse>;
}

export async function changeOfficers(app: FastifyInstance, db: Database, clock: MutableClock): Promise<ChangeOfficers> {
  const staff = await createActiveAccount(db, clock, [{ role: 'lro_staff', unitCode: '75' }]);
  const leader = await createActiveAccount(db, clock, [{ role: 'lro_leader', unitCode: '75' }]);
  const people: ChangeOfficers = {
    officer: '',
    leader: '',
    async later(days) {
      clock.advanceDays(days);
      people.officer = await signIn(app, staff.username, staff.password);
      people.leader = await signIn(app, leader.username, leader.password);
    },
    api: (method, url, cookie, payload) => app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload } : {}) }),
  };
  await people.later(0);
  return people;
}

/** A fresh database with a small demo, an app on it and its change officers (tests that change the record). */
export interface ChangeTestApp {
  db: Database;
  app: FastifyInstance;
  people: ChangeOfficers;
  close(): Promise<void>;
}

export async function openChangeTestApp(clock: MutableClock, demo = { parcels: 400, seed: 3 }): Promise<ChangeTestApp> {
  const testDb = await openTestDatabase();
  await seedDemo(testDb.db, demo);
  const app = await buildTestApp(testDb.db, {}, clock);
  return {
    db: testDb.db,
    app,
    people: await changeOfficers(app, testDb.db, clock),
    async close() {
      await app.close();
      await testDb.close();
    },
  };
}
