import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { sharedTestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp, fixedClock } from '../../../test/support/test-app.js';
import { createActiveAccount, signIn } from '../../../test/support/accounts.js';
import { maskName } from './personal-data.js';

// Reads the demo's generated parties (Vietnamese names with diacritics, NFC): nothing here
// writes to the shared database except the audit entries of unmasked reads.

/** Plain ASCII, as typed on a keyboard without Vietnamese input. */
const ascii = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd');

interface DemoHolder {
  partyId: string;
  fullName: string;
  idNumber: string | null;
  parcelId: string;
  unitId: number;
  unitCode: string;
  sheetNumber: number;
  parcelNumber: number;
}

let db: Database;
let app: FastifyInstance;
let communeOfficer: string; // reads personal data on the demo's ward (and the communes merged into it)
let outsider: string; // the same role on another ward, which holds none of the demo's parcels
let agencyReader: string; // reads the whole province, no personal data
const home = '25195'; // the demo's parcels were surveyed under 25195, 25198 and 25201, merged in 2025

async function demoHolder(where: string, params: unknown[]): Promise<DemoHolder> {
  const { rows } = await db.query<DemoHolder>(
    `select y.id as "partyId", y.full_name as "fullName", y.id_number as "idNumber", p.id as "parcelId", p.unit_id as "unitId",
            u.code as "unitCode", p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber"
       from party y join land_right r on r.party_id = y.id and r.valid_to is null
       join parcel p on p.id = r.parcel_id and p.valid_to is null join admin_unit u on u.id = p.unit_id
      where y.kind = 'individual' and ${where} order by p.id limit 1`,
    params,
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

const search = (cookie: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/v1/search/parcels', headers: { cookie }, payload });

beforeAll(async () => {
  db = await sharedTestDatabase();
  app = await buildTestApp(db);
  const { rows } = await db.query<{ code: string }>(
    `select u.code from admin_unit u
      where u.level = 'commune' and u.valid_to is null
        and not exists (select 1 from admin_unit_succession s join parcel p on p.unit_id = s.predecessor_id where s.successor_id = u.id)
      order by u.code limit 1`,
  );
  const officer = await createActiveAccount(db, fixedClock, [{ role: 'commune_officer', unitCode: home }]);
  const stranger = await createActiveAccount(db, fixedClock, [{ role: 'commune_officer', unitCode: rows[0]!.code }]);
  outsider = await signIn(app, stranger.username, stranger.password);
  const reader = await createActiveAccount(db, fixedClock, [{ role: 'agency_reader', unitCode: '75' }]);
  communeOfficer = await signIn(app, officer.username, officer.password);
  agencyReader = await signIn(app, reader.username, reader.password);
});
afterAll(() => app.close());

describe('F4 search the cadastre (issue #4 item 4)', () => {
  it("F4 a unit given by today's code finds the parcels of the old units merged into it", async () => {
    // 25201 (old Phường Tân Bình) is part of today's Phường Bình Phước (25195)
    const res = await search(communeOfficer, { unitCode: home, sheetNumber: 1, parcelNumber: 1, limit: 100 });
    expect(res.statusCode).toBe(200);
    const units = new Set(res.json().items.map((i: { unitCode: string }) => i.unitCode));
    expect(units).toEqual(new Set(['25195', '25198', '25201']));
  });

  it('F4 finds a Vietnamese name typed without diacritics ("Nguyen Van An" finds "Nguyễn Văn An")', async () => {
    const holder = await demoHolder(`u.code = $1 and y.full_name ~ '[^ -~]'`, [home]);
    const res = await search(communeOfficer, { name: ascii(holder.fullName).toUpperCase(), unitCode: home, limit: 100 });
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((i: { id: string }) => i.id === holder.parcelId);
    expect(item).toMatchObject({ unitCode: home, sheetNumber: holder.sheetNumber, parcelNumber: holder.parcelNumber, masked: false });
    expect(item.unitName.length).toBeGreaterThan(3);
    expect(item.officialArea).toBeGreaterThan(0);
    expect(item.holders.map((h: { fullName: string }) => h.fullName)).toContain(holder.fullName);
  });

  it('F4 "dang" finds "Đặng", by family name and by given name', async () => {
    const holder = await demoHolder(`u.code = $1 and y.full_name like 'Đặng %'`, [home]);
    const res = await search(communeOfficer, { name: 'dang', unitCode: home, limit: 100 });
    expect(res.statusCode).toBe(200);
    const names: string[] = res.json().items.flatMap((i: { holders: Array<{ fullName: string }> }) => i.holders.map((h) => h.fullName));
    expect(names).toContain(holder.fullName);
    // every holder returned matches: a name starting with "dang" or a given name that does
    for (const name of names) expect(ascii(name).toLowerCase()).toMatch(/^dang|\sdang\S*$/);
    // the same person by middle + given name
    const words = ascii(holder.fullName).split(' ');
    const byGiven = await search(communeOfficer, { name: words.slice(1).join(' ').toLowerCase(), unitCode: home, sheetNumber: holder.sheetNumber, limit: 100 });
    expect(byGiven.json().items.map((i: { id: string }) => i.id)).toContain(holder.parcelId);
  });

  it('F4 finds a parcel by unit + sheet + parcel number, and by address', async () => {
    const holder = await demoHolder('u.code = $1', [home]);
    const res = await search(agencyReader, { unitCode: home, sheetNumber: holder.sheetNumber, parcelNumber: holder.parcelNumber });
    expect(res.statusCode).toBe(200);
    // today's ward also finds the same sheet/parcel number in the wards merged into it
    const items: Array<{ id: string; sheetNumber: number; parcelNumber: number; unitCode: string }> = res.json().items;
    expect(items.map((i) => i.id)).toContain(holder.parcelId);
    for (const item of items) {
      expect(item).toMatchObject({ sheetNumber: holder.sheetNumber, parcelNumber: holder.parcelNumber });
      expect(['25195', '25198', '25201']).toContain(item.unitCode);
    }
    expect(items.filter((i) => i.unitCode === home)).toHaveLength(1);
    const { rows } = await db.query<{ address: string | null }>('select address from parcel where id = $1', [holder.parcelId]);
    if (rows[0]!.address) {
      const byAddress = await search(agencyReader, { address: ascii(rows[0]!.address).toLowerCase(), unitCode: home, limit: 100 });
      expect(byAddress.statusCode).toBe(200);
      expect(byAddress.json().items.length).toBeGreaterThan(0);
      for (const item of byAddress.json().items) expect(ascii(item.address).toLowerCase()).toContain(ascii(rows[0]!.address).toLowerCase());
    }
  });

  it('F4 finds the live parcels of a valid certificate by its serial (issue #4), in the caller\'s units only', async () => {
    const { rows } = await db.query<{ serial: string; parcelId: string }>(
      `select c.serial, p.id as "parcelId" from certificate c join certificate_parcel cp on cp.certificate_id = c.id
         join parcel p on p.parcel_uid = cp.parcel_uid and p.valid_to is null join admin_unit u on u.id = p.unit_id
        where c.valid_to is null and u.code = '25198' order by c.serial limit 1`,
    );
    const { serial, parcelId } = rows[0]!;
    const res = await search(agencyReader, { certificateSerial: serial });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([parcelId]);
    // the land users, each once (the ownership of a house on the parcel is not a second holder)
    expect(res.json().items[0].holders.map((h: { rightType: string }) => h.rightType)).toEqual(['land_use']);
    expect((await search(communeOfficer, { certificateSerial: serial })).json().items.map((i: { id: string }) => i.id)).toEqual([parcelId]);
    expect((await search(outsider, { certificateSerial: serial })).json().items).toEqual([]);
    expect((await search(agencyReader, { certificateSerial: 'CZ999999' })).json().items).toEqual([]);
    // combined with other criteria, all must hold
    expect((await search(agencyReader, { certificateSerial: serial, unitCode: '25216' })).json().items).toEqual([]);
  });

  it('F4 pages with a cursor, at most 100 a page', async () => {
    const first = await search(agencyReader, { unitCode: home, limit: 3 });
    expect(first.json().items).toHaveLength(3);
    const cursor = first.json().nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const second = await search(agencyReader, { unitCode: home, limit: 3, cursor });
    expect(second.json().items).toHaveLength(3);
    const ids = [...first.json().items, ...second.json().items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(6);
    expect((await search(agencyReader, { unitCode: home, limit: 101 })).statusCode).toBe(400);
  });
});

describe('P4 personal data in search results', () => {
  it('P4 masks holders for a role without personal data, unmasks and logs for one with it', async () => {
    const holder = await demoHolder(`u.code = $1 and y.id_number is not null`, [home]);
    const criteria = { unitCode: home, sheetNumber: holder.sheetNumber, parcelNumber: holder.parcelNumber };
    const masked = (await search(agencyReader, criteria)).json().items.find((i: { id: string }) => i.id === holder.parcelId);
    expect(masked.masked).toBe(true);
    const mine = masked.holders.find((h: { partyId: string }) => h.partyId === holder.partyId);
    expect(mine.fullName).toBe(maskName(holder.fullName));
    expect(JSON.stringify(masked)).not.toContain(holder.idNumber);

    const before = await db.query<{ n: string }>(`select count(*) as n from audit_log where action = 'read.personal' and object_type = 'search'`);
    const openItems: Array<{ id: string; masked: boolean; holders: Array<{ partyId: string }> }> = (await search(communeOfficer, criteria)).json().items;
    const open = openItems.find((i) => i.id === holder.parcelId)!;
    expect(open.masked).toBe(false);
    expect(open.holders.find((h: { partyId: string }) => h.partyId === holder.partyId)).toMatchObject({ fullName: holder.fullName, idNumber: holder.idNumber });
    const { rows } = await db.query<{ n: string; details: { parcels: string[]; parties: string[] } }>(
      `select (select count(*) from audit_log where action = 'read.personal' and object_type = 'search') as n,
              (select details from audit_log where action = 'read.personal' and object_type = 'search' order by seq desc limit 1) as details`,
    );
    expect(Number(rows[0]!.n)).toBe(Number(before.rows[0]!.n) + 1);
    // the log names exactly the parcels whose holders were shown
    expect(rows[0]!.details.parcels.sort()).toEqual(openItems.map((i) => i.id).sort());
    expect(rows[0]!.details.parcels).toContain(holder.parcelId);
    expect(rows[0]!.details.parties).toContain(holder.partyId);
    expect(JSON.stringify(rows[0]!.details)).not.toContain(holder.idNumber);
  });

  it('P4 searching by ID number needs cadastre.read_personal: 403 without it', async () => {
    const holder = await demoHolder(`u.code = $1 and y.id_number is not null`, [home]);
    const res = await search(agencyReader, { idNumber: holder.idNumber });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect(res.json().error.message.vi.length).toBeGreaterThan(5);
    const ok = await search(communeOfficer, { idNumber: holder.idNumber });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items.map((i: { id: string }) => i.id)).toContain(holder.parcelId);
    for (const item of ok.json().items) expect(item.holders.every((h: { idNumber: string }) => h.idNumber === holder.idNumber)).toBe(true);
  });

  it('P4 results outside the caller\'s units are left out (unit key, ID number, name)', async () => {
    const holder = await demoHolder(`u.code = $1 and y.id_number is not null`, [home]);
    const byKey = await search(outsider, { unitCode: home, sheetNumber: holder.sheetNumber, parcelNumber: holder.parcelNumber });
    expect(byKey.statusCode).toBe(200);
    expect(byKey.json().items).toEqual([]);
    const byId = await search(outsider, { idNumber: holder.idNumber });
    expect(byId.statusCode).toBe(200);
    expect(byId.json().items).toEqual([]);
    const byName = await search(outsider, { name: ascii(holder.fullName), limit: 100 });
    expect(byName.json().items).toEqual([]);
    // the same searches by officers of the ward, and by the province-wide reader, find it
    const mine = await search(communeOfficer, { name: ascii(holder.fullName), limit: 100 });
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(holder.parcelId);
    const reader = await search(agencyReader, { name: ascii(holder.fullName), limit: 100 });
    expect(reader.json().items.map((i: { id: string }) => i.id)).toContain(holder.parcelId);
  });

  it('P4 the ID number travels in the body, never the URL; anonymous callers get 401', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/search/parcels', payload: { name: 'nguyen' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('F4 malformed searches → 400 with the error shape', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['no criterion', { limit: 10 }, 'body'],
    ['only blanks', { name: '   ' }, 'body'],
    ['limit above 100', { name: 'nguyen', limit: 101 }, 'body/limit'],
    ['limit zero', { name: 'nguyen', limit: 0 }, 'body/limit'],
    ['name too long', { name: 'a'.repeat(101) }, 'body/name'],
    ['address too long', { address: 'a'.repeat(201) }, 'body/address'],
    ['ID number malformed', { idNumber: "1' or '1'='1" }, 'body/idNumber'],
    ['bad unit code', { unitCode: '25A95' }, 'body/unitCode'],
    ['sheet not a number', { sheetNumber: 'one' }, 'body/sheetNumber'],
    ['unknown property', { name: 'nguyen', drop: 'table' }, 'body'],
    ['bad cursor', { name: 'nguyen', cursor: 'not-a-cursor' }, 'body/cursor'],
    ['certificate serial malformed', { certificateSerial: 'ca-123' }, 'body/certificateSerial'],
  ];
  it.each(cases)('F4 %s', async (_name, payload, field) => {
    const res = await search(agencyReader, payload);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message.vi.length).toBeGreaterThan(5);
    expect(body.error.message.en.length).toBeGreaterThan(5);
    expect(JSON.stringify(body.error)).toContain(field);
  });

  it('F4 LIKE wildcards in a name are taken literally', async () => {
    const res = await search(agencyReader, { name: '%_%' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });
});
