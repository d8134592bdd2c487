// Change transactions (biến động): prepared as pending against the parcel's current
// rights, applied atomically on approval (old versions end, new ones start at the same
// instant), refused if the parcel changed in between so that no update is lost.
import type { Database, Queryable } from '../../db/database.js';
import { AppError, errors } from '../../kernel/app-error.js';
import type { Clock } from '../../kernel/clock.js';
import { encodeParcelsChanged, PARCELS_CHANGED_CHANNEL, type AppEvents } from '../../kernel/events.js';
import { actAs, appendAudit, type Actor } from '../audit/index.js';
import {
  checkEdits, PARCEL_CHANGE_TYPES, RIGHTS_CHANGE_TYPES,
  type ChangeEdits, type ChangeType, type FirstRegistrationEdits, type MortgageEdits, type ParcelChangeType, type PartyRef, type ReissueEdits, type ReleaseEdits, type RightsEdits,
} from './change-rules.js';
import * as repo from './changes.repo.js';
import { applyParcelChange, planParcelChange } from './parcel-changes.service.js';
import { extentsTouchedByChange, parcelsStartedBy } from './parcel-versions.repo.js';
import type { ParcelKey } from './parcels.repo.js';
import { getParcel } from './parcels.service.js';
import { unitIdsByCode, unitLineageIds } from '../units/index.js';

export interface ChangesDeps {
  db: Database;
  clock: Clock;
  /** told after an approval commits which parcel extents it redrew (vector tile caches listen) */
  events?: AppEvents | undefined;
}

export interface ChangeProposal {
  type: ChangeType;
  parcel: ParcelKey;
  legalBasis: string;
  dossierRef?: string | undefined;
  edits: ChangeEdits;
}

/** Checks that the caller's permission covers a unit id (routes pass the auth context in). */
export type UnitCheck = (unitId: number) => boolean;

/** Field by field: based_on is stored as jsonb, which does not keep the order of keys. */
const sameState = (a: repo.BasedOn, b: repo.BasedOn) =>
  (['rights', 'restrictions', 'parcels'] as const).every((k) => JSON.stringify(a[k] ?? []) === JSON.stringify(b[k] ?? []));

const isParcelChange = (type: string): type is ParcelChangeType => (PARCEL_CHANGE_TYPES as readonly string[]).includes(type);

/** Checks of a proposal that need the record (beyond the shape of its edits). */
async function checkAgainstRecord(q: Queryable, type: ChangeType, parcelId: string, edits: ChangeEdits, basedOn: repo.BasedOn): Promise<string[]> {
  if (type === 'mortgage_release' && !basedOn.restrictions.includes((edits as ReleaseEdits).restrictionId)) {
    throw errors.invalid({ vi: 'Thửa đất không có đăng ký thế chấp này', en: 'The parcel has no such mortgage' }, { field: 'body/edits/restrictionId' });
  }
  if (type === 'certificate_reissue') await checkReissue(q, parcelId, edits as ReissueEdits);
  if (type === 'first_registration') await checkFirstRegistration(q, parcelId, edits as FirstRegistrationEdits);
  if (!isParcelChange(type)) return [];
  const plan = await planParcelChange(q, type, parcelId, edits);
  return plan.parents.slice(1).map((p) => p.id);
}

async function checkReissue(q: Queryable, parcelId: string, edits: ReissueEdits): Promise<string> {
  const old = await repo.certificateOfParcel(q, edits.certificateSerial, parcelId);
  if (!old || old.status !== 'valid') {
    throw errors.invalid(
      { vi: `Thửa đất không có Giấy chứng nhận số phát hành ${edits.certificateSerial} đang hiệu lực`, en: `The parcel has no valid certificate with serial ${edits.certificateSerial}` },
      { field: 'body/edits/certificateSerial' },
    );
  }
  if (await repo.serialTaken(q, edits.newCertificate.serial)) {
    throw errors.invalid({ vi: `Số phát hành ${edits.newCertificate.serial} đã được dùng`, en: `Serial ${edits.newCertificate.serial} is already used` }, { field: 'body/edits/newCertificate/serial' });
  }
  return old.id;
}

async function checkFirstRegistration(q: Queryable, parcelId: string, edits: FirstRegistrationEdits): Promise<void> {
  if ((await repo.liveLandUseRights(q, parcelId)) > 0) {
    throw errors.invalid({ vi: 'Thửa đất đã được đăng ký: hãy lập biến động chuyển quyền', en: 'The parcel is already registered: prepare a transfer instead' }, { field: 'body/type' });
  }
  if (edits.certificate && (await repo.serialTaken(q, edits.certificate.serial))) {
    throw errors.invalid({ vi: `Số phát hành ${edits.certificate.serial} đã được dùng`, en: `Serial ${edits.certificate.serial} is already used` }, { field: 'body/edits/certificate/serial' });
  }
}

