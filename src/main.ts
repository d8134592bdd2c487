// Entry point: read config, open the database, migrate, load reference data (and the
// demo on an empty database), build the app, listen. Stops cleanly on SIGINT/SIGTERM.
import { buildApp } from './app.js';
import { loadConfig } from './config/config.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open-database.js';
import { systemClock } from './kernel/clock.js';
import { createLogger } from './kernel/logger.js';
import { ensureReferenceUnits, hasParcels, seedDemo } from './modules/demo/index.js';
import { ensureAdministrator, enforceAccountRules } from './modules/accounts/index.js';
import { startScheduler } from './jobs/scheduler.js';
import { createDocumentStore, runIntegrityCheck } from './modules/documents/index.js';
import { runPendingImports } from './modules/imports/index.js';
import { runScheduledQualityChecks } from './modules/quality/index.js';
import { deliverWebhooks } from './modules/sharing/index.js';
import { createTaxHttpExchange, createTaxSimulator, recordTaxNotice, sendTaxRequests, type ExternalExchange } from './modules/workflow/index.js';
import { deliverOutbox } from './modules/webhooks/index.js';
import { createMetrics, generateScheduledReports, runAlarms } from './modules/operations/index.js';
import { applyPendingRestore, createBackupDeps, scheduledJobs } from './modules/backups/index.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);
logger.info({ database: config.databaseUrl ? 'server' : 'embedded', dataDir: config.dataDir }, 'starting');

// a restore prepared while the service ran is switched over now, before the database opens (#10)
const switched = await applyPendingRestore(config, systemClock);
if (switched) logger.warn({ inUse: switched.current, previousKeptAs: switched.keepAs, restore: switched.restoreRunId }, 'switched over to the restored database');
const db = await openDatabase(config);
const applied = await migrate(db);
if (applied.length) logger.info({ applied }, 'migrations applied');
if (await ensureReferenceUnits(db)) logger.info('administrative units loaded');
if (config.seedDemoOnEmpty && !(await hasParcels(db))) {
  logger.info({ parcels: config.demoParcels }, 'empty database: generating the demo province');
  const result = await seedDemo(db, {
    parcels: config.demoParcels,
    onProgress: (done, total, name, parcels) => logger.info({ done, total, unit: name, parcels }, 'demo commune generated'),
  });
  logger.info(result, 'demo province ready');
}

const firstAdmin = await ensureAdministrator(db, config.dataDir);
if (firstAdmin) logger.warn({ username: firstAdmin.username, passwordFile: firstAdmin.passwordFile }, 'first administrator created: read the password from the file, sign in, change it, then delete the file');

const documentStore = createDocumentStore(config);
const backupJobs = scheduledJobs(createBackupDeps(config, db, systemClock, documentStore));
// every job's runs and failures are counted in the metrics (O8)
const metrics = createMetrics({ db, clock: systemClock, paths: { data: config.dataDir, documents: config.documentsDir }, defaultMetrics: true });
// the tax side (issue #7 item 4): the configured endpoint, or the simulator answering in process (demo)
const dossierDeps = { db, clock: systemClock, changes: { db, clock: systemClock } };
const taxExchange: ExternalExchange & { flush?: () => Promise<unknown> } = config.taxUrl && config.taxSecret
  ? createTaxHttpExchange({ url: config.taxUrl, secret: config.taxSecret, clock: systemClock })
  : createTaxSimulator({ clock: systemClock, deliver: (notice) => recordTaxNotice(dossierDeps, notice) });
if (!config.taxUrl) logger.warn('LIS_TAX_URL unset: the tax simulator answers tax exchanges (demo only)');
const stopJobs = startScheduler(db, logger, [
  // monitoring alarms open incidents (O8, I1); periodic reports for the month, quarter, year just ended (O2, O3)
  { name: 'operations-alarms', everyMs: config.alarmEveryMinutes * 60_000, run: () => runAlarms({ db, clock: systemClock, metrics, backupHours: config.alarmBackupHours, errorRate: config.alarmErrorRate }) },
  { name: 'periodic-reports', everyMs: 60 * 60_000, run: () => generateScheduledReports({ db, clock: systemClock }) },
  { name: 'account-rules', everyMs: 60 * 60_000, run: () => enforceAccountRules({ db, clock: systemClock }) },
  // scanned files read back and their hashes recomputed daily (issue #9; B3); report in the audit log
  { name: 'documents-integrity', everyMs: 24 * 60 * 60_000, run: () => runIntegrityCheck({ db, clock: systemClock, store: documentStore }) },
  // contractor deliveries: queued loads and validations, and those a stopped process left running (issue #6)
  { name: 'imports', everyMs: 5_000, run: () => runPendingImports({ db, clock: systemClock, dir: config.importsDir }) },
  // quality checks on the live record (issue #6, O12): the whole province, Saturdays at 02:30
  { name: 'quality-checks', at: { time: '02:30', every: 'week' as const, weekday: 6 }, run: () => runScheduledQualityChecks({ db, clock: systemClock }) },
  // change notifications to consumers' webhooks (issue #11; S-SHARE), retried with a growing delay
  { name: 'sharing-webhooks', everyMs: 30_000, run: () => deliverWebhooks({ db, clock: systemClock }) },
  // dossier workflow exchanges (issue #7): tax requests sent (the simulator's notices handed back), webhooks to the one-stop systems
  { name: 'tax-exchange', everyMs: 5_000, run: async () => { await sendTaxRequests({ ...dossierDeps, exchange: taxExchange }); await taxExchange.flush?.(); } },
  { name: 'webhooks', everyMs: 5_000, run: () => deliverOutbox({ db, clock: systemClock, secret: (key) => (key === 'one_stop' ? config.oneStopSecret : undefined) }) },
  // backups (issue #10; O1, B1, B3): the database daily at LIS_BACKUP_TIME, the scans on 1 January and 1 July,
  // a restore drill every Sunday at 03:00 (named 'restore': never alongside a restore started in the portal)
  { name: 'backup-database', at: { time: config.backup.time, every: 'day' as const }, run: backupJobs.database },
  { name: 'backup-documents', at: { time: config.backup.time, every: 'half-year' as const }, run: backupJobs.documents },
  { name: 'restore', at: { time: '03:00', every: 'week' as const, weekday: 0 }, run: backupJobs.drill },
].map((job) => metrics.instrumentJob(job)));
const app = await buildApp({ config, db, logger, clock: systemClock, documentStore, metrics });
await app.listen({ port: config.port, host: config.host });
logger.info(`Cổng thông tin đất đai / land information portal: http://localhost:${config.port}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    logger.info({ signal }, 'stopping');
    stopJobs();
    await app.close();
    await db.close();
    process.exit(0);
  });
}
