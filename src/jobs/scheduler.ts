// A minimal scheduler: each job runs every `everyMs`, or at a time of day (daily, weekly,
// six-monthly; Vietnam time, UTC+7, no daylight saving), and only in one process at a
// time across the deployment (a PostgreSQL advisory lock, no Redis). Failures are logged
// and retried at the next tick; the scheduler never crashes the server.
import crypto from 'node:crypto';
import type { Database } from '../db/database.js';
import { systemClock, type Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';

/** A time of day in Asia/Ho_Chi_Minh: daily, weekly on a weekday, or on 1 January and 1 July. */
export interface TimeOfDay {
  /** "HH:MM", 24-hour clock */
  time: string;
  every: 'day' | 'week' | 'half-year';
  /** for 'week': 0 = Sunday … 6 = Saturday (default 0) */
  weekday?: number;
}

export interface Job {
  name: string;
  /** runs every this many milliseconds … */
  everyMs?: number;
  /** … or at this time of day */
  at?: TimeOfDay;
  run(): Promise<unknown>;
}

const VN_OFFSET_MS = 7 * 3_600_000; // Asia/Ho_Chi_Minh has had no daylight saving since 1975

/** "HH:MM" → minutes after midnight; throws on anything else (read from configuration). */
export function parseTimeOfDay(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new Error(`time of day must be HH:MM (00:00-23:59), got "${time}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The first instant strictly after `after` at which the schedule fires. */
export function nextRunAt(at: TimeOfDay, after: Date): Date {
  const minutes = parseTimeOfDay(at.time);
  // work on the Vietnamese wall clock, expressed as a UTC date shifted by +7 h
  const local = new Date(after.getTime() + VN_OFFSET_MS);
  const candidate = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 0, minutes));
  const fits = (d: Date) =>
    at.every === 'day' ||
    (at.every === 'week' && d.getUTCDay() === (at.weekday ?? 0)) ||
    (at.every === 'half-year' && d.getUTCDate() === 1 && (d.getUTCMonth() === 0 || d.getUTCMonth() === 6));
  // at most 366 days ahead for the six-monthly schedule
  for (let day = 0; day <= 366; day++) {
    const d = new Date(candidate.getTime() + day * 86_400_000);
    if (d.getTime() > local.getTime() && fits(d)) return new Date(d.getTime() - VN_OFFSET_MS);
  }
  throw new Error('unreachable: no run within a year');
}

/** The time-of-day jobs whose time has come, each returned once per time it fires. */
export function createTimetable(jobs: readonly Job[], clock: Clock): { due(): Job[] } {
  const timed = jobs.filter((job) => job.at);
  const next = new Map(timed.map((job) => [job.name, nextRunAt(job.at!, clock.now())]));
  return {
    due() {
      const now = clock.now();
      const ready = timed.filter((job) => next.get(job.name)!.getTime() <= now.getTime());
      // a run missed while the server was down is not repeated: the next one is after now
      for (const job of ready) next.set(job.name, nextRunAt(job.at!, now));
      return ready;
    },
  };
}

/** The advisory lock of a job (exported for its test). */
export function lockKey(name: string): number {
  return crypto.createHash('sha256').update(`lis-job:${name}`).digest().readInt32BE(0);
}

/** Jobs running in this process: a slow run is never started again over itself. */
const running = new Set<string>();

/**
 * Runs job if no other run of it is under way; false when one is (here, or in another
 * process: it holds the lock). The lock is a transaction-level advisory lock held while
 * the job runs on its own connections, which needs a second connection: the embedded
 * database has one (a job's queries would wait forever for the transaction holding it),
 * and only this process opens its data folder, so there the in-process guard is the lock.
 */
export async function runExclusive(db: Database, job: Job): Promise<boolean> {
  if (running.has(job.name)) return false;
  running.add(job.name);
  try {
    if (!db.capabilities.concurrentQueries) {
      await job.run();
      return true;
    }
    return await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ locked: boolean }>('select pg_try_advisory_xact_lock($1) as locked', [lockKey(job.name)]);
      if (!rows[0]!.locked) return false;
      await job.run();
      return true;
    });
  } finally {
    running.delete(job.name);
  }
}

export function startScheduler(db: Database, logger: Logger, jobs: Job[], clock: Clock = systemClock, pollMs = 30_000): () => void {
  const start = (job: Job) =>
    runExclusive(db, job)
      .then((ran) => ran && logger.debug({ job: job.name }, 'job ran'))
      .catch((error: unknown) => logger.error({ job: job.name, err: error }, 'job failed'));
  const timers = jobs.filter((job) => job.everyMs).map((job) => setInterval(() => void start(job), job.everyMs));
  if (jobs.some((job) => job.at)) {
    const timetable = createTimetable(jobs, clock);
    timers.push(setInterval(() => timetable.due().forEach((job) => void start(job)), pollMs));
  }
  for (const timer of timers) timer.unref();
  return () => timers.forEach(clearInterval);
}
