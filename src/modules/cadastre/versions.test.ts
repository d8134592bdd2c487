// Reading the versioned record (issue #4 items 2, 4, 6): versions are made here directly
// in SQL, as a registered change would leave them (the old version ends at T, a copy
// starts at T with what changed, an approved land_change, a lineage row), in a fresh
// database of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp, fixedClock } from '../../../test/support/test-app.js';
import { createActiveAccount, signIn } from '../../../test/support/accounts.js';
import { seedDemo } from '../demo/index.js';
import { holdersOfParcel } from './parcels.repo.js';
import { maskName } from './personal-data.js';

const UNIT = '25195';
const T1 = '2025-06-01T00:00:00.000Z'; // a boundary correction of parcel P, and a transfer
const T2 = '2026-01-15T02:00:00.000Z'; // parcel Q split into A and B
const BEFORE_T1 = '2025-01-01T00:00:00.000Z';
const BETWEEN = '2025-12-01T00:00:00.000Z';

let test: TestDatabase;
let db: Database;
let app: FastifyInstance;
let officer: string; // lro_staff of the province: reads personal data
let reader: string; // agency_reader: reads the record, masked

interface Key { unitCode: string; sheetNumber: number; parcelNumber: number }
const path = (k: Key) => `${k.unitCode}/${k.sheetNumber}/${k.parcelNumber}`;
const get = (url: string, cookie?: string) => app.inject({ url: `/api/v1${url}`, headers: cookie ? { cookie } : {} });

