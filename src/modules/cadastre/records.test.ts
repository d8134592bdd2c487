import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { sharedTestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp, fixedClock } from '../../../test/support/test-app.js';
import { createActiveAccount, signIn } from '../../../test/support/accounts.js';
import { maskIdNumber, maskName } from './personal-data.js';
import { recordsAsOf } from './records.service.js';

// The land record's content (issue #4): purposes, assets, certificates and code lists,
// read from the demo. Nothing here writes to the shared database except the audit
// entries of unmasked reads; the replacement of a certificate is rolled back.

interface DemoParcel {
  id: string;
  parcelUid: string;
  unitCode: string;
  sheetNumber: number;
  parcelNumber: number;
  officialArea: number;
  landUseCode: string;
  validFrom: Date;
  serial: string | null;
  partyId: string;
  fullName: string;
  idNumber: string | null;
}

let db: Database;
let app: FastifyInstance;
let officer: { id: string; cookie: string }; // commune officer of today's Phường Bình Phước: reads personal data
let reader: { id: string; cookie: string }; // agency reader of the province: no personal data
let outsider: string; // commune officer of a ward holding none of the demo's parcels
const OLD_WARD = '25198'; // old Phường Tân Đồng, merged into Phường Bình Phước (25195) in 2025

/** A live demo parcel of the old ward that no change has touched, by a condition on it. */
async function demoParcel(where: string, params: unknown[] = []): Promise<DemoParcel> {
  const { rows } = await db.query<DemoParcel>(
    `select p.id, p.parcel_uid as "parcelUid", u.code as "unitCode", p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber",
            p.official_area::float8 as "officialArea", p.land_use_code as "landUseCode", p.valid_from as "validFrom",
            (select c.serial from certificate_parcel cp join certificate c on c.id = cp.certificate_id
              where cp.parcel_uid = p.parcel_uid and c.valid_to is null limit 1) as serial,
            y.id as "partyId", y.full_name as "fullName", y.id_number as "idNumber"
       from parcel p join admin_unit u on u.id = p.unit_id
       join land_right r on r.parcel_id = p.id and r.valid_to is null and r.right_type in ('land_use', 'management')
       join party y on y.id = r.party_id
      where u.code = $1 and p.valid_to is null and p.version = 1 and r.change_id is null
        and not exists (select 1 from land_change x where x.parcel_id = p.id) and ${where}
      order by p.sheet_number desc, p.parcel_number desc limit 1`,
    [OLD_WARD, ...params],
  );
  expect(rows).toHaveLength(1);
  return { ...rows[0]!, validFrom: new Date(rows[0]!.validFrom) };
}

const withHouseAndCertificate = `p.land_use_code = 'ODT'
  and exists (select 1 from asset a where a.parcel_id = p.id and a.kind = 'house')
  and exists (select 1 from certificate_parcel cp where cp.parcel_uid = p.parcel_uid)`;

const get = (url: string, cookie?: string) => app.inject({ url: `/api/v1${url}`, headers: cookie ? { cookie } : {} });
const recordsUrl = (p: DemoParcel, asOf?: Date) =>
  `/parcels/${p.unitCode}/${p.sheetNumber}/${p.parcelNumber}/records${asOf ? `?asOf=${encodeURIComponent(asOf.toISOString())}` : ''}`;

async function personalReads(actorId: string, objectType: string): Promise<Array<{ objectId: string; details: { parties: string[] } }>> {
  const { rows } = await db.query<{ objectId: string; details: { parties: string[] } }>(
    `select object_id as "objectId", details from audit_log where action = 'read.personal' and actor_id = $1 and object_type = $2 order by seq`,
    [actorId, objectType],
  );
  return rows;
}

beforeAll(async () => {
  db = await sharedTestDatabase();
  app = await buildTestApp(db);
  const a = await createActiveAccount(db, fixedClock, [{ role: 'commune_officer', unitCode: '25195' }]);
  const b = await createActiveAccount(db, fixedClock, [{ role: 'agency_reader', unitCode: '75' }]);
  const { rows } = await db.query<{ code: string }>(
    `select u.code from admin_unit u
      where u.level = 'commune' and u.valid_to is null
        and not exists (select 1 from admin_unit_succession s join parcel p on p.unit_id = s.predecessor_id where s.successor_id = u.id)
      order by u.code limit 1`,
  );
  const c = await createActiveAccount(db, fixedClock, [{ role: 'commune_officer', unitCode: rows[0]!.code }]);
  officer = { id: a.id, cookie: await signIn(app, a.username, a.password) };
  reader = { id: b.id, cookie: await signIn(app, b.username, b.password) };
  outsider = await signIn(app, c.username, c.password);
});
afterAll(() => app.close());

