// Split, merge, purpose change, boundary correction and certificate reissue as change
// transactions (issue #4 items 2, 3, 5; F1, O10): the expected versions, the record as of
// the day before unchanged, and bad geometry refused with the location of the fault.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { MutableClock } from '../../../test/support/mutable-clock.js';
import { createActiveAccount, signIn } from '../../../test/support/accounts.js';
import { openChangeTestApp, type ChangeOfficers, type ChangeTestApp } from '../../../test/support/change-officers.js';

const clock = new MutableClock(new Date('2026-11-25T02:00:00Z'));
let fixture: ChangeTestApp;
let db: Database;
let app: FastifyInstance;
let people: ChangeOfficers;
const UNIT = '25201';

interface Key { unitCode: string; sheetNumber: number; parcelNumber: number }
const keyOf = (k: Key): Key => ({ unitCode: k.unitCode, sheetNumber: k.sheetNumber, parcelNumber: k.parcelNumber });
const path = (k: Key) => `${k.unitCode}/${k.sheetNumber}/${k.parcelNumber}`;

const later = (days: number) => people.later(days);
const api: ChangeOfficers['api'] = (...args) => people.api(...args);

async function propose(body: object) {
  const res = await api('POST', '/changes', people.officer, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string };
}

async function approve(id: string) {
  await later(1);
  const res = await api('POST', `/changes/${id}/approve`, people.leader);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { status: string; result: Key[] };
}

/** Everything of a sheet in force at a time: parcel versions and their rights (the record as of that time). */
async function sheetAsOf(sheetNumber: number, at: Date) {
  const { rows } = await db.query(
    `select p.id, p.parcel_number, p.official_area, ST_AsText(p.geom) as geom,
            (select string_agg(r.party_id::text || ':' || r.share, ',' order by r.party_id) from land_right r
              where r.parcel_id = p.id and r.valid_from <= $3 and (r.valid_to is null or r.valid_to > $3)) as rights
       from parcel p join admin_unit u on u.id = p.unit_id
      where u.code = $1 and p.sheet_number = $2 and p.valid_from <= $3 and (p.valid_to is null or p.valid_to > $3)
      order by p.parcel_number`,
    [UNIT, sheetNumber, at],
  );
  return rows;
}

/** Live parcels of the demo unit no test has used yet, with their geometry in EPSG:4326. */
const used = new Set<string>();
async function freeParcel(where = 'true'): Promise<Key & { id: string; area: number; bbox: number[] }> {
  const { rows } = await db.query<{ id: string; sheetNumber: number; parcelNumber: number; area: number; bbox: number[] }>(
    `select p.id, p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber", p.official_area as area,
            array[ST_XMin(p.geom_4326), ST_YMin(p.geom_4326), ST_XMax(p.geom_4326), ST_YMax(p.geom_4326)] as bbox
       from parcel p join admin_unit u on u.id = p.unit_id
      where u.code = $1 and p.valid_to is null and p.official_area > 300 and p.id <> all($2::uuid[]) and ${where}
      order by p.sheet_number, p.parcel_number limit 1`,
    [UNIT, [...used]],
  );
  const row = rows[0]!;
  used.add(row.id);
  return { unitCode: UNIT, ...row, area: Number(row.area) };
}

/** GeoJSON (EPSG:4326) of a parcel cut by an SQL expression of its geometry `g` in the zone. */
async function shape(parcelId: string, expression: string): Promise<object> {
  const { rows } = await db.query<{ geojson: string }>(
    `select ST_AsGeoJSON(ST_Transform(${expression}, 4326), 9) as geojson
       from (select geom as g, ST_XMin(geom) as x0, ST_XMax(geom) as x1, ST_YMin(geom) as y0, ST_YMax(geom) as y1, ST_SRID(geom) as srid from parcel where id = $1) s`,
    [parcelId],
  );
  return JSON.parse(rows[0]!.geojson);
}
/** The west or east half of the parcel, the cut moved by `shift` metres. */
const half = (side: 'west' | 'east', shift = 0) =>
  side === 'west'
    ? `ST_Intersection(g, ST_MakeEnvelope(x0 - 1, y0 - 1, (x0 + x1) / 2 + ${shift}, y1 + 1, srid))`
    : `ST_Intersection(g, ST_MakeEnvelope((x0 + x1) / 2 + ${shift}, y0 - 1, x1 + 1, y1 + 1, srid))`;