export async function proposeChange(deps: ChangesDeps, actor: Actor, proposal: ChangeProposal): Promise<repo.ChangeRow> {
  checkEdits(proposal.type, proposal.edits);
  const parcel = await getParcel(deps.db, proposal.parcel.unitCode, proposal.parcel.sheetNumber, proposal.parcel.parcelNumber);
  // geometry is checked before the write transaction: a statement PostGIS refuses must not abort it
  const extra = await checkAgainstRecord(deps.db, proposal.type, parcel.id, proposal.edits, await repo.currentState(deps.db, [parcel.id], false));
  return actAs(deps.db, actor, async (tx) => {
    const basedOn = await repo.currentState(tx, [parcel.id, ...extra], false);
    const id = await repo.insertChange(tx, {
      type: proposal.type, legalBasis: proposal.legalBasis, dossierRef: proposal.dossierRef, parcelId: parcel.id,
      edits: proposal.edits, basedOn, createdBy: actor.id, now: deps.clock.now(),
    });
    if (extra.length > 0) await repo.insertExtraParcels(tx, id, extra);
    return (await repo.getChange(tx, id))!;
  });
}

async function partyId(tx: Queryable, ref: PartyRef, field: string): Promise<string> {
  if ('partyId' in ref) {
    if (!(await repo.partyExists(tx, ref.partyId))) throw errors.invalid({ vi: 'Không có người sử dụng đất này', en: 'No such party' }, { field });
    return ref.partyId;
  }
  return repo.insertParty(tx, ref.party);
}

async function applyEdits(tx: Queryable, change: repo.ChangeRow, at: Date): Promise<void> {
  const type = change.changeType as ChangeType;
  if (type === 'first_registration' || (RIGHTS_CHANGE_TYPES as readonly string[]).includes(type)) {
    if (type === 'first_registration') await checkFirstRegistration(tx, change.parcelId, change.edits as unknown as FirstRegistrationEdits);
    await repo.endRights(tx, change.parcelId, change.id, at);
    for (const [i, holder] of (change.edits as unknown as RightsEdits).to.entries()) {
      const id = await partyId(tx, holder, `edits/to/${i}`);
      await repo.insertRight(tx, { parcelId: change.parcelId, partyId: id, share: holder.share, changeId: change.id, at });
    }
    const certificate = (change.edits as unknown as FirstRegistrationEdits).certificate;
    if (type === 'first_registration' && certificate) await repo.issueCertificate(tx, { ...certificate, parcelId: change.parcelId, changeId: change.id, at });
  } else if (type === 'mortgage') {
    const edits = change.edits as unknown as MortgageEdits;
    const lenderId = await partyId(tx, edits.lender, 'edits/lender');
    await repo.insertMortgage(tx, { parcelId: change.parcelId, lenderId, amount: edits.amount ?? null, contractRef: edits.contractRef, changeId: change.id, at });
  } else if (type === 'mortgage_release') {
    await repo.endRestriction(tx, change.parcelId, (change.edits as unknown as ReleaseEdits).restrictionId, change.id, at);
  } else if (type === 'certificate_reissue') {
    const edits = change.edits as unknown as ReissueEdits;
    const oldId = await checkReissue(tx, change.parcelId, edits);
    await repo.reissueCertificate(tx, { oldId, reason: edits.reason, ...edits.newCertificate, parcelId: change.parcelId, changeId: change.id, at });
  } else if (isParcelChange(type)) {
    await applyParcelChange(tx, await planParcelChange(tx, type, change.parcelId, change.edits), change.id, at);
  }
}

async function pendingChange(tx: Queryable, id: string, mayDecide: UnitCheck): Promise<repo.ChangeRow> {
  const change = await repo.getChange(tx, id);
  if (!change) throw errors.notFound({ vi: 'biến động', en: 'Change' }, { changeId: id });
  if (!mayDecide(change.unitId)) {
    throw new AppError('FORBIDDEN', { vi: 'Tài khoản không có quyền phê duyệt biến động của đơn vị này', en: 'The account may not approve changes of this unit' });
  }
  if (change.status !== 'pending') {
    throw new AppError('CONFLICT', { vi: `Biến động đã ở trạng thái "${change.status}"`, en: `The change is already ${change.status}` }, { status: change.status });
  }
  return change;
}

/** Approval: the change comes into force now, all its edits in one transaction. */
export type ApprovedChange = repo.ChangeRow & { result: ParcelKey[] };

/**
 * Approval inside the caller's transaction (a dossier closes in the same one: all or
 * nothing); the caller calls `announce` once that transaction has committed.
 */
