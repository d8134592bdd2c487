// Copies what tsc does not emit (SQL migrations, reference data) beside the compiled code.
import fs from 'node:fs';

for (const [from, to] of [
  ['src/db/migrations', 'dist/src/db/migrations'],
  ['src/modules/units/data', 'dist/src/modules/units/data'],
]) {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
}