describe('F4 the land record of a parcel: purposes, assets, certificates (issue #4)', () => {
  it('F4 P4 a residential demo parcel: purpose, house with its owners and certificate with its holders, masked for a reader without personal data, nothing logged', async () => {
    const p = await demoParcel(withHouseAndCertificate);
    const res = await get(recordsUrl(p), reader.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ parcelId: p.id, versionId: p.id, masked: true });
    expect(body.purposes).toEqual([{
      landUseCode: 'ODT', landUseName: { vi: expect.stringMatching(/^Đất ở/), en: expect.any(String) }, area: p.officialArea,
      termEnd: null, originCode: 'CN-CTT', originName: { vi: 'Công nhận quyền sử dụng đất như giao đất có thu tiền sử dụng đất', en: 'Recognised as allocated with fee' },
    }]);
    const house = body.assets.find((a: { kind: string }) => a.kind === 'house');
    expect(house.footprintArea).toBeGreaterThan(0);
    expect(house.footprintArea).toBeLessThanOrEqual(p.officialArea * 0.6 + 0.05);
    expect(house.floors).toBeGreaterThanOrEqual(1);
    expect(house.floors).toBeLessThanOrEqual(4);
    expect(house.floorArea).toBeCloseTo(house.footprintArea * house.floors, 1);
    expect(house.structure).toMatch(/gạch|bê tông|Bê tông|thép/);
    expect(house.validTo).toBeNull();
    expect(house.owners).toEqual([expect.objectContaining({ partyId: p.partyId, rightType: 'ownership', share: 1, fullName: maskName(p.fullName), idNumber: maskIdNumber(p.idNumber), birthYear: null, address: null })]);
    expect(body.certificates).toHaveLength(1);
    const [certificate] = body.certificates;
    expect(certificate).toMatchObject({ serial: p.serial, form: 'gcn_2014', status: 'valid', validTo: null, replacedBySerial: null, issuer: 'Sở Tài nguyên và Môi trường tỉnh Bình Phước' });
    expect(certificate.serial).toMatch(/^C[A-Z][0-9]{6}$/);
    expect(certificate.entryNumber).toMatch(/^CS[0-9]{5}$/);
    expect(certificate.issuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(certificate.holders).toEqual([expect.objectContaining({ partyId: p.partyId, fullName: maskName(p.fullName), idNumber: maskIdNumber(p.idNumber), address: null })]);
    expect(JSON.stringify(body)).not.toContain(p.fullName);
    if (p.idNumber) expect(JSON.stringify(body)).not.toContain(p.idNumber);
    expect(await personalReads(reader.id, 'parcel')).toEqual([]);
  });

  it('P4 the same record is unmasked for an officer who reads personal data on the unit, and the read is logged', async () => {
    const p = await demoParcel(withHouseAndCertificate);
    const before = (await personalReads(officer.id, 'parcel')).length;
    const res = await get(recordsUrl(p), officer.cookie);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.masked).toBe(false);
    expect(body.assets.find((a: { kind: string }) => a.kind === 'house').owners[0]).toMatchObject({ fullName: p.fullName, idNumber: p.idNumber });
    expect(body.certificates[0].holders[0]).toMatchObject({ fullName: p.fullName, idNumber: p.idNumber });
    const reads = await personalReads(officer.id, 'parcel');
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)).toMatchObject({ objectId: p.id, details: { parties: [p.partyId] } });
    expect(JSON.stringify(reads.at(-1))).not.toContain(p.fullName);
  });

  it('F4 agricultural land: a 50-year term from registration, recognised without fee; state land: allocated without fee, no certificate', async () => {
    const farm = await demoParcel(`p.land_use_code = 'CLN' and to_char(p.valid_from at time zone 'Asia/Ho_Chi_Minh', 'MM-DD') <> '02-29'`);
    const body = (await get(recordsUrl(farm), reader.cookie)).json();
    const registered = new Date(farm.validFrom.getTime() + 7 * 3_600_000).toISOString().slice(0, 10); // the day in Vietnam
    expect(body.purposes).toMatchObject([{ landUseCode: 'CLN', originCode: 'CN-KTT', termEnd: `${Number(registered.slice(0, 4)) + 50}${registered.slice(4)}` }]);
    for (const tree of body.assets) {
      expect(tree.kind).toBe('perennial_tree');
      expect(tree.description).toMatch(/^Vườn /);
      expect(tree.plantedArea).toBeLessThanOrEqual(farm.officialArea);
    }
    const road = await demoParcel(`p.land_use_code = 'DGT'`);
    const state = (await get(recordsUrl(road), reader.cookie)).json();
    expect(state.purposes).toMatchObject([{ landUseCode: 'DGT', originCode: 'DG-KTT', termEnd: null }]);
    expect(state.certificates).toEqual([]);
    expect(state.assets).toEqual([]);
  });

  it('F4 as of a time before the certificate was issued there is no certificate (nor the version, nor its house)', async () => {
    const p = await demoParcel(withHouseAndCertificate);
    const before = (await get(recordsUrl(p, new Date(p.validFrom.getTime() - 1000)), reader.cookie)).json();
    expect(before).toMatchObject({ versionId: null, purposes: [], assets: [], certificates: [] });
    const after = (await get(recordsUrl(p, new Date(p.validFrom.getTime() + 1000)), reader.cookie)).json();
    expect(after.certificates.map((c: { serial: string }) => c.serial)).toEqual([p.serial]);
    expect(after.purposes).toHaveLength(1);
  });

  it('F4 recordsAsOf: a replaced certificate is shown until its replacement, with the serial that replaced it', async () => {
    const p = await demoParcel(withHouseAndCertificate);
    const at = new Date('2026-06-01T03:00:00Z');
    const seen = await db
      .transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          `insert into certificate (serial, form, entry_number, issued_on, issuer, valid_from)
           values ('AB12345678', 'gcn_2024', 'CS99999', '2026-06-01', 'Văn phòng đăng ký đất đai tỉnh Bình Phước', $1) returning id`,
          [at],
        );
        const replacement = rows[0]!.id;
        await tx.query(`insert into certificate_parcel (certificate_id, parcel_uid) values ($1, $2)`, [replacement, p.parcelUid]);
        await tx.query(`insert into certificate_holder (certificate_id, party_id) values ($1, $2)`, [replacement, p.partyId]);
        await tx.query(`update certificate set status = 'replaced', valid_to = $2, replaced_by = $3 where serial = $1`, [p.serial, at, replacement]);
        const then = await recordsAsOf(tx, p.parcelUid, new Date(at.getTime() - 1000), false);
        const now = await recordsAsOf(tx, p.parcelUid, new Date(at.getTime() + 1000), true);
        throw Object.assign(new Error('rollback'), { then, now });
      })
      .catch((e: { then: Awaited<ReturnType<typeof recordsAsOf>>; now: Awaited<ReturnType<typeof recordsAsOf>> }) => e);
    expect(seen.then.certificates).toMatchObject([{ serial: p.serial, status: 'replaced', replacedBySerial: 'AB12345678' }]);
    expect(seen.then.certificates[0]!.holders[0]!.fullName).toBe(maskName(p.fullName));
    expect(seen.now.certificates).toMatchObject([{ serial: 'AB12345678', form: 'gcn_2024', status: 'valid', replacedBySerial: null }]);
    expect(seen.now.certificates[0]!.holders[0]!.fullName).toBe(p.fullName);
    // rolled back
    expect((await db.query(`select 1 from certificate where serial = 'AB12345678'`)).rows).toEqual([]);
  });

  it('U2 the records need an account, and the unit in scope (403 outside it)', async () => {
    const p = await demoParcel(withHouseAndCertificate);
    expect((await get(recordsUrl(p))).statusCode).toBe(401);
    expect((await get(recordsUrl(p), outsider)).statusCode).toBe(403);
    const bad = await get(`/parcels/${p.unitCode}/${p.sheetNumber}/${p.parcelNumber}/records?asOf=yesterday`, reader.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('querystring/asOf');
  });
});

