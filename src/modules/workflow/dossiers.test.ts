// Dossiers end to end through the API (issue #7 must-show; F2, O4, O13): intake → steps →
// tax round trip by a stub of the tax side where due → result → the cadastre changed, for
// transfer, inheritance, mortgage, split and change of purpose; a procedure edited while
// dossiers are in flight; return for supplements and refusal; deadlines across Tết 2027
// with the test's clock; scope and roles; the citizen's look-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { MutableClock } from '../../../test/support/mutable-clock.js';
import { createActiveAccount, signIn, signInAsAdministrator } from '../../../test/support/accounts.js';
import { openChangeTestApp, type ChangeOfficers, type ChangeTestApp } from '../../../test/support/change-officers.js';
import { dossierStatistics, recordExternalAnswer, type DossierView } from './index.js';

const clock = new MutableClock(new Date('2026-11-25T02:00:00Z')); // Wednesday 09:00 in Vietnam
let fixture: ChangeTestApp;
let db: Database;
let app: FastifyInstance;
let people: ChangeOfficers;
let outsider: { username: string; password: string };
let transferDone: DossierView;
const UNIT = '25201'; // Phường Tân Bình, surveyed before the 2025 merger: its parcels keep its code
const DESK = '25195'; // Phường Bình Phước, today's ward it was merged into: the desk that receives dossiers
const OTHER_UNIT = '25210'; // Phường Đồng Xoài: another ward

interface Key { unitCode: string; sheetNumber: number; parcelNumber: number }
const path = (k: Key) => `${k.unitCode}/${k.sheetNumber}/${k.parcelNumber}`;
const api: ChangeOfficers['api'] = (...args) => people.api(...args);

const used = new Set<string>();
async function freeParcel(where = 'true'): Promise<Key & { id: string; area: number; bbox: number[] }> {
  const { rows } = await db.query<{ id: string; sheetNumber: number; parcelNumber: number; area: number; bbox: number[] }>(
    `select p.id, p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber", p.official_area as area,
            array[ST_XMin(p.geom_4326), ST_YMin(p.geom_4326), ST_XMax(p.geom_4326), ST_YMax(p.geom_4326)] as bbox
       from parcel p join admin_unit u on u.id = p.unit_id
      where u.code = $1 and p.valid_to is null and p.official_area > 300 and p.id <> all($2::uuid[])
        and exists (select 1 from land_right r where r.parcel_id = p.id and r.valid_to is null)
        and not exists (select 1 from land_restriction x where x.parcel_id = p.id and x.valid_to is null) and ${where}
      order by p.sheet_number desc, p.parcel_number limit 1`,
    [UNIT, [...used]],
  );
  const row = rows[0]!;
  used.add(row.id);
  return { unitCode: UNIT, sheetNumber: row.sheetNumber, parcelNumber: row.parcelNumber, id: row.id, area: Number(row.area), bbox: row.bbox };
}

const form = { application: { content: 'Đề nghị đăng ký biến động', applicationDate: '2026-11-20', contractNumber: 'HĐ-123/2026', declaredValue: 1_500_000_000 } };
const DOCUMENTS: Record<string, string[]> = {
  transfer: ['application', 'contract', 'certificate'], inheritance: ['application', 'contract', 'certificate'], gift: ['application', 'contract', 'certificate'],
  mortgage: ['application', 'contract', 'certificate'], split: ['application', 'certificate', 'survey_drawing'], purpose_change: ['application', 'certificate'],
};

