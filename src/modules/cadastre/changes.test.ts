import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { sharedTestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp } from '../../../test/support/test-app.js';
import { MutableClock } from '../../../test/support/mutable-clock.js';
import { changeOfficers, type ChangeOfficers } from '../../../test/support/change-officers.js';

const clock = new MutableClock(new Date('2026-11-25T02:00:00Z'));
let db: Database;
let app: FastifyInstance;
let people: ChangeOfficers;

const later = (days: number) => people.later(days);
const api: ChangeOfficers['api'] = (...args) => people.api(...args);

/** A parcel of the demo no other test of this file touches (old Phường Tân Bình). */
let free: Array<{ unitCode: string; sheetNumber: number; parcelNumber: number }> = [];
const parcel = () => free.shift()!;
const key = (p: ReturnType<typeof parcel>) => `${p.unitCode}/${p.sheetNumber}/${p.parcelNumber}`;

async function holders(p: ReturnType<typeof parcel>, asOf?: Date) {
  const res = await api('GET', `/parcels/${key(p)}/holders${asOf ? `?asOf=${asOf.toISOString()}` : ''}`, people.officer);
  expect(res.statusCode).toBe(200);
  return res.json().holders as Array<{ fullName: string; share: number; idNumber: string | null }>;
}

async function propose(body: object) {
  const res = await api('POST', '/changes', people.officer, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string };
}

const buyer = { party: { kind: 'individual', fullName: 'Võ Thị Mai', idNumber: '070195001234', birthYear: 1995, address: 'Tổ 2, Khu phố 3, Phường Bình Phước' } };

beforeAll(async () => {
  db = await sharedTestDatabase();
  app = await buildTestApp(db, {}, clock);
  const { rows } = await db.query<{ sheetNumber: number; parcelNumber: number }>(
    `select p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber" from parcel p join admin_unit u on u.id = p.unit_id
      where u.code = '25201' and p.valid_to is null and p.land_use_code not in ('DGT', 'SON', 'MNC', 'TSC', 'DGD', 'DYT', 'DTT', 'DCH', 'NTD')
      order by p.sheet_number, p.parcel_number limit 10`,
  );
  free = rows.map((r) => ({ unitCode: '25201', ...r }));
  people = await changeOfficers(app, db, clock);
});
afterAll(() => app.close());

