// Scenarios of the cadastre search (POST /api/v1/search/parcels, authenticated) and of
// the parcel at a point (GET /api/v1/parcels/at), each against the repository's own SQL
// through pgbench. See bench/README.md for what each compares and how.
import http from 'node:http';
import type { Database } from '../src/db/database.js';
import { systemClock } from '../src/kernel/clock.js';
import { permissionScopes } from '../src/modules/accounts/scope.repo.js';
import * as parcelsRepo from '../src/modules/cadastre/parcels.repo.js';
import { SEARCH_PARCELS_SQL } from '../src/modules/cadastre/search.repo.js';
import { todayOf, unitLineageIds } from '../src/modules/units/index.js';
import { createActiveAccount, nextNationalId, TEST_PASSWORD } from '../test/support/accounts.js';

export interface HttpRequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface Scenario {
  name: string;
  /** pgbench script */
  script: string;
  /**
   * pgbench -M: 'prepared' (default) as the server driver runs our named statements;
   * 'extended' (unnamed, planned with the values each call) for statements marked
   * PLAN_EACH_CALL, which the driver sends unnamed
   */
  pgbenchMode?: 'prepared' | 'extended';
  /** pgbench -D variables */
  defines?: Record<string, string>;
  /** the next HTTP request */
  request: () => HttpRequestSpec;
  /** what each side runs, for the report */
  note?: string;
}

const NAME_SAMPLE = 10_000;
const GIVEN_SAMPLE = 2_000;
const POINT_SAMPLE = 10_000;
/** the API's default page (20) plus the one row that tells whether there is a next page */
const SEARCH_LIMIT = 21;
/** the bench account: reads the cadastre of today's province (Đồng Nai, which covers Bình Phước's old units), masked */
const BENCH_ROLE = 'agency_reader';
const PROVINCE_CODE = '75';
const BENCH_USER = 'benchreader';

/**
 * Replaces bind parameter $n (not $n0, $n1…) everywhere in the SQL. pgbench numbers its
 * own parameters from the :variables, so each one stays a bind parameter.
 */
export function bindParam(sql: string, n: number, to: string): string {
  const pattern = new RegExp(`\\$${n}(?!\\d)`, 'g');
  if (!pattern.test(sql)) throw new Error(`bench: the repository SQL changed, cannot find $${n}`);
  return sql.replace(pattern, to);
}

/** pgbench cannot send a NULL parameter (an unset variable is an error, \set NULL sends 'NULL'): '' made null, still a parameter. */
const NULL_PARAM = `nullif(:none, '')`;

/** SEARCH_PARCELS_SQL with pgbench variables: scope ids, name, given name, name after the family name, the rest null. */
export function searchScript(table: string, sampleSize: number, vars: { name: string; given: string | null; rest: string | null }): string {
  let sql = SEARCH_PARCELS_SQL;
  const set = new Map<number, string | null>([[1, 'ids'], [6, vars.name], [7, vars.given], [10, 'lim'], [11, vars.rest]]);
  const count = Math.max(...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  for (let n = 1; n <= count; n++) {
    const variable = set.get(n);
    // every other criterion is unset: NULL, typed as the SQL casts the parameter
    const type = new RegExp(`\\$${n}::(\\w+)`).exec(sql)?.[1] ?? 'text';
    sql = bindParam(sql, n, variable ? `:${variable}` : `${NULL_PARAM}::${type}`);
  }
  return `\\set i random(1, ${sampleSize})\n\\set lim ${SEARCH_LIMIT}\n`
    + `select t.*, '' as none from ${table} t where t.i = :i \\gset\n${sql.trim()};\n`;
}

/** An active account with cadastre.read on the province, signed in through the API: its Cookie header. */
export async function benchSession(db: Database, baseUrl: string): Promise<{ accountId: string; cookie: string }> {
  // made once per bench database, through the real use cases (as the tests make theirs)
  const existing = await db.query<{ id: string }>('select id from account where username = $1', [BENCH_USER]);
  let accountId = existing.rows[0]?.id;
  if (accountId === undefined) {
    // test/support numbers national IDs 0701990nnnnn from 1 in each process: step over those taken
    const { rows } = await db.query<{ n: number }>(
      `select coalesce(max(substr(national_id, 8)::int), 0)::int as n from account where national_id ~ '^0701990[0-9]{5}$'`,
    );
    for (let i = 0; i < rows[0]!.n; i++) nextNationalId();
    accountId = (await createActiveAccount(db, systemClock, [{ role: BENCH_ROLE, unitCode: PROVINCE_CODE }], BENCH_USER)).id;
  }
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: BENCH_USER, password: TEST_PASSWORD }),
  });
  if (!res.ok) throw new Error(`bench sign-in failed: ${res.status} ${await res.text()}`);
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('lis_session='));
  if (!session) throw new Error('bench sign-in: no session cookie');
  return { accountId, cookie: session };
}