async function intake(procedureCode: string, parcels: Key[], extra: object = {}): Promise<DossierView> {
  const res = await api('POST', '/dossiers', people.officer, {
    procedureCode, unitCode: DESK, channel: 'counter',
    applicant: { fullName: 'Lê Thị Hồng Nhung', idNumber: '070190001234', phone: '0912345678' },
    parcels: parcels.map((p) => ({ unitCode: p.unitCode, sheetNumber: p.sheetNumber, parcelNumber: p.parcelNumber })),
    forms: form, documents: (DOCUMENTS[procedureCode] ?? ['application', 'contract', 'certificate']).map((type) => ({ type })), ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as DossierView;
}

async function act(id: string, action: string, cookie: string, payload: object = {}): Promise<DossierView> {
  const res = await api('POST', `/dossiers/${id}/${action}`, cookie, payload);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DossierView;
}

/** The tax side, stubbed: the notice comes back and completes the step that waits for it (the real exchange is issue #7 item 4). */
function taxNotice(id: string): Promise<DossierView> {
  return recordExternalAnswer({ db, clock, changes: { db, clock } }, { id: null, name: 'Cơ quan thuế (giả lập)' }, id, 'tax', {
    reference: `TB-${id.slice(0, 8)}`, content: { landUseFee: 0, registrationFee: 7_500_000, personalIncomeTax: 30_000_000 },
  });
}

/** Runs a dossier through its steps: the officer's steps, the tax stub, the change prepared at 'record', the leader's result. */
async function runThrough(d: DossierView, edits: object): Promise<DossierView> {
  let current = d;
  while (current.status !== 'done') {
    const step = current.currentStep!;
    await people.later(1);
    if (step.externalParty === 'tax') {
      expect(current.status).toBe('waiting_external');
      current = await taxNotice(d.id);
      continue;
    }
    if (step.code === 'record') await act(d.id, 'change', people.officer, { edits });
    current = await act(d.id, 'complete-step', step.roleCode === 'lro_leader' ? people.leader : people.officer, { note: `Xong bước ${step.code}` });
  }
  return current;
}

async function holders(k: Key): Promise<Array<{ partyId: string; share: number; rightType: string }>> {
  const res = await api('GET', `/parcels/${path(k)}/holders`, people.officer);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().holders;
}

beforeAll(async () => {
  fixture = await openChangeTestApp(clock);
  ({ db, app, people } = fixture);
  outsider = await createActiveAccount(db, clock, [{ role: 'lro_staff', unitCode: OTHER_UNIT }]);
}, 300_000);
afterAll(() => fixture?.close());

describe('procedures end to end (issue #7 must-show; F2)', () => {
  it('F2 transfer: intake → check → tax notice (stub) → change → approval; the new holder is on the record', async () => {
    const p = await freeParcel();
    const before = await holders(p);
    const d = await intake('transfer', [p]);
    expect(d.receiptCode).toMatch(/^25195-261125-\d{4}$/);
    expect(d.procedure).toMatchObject({ code: 'transfer', version: 1, timeLimitDays: 8 });
    expect(d.currentStep!.code).toBe('check');
    // received Wednesday 25 Nov: 8 working days (26, 27, 30 Nov, 1-4, 7 Dec) → Monday 7 Dec 2026
    expect(d.deadline.dueDay).toBe('2026-12-07');
    const done = await runThrough(d, { to: [{ party: { kind: 'individual', fullName: 'Phạm Minh Tuấn', idNumber: '070199004321' }, share: 1 }] });
    expect(done.status).toBe('done');
    transferDone = done;
    expect(done.stepsDone.map((s) => s.code)).toEqual(['check', 'tax', 'record', 'approve']);
    expect(done.timeline.map((e) => e.action)).toEqual(['intake', 'step.complete', 'external.answer', 'change.prepare', 'step.complete', 'result']);
    const change = (await api('GET', `/changes/${done.changeId}`, people.leader)).json();
    expect(change).toMatchObject({ status: 'approved', changeType: 'transfer', dossierRef: d.receiptCode });
    // the dossier shows its change, type and status, for the portal's dossier page
    expect(done.change).toMatchObject({ id: done.changeId, changeType: 'transfer', status: 'approved', typeName: { vi: 'Chuyển nhượng quyền sử dụng đất' } });
    const after = (await holders(p)).filter((h) => h.rightType === 'land_use');
    expect(after).toHaveLength(1);
    expect(before.map((h) => h.partyId)).not.toContain(after[0]!.partyId);
  });

  it('F2 inheritance to two heirs in equal shares', async () => {
    const p = await freeParcel();
    const d = await intake('inheritance', [p]);
    const done = await runThrough(d, { to: [
      { party: { kind: 'individual', fullName: 'Nguyễn Văn An', idNumber: '070199000011' }, share: 0.5 },
      { party: { kind: 'individual', fullName: 'Nguyễn Thị Bình', idNumber: '070199000012' }, share: 0.5 },
    ] });
    expect(done.status).toBe('done');
    // the land-use rights (a lease on the parcel, if any, is not the heirs' business)
    expect((await holders(p)).filter((h) => h.rightType === 'land_use').map((h) => h.share)).toEqual([0.5, 0.5]);
  });

  it('F2 mortgage registration: no tax step; the parcel carries the mortgage', async () => {
    const p = await freeParcel();
    const d = await intake('mortgage', [p]);
    expect(d.steps.map((s) => s.code)).toEqual(['record', 'approve']);
    const done = await runThrough(d, { lender: { party: { kind: 'organisation', fullName: 'Ngân hàng Nông nghiệp chi nhánh Bình Phước' } }, amount: 500_000_000, contractRef: 'HĐTC-2026/77' });
    expect(done.status).toBe('done');
    const history = (await api('GET', `/parcels/${path(p)}/history`, people.officer)).json();
    expect(history.restrictions).toHaveLength(1);
  });

  it('F2 split: the parcel is history, two new parcels carry on', async () => {
    const p = await freeParcel();
    const [x0, y0, x1, y1] = p.bbox as [number, number, number, number];
    const mid = (x0 + x1) / 2;
    const d = await intake('split', [p]);
    const done = await runThrough(d, { line: { type: 'LineString', coordinates: [[mid, y0 - 0.001], [mid, y1 + 0.001]] } });
    expect(done.status).toBe('done');
    expect(done.timeline.at(-1)!.details.parcels).toHaveLength(2);
    expect((await api('GET', `/parcels/${path(p)}`, people.officer)).statusCode).toBe(404);
  });

  it('F2 change of land-use purpose: land use fee through the tax stub, the new purpose on the record', async () => {
    const p = await freeParcel();
    const d = await intake('purpose_change', [p]);
    expect(d.procedure.financialObligations).toBe(true);
    const done = await runThrough(d, { purposes: [{ landUseCode: 'ONT', area: p.area, originCode: 'DG-CTT' }] });
    expect(done.status).toBe('done');
    const parcel = (await api('GET', `/parcels/${path(p)}`, people.officer)).json();
    expect(parcel.landUseCode).toBe('ONT');
    expect(parcel.version).toBe(2);
  });
});

describe('intake checks (F2)', () => {
  it('F2 an incomplete dossier is not received: the missing documents are named', async () => {
    const p = await freeParcel();
    const res = await api('POST', '/dossiers', people.officer, {
      procedureCode: 'transfer', unitCode: DESK, applicant: { fullName: 'Lê Văn Cường' }, parcels: [p].map(({ unitCode, sheetNumber, parcelNumber }) => ({ unitCode, sheetNumber, parcelNumber })),
      forms: form, documents: [{ type: 'application' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toMatchObject({ field: 'body/documents', missing: ['certificate', 'contract'] });
    used.delete(p.id);
  });

  it('F2 the electronic form is checked against its JSON Schema, naming the field', async () => {
    const p = await freeParcel();
    const res = await api('POST', '/dossiers', people.officer, {
      procedureCode: 'transfer', unitCode: DESK, applicant: { fullName: 'Lê Văn Cường' }, parcels: [{ unitCode: p.unitCode, sheetNumber: p.sheetNumber, parcelNumber: p.parcelNumber }],
      forms: { application: { content: 'Đề nghị', applicationDate: 'hôm qua' } }, documents: DOCUMENTS.transfer!.map((type) => ({ type })),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('body/forms/application/applicationDate');
    used.delete(p.id);
  });
});

describe('roles, scope and the citizen look-up (F2)', () => {
  let dossier: DossierView;
  beforeAll(async () => {
    dossier = await intake('gift', [await freeParcel()]);
  });

  it('F2 a step is acted by the role the procedure names: the leader cannot do the staff check', async () => {
    const res = await api('POST', `/dossiers/${dossier.id}/complete-step`, people.leader, {});
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details).toMatchObject({ role: 'lro_staff', step: 'check' });
  });

  it('F2 an officer of another unit neither sees nor acts on the dossier, nor reads the unit inbox', async () => {
    const other = await signIn(app, outsider.username, outsider.password);
    expect((await api('GET', `/dossiers/${dossier.id}`, other)).statusCode).toBe(404);
    expect((await api('POST', `/dossiers/${dossier.id}/complete-step`, other, {})).statusCode).toBe(404);
    expect((await api('GET', `/dossiers?unitCode=${DESK}`, other)).statusCode).toBe(403);
    const own = (await api('GET', '/dossiers', other)).json().items as unknown[];
    expect(own).toEqual([]);
  });

  it('F2 assignment and transfer show in the inbox of the officer and in the timeline', async () => {
    const myId = (await api('GET', '/auth/me', people.officer)).json().id;
    await act(dossier.id, 'assign', people.leader, { accountId: myId, note: 'Giao xử lý' });
    const mine = (await api('GET', '/dossiers?mine=true', people.officer)).json().items as Array<{ receiptCode: string }>;
    expect(mine.map((i) => i.receiptCode)).toContain(dossier.receiptCode);
    const staff2 = await createActiveAccount(db, clock, [{ role: 'lro_staff', unitCode: '75' }]);
    const after = await act(dossier.id, 'assign', people.leader, { accountId: staff2.id, note: 'Chuyển do nghỉ phép' });
    expect(after.assignedTo).toBe(staff2.id);
    expect(after.timeline.map((e) => e.action).slice(-2)).toEqual(['assign', 'transfer']);
    // a leader cannot be given a staff step
    const leaderId = (await api('GET', '/auth/me', people.leader)).json().id;
    expect((await api('POST', `/dossiers/${dossier.id}/assign`, people.leader, { accountId: leaderId })).statusCode).toBe(403);
  });

  it('F2 the citizen look-up shows the status, procedure, received and expected return days, and nothing else', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/public/dossiers/${dossier.receiptCode}` });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(['expectedReturnOn', 'procedureName', 'receiptCode', 'receivedOn', 'status']);
    expect(res.json()).toMatchObject({ status: 'processing', receivedOn: dossier.receivedAt.slice(0, 10), expectedReturnOn: dossier.deadline.dueDay });
    expect(res.body).not.toContain('Nhung');
    expect(res.body).not.toContain(String(dossier.parcels[0]!.parcelNumber) + ',');
    expect((await app.inject({ method: 'GET', url: '/api/v1/public/dossiers/25195-261125-9999' })).statusCode).toBe(404);
  });

  it('F2 refusal needs dossier.approve, records the reason and closes the dossier', async () => {
    expect((await api('POST', `/dossiers/${dossier.id}/refuse`, people.officer, { reason: 'Không đủ điều kiện' })).statusCode).toBe(403);
    const refused = await act(dossier.id, 'refuse', people.leader, { reason: 'Thửa đất đang có tranh chấp (Luật Đất đai 2024, Điều 45)' });
    expect(refused).toMatchObject({ status: 'refused', refusalReason: expect.stringContaining('tranh chấp') });
    expect(refused.closedAt).not.toBeNull();
    expect((await api('POST', `/dossiers/${dossier.id}/complete-step`, people.officer, {})).statusCode).toBe(409);
    expect((await app.inject({ method: 'GET', url: `/api/v1/public/dossiers/${dossier.receiptCode}` })).json().status).toBe('refused');
  });

  it('F2 reading a dossier (it names the applicant) is logged as a read of personal data', async () => {
    expect((await api('GET', `/dossiers/${dossier.id}`, people.officer)).json().applicant.fullName).toBe('Lê Thị Hồng Nhung');
    const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'read.personal' and object_type = 'dossier' and object_id = $1`, [dossier.id]);
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('F2 the timeline is append-only', async () => {
    await expect(db.query('update dossier_event set note = $1 where dossier_id = $2', ['sửa', dossier.id])).rejects.toThrow(/append-only/);
  });
});

describe('result all or nothing (issue #7 item 6)', () => {
  it('F2 an approval that fails leaves the dossier open with the error recorded, and the record unchanged', async () => {
    const p = await freeParcel();
    const d = await intake('mortgage', [p]);
    await act(d.id, 'change', people.officer, { edits: { lender: { party: { kind: 'organisation', fullName: 'Ngân hàng Công thương' } }, contractRef: 'HĐTC-1' } });
    await act(d.id, 'complete-step', people.officer);
    // meanwhile another change of the parcel is approved directly: the dossier's change was prepared on an older record
    const other = await api('POST', '/changes', people.officer, { type: 'mortgage', parcel: { unitCode: p.unitCode, sheetNumber: p.sheetNumber, parcelNumber: p.parcelNumber }, legalBasis: 'Hợp đồng thế chấp khác', edits: { lender: { party: { kind: 'organisation', fullName: 'Ngân hàng Ngoại thương' } }, contractRef: 'HĐTC-2' } });
    expect((await api('POST', `/changes/${other.json().id}/approve`, people.leader)).statusCode).toBe(200);
    const restrictionsBefore = (await api('GET', `/parcels/${path(p)}/history`, people.officer)).json().restrictions.length;
    const res = await api('POST', `/dossiers/${d.id}/complete-step`, people.leader, {});
    expect(res.statusCode).toBe(409);
    const after = (await api('GET', `/dossiers/${d.id}`, people.leader)).json() as DossierView;
    expect(after).toMatchObject({ status: 'processing', closedAt: null });
    expect(after.currentStep!.code).toBe('approve');
    expect(after.resultError).toMatch(/^CONFLICT/);
    expect(after.timeline.at(-1)!.action).toBe('result.failed');
    expect((await api('GET', `/changes/${after.changeId}`, people.leader)).json().status).toBe('pending');
    expect(after.change).toMatchObject({ id: after.changeId, status: 'pending' });
    expect((await api('GET', `/parcels/${path(p)}/history`, people.officer)).json().restrictions.length).toBe(restrictionsBefore);
    // the dossier cannot go on: refused, its pending change is cancelled with it
    const refused = await act(d.id, 'refuse', people.leader, { reason: 'Thửa đất đã được thế chấp cho bên khác' });
    expect(refused.status).toBe('refused');
    expect((await api('GET', `/changes/${after.changeId}`, people.leader)).json().status).toBe('cancelled');
  });
});

describe('a procedure edited while dossiers are in flight (issue #7 must-show; O4)', () => {
  it('O4 the edit is a new version; dossiers in flight keep theirs, new ones take the new one', async () => {
    const inFlight = await intake('gift', [await freeParcel()]);
    const admin = await signInAsAdministrator(app, db, clock);
    const current = (await api('GET', '/procedures/gift', people.officer)).json();
    const edited = await api('POST', '/procedures/gift/versions', admin.cookie, {
      nameVi: current.nameVi, nameEn: current.nameEn, legalBasis: `${current.legalBasis}; sửa đổi thử nghiệm`, status: 'active', validFrom: null,
      timeLimitDays: 10, extraDaysDisadvantaged: 10, changeType: 'gift', financialObligations: true, forms: current.forms,
      steps: [
        ...current.steps.filter((s: { code: string }) => s.code !== 'approve'),
        { seq: 4, code: 'verify', nameVi: 'Kiểm tra chéo', nameEn: 'Cross-check', roleCode: 'lro_staff', days: 2, clockRuns: true, externalParty: null },
        { seq: 5, code: 'approve', nameVi: 'Ký duyệt và trả kết quả', nameEn: 'Approve and return', roleCode: 'lro_leader', days: 3, clockRuns: true, externalParty: null },
      ],
      documents: current.documents,
    });
    expect(edited.statusCode, edited.body).toBe(201);
    expect(edited.json()).toMatchObject({ version: 2, status: 'active', timeLimitDays: 10 });
    expect((await api('GET', '/procedures/gift?version=1', people.officer)).json().status).toBe('retired');
    // an officer may not edit procedures
    expect((await api('POST', '/procedures/gift/versions', people.officer, {})).statusCode).toBe(403);

    const fresh = await intake('gift', [await freeParcel()]);
    expect(fresh.procedure).toMatchObject({ version: 2, timeLimitDays: 10 });
    expect(fresh.steps.map((s) => s.code)).toEqual(['check', 'tax', 'record', 'verify', 'approve']);
    const kept = (await api('GET', `/dossiers/${inFlight.id}`, people.officer)).json() as DossierView;
    expect(kept.procedure).toMatchObject({ version: 1, timeLimitDays: 8 });
    expect(kept.deadline.dueDay).toBe(inFlight.deadline.dueDay);
    const done = await runThrough(kept, { to: [{ party: { kind: 'individual', fullName: 'Trần Văn Được Tặng', idNumber: '070199000099' }, share: 1 }] });
    expect(done.stepsDone.map((s) => s.code)).toEqual(['check', 'tax', 'record', 'approve']);
  });

  it('O4 a procedure version whose form is not a valid JSON Schema is refused', async () => {
    const admin = await signInAsAdministrator(app, db, clock);
    const res = await api('POST', '/procedures/lease/versions', admin.cookie, {
      nameVi: 'Đăng ký cho thuê', nameEn: 'Lease registration', legalBasis: 'Nghị định 101/2024', status: 'draft', validFrom: null, timeLimitDays: 8,
      extraDaysDisadvantaged: 0, changeType: null, financialObligations: false,
      forms: [{ code: 'application', titleVi: 'Đơn', titleEn: 'Application', schema: { type: 'no-such-type' } }],
      steps: [{ seq: 1, code: 'check', nameVi: 'Kiểm tra', nameEn: 'Check', roleCode: 'lro_staff', days: 8, clockRuns: true, externalParty: null }], documents: [],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('body/forms/0/schema');
  });
});

describe('deadlines across Tết 2027 and weekends, on the test clock (issue #7 must-show; F2, O13)', () => {
  /** Moves the test clock to an instant (forward only) and signs the officers in again. */
  const at = (iso: string) => people.later((new Date(iso).getTime() - clock.now().getTime()) / 86_400_000);

  it('F2 due day, return for supplements moving it, due soon, then late naming the step', async () => {
    // Wednesday 3 Feb 2027, 10:00: Tết Đinh Mùi is Saturday 6 Feb; days off 5-9 Feb and, for
    // the Saturday and Sunday, compensatory 10 and 11 Feb
    await at('2027-02-03T03:00:00Z');
    const d = await intake('transfer', [await freeParcel()]);
    // counted: 4 Feb, 12 Feb, 15-19 Feb, 22 Feb
    expect(d.deadline).toMatchObject({ dueDay: '2027-02-22', status: 'on_time' });

    await at('2027-02-04T03:00:00Z');
    const returned = await act(d.id, 'return', people.officer, { reason: 'Thiếu bản sao hợp đồng có công chứng' });
    expect(returned.status).toBe('returned');

    // while the clock stands still the expected day moves with it (12 Feb: one working day stopped)
    await at('2027-02-12T03:00:00Z');
    const look = (await app.inject({ method: 'GET', url: `/api/v1/public/dossiers/${d.receiptCode}` })).json();
    expect(look).toMatchObject({ status: 'returned', expectedReturnOn: '2027-02-23' });

    // Monday 15 Feb: supplements arrive; 12 and 15 Feb did not count → due 24 Feb
    await at('2027-02-15T03:00:00Z');
    const resumed = await act(d.id, 'supplement', people.officer, { note: 'Đã nộp bản sao hợp đồng' });
    expect(resumed).toMatchObject({ status: 'processing', deadline: { dueDay: '2027-02-24' } });
    expect(resumed.timeline.at(-1)!.details).toMatchObject({ stoppedWorkingDays: 2, dueDayBefore: '2027-02-22', dueDay: '2027-02-24' });

    await at('2027-02-22T03:00:00Z');
    expect(((await api('GET', `/dossiers/${d.id}`, people.officer)).json() as DossierView).deadline.status).toBe('due_soon');
    const inbox = (await api('GET', `/dossiers?unitCode=${DESK}`, people.officer)).json().items as Array<{ receiptCode: string; deadline: string }>;
    expect(inbox.find((i) => i.receiptCode === d.receiptCode)!.deadline).toBe('due_soon');

    await at('2027-02-25T03:00:00Z');
    const late = (await api('GET', `/dossiers/${d.id}`, people.officer)).json() as DossierView;
    // the check step's share is 2 working days; it has taken 9 (the 2 stopped not counted)
    expect(late.deadline).toMatchObject({ status: 'late', lateStep: 'check' });
  });

  it('F2 a make-up working day set by procedures.edit counts; an extra day off does not', async () => {
    const admin = await signInAsAdministrator(app, db, clock);
    // Thursday 25 Feb 2027, 10:00 (clock from the test before)
    const before = await intake('mortgage', [await freeParcel()]);
    expect(before.deadline.dueDay).toBe('2027-03-02'); // 26 Feb, 1 Mar, 2 Mar
    const put = (day: string, kind: string) => app.inject({ method: 'PUT', url: `/api/v1/calendar/days/${day}`, headers: { cookie: admin.cookie }, payload: { kind, note: 'Thông báo nghỉ bù (thử nghiệm)' } });
    expect((await put('2027-02-27', 'working_day')).statusCode).toBe(204);
    const makeUp = await intake('mortgage', [await freeParcel()]);
    expect(makeUp.deadline.dueDay).toBe('2027-03-01'); // 26 Feb, Saturday 27 Feb, 1 Mar
    expect((await put('2027-03-01', 'day_off')).statusCode).toBe(204);
    const dayOff = await intake('mortgage', [await freeParcel()]);
    expect(dayOff.deadline.dueDay).toBe('2027-03-02'); // 26 Feb, 27 Feb, 2 Mar
    expect((await put('2027-03-01', 'normal')).statusCode).toBe(204);
    const calendar = (await api('GET', '/calendar?year=2027', people.officer)).json();
    expect(calendar.overrides).toEqual([expect.objectContaining({ day: '2027-02-27', kind: 'working_day' })]);
    expect(calendar.holidays.map((h: { day: string }) => h.day)).toEqual(expect.arrayContaining(['2027-02-06', '2027-02-10', '2027-02-11', '2027-04-16']));
    const officerPut = await app.inject({ method: 'PUT', url: '/api/v1/calendar/days/2027-03-05', headers: { cookie: people.officer }, payload: { kind: 'day_off', note: 'x' } });
    expect(officerPut.statusCode).toBe(403);
  });
});

describe('compliance and statistics (issue #7 item 8; O13)', () => {
  const period = 'from=2026-11-01&to=2027-02-28';

  it('O13 per procedure, unit and officer: received, done on time, late, refused, in progress', async () => {
    const res = await api('GET', `/dossier-reports/statistics?${period}`, people.officer);
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json();
    const transfer = stats.byProcedure.find((p: { procedureCode: string }) => p.procedureCode === 'transfer');
    // the end-to-end transfer closed on time; the one received before Tết is open and late on 25 Feb 2027
    expect(transfer).toMatchObject({ received: 2, doneOnTime: 1, doneLate: 0, inProgress: 1, inProgressLate: 1 });
    expect(stats.byProcedure.find((p: { procedureCode: string }) => p.procedureCode === 'gift')).toMatchObject({ refused: 1 });
    const total = stats.byProcedure.reduce((sum: number, p: { received: number }) => sum + p.received, 0);
    expect(stats.byUnit).toEqual([expect.objectContaining({ unitCode: DESK, received: total })]);
    expect(stats.byOfficer.reduce((sum: number, o: { stepsDone: number }) => sum + o.stepsDone, 0)).toBeGreaterThan(10);
    // the same for the periodic report (#10), over every unit
    expect((await dossierStatistics(db, '2026-11-01', '2027-02-28', { clock })).byProcedure).toEqual(stats.byProcedure);
    expect((await api('GET', `/dossier-reports/statistics?${period}`, people.officer.replace(/=.*/, '=x'))).statusCode).toBe(401);
  });

  it('O13 the check lists the dossiers whose recorded steps deviate from their procedure version', async () => {
    const before = (await api('GET', `/dossier-reports/compliance?${period}`, people.officer)).json().items;
    expect(before).toEqual([]);
    // a step record lost (e.g. a dossier migrated from an old one-stop system without its tax step)
    await db.query(`delete from dossier_step where dossier_id = $1 and step_code = 'tax'`, [transferDone.id]);
    const after = (await api('GET', `/dossier-reports/compliance?${period}`, people.officer)).json().items;
    expect(after).toEqual([expect.objectContaining({
      receiptCode: transferDone.receiptCode, planned: ['check', 'tax', 'record', 'approve'], recorded: ['check', 'record', 'approve'],
      reason: expect.objectContaining({ en: 'Step "record" recorded in position 2; the procedure has "tax"' }),
    })]);
  });
});

describe('the public look-up is rate-limited (issue #7 item 7)', () => {
  it('F2 one address gets 429 after the configured look-ups per minute (default 30)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await app.inject({ method: 'GET', url: '/api/v1/public/dossiers/25195-261125-9998' })).statusCode);
    expect(statuses).toContain(404);
    expect(statuses.at(-1)).toBe(429);
  });
});
