// npm run seed:demo [-- --parcels N] [--seed S]: generates the demo province.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/open-database.js';
import { migrate } from '../db/migrate.js';
import { seedDemo } from '../modules/demo/index.js';

const { values } = parseArgs({ options: { parcels: { type: 'string' }, seed: { type: 'string' } } });
const config = loadConfig();
const parcels = values.parcels ? Number(values.parcels) : config.demoParcels;
const seed = values.seed ? Number(values.seed) : 1;
if (!Number.isInteger(parcels) || parcels < 0 || parcels > 5_000_000) {
  console.error('--parcels phải là số nguyên từ 0 đến 5 000 000 / --parcels must be an integer from 0 to 5,000,000');
  process.exit(2);
}
const db = await openDatabase(config);
try {
  await migrate(db);
  const started = Date.now();
  const result = await seedDemo(db, {
    parcels,
    seed,
    onProgress: (done, total, name, n) => console.log(`[${done}/${total}] ${name}: ${n} thửa / parcels`),
  });
  console.log(`Xong / done: ${result.parcels} thửa mới trong ${result.communes} xã / new parcels in communes, ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await db.close();
}