async function pointIn(location: { lon: number; lat: number }, parcelId: string): Promise<boolean> {
  const { rows } = await db.query<{ inside: boolean }>(
    `select ST_DWithin(geom_4326, ST_SetSRID(ST_MakePoint($1, $2), 4326), 1e-6) as inside from parcel where id = $3`,
    [location.lon, location.lat, parcelId],
  );
  return rows[0]!.inside;
}

beforeAll(async () => {
  fixture = await openChangeTestApp(clock);
  ({ db, app, people } = fixture);
}, 300_000);
afterAll(() => fixture.close());

describe('split (issue #4 item 3; F1)', () => {
  it('a split by a line makes two parcels on the next free numbers, with the holders, and the day before stays as it was', async () => {
    const p = await freeParcel();
    const before = clock.now();
    const recordBefore = await sheetAsOf(p.sheetNumber, before);
    const [x0, y0, x1, y1] = p.bbox as [number, number, number, number];
    const mid = (x0 + x1) / 2;
    const change = await propose({ type: 'split', parcel: keyOf(p), legalBasis: 'Đơn đề nghị tách thửa ngày 20/11/2026', dossierRef: 'HS-2026-TT-01',
      edits: { line: { type: 'LineString', coordinates: [[mid, y0 - 0.001], [mid, y1 + 0.001]] } } });
    expect((await api('GET', `/parcels/${path(p)}`, people.officer)).statusCode).toBe(200); // pending: nothing changed yet
    const last = (await db.query<{ last: number }>(`select max(parcel_number)::int as last from parcel p join admin_unit u on u.id = p.unit_id where u.code = $1 and sheet_number = $2`, [UNIT, p.sheetNumber])).rows[0]!.last;

    const approved = await approve(change.id);
    expect(approved.result.map((k) => k.parcelNumber)).toEqual([last + 1, last + 2]);
    expect((await api('GET', `/parcels/${path(p)}`, people.officer)).statusCode).toBe(404); // the parent is history
    const children = await Promise.all(approved.result.map(async (k) => (await api('GET', `/parcels/${path(k)}`, people.officer)).json() as { id: string; officialArea: number; nationalCode: string }));
    expect(Math.abs(children[0]!.officialArea + children[1]!.officialArea - p.area)).toBeLessThan(2);
    expect(children[0]!.nationalCode).not.toBe(children[1]!.nationalCode);
    const parentRights = recordBefore.find((r) => r.id === p.id)!.rights;
    for (const k of approved.result) {
      const holders = (await api('GET', `/parcels/${path(k)}/holders`, people.officer)).json().holders as Array<{ partyId: string; share: number }>;
      expect(holders.map((h) => `${h.partyId}:${h.share}`).sort().join(',')).toBe(String(parentRights).replace(/:1(\.0+)?\b/g, ':1'));
      const history = (await api('GET', `/parcels/${path(k)}/history`, people.officer)).json();
      expect(history.changes.map((c: { changeType: string }) => c.changeType)).toContain('split');
    }
    const { rows: lineage } = await db.query('select * from parcel_lineage where parent_id = $1', [p.id]);
    expect(lineage).toHaveLength(2);
    expect(await sheetAsOf(p.sheetNumber, before)).toEqual(recordBefore); // the record as of the day before is unchanged
  });

  it('refuses parts that overlap, leave a gap or reach outside, with the location of the fault', async () => {
    const p = await freeParcel();
    const split = (parts: object[]) => api('POST', '/changes', people.officer, { type: 'split', parcel: keyOf(p), legalBasis: 'Đơn đề nghị tách thửa', edits: { parts: parts.map((geometry) => ({ geometry })) } });

    const overlap = await split([await shape(p.id, half('west', 3)), await shape(p.id, half('east'))]);
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().error.details).toMatchObject({ fault: 'overlap', field: 'body/edits/parts/0/geometry' });
    expect(overlap.json().error.message.vi).toMatch(/chồng lấn/);
    expect(await pointIn(overlap.json().error.details.location, p.id)).toBe(true);

    const gap = await split([await shape(p.id, half('west', -3)), await shape(p.id, half('east'))]);
    expect(gap.statusCode).toBe(400);
    expect(gap.json().error.details).toMatchObject({ fault: 'gap', field: 'body/edits/parts' });
    expect(await pointIn(gap.json().error.details.location, p.id)).toBe(true);

    const outside = await split([await shape(p.id, `ST_Buffer(${half('west')}, 4)`), await shape(p.id, half('east'))]);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details).toMatchObject({ fault: 'outside' });
    expect(await pointIn(outside.json().error.details.location, p.id)).toBe(false);

    const wrongArea = await api('POST', '/changes', people.officer, { type: 'split', parcel: keyOf(p), legalBasis: 'Đơn đề nghị tách thửa', edits: { parts: [
      { geometry: await shape(p.id, half('west')), officialArea: 5 }, { geometry: await shape(p.id, half('east')) }] } });
    expect(wrongArea.statusCode).toBe(400);
    expect(wrongArea.json().error.details).toMatchObject({ field: 'body/edits/parts/0/officialArea' });

    const notCutting = await api('POST', '/changes', people.officer, { type: 'split', parcel: keyOf(p), legalBasis: 'Đơn đề nghị tách thửa', edits: { line: { type: 'LineString', coordinates: [[p.bbox[0]! - 0.01, p.bbox[1]! - 0.01], [p.bbox[0]! - 0.005, p.bbox[1]! - 0.01]] } } });
    expect(notCutting.statusCode).toBe(400);
    expect(notCutting.json().error.details).toMatchObject({ field: 'body/edits/line' });

    const { rows } = await db.query('select 1 from land_change where parcel_id = $1', [p.id]);
    expect(rows).toHaveLength(0); // nothing was recorded
  });

  it('a split into given parts keeps the declared areas', async () => {
    const p = await freeParcel();
    const change = await propose({ type: 'split', parcel: keyOf(p), legalBasis: 'Đơn đề nghị tách thửa', edits: { parts: [
      { geometry: await shape(p.id, half('west')) }, { geometry: await shape(p.id, half('east')) }] } });
    const approved = await approve(change.id);
    expect(approved.result).toHaveLength(2);
  });
});

