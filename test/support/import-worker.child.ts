// A separate process running the import worker slowly (a pause after each chunk), for the
// test that kills it midway with SIGKILL (issue #6 must-show): argv = database URL, imports
// folder, chunk size, pause in ms.
import { openServerDatabase } from '../../src/db/pg-driver.js';
import { systemClock } from '../../src/kernel/clock.js';
import { runPendingImports } from '../../src/modules/imports/index.js';

const [url, dir, chunk, pause] = process.argv.slice(2);
const db = await openServerDatabase(url!, 2);
await runPendingImports({
  db, clock: systemClock, dir: dir!, chunkSize: Number(chunk),
  onProgress: () => new Promise((resolve) => setTimeout(resolve, Number(pause))),
});
await db.close();
