import { describe, expect, it } from 'vitest';
import { sharedTestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp } from '../../../test/support/test-app.js';
import type { Queryable } from '../../db/database.js';
import { listUnits } from './units.repo.js';
import { readReferenceUnits } from './reference-units.js';

describe('administrative units with history (issue #2 item 4, O4: units are data)', () => {
  it('holds the official pre-2025 list of Bình Phước: 11 district-level units and 111 communes', async () => {
    const db = await sharedTestDatabase();
    const districts = await listUnits(db, { asOf: '2025-06-30', level: 'district' });
    const communes = await listUnits(db, { asOf: '2025-06-30', level: 'commune' });
    expect(districts.map((d) => d.code)).toEqual(['688', '689', '690', '691', '692', '693', '694', '695', '696', '697', '698']);
    expect(communes).toHaveLength(111);
    expect(communes.every((c) => Number(c.code) >= 25195 && Number(c.code) <= 25453)).toBe(true);
    expect(districts.find((d) => d.code === '689')).toMatchObject({ kind: 'Thành phố', name: 'Đồng Xoài', parentCode: '70' });
  });

  it('removes the district level on 1 July 2025 and reuses a predecessor code for the new unit', async () => {
    const db = await sharedTestDatabase();
    expect(await listUnits(db, { asOf: '2025-07-01', level: 'district' })).toEqual([]);
    const [before] = await listUnits(db, { asOf: '2025-06-30', level: 'commune', parentCode: '689' });
    expect(before).toMatchObject({ code: '25195', kind: 'Phường', name: 'Tân Phú' });
    const after = await listUnits(db, { asOf: '2025-07-01', level: 'commune' });
    expect(after.find((u) => u.code === '25195')).toMatchObject({ kind: 'Phường', name: 'Bình Phước', parentCode: '75' });
    expect(after).toHaveLength(40);
  });

  it('every pre-2025 commune has exactly one successor', async () => {
    const db = await sharedTestDatabase();
    const { rows } = await db.query<{ n: number; missing: number }>(
      `select count(*)::int as n,
              count(*) filter (where not exists (select 1 from admin_unit_succession s where s.predecessor_id = u.id))::int as missing
         from admin_unit u where u.level = 'commune' and u.valid_to = '2025-07-01'`,
    );
    expect(rows[0]).toEqual({ n: 111, missing: 0 });
  });

  it('a new commune holds the parcels of the old communes merged into it', async () => {
    const db = await sharedTestDatabase();
    const [merged] = (await listUnits(db, { asOf: '2026-11-25', level: 'commune' })).filter((u) => u.code === '25195');
    const old = await listUnits(db, { asOf: '2025-06-30', level: 'commune', parentCode: '689' });
    const oldTotal = old.reduce((sum, u) => sum + u.parcelCount, 0);
    expect(merged!.parcelCount).toBeGreaterThan(0);
    expect(merged!.parcelCount).toBe(oldTotal);
  });

  it('names carry correct Vietnamese diacritics in Unicode NFC', () => {
    const reference = readReferenceUnits();
    for (const unit of reference.units) expect(unit.name).toBe(unit.name.normalize('NFC'));
    expect(reference.units.map((u) => u.name)).toContain('Bù Gia Mập');
  });

  it('serves units and their boundaries over HTTP, valid today by default', async () => {
    const app = await buildTestApp(await sharedTestDatabase());
    const list = await app.inject({ url: '/api/v1/units?level=commune' });
    expect(list.statusCode).toBe(200);
    expect(list.json().asOf).toBe('2026-11-25');
    expect(list.json().items).toHaveLength(40);
    const old = await app.inject({ url: '/api/v1/units/boundaries?level=commune&asOf=2024-01-01' });
    expect(old.headers['content-type']).toContain('application/geo+json');
    const collection = old.json();
    expect(collection.features).toHaveLength(111);
    expect(collection.features[0].properties.boundarySource).toBe('generated-demo');
    const bad = await app.inject({ url: '/api/v1/units?asOf=31-12-2024' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    await app.close();
  });
});

describe('live parcel counts per unit (kept by the database)', () => {
  const COUNT = `select live as n from unit_parcel_count c join admin_unit u on u.id = c.unit_id where u.code = '25195' and u.valid_to is not null`;
  const ACTUAL = `select count(*)::int as n from parcel p join admin_unit u on u.id = p.unit_id where u.code = '25195' and u.valid_to is not null and p.valid_to is null`;
  const n = async (db: Queryable, sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;

  it('follow new parcels and ended lifespans, and roll back with their transaction', async () => {
    const db = await sharedTestDatabase();
    const before = await n(db, ACTUAL);
    expect(await n(db, COUNT)).toBe(before);
    await db
      .transaction(async (tx) => {
        await tx.query(`update parcel set valid_to = valid_from + interval '1 day'
                         where id in (select p.id from parcel p join admin_unit u on u.id = p.unit_id
                                       where u.code = '25195' and p.valid_to is null limit 3)`);
        expect(await n(tx, COUNT)).toBe(before - 3);
        expect(await n(tx, ACTUAL)).toBe(before - 3);
        throw new Error('roll back');
      })
      .catch((e: Error) => expect(e.message).toBe('roll back'));
    expect(await n(db, COUNT)).toBe(before);
  });
});