describe('merge (issue #4 item 3)', () => {
  /** Two adjoining parcels of the same land use on one sheet, both given to the same new holder. */
  async function neighbours(): Promise<[Key & { id: string }, Key & { id: string }]> {
    const { rows } = await db.query<{ a: string; b: string; sheet: number; na: number; nb: number }>(
      `select a.id as a, b.id as b, a.sheet_number as sheet, a.parcel_number as na, b.parcel_number as nb
         from parcel a join parcel b on b.unit_id = a.unit_id and b.sheet_number = a.sheet_number and b.id > a.id and b.valid_to is null
              and b.land_use_code = a.land_use_code and ST_Length(ST_Intersection(a.geom, b.geom)) > 5
              and (select string_agg(party_id::text, ',') from land_right where parcel_id = a.id and valid_to is null)
                  <> (select string_agg(party_id::text, ',') from land_right where parcel_id = b.id and valid_to is null)
              and not exists (select 1 from land_right r join party y on y.id = r.party_id
                               where r.parcel_id in (a.id, b.id) and r.valid_to is null and (y.kind = 'state' or r.right_type <> 'land_use'))
         join admin_unit u on u.id = a.unit_id
        where u.code = $1 and a.valid_to is null and a.id <> all($2::uuid[]) and b.id <> all($2::uuid[])
        order by a.sheet_number, a.parcel_number limit 1`,
      [UNIT, [...used]],
    );
    const r = rows[0]!;
    used.add(r.a).add(r.b);
    return [{ id: r.a, unitCode: UNIT, sheetNumber: r.sheet, parcelNumber: r.na }, { id: r.b, unitCode: UNIT, sheetNumber: r.sheet, parcelNumber: r.nb }];
  }

  it('merges adjoining parcels of one holder into one parcel whose area is the sum; different holders are refused', async () => {
    const [a, b] = await neighbours();
    const refused = await api('POST', '/changes', people.officer, { type: 'merge', parcel: keyOf(a), legalBasis: 'Đơn đề nghị hợp thửa', edits: { with: [keyOf(b)] } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message.vi).toMatch(/cùng người sử dụng/);

    const gift = await propose({ type: 'gift', parcel: keyOf(a), legalBasis: 'Hợp đồng tặng cho số 5', edits: { to: [{ party: { kind: 'individual', fullName: 'Phạm Thị Lan' }, share: 1 }] } });
    await approve(gift.id);
    const lan = ((await api('GET', `/parcels/${path(a)}/holders`, people.officer)).json().holders as Array<{ partyId: string }>)[0]!.partyId;
    await approve((await propose({ type: 'transfer', parcel: keyOf(b), legalBasis: 'Hợp đồng chuyển nhượng số 6', edits: { to: [{ partyId: lan, share: 1 }] } })).id);

    const { rows: areas } = await db.query<{ total: number }>('select sum(official_area)::float8 as total from parcel where id = any($1::uuid[])', [[a.id, b.id]]);
    const merge = await propose({ type: 'merge', parcel: keyOf(a), legalBasis: 'Đơn đề nghị hợp thửa', edits: { with: [{ unitCode: b.unitCode, sheetNumber: b.sheetNumber, parcelNumber: b.parcelNumber }] } });
    const partnerHistory = (await api('GET', `/parcels/${path(b)}/history`, people.officer)).json();
    expect(partnerHistory.changes.map((c: { changeType: string; status: string }) => `${c.changeType}:${c.status}`)).toContain('merge:pending');
    const approved = await approve(merge.id);
    expect(approved.result).toHaveLength(1);
    const merged = (await api('GET', `/parcels/${path(approved.result[0]!)}`, people.officer)).json();
    expect(merged.officialArea).toBeCloseTo(areas[0]!.total, 1);
    expect((await api('GET', `/parcels/${path(a)}`, people.officer)).statusCode).toBe(404);
    expect((await api('GET', `/parcels/${path(b)}`, people.officer)).statusCode).toBe(404);
    const holders = (await api('GET', `/parcels/${path(approved.result[0]!)}/holders`, people.officer)).json().holders;
    expect(holders.map((h: { partyId: string }) => h.partyId)).toEqual([lan]);
    const { rows: lineage } = await db.query('select parent_id from parcel_lineage where child_id = (select id from parcel p where p.change_id = $1)', [merge.id]);
    expect(lineage).toHaveLength(2);
  });

  it('refuses parcels that do not adjoin, at the parcel that stands apart', async () => {
    const a = await freeParcel();
    const far = await freeParcel(`not ST_DWithin(p.geom, (select geom from parcel where id = '${a.id}'), 50)`);
    const res = await api('POST', '/changes', people.officer, { type: 'merge', parcel: keyOf(a), legalBasis: 'Đơn đề nghị hợp thửa', edits: { with: [keyOf(far)] } });
    expect(res.statusCode).toBe(400);
    // holders differ too; whichever rule speaks first, it names a field and changes nothing
    expect(res.json().error.details.field).toMatch(/^body\/(edits\/with|parcel)/);
  });
});

describe('purpose change, boundary correction, certificate reissue (issue #4 item 2)', () => {
  it('a purpose change makes a new version of the same parcel with the rights carried over', async () => {
    const p = await freeParcel(`p.land_use_code = 'CLN'`);
    const bad = await api('POST', '/changes', people.officer, { type: 'purpose_change', parcel: keyOf(p), legalBasis: 'Quyết định cho phép chuyển mục đích số 12/QĐ-UBND',
      edits: { purposes: [{ landUseCode: 'ONT', area: 100, originCode: 'DG-CTT' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toMatchObject({ field: 'body/edits/purposes' });
    const unknown = await api('POST', '/changes', people.officer, { type: 'purpose_change', parcel: keyOf(p), legalBasis: 'Quyết định số 12/QĐ-UBND',
      edits: { purposes: [{ landUseCode: 'XYZ', area: p.area, originCode: 'DG-CTT' }] } });
    expect(unknown.json().error.details).toMatchObject({ field: 'body/edits/purposes/0/landUseCode' });

    const before = (await api('GET', `/parcels/${path(p)}`, people.officer)).json();
    const holdersBefore = (await api('GET', `/parcels/${path(p)}/holders`, people.officer)).json().holders;
    const change = await propose({ type: 'purpose_change', parcel: keyOf(p), legalBasis: 'Quyết định cho phép chuyển mục đích số 12/QĐ-UBND', edits: { purposes: [
      { landUseCode: 'ONT', area: 100, originCode: 'DG-CTT' }, { landUseCode: 'CLN', area: Math.round((p.area - 100) * 10) / 10, originCode: 'CN-KTT', termEnd: '2064-07-01' }] } });
    await approve(change.id);
    const after = (await api('GET', `/parcels/${path(p)}`, people.officer)).json();
    expect(after.id).not.toBe(before.id);
    expect(after.nationalCode).toBe(before.nationalCode);
    expect(after.landUseCode).toBe(p.area - 100 > 100 ? 'CLN' : 'ONT');
    const holdersAfter = (await api('GET', `/parcels/${path(p)}/holders`, people.officer)).json().holders;
    expect(holdersAfter.map((h: { partyId: string }) => h.partyId)).toEqual(holdersBefore.map((h: { partyId: string }) => h.partyId));
    const { rows } = await db.query<{ version: number; codes: string }>(
      `select p.version, (select string_agg(land_use_code || ':' || area, ',' order by land_use_code) from parcel_purpose where parcel_id = p.id) as codes
         from parcel p where p.parcel_uid = (select parcel_uid from parcel where id = $1) order by version`, [p.id]);
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect(rows[1]!.codes).toMatch(/^CLN:.*,ONT:100(\.0)?$/);
  });

  it('a boundary correction that overlaps a neighbour is refused at the overlap; a correction inside is a new version', async () => {
    const { rows: [pair] } = await db.query<{ a: string; b: string }>(
      `select a.id as a, b.id as b from parcel a join parcel b on b.unit_id = a.unit_id and b.valid_to is null and b.id <> a.id and ST_Length(ST_Intersection(a.geom, b.geom)) > 5
         join admin_unit u on u.id = a.unit_id where u.code = $1 and a.valid_to is null and a.id <> all($2::uuid[]) and b.id <> all($2::uuid[]) limit 1`,
      [UNIT, [...used]],
    ) as { rows: Array<{ a: string; b: string }> };
    used.add(pair!.a).add(pair!.b);
    const { rows: [k] } = await db.query<Key>(`select '${UNIT}' as "unitCode", sheet_number as "sheetNumber", parcel_number as "parcelNumber" from parcel where id = $1`, [pair!.a]) as { rows: Key[] };
    const grown = await api('POST', '/changes', people.officer, { type: 'boundary_correction', parcel: k, legalBasis: 'Biên bản xác định ranh giới ngày 01/11/2026',
      edits: { geometry: await shape(pair!.a, 'ST_Buffer(g, 2, 1)') } });
    expect(grown.statusCode).toBe(400);
    expect(grown.json().error.details.field).toBe('body/edits/geometry');
    expect(grown.json().error.details.overlaps).toBeDefined();
    expect(await pointIn(grown.json().error.details.location, pair!.b) || grown.json().error.details.overlaps).toBeTruthy();

    const shrunk = await propose({ type: 'boundary_correction', parcel: k, legalBasis: 'Biên bản xác định ranh giới ngày 01/11/2026',
      edits: { geometry: await shape(pair!.a, 'ST_Buffer(g, -0.5, 1)') } });
    const approved = await approve(shrunk.id);
    expect(approved.result).toEqual([k]);
    const { rows } = await db.query<{ version: number; live: boolean }>(`select version, valid_to is null as live from parcel where parcel_uid = (select parcel_uid from parcel where id = $1) order by version`, [pair!.a]);
    expect(rows).toEqual([{ version: 1, live: false }, { version: 2, live: true }]);
  });

  it('no lost update across versions: a transfer prepared before a boundary correction is refused after it', async () => {
    const p = await freeParcel();
    const transfer = await propose({ type: 'transfer', parcel: keyOf(p), legalBasis: 'Hợp đồng chuyển nhượng số 9', edits: { to: [{ party: { kind: 'individual', fullName: 'Hồ Văn Nam' }, share: 1 }] } });
    await approve((await propose({ type: 'boundary_correction', parcel: keyOf(p), legalBasis: 'Biên bản xác định ranh giới', edits: { geometry: await shape(p.id, 'ST_Buffer(g, -0.3, 1)') } })).id);
    const refused = await api('POST', `/changes/${transfer.id}/approve`, people.leader);
    expect(refused.statusCode).toBe(409);
  });

  it('a certificate reissue replaces the certificate; the old one ends as replaced and points to the new one', async () => {
    const p = await freeParcel();
    await db.query(
      `with c as (insert into certificate (serial, form, entry_number, issued_on, issuer, valid_from) values ('CX123456', 'gcn_2014', 'CS00077', '2015-03-02', 'Sở Tài nguyên và Môi trường tỉnh Bình Phước', '2015-03-02') returning id)
       insert into certificate_parcel (certificate_id, parcel_uid) select c.id, p.parcel_uid from c, parcel p where p.id = $1`, [p.id]);
    const taken = await api('POST', '/changes', people.officer, { type: 'certificate_reissue', parcel: keyOf(p), legalBasis: 'Đơn đề nghị cấp đổi', edits: {
      certificateSerial: 'CX123456', reason: 'exchange', newCertificate: { serial: 'CX123456', form: 'gcn_2024', entryNumber: 'DC00001', issuedOn: '2026-11-26', issuer: 'Văn phòng đăng ký đất đai' } } });
    expect(taken.json().error.details).toMatchObject({ field: 'body/edits/newCertificate/serial' });
    const missing = await api('POST', '/changes', people.officer, { type: 'certificate_reissue', parcel: keyOf(p), legalBasis: 'Đơn đề nghị cấp đổi', edits: {
      certificateSerial: 'CX999999', reason: 'exchange', newCertificate: { serial: 'AA12345678', form: 'gcn_2024', entryNumber: 'DC00001', issuedOn: '2026-11-26', issuer: 'Văn phòng đăng ký đất đai' } } });
    expect(missing.json().error.details).toMatchObject({ field: 'body/edits/certificateSerial' });

    const change = await propose({ type: 'certificate_reissue', parcel: keyOf(p), legalBasis: 'Đơn đề nghị cấp đổi Giấy chứng nhận', edits: {
      certificateSerial: 'CX123456', reason: 'exchange', newCertificate: { serial: 'AA12345678', form: 'gcn_2024', entryNumber: 'DC00001', issuedOn: '2026-11-26', issuer: 'Văn phòng đăng ký đất đai tỉnh Bình Phước' } } });
    await approve(change.id);
    const { rows } = await db.query<{ serial: string; status: string; replaced: string | null; holders: number; parcels: number }>(
      `select c.serial, c.status, r.serial as replaced, (select count(*)::int from certificate_holder h where h.certificate_id = c.id) as holders,
              (select count(*)::int from certificate_parcel x where x.certificate_id = c.id) as parcels
         from certificate c left join certificate r on r.id = c.replaced_by where c.serial in ('CX123456', 'AA12345678') order by c.serial`);
    expect(rows).toEqual([
      { serial: 'AA12345678', status: 'valid', replaced: null, holders: expect.any(Number), parcels: 1 },
      { serial: 'CX123456', status: 'replaced', replaced: 'AA12345678', holders: 0, parcels: 1 },
    ]);
    expect(rows[0]!.holders).toBeGreaterThan(0);
  });

  it('a house goes with its land: a transfer passes its ownership to the new holders, a split moves it to the largest part', async () => {
    const p = await freeParcel(`not exists (select 1 from asset a where a.parcel_id = p.id)`);
    await db.query(
      `with a as (insert into asset (parcel_id, kind, description, footprint_area, floors, valid_from) values ($1, 'house', 'Nhà ở riêng lẻ', 80, 2, '2020-01-01') returning asset_uid)
       insert into land_right (parcel_id, party_id, right_type, share, valid_from, asset_uid)
       select $1, r.party_id, 'ownership', r.share, '2020-01-01', a.asset_uid from a, land_right r where r.parcel_id = $1 and r.valid_to is null`, [p.id]);
    const owners = async (parcelId: string) => (await db.query<{ name: string; share: number }>(
      `select y.full_name as name, r.share::float8 as share from land_right r join party y on y.id = r.party_id
        where r.parcel_id = $1 and r.valid_to is null and r.right_type = 'ownership' order by y.full_name`, [parcelId])).rows;
    await approve((await propose({ type: 'transfer', parcel: keyOf(p), legalBasis: 'Hợp đồng chuyển nhượng số 21', edits: { to: [
      { party: { kind: 'individual', fullName: 'Đinh Văn Khoa' }, share: 0.5 }, { party: { kind: 'individual', fullName: 'Đinh Thị Ngọc' }, share: 0.5 }] } })).id);
    expect(await owners(p.id)).toEqual([{ name: 'Đinh Thị Ngọc', share: 0.5 }, { name: 'Đinh Văn Khoa', share: 0.5 }]);

    const split = await approve((await propose({ type: 'split', parcel: keyOf(p), legalBasis: 'Đơn đề nghị tách thửa', edits: { parts: [
      { geometry: await shape(p.id, half('west', 4)) }, { geometry: await shape(p.id, half('east', 4)) }] } })).id);
    const { rows: children } = await db.query<{ id: string; area: number; assets: number }>(
      `select p.id, p.official_area::float8 as area, (select count(*)::int from asset a where a.parcel_id = p.id and a.valid_to is null) as assets
         from parcel p where p.change_id = (select id from land_change where change_type = 'split' and parcel_id = $1) order by p.official_area desc`, [p.id]);
    expect(split.result).toHaveLength(2);
    expect(children.map((c) => c.assets)).toEqual([1, 0]);
    expect(await owners(children[0]!.id)).toEqual([{ name: 'Đinh Thị Ngọc', share: 0.5 }, { name: 'Đinh Văn Khoa', share: 0.5 }]);
    expect(await owners(p.id)).toEqual([]); // ended on the parent, kept as history
  });

  it('a first registration gives an unregistered parcel its users and certificate; a registered one is refused', async () => {
    const registered = await freeParcel();
    const holder = { party: { kind: 'individual', fullName: 'Trịnh Văn Sơn', idNumber: '070180001111' }, share: 1 };
    const refused = await api('POST', '/changes', people.officer, { type: 'first_registration', parcel: keyOf(registered), legalBasis: 'Đơn đăng ký đất đai', edits: { to: [holder] } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toMatchObject({ field: 'body/type' });

    const p = await freeParcel();
    await db.query(`update land_right set valid_to = valid_from + interval '1 day' where parcel_id = $1 and valid_to is null`, [p.id]); // made unregistered for the test
    const change = await propose({ type: 'first_registration', parcel: keyOf(p), legalBasis: 'Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu 04/ĐK)', edits: { to: [holder],
      certificate: { serial: 'AB00001234', form: 'gcn_2024', entryNumber: 'DC00042', issuedOn: '2026-11-27', issuer: 'Văn phòng đăng ký đất đai tỉnh Bình Phước' } } });
    await approve(change.id);
    const holders = (await api('GET', `/parcels/${path(p)}/holders`, people.officer)).json().holders;
    expect(holders.map((h: { fullName: string }) => h.fullName)).toEqual(['Trịnh Văn Sơn']);
    const { rows } = await db.query<{ status: string; holders: number }>(
      `select c.status, (select count(*)::int from certificate_holder h where h.certificate_id = c.id) as holders from certificate c where c.serial = 'AB00001234'`);
    expect(rows).toEqual([{ status: 'valid', holders: 1 }]);
  });

  it('lists pending changes for approvers, and shows edits only to roles that read personal data', async () => {
    const p = await freeParcel();
    const change = await propose({ type: 'transfer', parcel: keyOf(p), legalBasis: 'Hợp đồng chuyển nhượng số 11', edits: { to: [{ party: { kind: 'individual', fullName: 'Lý Thị Hoa', idNumber: '070199004321' }, share: 1 }] } });
    const res = await api('GET', `/changes?unitCode=${UNIT}&status=pending`, people.leader);
    expect(res.statusCode, res.body).toBe(200);
    const inbox = res.json();
    expect(inbox.items.map((c: { id: string }) => c.id)).toContain(change.id);
    expect(JSON.stringify(inbox)).not.toContain('070199004321');
    const detail = await api('GET', `/changes/${change.id}`, people.leader);
    expect(detail.json().edits.to[0].party.idNumber).toBe('070199004321');
    const reader = await createActiveAccount(db, clock, [{ role: 'agency_reader', unitCode: '75' }]);
    const masked = (await api('GET', `/changes/${change.id}`, await signIn(app, reader.username, reader.password))).json();
    expect(masked.edits).toBeNull();
  });
});
