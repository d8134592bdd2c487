// Quality checks on the live record (issue #6 item 6, O12): every rule has a fault inserted
// into a test database and is found by the object's id; a clean parcel gives no finding.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp, fixedClock } from '../../../test/support/test-app.js';
import { createActiveAccount, signIn } from '../../../test/support/accounts.js';
import { actAs, SYSTEM_ACTOR } from '../audit/index.js';
import { seedDemo } from '../demo/index.js';
import { qualityReport, runQualityChecks, runScheduledQualityChecks, type QualityReport } from './quality.service.js';

let handle: TestDatabase;
let db: Database;
let unit: { id: number; code: string; srid: number; sheet: number; landUse: string; province: string };
let spot: [number, number];
const deps = () => ({ db, clock: fixedClock });
const ids: Record<string, string> = {};

async function insertParcel(number: number, wkt: string, extra: { parcelUid?: string; version?: number } = {}): Promise<string> {
  return actAs(db, SYSTEM_ACTOR, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      // a second live version gets a code of its own (the copied one is unique among live parcels)
      `insert into parcel (unit_id, sheet_number, parcel_number, srid, geom, official_area, land_use_code, parcel_uid, version, valid_from, national_code)
       values ($1::bigint, $2::int, $3::int, $4::int, ST_Multi(ST_GeomFromText($5::text, $4::int)), 400, $6::text, coalesce($7::uuid, gen_random_uuid()), $8::int, '2026-01-01',
               case when $7::uuid is null then null else ST_GeoHash(ST_PointOnSurface(ST_Transform(ST_GeomFromText($5::text, $4::int), 4326)), 12) end)
       returning id`,
      [unit.id, unit.sheet, number, unit.srid, wkt, unit.landUse, extra.parcelUid ?? null, extra.version ?? 1],
    );
    return rows[0]!.id;
  });
}

async function insertParty(name: string, idNumber: string | null): Promise<string> {
  const { rows } = await db.query<{ id: string }>(`insert into party (kind, full_name, id_number) values ('individual', $1::text, $2::text) returning id`, [name, idNumber]);
  return rows[0]!.id;
}

async function giveRight(parcelId: string, partyId: string): Promise<void> {
  await db.query(`insert into land_right (parcel_id, party_id, valid_from) values ($1::uuid, $2::uuid, '2026-01-01')`, [parcelId, partyId]);
}

