// Names this run (test databases carry it) and, after the run, drops the server
// databases this run created — not those of another run using the same server.
import crypto from 'node:crypto';
import pg from 'pg';

export default function setup(): () => Promise<void> {
  const run = crypto.randomBytes(4).toString('hex');
  process.env.LIS_TEST_RUN = run; // inherited by the test workers
  return async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) return;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1 and datname ~ '^lis_test_[0-9a-f]+_[0-9_]+$'`,
        [`lis\\_test\\_${run}\\_%`],
      );
      for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
    } finally {
      await admin.end();
    }
  };
}
