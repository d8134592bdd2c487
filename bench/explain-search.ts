// Plans of the cadastre search as the API runs it and as the bench's pgbench script
// runs it, on the bench database after `npm run bench` (its sample tables):
//   npx tsx bench/explain-search.ts [sample number]
// The API (src/db/pg-driver.ts) prepares every statement under a name, with untyped
// parameters; PostgreSQL plans the first five executions with the values (custom
// plans) and then keeps a generic plan if it does not look dearer. pgbench -M prepared
// does the same with its :variables. Both are executed here six times and the seventh
// is explained, so the plan shown is the one the plan cache settles on.
import pg from 'pg';
import { SEARCH_PARCELS_SQL } from '../src/modules/cadastre/search.repo.js';
import { searchScript } from './search-and-point.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lis_bench';
const sample = Number(process.argv[2] ?? 1);
const client = new pg.Client({ connectionString: url });
await client.connect();

const count = Math.max(...[...SEARCH_PARCELS_SQL.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
const apiParams = (set: Record<number, unknown>) => Array.from({ length: count }, (_, i) => set[i + 1] ?? null);
const full = (await client.query<{ ids: string; name: string }>('select ids, name from bench_search_name where i = $1', [sample])).rows[0]!;
const given = (await client.query<{ ids: string; given: string; unit_code: string }>('select ids, given, unit_code from bench_search_given where i = $1', [sample])).rows[0]!;

/** The statement pgbench prepares from the bench script: each :variable becomes the next $n, in order. */
function pgbenchStatement(script: string, vars: Record<string, string>): { text: string; values: string[] } {
  const statement = script.split('\n').slice(3).join('\n').replace(/;\s*$/, '');
  const values: string[] = [];
  const text = statement.replace(/:(\w+)/g, (whole, name: string) => {
    if (!(name in vars)) return whole; // a cast (::int) is not a variable
    values.push(vars[name]!);
    return `$${values.length}`;
  });
  return { text, values };
}

const shorten = (plan: string) => plan.replace(/'[àÀáÁ][^']*'::text, 'a{5,}[^']*'::text/g, '…');

async function explain(label: string, name: string, text: string, values: unknown[]): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t = process.hrtime.bigint();
    await client.query({ name, text, values });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const { rows: counts } = await client.query('select generic_plans, custom_plans from pg_prepared_statements where name = $1', [name]);
  const literals = values.map((v) => (v === null ? 'null' : client.escapeLiteral(String(v)))).join(', ');
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) execute ${name}(${literals})`);
  console.log(`\n=== ${label}: executions ${times.map((t) => t.toFixed(1)).join(', ')} ms; plans so far ${JSON.stringify(counts[0])}`);
  console.log(shorten(rows.map((r) => r['QUERY PLAN']).join('\n')));
}

const none = '';
const fullScript = searchScript('bench_search_name', 1, { name: 'name', given: null, rest: 'name' });
const givenScript = searchScript('bench_search_given', 1, { name: 'given', given: 'given', rest: null });
console.log(`full name "${full.name}"; given name "${given.given}" in unit ${given.unit_code}`);
await explain('API, full name', 'api_full', SEARCH_PARCELS_SQL, apiParams({ 1: full.ids, 6: full.name, 10: 21, 11: full.name }));
const pf = pgbenchStatement(fullScript, { ids: full.ids, name: full.name, lim: '21', none });
await explain('pgbench, full name', 'pgb_full', pf.text, pf.values);
await explain('API, given name in one commune', 'api_given', SEARCH_PARCELS_SQL, apiParams({ 1: given.ids, 6: given.given, 7: given.given, 10: 21 }));
const pg2 = pgbenchStatement(givenScript, { ids: given.ids, given: given.given, lim: '21', none });
await explain('pgbench, given name in one commune', 'pgb_given', pg2.text, pg2.values);
await client.end();