const square = (x: number, y: number, side = 20) => `POLYGON((${x} ${y}, ${x + side} ${y}, ${x + side} ${y + side}, ${x} ${y + side}, ${x} ${y}))`;
const found = (report: QualityReport, rule: string, objectId: string) => report.findings.find((f) => f.rule === rule && f.objectId === objectId);
const describeFindings = (report: QualityReport) => JSON.stringify(report.findings.map((f) => [f.rule, f.objectId]).slice(0, 40));

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await seedDemo(db, { parcels: 60, seed: 11 });
  // the commune with most parcels; after the 2025 merger its parcels keep the old commune, the
  // run is asked for the live unit that succeeded it (the code may be reused), under the province
  const { rows } = await db.query<typeof unit>(
    `select u.id::int, coalesce(l.code, u.code) as code, p.srid, min(p.sheet_number)::int as sheet, min(p.land_use_code) as "landUse",
            v.code as province
       from parcel p join admin_unit u on u.id = p.unit_id
       left join admin_unit_succession s on s.predecessor_id = u.id left join admin_unit l on l.id = s.successor_id and l.valid_to is null
       join admin_unit v on v.id = coalesce(l.parent_id, u.parent_id)
      where p.valid_to is null group by u.id, l.code, u.code, p.srid, v.code order by count(*) desc, u.id limit 1`,
  );
  unit = rows[0]!;
  // a spot of the parcels' commune 200 m inside its boundary, about 200 m from any live parcel: a grid of candidates
  const box = await db.query<{ x0: number; y0: number; x1: number; y1: number }>(
    `select ST_XMin(g) x0, ST_YMin(g) y0, ST_XMax(g) x1, ST_YMax(g) y1 from (select ST_Transform(boundary, $2::int) g from admin_unit where id = $1::bigint) b`,
    [unit.id, unit.srid],
  );
  const { x0, y0, x1, y1 } = box.rows[0]!;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 1; i < 25; i++) for (let j = 1; j < 25; j++) { xs.push(Math.floor(x0 + ((x1 - x0) * i) / 25)); ys.push(Math.floor(y0 + ((y1 - y0) * j) / 25)); }
  const inside = await db.query<{ x: number; y: number }>(
    `select c.x, c.y from unnest($1::float8[], $2::float8[]) as c(x, y) join admin_unit u on u.id = $3::bigint
      where ST_Covers(ST_Transform(u.boundary, $4::int), ST_SetSRID(ST_MakePoint(c.x, c.y), $4::int))
        and ST_Distance(ST_Boundary(ST_Transform(u.boundary, $4::int)), ST_SetSRID(ST_MakePoint(c.x, c.y), $4::int)) > 200`,
    [xs, ys, unit.id, unit.srid],
  );
  // the demo covers its communes with parcels: room is made by ending the few live parcels
  // within 200 m of the spot that the fewest parcel boxes reach
  const boxes = (await db.query<{ x0: number; y0: number; x1: number; y1: number }>(
    `select ST_XMin(g) x0, ST_YMin(g) y0, ST_XMax(g) x1, ST_YMax(g) y1 from (select ST_Transform(geom_4326, $1::int) g from parcel where valid_to is null) p`, [unit.srid],
  )).rows;
  const near = (c: { x: number; y: number }) => boxes.filter((t) => !(c.x < t.x0 - 200 || c.x > t.x1 + 200 || c.y < t.y0 - 200 || c.y > t.y1 + 200)).length;
  const best = [...inside.rows].sort((a, b) => near(a) - near(b))[0]!;
  spot = [Math.floor(best.x), Math.floor(best.y)];
  await actAs(db, SYSTEM_ACTOR, (tx) => tx.query(
    `update parcel set valid_to = greatest(valid_from + interval '1 second', '2026-06-01'::timestamptz)
      where valid_to is null and geom_4326 && ST_Transform(ST_Expand(ST_SetSRID(ST_MakePoint($1::float8, $2::float8), $3::int), 200), 4326)`,
    [spot[0], spot[1], unit.srid],
  ));
  const [x, y] = spot;
  const holder = await insertParty('Nguyễn Văn Sạch', null);
  // control: valid, inside, alone, with a right
  ids.clean = await insertParcel(99001, square(x - 60, y));
  await giveRight(ids.clean, holder);
  ids.noRight = await insertParcel(99002, square(x - 30, y));
  ids.invalid = await insertParcel(99003, `POLYGON((${x} ${y}, ${x + 20} ${y + 20}, ${x + 20} ${y}, ${x} ${y + 20}, ${x} ${y}))`);
  ids.overlapA = await insertParcel(99004, square(x + 30, y));
  ids.overlapB = await insertParcel(99005, square(x + 40, y + 5));
  for (const id of [ids.invalid, ids.overlapA, ids.overlapB]) await giveRight(id, holder);
  // a parcel of the unit drawn 5 km east of the unit's boundary
  const outside = await db.query<{ x: number; y: number }>(`select ST_XMax(ST_Transform(boundary, $2::int)) + 5000 as x, ST_YMin(ST_Transform(boundary, $2::int)) as y from admin_unit where code = $1::text and valid_to is null`, [unit.code, unit.srid]);
  ids.outside = await insertParcel(99006, square(Math.floor(outside.rows[0]!.x), Math.floor(outside.rows[0]!.y)));
  await giveRight(ids.outside, holder);
  // the same parcel identity live in two versions
  const twin = await db.query<{ uid: string }>(`select parcel_uid as uid from parcel where id = $1::uuid`, [ids.clean]);
  ids.duplicate = await insertParcel(99007, square(x - 60, y - 60), { parcelUid: twin.rows[0]!.uid, version: 2 });
  await giveRight(ids.duplicate, holder);
  // parties: one nothing points to; two with one ID number and two names
  ids.orphan = await insertParty('Không Ai Gắn', '079188000999');
  ids.conflictA = await insertParty('Trần Văn An', '079188000555');
  ids.conflictB = await insertParty('Trần Văn Ân Khác', '079188000555');
  await giveRight(ids.overlapA!, ids.conflictA);
}, 300_000);

afterAll(() => handle?.close());

