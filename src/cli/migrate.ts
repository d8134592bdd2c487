// npm run migrate: applies pending migrations to the configured database and exits.
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/open-database.js';
import { migrate } from '../db/migrate.js';

const config = loadConfig();
const db = await openDatabase(config);
try {
  const applied = await migrate(db);
  console.log(applied.length ? `Đã áp dụng / applied: ${applied.join(', ')}` : 'Cơ sở dữ liệu đã mới nhất / database is up to date');
} finally {
  await db.close();
}
