// npm run audit:verify: recomputes the audit chain; exit 1 when a row was altered or removed.
// Prints the last seq and hash: keep them (the periodic report does) to detect a cut tail later.
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/open-database.js';
import { verifyAuditLog } from '../modules/audit/index.js';

const db = await openDatabase(loadConfig());
try {
  const result = await verifyAuditLog(db);
  if (result.ok) {
    console.log(`Nhật ký toàn vẹn / audit log intact: ${result.checked} bản ghi / entries, last seq ${result.lastSeq}, hash ${result.lastHash}`);
  } else {
    console.error(`${result.problem!.message.vi} / ${result.problem!.message.en}`);
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