async function approvedChange(type: string, parcelId: string, at: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into land_change (change_type, status, legal_basis, parcel_id, edits, based_on, created_at, decided_at, effective_at)
     values ($1, 'approved', 'Quyết định số 12/QĐ-VPĐK', $2, '{}', '{"rights": [], "restrictions": []}', $3, $3, $3) returning id`,
    [type, parcelId, at],
  );
  return rows[0]!.id;
}

/** Ends a version at `at` and starts the next one of the same parcel: `geom` is an SQL expression over the old row. */
async function newVersion(parcelId: string, at: string, edits: { officialArea: number; landUseCode: string; geom: string }): Promise<string> {
  const changeId = await approvedChange('boundary_correction', parcelId, at);
  await db.query('update parcel set valid_to = $2, ended_by_change_id = $3 where id = $1', [parcelId, at, changeId]);
  const { rows } = await db.query<{ id: string }>(
    `insert into parcel (parcel_uid, version, unit_id, sheet_number, parcel_number, srid, geom, official_area, land_use_code, address, valid_from, change_id)
     select parcel_uid, version + 1, unit_id, sheet_number, parcel_number, srid, ${edits.geom}, $2, $3, address, $4, $5 from parcel where id = $1
     returning id`,
    [parcelId, edits.officialArea, edits.landUseCode, at, changeId],
  );
  const id = rows[0]!.id;
  await db.query('insert into parcel_lineage (parent_id, child_id, change_id) values ($1, $2, $3)', [parcelId, id, changeId]);
  await copyRights(parcelId, [id], changeId, at);
  return id;
}

async function copyRights(fromId: string, toIds: string[], changeId: string, at: string): Promise<void> {
  await db.query(
    `insert into land_right (parcel_id, party_id, right_type, share, asset_uid, valid_from, change_id)
     select t.id, r.party_id, r.right_type, r.share, r.asset_uid, $3, $4 from land_right r, unnest($2::uuid[]) as t(id)
      where r.parcel_id = $1 and r.valid_to is null`,
    [fromId, toIds, at, changeId],
  );
  await db.query('update land_right set valid_to = $2, ended_by_change_id = $3 where parcel_id = $1 and valid_to is null', [fromId, at, changeId]);
}

/** Splits a parcel into its west and east halves, numbered after the last parcel of the sheet. */
async function split(parcelId: string, at: string): Promise<string[]> {
  const changeId = await approvedChange('split', parcelId, at);
  await db.query('update parcel set valid_to = $2, ended_by_change_id = $3 where id = $1', [parcelId, at, changeId]);
  const { rows } = await db.query<{ id: string }>(
    `with parent as (select *, (ST_XMin(geom) + ST_XMax(geom)) / 2 as xm from parcel where id = $1),
          halves as (select h.n, ST_Multi(ST_CollectionExtract(ST_Intersection(p.geom, ST_MakeEnvelope(
                              case h.n when 1 then ST_XMin(p.geom) - 1 else p.xm end, ST_YMin(p.geom) - 1,
                              case h.n when 1 then p.xm else ST_XMax(p.geom) + 1 end, ST_YMax(p.geom) + 1, p.srid)), 3)) as geom
                       from parent p, (values (1), (2)) as h(n)),
          last as (select max(parcel_number) as n from parcel where unit_id = (select unit_id from parent) and sheet_number = (select sheet_number from parent))
     insert into parcel (unit_id, sheet_number, parcel_number, srid, geom, official_area, land_use_code, address, valid_from, change_id)
     select p.unit_id, p.sheet_number, last.n + h.n, p.srid, h.geom, round(ST_Area(h.geom)::numeric, 1), p.land_use_code, p.address, $2, $3
       from parent p, halves h, last order by h.n
     returning id`,
    [parcelId, at, changeId],
  );
  const ids = rows.map((r) => r.id);
  await db.query('insert into parcel_lineage (parent_id, child_id, change_id) select $1, c, $3 from unnest($2::uuid[]) as c', [parcelId, ids, changeId]);
  await copyRights(parcelId, ids, changeId, at);
  return ids;
}

async function keyOf(id: string): Promise<Key> {
  const { rows } = await db.query<Key>(
    `select u.code as "unitCode", p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber"
       from parcel p join admin_unit u on u.id = p.unit_id where p.id = $1`,
    [id],
  );
  return rows[0]!;
}

const fixture = {} as {
  p: Key; pV1: string; pV2: string; pArea: number; newUse: string; firstHolder: { partyId: string; fullName: string }; newHolder: { partyId: string; fullName: string };
  q: Key; qId: string; a: Key; aId: string; b: Key; point: { lon: number; lat: number };
};

beforeAll(async () => {
  test = await openTestDatabase();
  db = test.db;
  await seedDemo(db, { parcels: 60, seed: 7 });
  app = await buildTestApp(db);
  const staff = await createActiveAccount(db, fixedClock, [{ role: 'lro_staff', unitCode: '75' }]);
  officer = await signIn(app, staff.username, staff.password);
  const agency = await createActiveAccount(db, fixedClock, [{ role: 'agency_reader', unitCode: '75' }]);
  reader = await signIn(app, agency.username, agency.password);

  // two live parcels of an individual in the unit: P gets a new version, Q is split
  const { rows } = await db.query<{ id: string; official_area: number; land_use_code: string; party_id: string; full_name: string }>(
    `select p.id, p.official_area, p.land_use_code, y.id as party_id, y.full_name from parcel p join admin_unit u on u.id = p.unit_id
       join land_right r on r.parcel_id = p.id and r.valid_to is null join party y on y.id = r.party_id and y.kind = 'individual'
      where u.code = $1 and p.valid_to is null order by p.sheet_number, p.parcel_number limit 2`,
    [UNIT],
  );
  const [p, q] = rows;
  fixture.pV1 = p!.id;
  fixture.pArea = p!.official_area;
  fixture.newUse = p!.land_use_code === 'TMD' ? 'ODT' : 'TMD';
  fixture.p = await keyOf(p!.id);
  fixture.firstHolder = { partyId: p!.party_id, fullName: p!.full_name };
  fixture.pV2 = await newVersion(p!.id, T1, { officialArea: p!.official_area - 5, landUseCode: fixture.newUse, geom: 'ST_Multi(ST_Buffer(geom, -0.3))' });
  // a transfer at the same instant: a new holder on the new version, and a mortgage
  const party = await db.query<{ id: string }>(`insert into party (kind, full_name, id_number, birth_year) values ('individual', 'Lê Thị Hồng Nhung', '070185001234', 1985) returning id`);
  fixture.newHolder = { partyId: party.rows[0]!.id, fullName: 'Lê Thị Hồng Nhung' };
  await db.query(`update land_right set party_id = $2 where parcel_id = $1 and party_id = $3`, [fixture.pV2, fixture.newHolder.partyId, fixture.firstHolder.partyId]);
  const bank = await db.query<{ id: string }>(`insert into party (kind, full_name) values ('organisation', 'Ngân hàng Nông nghiệp và Phát triển Nông thôn') returning id`);
  await db.query(
    `insert into land_restriction (parcel_id, kind, holder_party_id, amount, contract_ref, valid_from) values ($1, 'mortgage', $2, 500000000, 'HĐTC 45/2025', $3)`,
    [fixture.pV2, bank.rows[0]!.id, T1],
  );

  fixture.qId = q!.id;
  fixture.q = await keyOf(q!.id);
  const [aId, bId] = await split(q!.id, T2);
  fixture.aId = aId!;
  fixture.a = await keyOf(aId!);
  fixture.b = await keyOf(bId!);
  const point = await db.query<{ lon: number; lat: number }>(
    'select ST_X(ST_PointOnSurface(geom_4326)) as lon, ST_Y(ST_PointOnSurface(geom_4326)) as lat from parcel where id = $1',
    [aId],
  );
  fixture.point = point.rows[0]!;
}, 300_000);
afterAll(async () => {
  await app?.close();
  await test?.close();
});

describe('the parcel as of a time (issue #4 item 2; S-CAD, F4)', () => {
  it('finds the version in force before and after a change, and the live one without asOf', async () => {
    const before = (await get(`/parcels/${path(fixture.p)}?asOf=${BEFORE_T1}`)).json();
    expect(before).toMatchObject({ id: fixture.pV1, version: 1, officialArea: fixture.pArea, validTo: T1 });
    const after = (await get(`/parcels/${path(fixture.p)}?asOf=${BETWEEN}`)).json();
    expect(after).toMatchObject({ id: fixture.pV2, version: 2, officialArea: fixture.pArea - 5, landUseCode: fixture.newUse, validFrom: T1, validTo: null });
    const live = (await get(`/parcels/${path(fixture.p)}`)).json();
    expect(live).toMatchObject({ id: fixture.pV2, version: 2, validTo: null, parcelUid: before.parcelUid });
    // at the very instant of the change the new version is in force
    expect((await get(`/parcels/${path(fixture.p)}?asOf=${T1}`)).json().version).toBe(2);
  });

  it('finds a parcel that has ended (the parent of a split) as of the past, and 404 now', async () => {
    const past = await get(`/parcels/${path(fixture.q)}?asOf=${BETWEEN}`);
    expect(past.statusCode).toBe(200);
    expect(past.json()).toMatchObject({ id: fixture.qId, validTo: T2 });
    const now = await get(`/parcels/${path(fixture.q)}`);
    expect(now.statusCode).toBe(404);
    // the children did not exist before the split
    expect((await get(`/parcels/${path(fixture.a)}?asOf=${BETWEEN}`)).statusCode).toBe(404);
    expect((await get(`/parcels/${path(fixture.a)}`)).json().id).toBe(fixture.aId);
  });

  it('follows the holders across versions: the holders at t of the version in force at t', async () => {
    const holders = async (asOf?: string) => (await get(`/parcels/${path(fixture.p)}/holders${asOf ? `?asOf=${asOf}` : ''}`, officer)).json().holders;
    expect((await holders(BEFORE_T1)).map((h: { partyId: string }) => h.partyId)).toEqual([fixture.firstHolder.partyId]);
    expect((await holders(BETWEEN)).map((h: { partyId: string }) => h.partyId)).toEqual([fixture.newHolder.partyId]);
    expect((await holders()).map((h: { fullName: string }) => h.fullName)).toEqual([fixture.newHolder.fullName]);
    // whichever version names the parcel, the rights read are those of the version in force then (no duplicates)
    expect((await holdersOfParcel(db, fixture.pV1, new Date(BETWEEN))).map((h) => h.partyId)).toEqual([fixture.newHolder.partyId]);
    expect((await holdersOfParcel(db, fixture.pV2, new Date(BEFORE_T1))).map((h) => h.partyId)).toEqual([fixture.firstHolder.partyId]);
    // the split children carry the parent's holders from the split on
    const ids = async (key: Key, asOf?: string) =>
      ((await get(`/parcels/${path(key)}/holders${asOf ? `?asOf=${asOf}` : ''}`, officer)).json().holders as Array<{ partyId: string }>).map((h) => h.partyId).sort();
    expect(await ids(fixture.a)).toEqual(await ids(fixture.q, BETWEEN));
  });
});

describe('parcels at a point, now and in the past (issue #4 item 2; U2 public look-up)', () => {
  it('answers the child now and the parent before the split', async () => {
    const { lon, lat } = fixture.point;
    const live = await get(`/parcels/at?lon=${lon}&lat=${lat}`);
    expect(live.statusCode).toBe(200);
    expect(live.json().items).toEqual([expect.objectContaining({ id: fixture.aId, ...fixture.a, nationalCode: expect.stringMatching(/^[0-9b-hjkmnp-z]{12}$/) })]);
    const past = (await get(`/parcels/at?lon=${lon}&lat=${lat}&asOf=${BETWEEN}`)).json();
    expect(past.items.map((p: { id: string }) => p.id)).toEqual([fixture.qId]);
    expect(past.items[0]).toMatchObject({ ...fixture.q, officialArea: expect.any(Number), landUseCode: expect.any(String) });
    // before any registration of the demo there was no parcel there
    expect((await get(`/parcels/at?lon=${lon}&lat=${lat}&asOf=2010-01-01T00:00:00Z`)).json().items).toEqual([]);
    expect(JSON.stringify(live.json())).not.toContain('fullName');
  });

  it.each([
    ['lon outside Vietnam', 'lon=50&lat=11.5', 'querystring/lon'],
    ['lat outside Vietnam', 'lon=106.9&lat=30', 'querystring/lat'],
    ['lat and lon swapped', 'lon=11.5&lat=106.9', 'querystring/lon'],
    ['lat missing', 'lon=106.9', 'querystring'],
    ['bad asOf', 'lon=106.9&lat=11.5&asOf=yesterday', 'querystring/asOf'],
  ])('%s → 400 naming the field', async (_name, query, field) => {
    const res = await get(`/parcels/at?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().error)).toContain(field);
  });
});

