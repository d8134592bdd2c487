import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { sharedTestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp, fixedClock } from '../../../test/support/test-app.js';
import { createActiveAccount, signIn } from '../../../test/support/accounts.js';
import { createPopulationSimulator } from './index.js';

describe('the population-database simulator (issue #4 item 1)', () => {
  const registry = createPopulationSimulator();
  it('matches a well-formed ID whose encoded year of birth agrees', async () => {
    expect(await registry.match({ idNumber: '070190605773', fullName: 'Nguyễn Bích Hạnh', birthYear: 1990 })).toEqual({ status: 'matched', differences: [] });
    expect(await registry.match({ idNumber: '070204484797', fullName: 'Trần Đức Thành', birthYear: 2004 })).toMatchObject({ status: 'matched' });
  });
  it('reports a mismatch of the year of birth, and IDs it does not hold', async () => {
    expect(await registry.match({ idNumber: '070190605773', fullName: 'x', birthYear: 1991 })).toEqual({ status: 'mismatch', differences: ['birthYear'] });
    expect((await registry.match({ idNumber: '070190605000', fullName: 'x' })).status).toBe('not_found');
    expect((await registry.match({ idNumber: '099190605773', fullName: 'x' })).status).toBe('not_found');
  });
});

describe('matching land users against the national population database over HTTP', () => {
  let db: Database;
  let app: FastifyInstance;
  let editor: string;
  let outsider: string;
  beforeAll(async () => {
    db = await sharedTestDatabase();
    app = await buildTestApp(db);
    const a = await createActiveAccount(db, fixedClock, [{ role: 'district_officer', unitCode: '25195' }]);
    const b = await createActiveAccount(db, fixedClock, [{ role: 'district_officer', unitCode: '25217' }]);
    editor = await signIn(app, a.username, a.password);
    outsider = await signIn(app, b.username, b.password);
  });
  afterAll(() => app.close());

  it('records the result on the party, shows it with the holders, and logs the use of the ID (P4)', async () => {
    const { rows } = await db.query<{ id: string; sheet: number; num: number; code: string }>(
      `select y.id, p.sheet_number as sheet, p.parcel_number as num, u.code from party y
         join land_right r on r.party_id = y.id and r.valid_to is null join parcel p on p.id = r.parcel_id join admin_unit u on u.id = p.unit_id
        where y.kind = 'individual' and y.id_number is not null and y.id_number not like '%000' and u.code = '25195' limit 1`,
    );
    const party = rows[0]!;
    expect((await app.inject({ method: 'POST', url: `/api/v1/parties/${party.id}/population-match`, headers: { cookie: outsider } })).statusCode).toBe(403);
    const res = await app.inject({ method: 'POST', url: `/api/v1/parties/${party.id}/population-match`, headers: { cookie: editor } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'matched', registry: 'simulator' });
    const holders = (await app.inject({ url: `/api/v1/parcels/${party.code}/${party.sheet}/${party.num}/holders`, headers: { cookie: editor } })).json().holders;
    expect(holders.find((h: { partyId: string }) => h.partyId === party.id).populationStatus).toBe('matched');
    const logged = await db.query(`select 1 from audit_log where action = 'population.match' and object_id = $1`, [party.id]);
    expect(logged.rows).toHaveLength(1);
  });
});