const pgArray = (ids: number[]) => `{${ids.join(',')}}`;

/**
 * The search samples, with the exact parameters the API derives from each request
 * (search.service.ts): the caller's cadastre.read units, and for a unit code the unit's
 * lineage within them.
 */
export async function searchScenarios(db: Database, accountId: string, cookie: string): Promise<Scenario[]> {
  const now = systemClock.now();
  const readable = (await permissionScopes(db, accountId, now)).find((s) => s.permission === 'cadastre.read')?.unitIds ?? [];
  if (readable.length === 0) throw new Error('bench account reads no unit');
  const scope = [...new Set(readable)];
  // real names of land users, folded as one types them without diacritics ("nguyen van an")
  await db.exec(`drop table if exists bench_search_name; drop table if exists bench_search_given;
    create table bench_search_name as
      select row_number() over ()::int as i, n.name
        from (select lis_fold(full_name) as name from party tablesample bernoulli (2) repeatable (4)
               where kind = 'individual' limit ${NAME_SAMPLE}) n;
    alter table bench_search_name add primary key (i);`);
  const names = (await db.query<{ name: string }>('select name from bench_search_name order by i')).rows.map((r) => r.name);
  await db.query(`alter table bench_search_name add column ids text not null default '${pgArray(scope)}'`);
  // one-word given names (drawn as often as people bear them) within one of today's communes
  const { rows: givenRows } = await db.query<{ given: string }>(
    `select lis_fold_given_name(full_name) as given from party tablesample bernoulli (1) repeatable (5)
      where kind = 'individual' limit ${GIVEN_SAMPLE}`,
  );
  const today = todayOf(systemClock);
  const { rows: communes } = await db.query<{ code: string }>(
    `select distinct code from admin_unit where level = 'commune' and valid_from <= $1::date and (valid_to is null or valid_to > $1::date) order by code`,
    [today],
  );
  const { rows: withParcels } = await db.query<{ id: number }>('select distinct unit_id as id from parcel where valid_to is null');
  const parcelUnits = new Set(withParcels.map((r) => Number(r.id)));
  const units: Array<{ code: string; ids: number[] }> = [];
  for (const { code } of communes) {
    const lineage = await unitLineageIds(db, code, today);
    const ids = scope.filter((id) => lineage.includes(id));
    if (lineage.length > 0 && ids.some((id) => parcelUnits.has(id))) units.push({ code, ids });
  }
  if (units.length === 0) throw new Error('bench: no commune of today covers demo parcels');
  const given = givenRows.map((r, i) => ({ i: i + 1, given: r.given, ...units[(i * 7) % units.length]! }));
  await db.query(
    `create table bench_search_given as
       select * from unnest($1::int[], $2::text[], $3::text[], $4::text[]) as t(i, given, unit_code, ids)`,
    [given.map((g) => g.i), given.map((g) => g.given), given.map((g) => g.code), given.map((g) => pgArray(g.ids))],
  );
  await db.exec('alter table bench_search_given add primary key (i); analyze bench_search_name; analyze bench_search_given');
  console.log(`  search samples: ${names.length} names, ${given.length} given names over ${units.length} of today's communes (scope ${scope.length} units)`);
  const headers = { 'content-type': 'application/json', cookie };
  let n = 0;
  let m = 0;
  return [
    {
      name: 'name-search (full name)',
      pgbenchMode: 'extended',
      script: searchScript('bench_search_name', names.length, { name: 'name', given: null, rest: 'name' }),
      request: () => ({ method: 'POST', path: '/api/v1/search/parcels', headers, body: JSON.stringify({ name: names[n++ % names.length] }) }),
    },
    {
      name: 'name-search (given name, one commune)',
      pgbenchMode: 'extended',
      script: searchScript('bench_search_given', given.length, { name: 'given', given: 'given', rest: null }),
      request: () => {
        const g = given[m++ % given.length]!;
        return { method: 'POST', path: '/api/v1/search/parcels', headers, body: JSON.stringify({ name: g.given, unitCode: g.code }) };
      },
    },
  ];
}