describe('quality checks on the live record (issue #6 item 6, O12)', () => {
  let report: QualityReport;

  beforeAll(async () => {
    const run = await runQualityChecks(deps(), unit.code, SYSTEM_ACTOR);
    expect(run.status, run.error ?? '').toBe('done');
    report = await qualityReport(deps(), run.id, () => true, { limit: 100_000 });
  }, 120_000);

  for (const [rule, key, field] of [
    ['parcel.no_right', 'noRight', 'land_right'],
    ['parcel.invalid_geometry', 'invalid', 'geometry'],
    ['parcel.outside_unit', 'outside', 'geometry'],
    ['parcel.duplicate_key', 'duplicate', 'parcel_uid'],
    ['party.id_conflict', 'conflictA', 'id_number'],
  ] as const) {
    it(`O12 rule ${rule} finds the faulty ${key} by its id, names field ${field}, says how to fix it`, () => {
      const hit = found(report, rule, ids[key]!);
      expect(hit, describeFindings(report)).toBeDefined();
      expect(hit!.field).toBe(field);
      expect(hit!.message.vi).toMatch(/[ảàáạãđ]/);
      expect(hit!.fix.vi.length).toBeGreaterThan(10);
      if (hit!.objectType === 'parcel') {
        expect(hit!.link).toBe(`/api/v1/parcels/${unit.code}/${unit.sheet}/${hit!.details!.parcelNumber}`);
        expect(hit!.location).toHaveLength(2);
      }
    });
  }

  it('O12 rule parcel.overlap reports the overlapping pair once, with the shared area, on a boundary_correction', () => {
    const pair = [ids.overlapA, ids.overlapB];
    const hits = report.findings.filter((f) => f.rule === 'parcel.overlap' && pair.includes(f.objectId) && pair.includes(String(f.details!.otherParcelId)));
    expect(hits, describeFindings(report)).toHaveLength(1);
    expect(hits[0]!.details!.otherParcelId).toBe(hits[0]!.objectId === ids.overlapA ? ids.overlapB : ids.overlapA);
    expect(Number(hits[0]!.details!.area)).toBeCloseTo(150, 1); // 10 m × 15 m
    expect(hits[0]!.fix.changeType).toBe('boundary_correction');
  });

  it('O12 the clean parcel has no finding; a parcel without a right is fixed by first_registration', () => {
    expect(report.findings.filter((f) => f.objectId === ids.clean)).toEqual([]);
    expect(found(report, 'parcel.no_right', ids.noRight!)!.fix.changeType).toBe('first_registration');
    expect(found(report, 'parcel.no_right', ids.clean!)).toBeUndefined();
  });

  it('O12 rule party.orphan is found by the province\'s run (parties belong to no unit), not by a commune\'s', async () => {
    expect(found(report, 'party.orphan', ids.orphan!)).toBeUndefined();
    const [run] = await runScheduledQualityChecks(deps());
    expect(run!.unitCode).toBe(unit.province);
    const province = await qualityReport(deps(), run!.id, () => true, { rule: 'party.orphan', limit: 100_000 });
    expect(found(province, 'party.orphan', ids.orphan!)).toBeDefined();
    // the holders of rights are not orphans
    expect(found(province, 'party.orphan', ids.conflictA!)).toBeUndefined();
  });

  it('O12 the province\'s run covers the communes under it (and the units they succeeded)', async () => {
    const run = await runQualityChecks(deps(), unit.province, SYSTEM_ACTOR);
    const district = await qualityReport(deps(), run.id, () => true, { rule: 'parcel.invalid_geometry', limit: 1000 });
    expect(found(district, 'parcel.invalid_geometry', ids.invalid!)).toBeDefined();
    expect(run.errorCount).toBeGreaterThanOrEqual(4);
  });
});

describe('quality checks over HTTP', () => {
  let app: FastifyInstance;
  let staff: string;
  let reader: string;

  beforeAll(async () => {
    app = await buildTestApp(db);
    const s = await createActiveAccount(db, fixedClock, [{ role: 'lro_staff', unitCode: unit.code }]);
    const r = await createActiveAccount(db, fixedClock, [{ role: 'agency_reader', unitCode: unit.code }]);
    staff = await signIn(app, s.username, s.password);
    reader = await signIn(app, r.username, r.password);
  }, 60_000);

  afterAll(() => app?.close());

  it('O12 cadastre.edit runs the checks on its unit and reads the findings as JSON and Excel; a reader (reports.read) may not', async () => {
    const refused = await app.inject({ method: 'POST', url: `/api/v1/quality/runs?unit=${unit.code}`, headers: { cookie: reader } });
    expect(refused.statusCode).toBe(403);
    const run = await app.inject({ method: 'POST', url: `/api/v1/quality/runs?unit=${unit.code}`, headers: { cookie: staff } });
    expect(run.statusCode, run.body).toBe(201);
    const id = run.json<{ id: string }>().id;
    const list = await app.inject({ method: 'GET', url: `/api/v1/quality/runs?unit=${unit.code}`, headers: { cookie: staff } });
    expect(list.json<Array<{ id: string }>>().map((r) => r.id)).toContain(id);
    const json = await app.inject({ method: 'GET', url: `/api/v1/quality/runs/${id}?rule=parcel.invalid_geometry`, headers: { cookie: staff } });
    expect(json.statusCode, json.body).toBe(200);
    const findings = json.json<{ findings: Array<{ objectId: string }> }>().findings;
    expect(findings.map((f) => f.objectId)).toContain(ids.invalid);
    const xlsx = await app.inject({ method: 'GET', url: `/api/v1/quality/runs/${id}?format=xlsx`, headers: { cookie: staff } });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const all = await app.inject({ method: 'GET', url: `/api/v1/quality/runs/${id}`, headers: { cookie: staff } });
    expect(book.getWorksheet('Kiểm tra chất lượng')!.rowCount).toBe(all.json<{ findings: unknown[] }>().findings.length + 1);
    const hidden = await app.inject({ method: 'GET', url: `/api/v1/quality/runs/${id}`, headers: { cookie: reader } });
    expect(hidden.statusCode).toBe(403);
  });
});
