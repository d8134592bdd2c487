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

function lockKey(name: string): number {
  return crypto.createHash('sha256').update(`lis-job:${name}`).digest().readInt32BE(0);
}

/** Runs job if no other process runs it now; false when another one held the lock. */
export async function runExclusive(db: Database, job: Job): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ locked: boolean }>('select pg_try_advisory_xact_lock($1) as locked', [lockKey(job.name)]);
    if (!rows[0]!.locked) return false;
    await job.run();
    return true;
  });
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