describe('change transactions (issue #4 item 2; F1, O10)', () => {
  it('a transfer is pending until approved, then replaces the holder; the record as of the day before is unchanged', async () => {
    const p = parcel();
    const before = await holders(p);
    const change = await propose({ type: 'transfer', parcel: p, legalBasis: 'Hợp đồng chuyển nhượng số 15/2026/HĐCN, công chứng ngày 20/11/2026', dossierRef: 'HS-2026-000123', edits: { to: [{ ...buyer, share: 1 }] } });
    expect(change.status).toBe('pending');
    expect(await holders(p)).toEqual(before); // pending: not in force
    const history = (await api('GET', `/parcels/${key(p)}/history`, people.officer)).json();
    expect(history.changes.map((c: { status: string }) => c.status)).toEqual(['pending']);
    expect(JSON.stringify(history)).not.toContain('070195001234'); // the timeline carries no personal data (P4)

    await later(1);
    const approved = await api('POST', `/changes/${change.id}/approve`, people.leader);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', changeType: 'transfer' });
    const after = await holders(p);
    expect(after.map((h) => h.fullName)).toEqual(['Võ Thị Mai']);
    const dayBefore = new Date(clock.now().getTime() - 86_400_000);
    expect(await holders(p, dayBefore)).toEqual(before);
    const versions = await db.query<{ n: number }>(`select count(*)::int as n from land_right r join parcel x on x.id = r.parcel_id
      join admin_unit u on u.id = x.unit_id where u.code = $1 and x.sheet_number = $2 and x.parcel_number = $3`, [p.unitCode, p.sheetNumber, p.parcelNumber]);
    expect(versions.rows[0]!.n).toBe(before.length + 1); // the old right is kept, ended
  });

  it('an inheritance to several heirs splits the right by shares that add up to the whole', async () => {
    const p = parcel();
    const bad = await api('POST', '/changes', people.officer, { type: 'inheritance', parcel: p, legalBasis: 'Văn bản thỏa thuận phân chia di sản số 7', edits: { to: [
      { party: { kind: 'individual', fullName: 'Lê Văn Hòa' }, share: 0.5 }, { party: { kind: 'individual', fullName: 'Lê Thị Thu' }, share: 0.3 }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toMatchObject({ field: 'body/edits/to' });
    const change = await propose({ type: 'inheritance', parcel: p, legalBasis: 'Văn bản thỏa thuận phân chia di sản số 7', edits: { to: [
      { party: { kind: 'individual', fullName: 'Lê Văn Hòa' }, share: 0.5 },
      { party: { kind: 'individual', fullName: 'Lê Thị Thu' }, share: 0.25 },
      { party: { kind: 'individual', fullName: 'Lê Minh Đức' }, share: 0.25 }] } });
    await later(1);
    expect((await api('POST', `/changes/${change.id}/approve`, people.leader)).statusCode).toBe(200);
    const heirs = await holders(p);
    expect(heirs.map((h) => [h.fullName, h.share])).toEqual([['Lê Văn Hòa', 0.5], ['Lê Minh Đức', 0.25], ['Lê Thị Thu', 0.25]]);
  });

  it('a mortgage and its release each come into force on approval, and the earlier state stays queryable', async () => {
    const p = parcel();
    const bank = { party: { kind: 'organisation', fullName: 'Ngân hàng Nông nghiệp và Phát triển Nông thôn - Chi nhánh Bình Phước' } };
    const mortgage = await propose({ type: 'mortgage', parcel: p, legalBasis: 'Hợp đồng thế chấp số 88/2026/HĐTC', edits: { lender: bank, amount: 500000000, contractRef: '88/2026/HĐTC' } });
    await later(1);
    await api('POST', `/changes/${mortgage.id}/approve`, people.leader);
    const registeredAt = clock.now();
    const during = (await api('GET', `/parcels/${key(p)}/history`, people.officer)).json();
    expect(during.restrictions).toHaveLength(1);
    expect(during.restrictions[0]).toMatchObject({ kind: 'mortgage', amount: 500000000 });
    await later(30);
    const release = await propose({ type: 'mortgage_release', parcel: p, legalBasis: 'Văn bản đề nghị xóa thế chấp số 9', edits: { restrictionId: during.restrictions[0].id } });
    await later(1);
    await api('POST', `/changes/${release.id}/approve`, people.leader);
    const now = (await api('GET', `/parcels/${key(p)}/history`, people.officer)).json();
    expect(now.restrictions).toEqual([]);
    expect(now.changes.map((c: { changeType: string }) => c.changeType)).toEqual(['mortgage', 'mortgage_release']);
    const then = (await api('GET', `/parcels/${key(p)}/history?asOf=${new Date(registeredAt.getTime() + 3_600_000).toISOString()}`, people.officer)).json();
    expect(then.restrictions).toHaveLength(1);
  });

  it('no lost update: of two changes prepared on the same record, the second approval is refused', async () => {
    const p = parcel();
    const first = await propose({ type: 'gift', parcel: p, legalBasis: 'Hợp đồng tặng cho số 1', edits: { to: [{ party: { kind: 'individual', fullName: 'Trần Văn Bình' }, share: 1 }] } });
    const second = await propose({ type: 'transfer', parcel: p, legalBasis: 'Hợp đồng chuyển nhượng số 2', edits: { to: [{ party: { kind: 'individual', fullName: 'Ngô Thị Hạnh' }, share: 1 }] } });
    expect((await api('POST', `/changes/${first.id}/approve`, people.leader)).statusCode).toBe(200);
    const refused = await api('POST', `/changes/${second.id}/approve`, people.leader);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message.vi).toMatch(/lập lại biến động/);
    expect((await holders(p)).map((h) => h.fullName)).toEqual(['Trần Văn Bình']);
    expect((await api('POST', `/changes/${first.id}/approve`, people.leader)).statusCode).toBe(409); // already approved
  });

  it('only an approver may approve, and the approval is attributed in the audit log', async () => {
    const p = parcel();
    const change = await propose({ type: 'gift', parcel: p, legalBasis: 'Hợp đồng tặng cho số 3', edits: { to: [{ party: { kind: 'individual', fullName: 'Đỗ Văn Tâm' }, share: 1 }] } });
    expect((await api('POST', `/changes/${change.id}/approve`, people.officer)).statusCode).toBe(403);
    const ok = await api('POST', `/changes/${change.id}/approve`, people.leader);
    const { rows } = await db.query<{ actor_name: string }>(`select actor_name from audit_log where action = 'change.approve' and object_id = $1`, [change.id]);
    expect(ok.statusCode).toBe(200);
    expect(rows).toHaveLength(1);
  });
});
