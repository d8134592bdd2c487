// Scenarios of the land price and planning modules (issue #8): the price of a parcel
// (GET /api/v1/prices/parcels/{unit}/{sheet}/{parcel}?date=) and its planning overlay
// (GET /api/v1/planning/parcels/…?date=), both public, for random live parcels, against
// the very statements the service runs for each parcel, in the same order, through pgbench.
// The statements are not copied here: the service itself (parcelPrice, parcelPlanning) is
// run once per sample parcel on a recording database, which keeps each statement's text
// and bound values; the values become columns of a sample table that the pgbench script
// reads by primary key (\gset) before it runs the statements with them as parameters.
// See bench/README.md.
import { createRequire } from 'node:module';
import type { Database, QueryResult, Queryable } from '../src/db/database.js';
import { PLAN_EACH_CALL } from '../src/db/database.js';
import { systemClock } from '../src/kernel/clock.js';
import { parcelPlanning } from '../src/modules/planning/index.js';
import { parcelPrice } from '../src/modules/prices/index.js';
import { todayOf } from '../src/modules/units/index.js';
import { bindParam, type Scenario } from './search-and-point.js';

/** node-postgres's own conversion of a bound value to its text form (Date, arrays, …), so that pgbench binds what the driver binds */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (value: unknown) => string | null };

export interface RecordedStatement {
  sql: string;
  /** the values as the driver sends them (text), null for NULL */
  params: Array<string | null>;
}

/**
 * The database with every statement it runs recorded, in order; a transaction is recorded
 * as 'begin' … 'commit' around its statements.
 */
export function recordingDatabase(db: Database): { db: Database; statements: RecordedStatement[] } {
  const statements: RecordedStatement[] = [];
  const recording = (q: Queryable): Queryable => ({
    query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      statements.push({ sql, params: params.map((p) => prepareValue(p)) });
      return q.query<Row>(sql, params);
    },
    exec(sql: string) {
      statements.push({ sql, params: [] });
      return q.exec(sql);
    },
  });
  const wrapped: Database = {
    ...recording(db),
    kind: db.kind,
    capabilities: db.capabilities,
    transaction: async (fn) => {
      statements.push({ sql: 'begin', params: [] });
      const result = await db.transaction((tx) => fn(recording(tx)));
      statements.push({ sql: 'commit', params: [] });
      return result;
    },
    listen: (channel, onPayload) => db.listen(channel, onPayload),
    close: () => db.close(),
  };
  return { db: wrapped, statements };
}

/** The pgbench variable of parameter n of statement k. */
const variable = (k: number, n: number) => `s${k}_${n}`;

/** The statements with their parameters as pgbench variables (:s<k>_<n>); a NULL seen in the sample becomes nullif(…, ''). */
export function statementsScript(statements: readonly RecordedStatement[], nullable: ReadonlySet<string> = new Set()): string {
  return statements.map((s, k) => {
    let sql = s.sql.trim();
    for (let n = s.params.length; n >= 1; n--) {
      const v = variable(k, n);
      sql = bindParam(sql, n, nullable.has(v) ? `nullif(:${v}, '')` : `:${v}`);
    }
    return `${sql};`;
  }).join('\n');
}

export interface RecordedSample<K> {
  keys: K[];
  statements: RecordedStatement[][];
  /** the shared sequence of statement texts */
  texts: string[];
  failed: number;
  otherSequences: number;
}

/**
 * Runs fn for each key on a recording database, four at a time, and keeps the keys whose
 * call succeeded with the commonest sequence of statements (a parcel with no price or a
 * specific price runs other statements).
 */
export async function recordSample<K>(db: Database, keys: readonly K[], fn: (db: Database, key: K) => Promise<unknown>): Promise<RecordedSample<K>> {
  const done: Array<{ key: K; statements: RecordedStatement[] } | null> = new Array(keys.length).fill(null);
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < keys.length) {
      const i = next++;
      const recorder = recordingDatabase(db);
      try {
        await fn(recorder.db, keys[i]!);
        done[i] = { key: keys[i]!, statements: recorder.statements };
      } catch {
        done[i] = null;
      }
    }
  }));
  const ok = done.filter((d) => d !== null);
  const counts = new Map<string, number>();
  for (const d of ok) {
    const signature = d.statements.map((s) => s.sql).join('\u0000');
    counts.set(signature, (counts.get(signature) ?? 0) + 1);
  }
  const [signature] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (signature === undefined) throw new Error('bench: no sample call succeeded');
  const kept = ok.filter((d) => d.statements.map((s) => s.sql).join('\u0000') === signature);
  return {
    keys: kept.map((d) => d.key),
    statements: kept.map((d) => d.statements),
    texts: kept[0]!.statements.map((s) => s.sql),
    failed: keys.length - ok.length,
    otherSequences: ok.length - kept.length,
  };
}

