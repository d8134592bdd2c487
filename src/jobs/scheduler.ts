// A minimal scheduler: each job runs every `everyMs`, and only in one process at a time
// across the deployment (a PostgreSQL advisory lock, no Redis). Failures are logged and
// retried at the next tick; the scheduler never crashes the server.
import crypto from 'node:crypto';
import type { Database } from '../db/database.js';
import type { Logger } from '../kernel/logger.js';

export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
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

export function startScheduler(db: Database, logger: Logger, jobs: Job[]): () => void {
  const timers = jobs.map((job) =>
    setInterval(() => {
      runExclusive(db, job)
        .then((ran) => ran && logger.debug({ job: job.name }, 'job ran'))
        .catch((error: unknown) => logger.error({ job: job.name, err: error }, 'job failed'));
    }, job.everyMs),
  );
  for (const timer of timers) timer.unref();
  return () => timers.forEach(clearInterval);
}