describe('parcels of a unit at the end of a day (issue #4 item 2; F4)', () => {
  it('lists the versions in force that day, and the live ones without asOf', async () => {
    const ids = async (query: string) => {
      const res = await get(`/units/${UNIT}/parcels?limit=20000${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().features.map((f: { id: string }) => f.id) as string[];
    };
    const before = await ids('&asOf=2026-01-14');
    const after = await ids('&asOf=2026-01-15');
    const live = await ids('');
    expect(before).toContain(fixture.qId);
    expect(before).not.toContain(fixture.aId);
    expect(after).not.toContain(fixture.qId);
    expect(after).toContain(fixture.aId);
    expect(after.length).toBe(before.length + 1);
    expect(live.sort()).toEqual([...after].sort());
    // P's first version in 2024, its second now
    expect(await ids('&asOf=2024-12-31')).toContain(fixture.pV1);
    expect(live).toContain(fixture.pV2);
    // a day when some demo parcels were not registered yet (registered 2015-2023): those in force at the day's end, Vietnam time
    const early = await ids('&asOf=2020-01-01');
    const { rows } = await db.query<{ id: string }>(
      `select p.id from parcel p join admin_unit u on u.id = p.unit_id
        where u.code = $1 and p.valid_from < timestamptz '2020-01-02 00:00+07' and (p.valid_to is null or p.valid_to >= timestamptz '2020-01-02 00:00+07')`,
      [UNIT],
    );
    expect(early.length).toBeGreaterThan(0);
    expect(early.length).toBeLessThan(live.length);
    expect(early.sort()).toEqual(rows.map((r) => r.id).sort());
  });
});

describe('versions of a parcel (issue #4 item 4; S-CAD)', () => {
  it('lists the versions oldest first with the change that started each; its own lineage is not a relative', async () => {
    const res = await get(`/parcels/${path(fixture.p)}/versions`, reader);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.versions.map((v: { id: string }) => v.id)).toEqual([fixture.pV1, fixture.pV2]);
    expect(body.versions[0]).toMatchObject({ version: 1, validTo: T1, change: null, officialArea: fixture.pArea });
    expect(body.versions[1]).toMatchObject({
      version: 2, validFrom: T1, validTo: null, landUseCode: fixture.newUse,
      change: { type: 'boundary_correction', typeName: { vi: 'Đính chính, chỉnh lý ranh giới' }, legalBasis: 'Quyết định số 12/QĐ-VPĐK', effectiveAt: T1 },
    });
    expect(body.parents).toEqual([]);
    expect(body.children).toEqual([]);
  });

  it('names the parent of split children, and the children of the ended parent as of the past', async () => {
    const child = (await get(`/parcels/${path(fixture.a)}/versions`, reader)).json();
    expect(child.versions).toHaveLength(1);
    expect(child.versions[0].change).toMatchObject({ type: 'split' });
    expect(child.parents).toEqual([{ id: fixture.qId, ...fixture.q, validTo: T2 }]);
    expect(child.children).toEqual([]);
    const parent = await get(`/parcels/${path(fixture.q)}/versions?asOf=${BETWEEN}`, reader);
    expect(parent.statusCode).toBe(200);
    expect(parent.json().children).toEqual([
      { id: fixture.aId, ...fixture.a, validFrom: T2 },
      expect.objectContaining({ ...fixture.b, validFrom: T2 }),
    ]);
    expect((await get(`/parcels/${path(fixture.q)}/versions`, reader)).statusCode).toBe(404);
  });
});

describe('the record at two times side by side (issue #4 item 6; S-CAD, P4)', () => {
  const compare = (key: Key, query: string, cookie: string) => get(`/parcels/${path(key)}/compare?${query}`, cookie);

  it('shows both versions and names what differs; holders masked for a role without personal data', async () => {
    const res = await compare(fixture.p, `from=${BEFORE_T1}&to=${BETWEEN}`, reader);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.masked).toBe(true);
    expect(body.from.parcel).toMatchObject({ id: fixture.pV1, version: 1 });
    expect(body.to.parcel).toMatchObject({ id: fixture.pV2, version: 2 });
    expect(body.from.geometry.type).toBe('MultiPolygon');
    const [lon, lat] = body.from.geometry.coordinates[0][0][0];
    expect(lon).toBeGreaterThan(102);
    expect(lat).toBeLessThan(24);
    expect(body.differences).toEqual(expect.arrayContaining(['officialArea', 'landUseCode', 'geometry', 'holders', 'restrictions']));
    expect(body.differences).not.toContain('parcelNumber');
    expect(body.differences).not.toContain('nationalCode');
    expect(body.from.holders[0].fullName).toBe(maskName(fixture.firstHolder.fullName));
    expect(body.to.restrictions).toEqual([expect.objectContaining({ kind: 'mortgage', contractRef: 'HĐTC 45/2025' })]);
    expect(body.from.restrictions).toEqual([]);
    // the land record's content at both times (records.service: purposes, assets, certificates)
    expect(body.from).toHaveProperty('purposes');
    expect(body.to).toHaveProperty('certificates');
  });

  it('unmasks for a role with personal data and logs the read once', async () => {
    const count = async () => Number((await db.query<{ n: string }>(`select count(*) as n from audit_log where action = 'read.personal' and object_id = $1`, [fixture.pV2])).rows[0]!.n);
    const logged = await count();
    const body = (await compare(fixture.p, `from=${BEFORE_T1}&to=${BETWEEN}`, officer)).json();
    expect(body.masked).toBe(false);
    expect(body.from.holders[0].fullName).toBe(fixture.firstHolder.fullName);
    expect(body.to.holders[0]).toMatchObject({ fullName: fixture.newHolder.fullName, idNumber: '070185001234' });
    expect(await count()).toBe(logged + 1);
    const { rows } = await db.query<{ details: { parties: string[] } }>(
      `select details from audit_log where action = 'read.personal' and object_id = $1 order by seq desc limit 1`, [fixture.pV2],
    );
    expect(rows[0]!.details.parties).toEqual(expect.arrayContaining([fixture.firstHolder.partyId, fixture.newHolder.partyId]));
  });

  it('shows nothing differing between two times of one version, and null when the parcel did not exist', async () => {
    const same = (await compare(fixture.p, `from=${BETWEEN}&to=2026-06-01T00:00:00Z`, reader)).json();
    expect(same.differences).toEqual([]);
    const ended = (await compare(fixture.q, `from=${BETWEEN}&to=2026-06-01T00:00:00Z`, reader)).json();
    expect(ended.from.parcel.id).toBe(fixture.qId);
    expect(ended.to).toBeNull();
    expect(ended.differences).toEqual(['existence']);
    const born = (await compare(fixture.a, `from=${BETWEEN}`, reader)).json(); // to: now
    expect(born.from).toBeNull();
    expect(born.to.parcel.id).toBe(fixture.aId);
  });

  it.each([
    ['from after to', `from=${BETWEEN}&to=${BEFORE_T1}`, 'querystring/from'],
    ['from equal to to', `from=${BETWEEN}&to=${BETWEEN}`, 'querystring/from'],
    ['from missing', `to=${BETWEEN}`, 'querystring'],
    ['from not a time', 'from=2025-13-45', 'querystring/from'],
  ])('%s → 400 naming the field', async (_name, query, field) => {
    const res = await compare(fixture.p, query, reader);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error)).toContain(field);
  });

  it('404 for a key that names no parcel at either time nor now', async () => {
    const res = await compare({ unitCode: UNIT, sheetNumber: 9999, parcelNumber: 1 }, `from=${BEFORE_T1}`, reader);
    expect(res.statusCode).toBe(404);
  });
});