describe('F4 a certificate by its serial (issue #4)', () => {
  it('F4 P4 status, form, issue data, parcels, assets and holders; masked for the reader, unmasked and logged for the officer', async () => {
    const p = await demoParcel(withHouseAndCertificate);
    const res = await get(`/certificates/${p.serial}`, reader.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      serial: p.serial, form: 'gcn_2014', status: 'valid', validTo: null, replacedBySerial: null, masked: true,
      formName: { vi: expect.stringMatching(/^Giấy chứng nhận quyền sử dụng đất/), en: expect.any(String) },
      parcels: [{ parcelUid: p.parcelUid, unitCode: OLD_WARD, sheetNumber: p.sheetNumber, parcelNumber: p.parcelNumber, live: true }],
    });
    expect(body.assets.map((a: { kind: string }) => a.kind)).toContain('house');
    expect(body.holders).toEqual([expect.objectContaining({ partyId: p.partyId, fullName: maskName(p.fullName) })]);
    expect(await personalReads(reader.id, 'certificate')).toEqual([]);

    const open = (await get(`/certificates/${p.serial}`, officer.cookie)).json();
    expect(open.masked).toBe(false);
    expect(open.holders[0]).toMatchObject({ fullName: p.fullName, idNumber: p.idNumber });
    expect((await personalReads(officer.id, 'certificate')).at(-1)).toMatchObject({ details: { parties: [p.partyId] } });
  });

  it('U2 outside the caller\'s units a certificate is not found, as an unknown serial is (404, nothing leaked)', async () => {
    const p = await demoParcel(withHouseAndCertificate);
    const outside = await get(`/certificates/${p.serial}`, outsider);
    const unknown = await get('/certificates/CZ999999', outsider);
    expect(outside.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('NOT_FOUND');
    expect(outside.json().error.message.vi).toMatch(/^Không tìm thấy Giấy chứng nhận/);
    expect((await get('/certificates/CZ999999', reader.cookie)).statusCode).toBe(404);
    expect((await get(`/certificates/${p.serial}`)).statusCode).toBe(401);
  });

  it.each([['lower case', 'ca123456'], ['too short', 'CA1234'], ['too long', 'CA123456789'], ['no letters', '12345678'], ['injection', "CA1'or'1"]])(
    'F4 a malformed serial (%s) → 400 naming the field',
    async (_name, serial) => {
      const res = await get(`/certificates/${encodeURIComponent(serial)}`, reader.cookie);
      expect(res.statusCode).toBe(400);
      const { error } = res.json();
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message.vi).toContain('params/serial');
      expect(error.message.en).toContain('params/serial');
    },
  );
});