/** PARCEL_AT_POINT_SQL when the repository exports it: ($1 lon float8, $2 lat float8, $3 at timestamptz). */
export function parcelAtPointSql(): string | undefined {
  const sql = (parcelsRepo as Record<string, unknown>)['PARCEL_AT_POINT_SQL'];
  return typeof sql === 'string' ? sql : undefined;
}

/** Points inside random live parcels (ST_PointOnSurface), the API's and pgbench's sample alike. */
export async function pointScenario(db: Database, baseUrl: string, cookie: string): Promise<Scenario | undefined> {
  const sql = parcelAtPointSql();
  if (sql === undefined) {
    console.log('  parcel-at-point: skipped, parcels.repo.ts exports no PARCEL_AT_POINT_SQL yet');
    return undefined;
  }
  await db.exec(`drop table if exists bench_point;
    create table bench_point as
      select row_number() over ()::int as i, ST_X(pt) as lon, ST_Y(pt) as lat
        from (select ST_PointOnSurface(geom_4326) as pt from parcel tablesample bernoulli (2) repeatable (6)
               where valid_to is null limit ${POINT_SAMPLE}) s;
    alter table bench_point add primary key (i);
    analyze bench_point`);
  const { rows } = await db.query<{ lon: number; lat: number }>('select lon, lat from bench_point order by i');
  const points = rows.map((r) => ({ lon: Number(r.lon), lat: Number(r.lat) }));
  // the route may be public; a session is sent only when it is not (it costs two queries per request)
  const first = points[0]!;
  const probe = await fetch(`${baseUrl}/api/v1/parcels/at?lon=${first.lon}&lat=${first.lat}`);
  const headers: Record<string, string> = probe.status === 401 ? { cookie } : {};
  if (probe.status !== 200 && probe.status !== 401) throw new Error(`parcels/at answered ${probe.status}: ${await probe.text()}`);
  let n = 0;
  // the point comes from the sample table by primary key, as in parcel-by-number; $3 is
  // the moment the API reads at (now), bound as a parameter as the API binds it
  let script = bindParam(sql, 1, '(select lon from bench_point where i = :i)');
  script = bindParam(script, 2, '(select lat from bench_point where i = :i)');
  script = bindParam(script, 3, ':at');
  return {
    name: 'parcel-at-point',
    script: `\\set i random(1, ${points.length})\n${script.trim()};\n`,
    defines: { at: new Date().toISOString() },
    request: () => {
      const p = points[n++ % points.length]!;
      return { method: 'GET', path: `/api/v1/parcels/at?lon=${p.lon}&lat=${p.lat}`, headers };
    },
    note: headers.cookie ? 'authenticated' : 'public',
  };
}

/**
 * One request on a connection of its own: Node's server answers 408 on a kept-alive
 * connection whose requests add up to more than its headersTimeout (60 s), which slow
 * searches in a row can.
 */
function requestOnce(url: string, r: HttpRequestSpec): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = { ...r.headers, ...(r.body ? { 'content-length': String(Buffer.byteLength(r.body)) } : {}) };
    const req = http.request(url, { method: r.method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

/** A few requests before the timed run: every scenario must find something, or it measures nothing. */
export async function sanityCheck(baseUrl: string, scenario: Scenario, tries = 3): Promise<string> {
  let found = 0;
  let bytes = 0;
  for (let i = 0; i < tries; i++) {
    const r = scenario.request();
    let res = await requestOnce(`${baseUrl}${r.path}`, r);
    if (res.status === 400 || res.status === 408) {
      console.log(`  ${scenario.name}: ${res.status} ${res.text}, once more`);
      res = await requestOnce(`${baseUrl}${r.path}`, r);
    }
    const text = res.text;
    if (res.status !== 200) throw new Error(`${scenario.name}: ${r.method} ${r.path} ${r.body ?? ''} → ${res.status} ${text}`);
    bytes += text.length;
    if (scenario.name.startsWith('tiles')) {
      // a binary tile: found when not empty
      if (text.length > 0) found++;
      continue;
    }
    const json = JSON.parse(text) as { items?: unknown[] };
    if (!Array.isArray(json.items) || json.items.length > 0) found++;
  }
  return `${found}/${tries} requests found something, ${Math.round(bytes / tries)} bytes per response`;
}