export async function approveChangeInTransaction(tx: Queryable, deps: ChangesDeps, actor: Actor, id: string, mayApprove: UnitCheck): Promise<{ change: ApprovedChange; announce(): void }> {
  const now = deps.clock.now();
  const approved = await (async () => {
    const change = await pendingChange(tx, id, mayApprove);
    const involved = [change.parcelId, ...(await repo.extraParcels(tx, id))];
    const current = await repo.currentState(tx, involved, true);
    if (!sameState(current, change.basedOn)) {
      throw new AppError(
        'CONFLICT',
        {
          vi: 'Thửa đất đã có biến động khác được duyệt sau khi hồ sơ này được lập: hãy lập lại biến động trên dữ liệu mới',
          en: 'Another change of this parcel was approved after this one was prepared: prepare it again on the current record',
        },
        { changeId: id, parcelId: change.parcelId },
      );
    }
    await applyEdits(tx, change, now);
    await repo.decide(tx, id, 'approved', actor.id, now);
    const result = await parcelsStartedBy(tx, id);
    await appendAudit(tx, actor, { action: 'change.approve', objectType: 'land_change', objectId: id, unitId: change.unitId, details: { type: change.changeType, result } });
    const extents = await extentsTouchedByChange(tx, id, involved);
    // other processes hear it when (and only if) this commits
    if (extents.length > 0) await repo.notify(tx, PARCELS_CHANGED_CHANNEL, encodeParcelsChanged({ changeId: id, bboxes: extents, origin: deps.events?.origin }));
    return { change: { ...(await repo.getChange(tx, id))!, result }, extents };
  })();
  // after the commit: this process's maps redraw at once what the change ended or started
  // (nothing for a change of rights only)
  const announce = () => {
    if (approved.extents.length > 0) deps.events?.parcelsChanged({ changeId: id, bboxes: approved.extents });
  };
  return { change: approved.change, announce };
}

export async function approveChange(deps: ChangesDeps, actor: Actor, id: string, mayApprove: UnitCheck): Promise<ApprovedChange> {
  const approved = await actAs(deps.db, actor, (tx) => approveChangeInTransaction(tx, deps, actor, id, mayApprove));
  approved.announce();
  return approved.change;
}

export async function cancelChange(deps: ChangesDeps, actor: Actor, id: string, mayCancel: UnitCheck): Promise<repo.ChangeRow> {
  return actAs(deps.db, actor, async (tx) => {
    await pendingChange(tx, id, mayCancel);
    await repo.decide(tx, id, 'cancelled', actor.id, deps.clock.now());
    return (await repo.getChange(tx, id))!;
  });
}

/** A change in a timeline: what, when, why, but not its edits (they carry new parties' personal data). */
export type ChangeSummary = Omit<repo.ChangeRow, 'edits' | 'basedOn'>;

export interface ParcelHistory {
  parcelId: string;
  changes: ChangeSummary[];
  restrictions: repo.RestrictionRow[];
}

/** The timeline of a parcel (pending changes shown as such) and its restrictions at a time. */
export async function parcelHistory(db: Queryable, key: ParcelKey, at: Date): Promise<ParcelHistory> {
  const parcel = await getParcel(db, key.unitCode, key.sheetNumber, key.parcelNumber);
  const changes = (await repo.changesOfParcel(db, parcel.id)).map(({ edits: _edits, basedOn: _basedOn, ...summary }) => summary);
  return { parcelId: parcel.id, changes, restrictions: await repo.restrictionsAsOf(db, parcel.id, at) };
}

/** The changes filed on parcels of a unit (and the units it succeeded), newest first. */
export async function listChangesOfUnit(db: Queryable, q: { unitCode: string; date: string; status?: string | undefined; limit: number }): Promise<repo.ChangeListItem[]> {
  // today's unit with the old ones merged into it; a code no longer in use: the units that bore it
  const lineage = await unitLineageIds(db, q.unitCode, q.date);
  const unitIds = lineage.length > 0 ? lineage : await unitIdsByCode(db, q.unitCode);
  if (unitIds.length === 0) throw errors.notFound({ vi: `đơn vị hành chính mã ${q.unitCode}`, en: `Administrative unit ${q.unitCode}` }, { field: 'querystring/unitCode' });
  return repo.listChanges(db, { unitIds, status: q.status ?? null, limit: q.limit });
}

export interface ChangeDetail extends ChangeSummary {
  /** the edits (new parties' personal data among them), or null when the caller may not read them */
  edits: Record<string, unknown> | null;
  result: ParcelKey[];
}

/**
 * One change. Its edits carry the personal data of the new parties: shown to a caller who
 * reads personal data on the unit, and that read is logged (P4); others see the change without them.
 */
export async function getChangeDetail(db: Database, actor: Actor, id: string, mayRead: UnitCheck, mayReadPersonal: UnitCheck): Promise<ChangeDetail> {
  const change = await repo.getChange(db, id);
  if (!change || !mayRead(change.unitId)) throw errors.notFound({ vi: 'biến động', en: 'Change' }, { changeId: id });
  const { edits, basedOn: _basedOn, ...summary } = change;
  const result = await parcelsStartedBy(db, id);
  if (!mayReadPersonal(change.unitId)) return { ...summary, edits: null, result };
  await actAs(db, actor, (tx) => appendAudit(tx, actor, { action: 'read.personal', objectType: 'land_change', objectId: id, unitId: change.unitId, details: { fields: ['edits'] } }));
  return { ...summary, edits, result };
}