describe('U2 code lists (issue #4)', () => {
  it('F3 the record routes are in the OpenAPI document with their schemas', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/parcels/{unitCode}/{sheetNumber}/{parcelNumber}/records', '/api/v1/certificates/{serial}', '/api/v1/code-lists']) {
      expect(doc.paths[path]?.get?.responses?.['200'], path).toBeDefined();
    }
    expect(doc.paths['/api/v1/certificates/{serial}'].get.responses).toHaveProperty('404');
  });

  it('U2 public: party kinds, land origins, change types, asset kinds, certificate forms and ID kinds, in Vietnamese and English', async () => {
    const res = await get('/code-lists');
    expect(res.statusCode).toBe(200);
    const lists = res.json();
    expect(lists.landOrigins).toContainEqual({ code: 'CN-CTT', name: { vi: 'Công nhận quyền sử dụng đất như giao đất có thu tiền sử dụng đất', en: 'Recognised as allocated with fee' } });
    expect(lists.partyKinds).toContainEqual(expect.objectContaining({ code: 'individual', isPerson: true }));
    expect(lists.changeTypes.map((c: { code: string }) => c.code)).toContain('transfer');
    expect(lists.assetKinds.map((c: { code: string }) => c.code)).toEqual(['house', 'building', 'perennial_tree', 'production_forest', 'other']);
    expect(lists.certificateForms.map((c: { code: string }) => c.code)).toEqual(['gcn_2024', 'gcn_2014', 'gcn_2009', 'gcn_qsdd', 'so_hong']);
    expect(lists.idKinds.map((c: { code: string }) => c.code)).toContain('cccd');
    for (const list of Object.values(lists) as Array<Array<{ name: { vi: string; en: string } }>>) {
      for (const item of list) {
        expect(item.name.vi.normalize('NFC')).toBe(item.name.vi);
        expect(item.name.en.length).toBeGreaterThan(2);
      }
    }
  });
});
