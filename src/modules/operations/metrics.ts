// Monitoring (O8): Prometheus metrics of this process. Requests by route template, method
// and status, their latency, job runs and failures, the database pool (server), the age
// of the last verified database backup and the free disk space of the data folders. One
// registry per app (tests build many apps in one process).
import fs from 'node:fs';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { lastVerifiedBackup } from './backups.repo.js';

export interface OperationsMetrics {
  readonly registry: Registry;
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** The same job with its runs counted and timed (wraps run; the scheduler stays as it is). */
  instrumentJob<J extends { name: string; run(): Promise<unknown> }>(job: J): J;
  /** Requests and 5xx answers since the last call (the error-rate alarm's interval). */
  takeWindow(): { requests: number; errors: number };
}

export function createMetrics(deps: { db: Database; clock: Clock; paths: Record<string, string>; defaultMetrics?: boolean }): OperationsMetrics {
  const registry = new Registry();
  if (deps.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'lis_' });
  const requests = new Counter({ name: 'lis_http_requests_total', help: 'HTTP requests by route template, method and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const errors = new Counter({ name: 'lis_http_errors_total', help: 'HTTP answers with a 5xx status', labelNames: ['method', 'route'], registers: [registry] });
  const latency = new Histogram({
    name: 'lis_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [registry],
  });
  const jobRuns = new Counter({ name: 'lis_job_runs_total', help: 'Scheduled job runs by outcome', labelNames: ['job', 'outcome'], registers: [registry] });
  const jobDuration = new Histogram({ name: 'lis_job_duration_seconds', help: 'Scheduled job duration', labelNames: ['job'], buckets: [0.1, 1, 10, 60, 300, 1800, 7200], registers: [registry] });
  const jobsRunning = new Gauge({ name: 'lis_jobs_running', help: 'Scheduled jobs running in this process', registers: [registry] });
  new Gauge({
    name: 'lis_backup_age_seconds', help: 'Age of the last verified database backup (-1: none yet)', registers: [registry],
    async collect() {
      const last = await lastVerifiedBackup(deps.db).catch(() => null);
      this.set(last ? (deps.clock.now().getTime() - last.getTime()) / 1000 : -1);
    },
  });
  new Gauge({
    name: 'lis_disk_free_bytes', help: 'Free space of the data folders', labelNames: ['folder'], registers: [registry],
    async collect() {
      for (const [folder, dir] of Object.entries(deps.paths)) {
        const stats = await fs.promises.statfs(dir).catch(() => null);
        if (stats) this.set({ folder }, stats.bavail * stats.bsize);
      }
    },
  });
  new Gauge({
    name: 'lis_db_pool_connections', help: 'Database pool connections (server database)', labelNames: ['state'], registers: [registry],
    collect() {
      const stats = deps.db.poolStats?.();
      if (!stats) return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  let window = { requests: 0, errors: 0 };
  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
      window.requests += 1;
      if (status >= 500) {
        errors.inc({ method, route });
        window.errors += 1;
      }
    },
    instrumentJob(job) {
      return {
        ...job,
        async run() {
          const stop = jobDuration.startTimer({ job: job.name });
          jobsRunning.inc();
          try {
            const result = await job.run();
            jobRuns.inc({ job: job.name, outcome: 'succeeded' });
            return result;
          } catch (error) {
            jobRuns.inc({ job: job.name, outcome: 'failed' });
            throw error;
          } finally {
            jobsRunning.dec();
            stop();
          }
        },
      };
    },
    takeWindow() {
      const taken = window;
      window = { requests: 0, errors: 0 };
      return taken;
    },
  };
}