/**
 * A sample table (i, s<k>_<n> text…) with every recorded value, and the pgbench script
 * that reads one row by primary key and runs the statements with them.
 */
export async function sampleTableScenario<K>(db: Database, table: string, sample: RecordedSample<K>): Promise<{ script: string; pgbenchMode: 'prepared' | 'extended' }> {
  if (!/^bench_[a-z_]+$/.test(table)) throw new Error(`bench table name: ${table}`);
  const columns = sample.statements[0]!.flatMap((s, k) => s.params.map((_, n) => variable(k, n + 1)));
  const nullable = new Set<string>();
  const values = columns.map(() => [] as string[]);
  for (const statements of sample.statements) {
    let c = 0;
    statements.forEach((s, k) => s.params.forEach((p, n) => {
      if (p === null) nullable.add(variable(k, n + 1));
      values[c++]!.push(p ?? '');
    }));
  }
  await db.exec(`drop table if exists ${table}`);
  await db.query(
    `create table ${table} as select * from unnest(${['$1::int[]', ...columns.map((_, c) => `$${c + 2}::text[]`)].join(', ')}) as t(i${columns.map((c) => `, ${c}`).join('')})`,
    [sample.keys.map((_, i) => i + 1), ...values],
  );
  await db.exec(`alter table ${table} add primary key (i); analyze ${table}`);
  const script = `\\set i random(1, ${sample.keys.length})\nselect * from ${table} where i = :i \\gset\n${statementsScript(sample.statements[0]!, nullable)}\n`;
  // statements the driver sends unnamed are planned each call: pgbench must not prepare them
  return { script, pgbenchMode: sample.texts.some((t) => t.startsWith(PLAN_EACH_CALL)) ? 'extended' : 'prepared' };
}

const SAMPLE = 1000;

interface Key {
  unit_code: string;
  sheet_number: number;
  parcel_number: number;
}

async function sampleKeys(db: Database): Promise<Key[]> {
  const { rows } = await db.query<Key>(`select unit_code, sheet_number, parcel_number from bench_key where i <= $1::int order by i`, [SAMPLE]);
  return rows;
}

/** parcel-price and parcel-planning, on today's date (the day the portal asks about). */
export async function pricePlanningScenarios(db: Database, wanted: (name: string) => boolean): Promise<Scenario[]> {
  const keys = await sampleKeys(db);
  const day = todayOf(systemClock);
  const scenarios: Scenario[] = [];
  const param = (k: Key) => ({ unitCode: k.unit_code, sheetNumber: Number(k.sheet_number), parcelNumber: Number(k.parcel_number) });
  const url = (k: Key) => `${k.unit_code}/${k.sheet_number}/${k.parcel_number}?date=${day}`;
  const cases = [
    {
      name: 'parcel-price', table: 'bench_price', route: '/api/v1/prices/parcels/',
      run: (d: Database, k: Key) => parcelPrice({ db: d, clock: systemClock }, param(k), day, null),
    },
    {
      name: 'parcel-planning', table: 'bench_planning', route: '/api/v1/planning/parcels/',
      // the public caller: edits no unit, so sees the approved public plans (planning.routes.ts callerOf)
      run: (d: Database, k: Key) => parcelPlanning({ db: d }, { actor: undefined as never, editableUnitIds: [] }, param(k), day),
    },
  ];
  for (const c of cases.filter((x) => wanted(x.name))) {
    const started = Date.now();
    const sample = await recordSample(db, keys, c.run);
    const { script, pgbenchMode } = await sampleTableScenario(db, c.table, sample);
    const parcels = sample.keys;
    console.log(`  ${c.name}: ${parcels.length} of ${keys.length} sample parcels answer with the same ${sample.texts.length} statements `
      + `(${sample.failed} failed, ${sample.otherSequences} other sequences; ${((Date.now() - started) / 1000).toFixed(0)} s)`);
    let n = 0;
    scenarios.push({
      name: c.name,
      script,
      pgbenchMode,
      request: () => ({ method: 'GET', path: `${c.route}${url(parcels[n++ % parcels.length]!)}` }),
      note: `${parcels.length} parcels, date ${day}; ${sample.texts.length} statements per request on both sides (${sample.failed} of ${keys.length} sampled parcels left out: not found/no price)`,
    });
  }
  return scenarios;
}
