import { describe, expect, it } from 'vitest';
import { openTestDatabase, sharedTestDatabase, TEST_DEMO } from '../../../test/support/test-database.js';
import { seedDemo, splitParcels } from './index.js';

describe('demo province (issue #2 item 5)', () => {
  it('tiles each demo commune with parcels: no overlap, no gap, valid polygons', async () => {
    const db = await sharedTestDatabase();
    const { rows } = await db.query<{ unit: string; n: number; parcels_m2: number; unit_m2: number; invalid: number }>(
      `select u.code as unit, count(*)::int as n, sum(ST_Area(p.geom)) as parcels_m2,
              ST_Area(ST_Transform(u.boundary, 9212)) as unit_m2,
              count(*) filter (where not ST_IsValid(p.geom))::int as invalid
         from parcel p join admin_unit u on u.id = p.unit_id group by u.code, u.boundary order by u.code`,
    );
    expect(rows).toHaveLength(3);
    expect(rows.reduce((s, r) => s + r.n, 0)).toBe(TEST_DEMO.parcels);
    for (const row of rows) {
      expect(row.invalid).toBe(0);
      // the parcels add up to the commune (no gap, and with no overlap, no excess)
      expect(Math.abs(row.parcels_m2 - row.unit_m2) / row.unit_m2).toBeLessThan(1e-6);
    }
    const overlaps = await db.query<{ n: number }>(
      `select count(*)::int as n from parcel a join parcel b
         on a.unit_id = b.unit_id and a.id < b.id and a.geom && b.geom
        where ST_Area(ST_Intersection(a.geom, b.geom)) > 0.01`,
    );
    expect(overlaps.rows[0]!.n).toBe(0);
  });

  it('stores parcels in VN-2000 (EPSG:9212) inside Bình Phước, official area = planar area to 0.1 m²', async () => {
    const db = await sharedTestDatabase();
    const { rows } = await db.query<{ srids: number[]; area_off: number; minlon: number; maxlon: number; minlat: number; maxlat: number }>(
      `select array_agg(distinct ST_SRID(geom)) as srids, max(abs(official_area - round(ST_Area(geom)::numeric, 1)))::float8 as area_off,
              min(ST_XMin(geom_4326)) as minlon, max(ST_XMax(geom_4326)) as maxlon, min(ST_YMin(geom_4326)) as minlat, max(ST_YMax(geom_4326)) as maxlat
         from parcel`,
    );
    const r = rows[0]!;
    expect(r.srids).toEqual([9212]);
    expect(r.area_off).toBe(0);
    expect(r.minlon).toBeGreaterThan(106.3);
    expect(r.maxlon).toBeLessThan(107.6);
    expect(r.minlat).toBeGreaterThan(11.2);
    expect(r.maxlat).toBeLessThan(12.4);
  });

  it('numbers map sheets and parcels from 1 without holes, unique per unit', async () => {
    const db = await sharedTestDatabase();
    const { rows } = await db.query<{ bad_sheets: number; bad_parcels: number }>(
      `select
         (select count(*) from (select unit_id, max(sheet_number) m, count(*) n from map_sheet group by unit_id) s where m <> n)::int as bad_sheets,
         (select count(*) from (select unit_id, sheet_number, max(parcel_number) m, count(*) n from parcel group by 1, 2) s where m <> n)::int as bad_parcels`,
    );
    expect(rows[0]).toEqual({ bad_sheets: 0, bad_parcels: 0 });
  });

  it('uses land-use codes in realistic shares and from the code list', async () => {
    const db = await sharedTestDatabase();
    const { rows } = await db.query<{ code: string; share: number }>(
      `select land_use_code as code, count(*)::float8 / sum(count(*)) over () as share from parcel group by 1 order by 2 desc`,
    );
    expect(rows.length).toBeGreaterThan(8);
    // the demo communes are wards of Đồng Xoài: urban residential land leads
    expect(rows[0]!.code).toBe('ODT');
    expect(rows[0]!.share).toBeGreaterThan(0.3);
  });

  it('gives private parcels a person with a Vietnamese name and a well-formed 12-digit citizen ID', async () => {
    const db = await sharedTestDatabase();
    const { rows } = await db.query<{ full_name: string; id_number: string; birth_year: number }>(
      // the demo's own land users (later tests register parties through change transactions)
      `select full_name, id_number, birth_year from party
        where kind = 'individual' and id in (select party_id from land_right where change_id is null)`,
    );
    expect(rows.length).toBeGreaterThan(TEST_DEMO.parcels / 2);
    for (const party of rows) {
      expect(party.full_name).toMatch(/^\p{Lu}\p{Ll}* \p{Lu}\p{Ll}* \p{Lu}\p{Ll}*$/u);
      expect(party.full_name).toBe(party.full_name.normalize('NFC'));
      expect(party.id_number).toMatch(/^0\d{11}$/);
      // 4th digit: century and sex; 5th-6th: year of birth
      expect(party.id_number.slice(4, 6)).toBe(String(party.birth_year % 100).padStart(2, '0'));
      expect(['0', '1', '2', '3']).toContain(party.id_number[3]);
    }
    const orphans = await db.query<{ n: number }>(
      `select count(*)::int as n from parcel p where not exists (select 1 from land_right r where r.parcel_id = p.id)`,
    );
    expect(orphans.rows[0]!.n).toBe(0);
  });

  it('gives every parcel its purpose, most private parcels a certificate, most homes a house (issue #4)', async () => {
    const db = await sharedTestDatabase();
    // the demo's own rows: later tests add certificates and change parcels
    type Counts = Record<'parcels' | 'with_purpose' | 'private' | 'certified' | 'certified_state' | 'homes' | 'houses' | 'bad_houses' | 'orchards' | 'unowned_assets', number>;
    const { rows } = await db.query<Counts>(
      `with demo as (
         select p.*, exists (select 1 from land_right r join party y on y.id = r.party_id where r.parcel_id = p.id and y.kind = 'state') state_land
           from parcel p where p.version = 1 and p.change_id is null)
       select count(*)::int as parcels,
              count(*) filter (where (select count(*) from parcel_purpose pp where pp.parcel_id = d.id
                                       and pp.land_use_code = d.land_use_code and pp.area = d.official_area) = 1)::int as with_purpose,
              count(*) filter (where not state_land)::int as private,
              count(*) filter (where not state_land and exists (select 1 from certificate_parcel cp where cp.parcel_uid = d.parcel_uid))::int as certified,
              count(*) filter (where state_land and exists (select 1 from certificate_parcel cp where cp.parcel_uid = d.parcel_uid))::int as certified_state,
              count(*) filter (where not state_land and land_use_code in ('ODT', 'ONT'))::int as homes,
              count(*) filter (where exists (select 1 from asset a where a.parcel_id = d.id and a.kind = 'house'))::int as houses,
              count(*) filter (where exists (select 1 from asset a where a.parcel_id = d.id and a.kind = 'house' and (a.footprint_area > 0.6 * d.official_area or a.floors not between 1 and 4)))::int as bad_houses,
              count(*) filter (where exists (select 1 from asset a where a.parcel_id = d.id and a.kind = 'perennial_tree'))::int as orchards,
              count(*) filter (where exists (select 1 from asset a where a.parcel_id = d.id and not exists (
                select 1 from land_right r where r.asset_uid = a.asset_uid and r.right_type = 'ownership')))::int as unowned_assets
         from demo d`,
    );
    const r = rows[0]!;
    expect(r.with_purpose).toBe(r.parcels);
    expect(r.certified / r.private).toBeGreaterThan(0.8);
    expect(r.certified / r.private).toBeLessThan(0.9);
    expect(r.certified_state).toBe(0);
    expect(r.houses / r.homes).toBeGreaterThan(0.6);
    expect(r.houses / r.homes).toBeLessThan(0.8);
    expect(r.bad_houses).toBe(0);
    expect(r.orchards).toBeGreaterThan(0);
    expect(r.unowned_assets).toBe(0);
    // every certificate names the parcel's land users as its holders, and its serial is well formed
    const holders = await db.query<{ bad: number; serials: number; distinct_serials: number }>(
      `select count(*) filter (where not exists (select 1 from certificate_holder h where h.certificate_id = c.id))::int as bad,
              count(*)::int as serials, count(distinct serial)::int as distinct_serials
         from certificate c where c.change_id is null and c.serial ~ '^C[A-Z][0-9]{6}$' and c.entry_number ~ '^CS[0-9]{5}$'`,
    );
    expect(holders.rows[0]!.bad).toBe(0);
    expect(holders.rows[0]!.serials).toBe(r.certified);
    expect(holders.rows[0]!.distinct_serials).toBe(holders.rows[0]!.serials);
  });

  it('is deterministic: the same seed gives the same parcels', async () => {
    const { db, close } = await openTestDatabase();
    try {
      await seedDemo(db, TEST_DEMO);
      const fingerprint = `select md5(string_agg(sheet_number || '/' || parcel_number || ':' || official_area || ':' || land_use_code, ',' order by sheet_number, parcel_number)) as f
                             from parcel p join admin_unit u on u.id = p.unit_id where u.code = '25195'`;
      const shared = await sharedTestDatabase();
      const a = await db.query<{ f: string }>(fingerprint);
      const b = await shared.query<{ f: string }>(fingerprint);
      expect(a.rows[0]!.f).toBe(b.rows[0]!.f);
      // and the same land record: certificates and assets (issue #4)
      const records = `select md5(string_agg(p.sheet_number || '/' || p.parcel_number || ':' || coalesce(c.serial || c.entry_number || c.issued_on, '-')
                                              || ':' || coalesce(a.description || a.footprint_area || a.floors, a.description || a.planted_area, '-'), ','
                                              order by p.sheet_number, p.parcel_number, c.serial, a.description)) as f
                         from parcel p join admin_unit u on u.id = p.unit_id
                         left join (certificate_parcel cp join certificate c on c.id = cp.certificate_id and c.change_id is null)
                                on cp.parcel_uid = p.parcel_uid
                         left join asset a on a.parcel_id = p.id and a.change_id is null
                        where u.code = '25195' and p.version = 1`;
      expect((await db.query<{ f: string }>(records)).rows[0]!.f).toBe((await shared.query<{ f: string }>(records)).rows[0]!.f);
      // running the seed again adds nothing
      expect((await seedDemo(db, TEST_DEMO)).parcels).toBe(0);
    } finally {
      await close();
    }
  }, 180_000); // a second database seeded from scratch: about 20 s alone, more when the machine is busy

  it('spreads parcels over at least three communes, about 10 000 each at scale', () => {
    expect(splitParcels(1500, 111)).toEqual([500, 500, 500]);
    const million = splitParcels(1_000_000, 111);
    expect(million).toHaveLength(100);
    expect(million.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    expect(splitParcels(3_000_000, 111)).toHaveLength(111);
  });
});
