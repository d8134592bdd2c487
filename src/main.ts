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

const config = loadConfig();
const logger = createLogger(config.logLevel);
logger.info({ database: config.databaseUrl ? 'server' : 'embedded', dataDir: config.dataDir }, 'starting');

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
const stopJobs = startScheduler(db, logger, [
  { name: 'account-rules', everyMs: 60 * 60_000, run: () => enforceAccountRules({ db, clock: systemClock }) },
  // scanned files read back and their hashes recomputed daily (issue #9; B3); report in the audit log
  { name: 'documents-integrity', everyMs: 24 * 60 * 60_000, run: () => runIntegrityCheck({ db, clock: systemClock, store: documentStore }) },
]);
const app = await buildApp({ config, db, logger, clock: systemClock, documentStore });
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
