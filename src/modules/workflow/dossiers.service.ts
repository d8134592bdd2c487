// Dossiers (hồ sơ, issue #7 items 2, 3, 6, 7; F2, O13): intake with a receipt code and
// the due day from the working-day calendar, steps acted by the role the procedure
// version names, assignment and transfer, return for supplements (the clock stops),
// refusal, the result applied to the cadastre in the same transaction as the dossier
// closes, and an append-only timeline of who did what when.
import type { Queryable } from '../../db/database.js';
import { AppError, errors } from '../../kernel/app-error.js';
import { actAs, appendAudit, type Actor } from '../audit/index.js';
import { approveChangeInTransaction, cancelChange, getChange, getParcel, proposeChange, type ChangeEdits, type ChangeType, type ChangesDeps } from '../cadastre/index.js';
import { unitLineageIds } from '../units/index.js';
import { deadlineStatus, effectiveDueDay, stepThatCausedDelay, type DeadlineStatus } from './deadlines.js';
import * as repo from './dossiers.repo.js';
import { messagesOf, queueMessage, type ExchangeMessage } from './exchange.repo.js';
import type { ExternalAnswer } from './external.js';
import { checkFormData } from './forms.js';
import { localDay } from './holidays.js';
import { getProcedure, loadCalendar, type WorkflowDeps } from './procedures.service.js';
import { procedureById, settingNumber, type ProcedureStep, type ProcedureVersion } from './procedures.repo.js';
import { addWorkingDays, countingDay, workingDaysBetween, type WorkingCalendar } from './working-days.js';

export interface DossierDeps extends WorkflowDeps {
  /** the cadastre's change service (its events tell the map caches what an approval redrew) */
  changes: ChangesDeps;
}

/** Does the caller hold a permission on a unit (routes pass the auth context in)? */
export type Scope = (permission: string, unitId: number) => boolean;

export const MAX_PARCELS_PER_DOSSIER = 20;

export interface IntakeInput {
  procedureCode: string;
  unitCode: string;
  channel: 'counter' | 'one_stop' | 'online';
  applicant: repo.Applicant;
  parcels: Array<{ unitCode: string; sheetNumber: number; parcelNumber: number }>;
  forms: Record<string, unknown>;
  documents: repo.DocumentReceived[];
  disadvantagedCommune?: boolean | undefined;
}

const notFound = (id: string) => errors.notFound({ vi: 'hồ sơ', en: 'Dossier' }, { dossierId: id });

function forbidden(vi: string, en: string, details?: Record<string, unknown>): AppError {
  return new AppError('FORBIDDEN', { vi, en }, details);
}

const conflict = (vi: string, en: string, details?: Record<string, unknown>) => new AppError('CONFLICT', { vi, en }, details);

const READ_PERMISSIONS = ['dossier.intake', 'dossier.process', 'dossier.approve'];
const mayRead = (may: Scope, unitId: number) => READ_PERMISSIONS.some((p) => may(p, unitId));

/** Completeness (Nghị định 61/2018/NĐ-CP, Điều 19: an incomplete dossier is not received; the applicant is told what is missing). */
function checkComplete(procedure: ProcedureVersion, documents: repo.DocumentReceived[]): void {
  const given = new Set(documents.map((d) => d.type));
  const missing = procedure.documents.filter((d) => d.required && !given.has(d.documentType)).map((d) => d.documentType);
  if (missing.length > 0) {
    throw errors.invalid(
      { vi: `Hồ sơ chưa đủ thành phần, còn thiếu: ${missing.join(', ')}`, en: `The dossier is incomplete; missing: ${missing.join(', ')}` },
      { field: 'body/documents', missing },
    );
  }
  const allowed = new Set(procedure.documents.map((d) => d.documentType));
  const other = documents.findIndex((d) => !allowed.has(d.type) && d.type !== 'other');
  if (other >= 0) {
    throw errors.invalid({ vi: `Thủ tục không có thành phần ${documents[other]!.type}`, en: `The procedure has no document ${documents[other]!.type}` }, { field: `body/documents/${other}/type` });
  }
}

/** Puts the dossier into a step: a step whose clock does not run stops the clock; an outside party's step waits for it. */
async function enterStep(tx: Queryable, dossierId: string, step: ProcedureStep, at: Date): Promise<repo.DossierStatus> {
  await repo.startStep(tx, dossierId, step.seq, step.code, at);
  if (!step.clockRuns) await repo.startPause(tx, dossierId, 'external', at);
  // the request to the party is queued with the step; a job sends it (tax-exchange.ts)
  if (step.externalParty) await queueMessage(tx, { party: step.externalParty, dossierId, stepSeq: step.seq, at });
  const status: repo.DossierStatus = step.externalParty ? 'waiting_external' : 'processing';
  await repo.update(tx, dossierId, { currentStep: step.seq, stepStartedAt: at, status });
  return status;
}

/** Ends the current step: a stop of the step's own ends and moves the due day; the step's working days are recorded. */
async function leaveStep(tx: Queryable, calendar: WorkingCalendar, d: repo.DossierRow, at: Date, by: string | null): Promise<string> {
  let due = d.dueDay;
  if (d.openPauseAt) {
    const stopped = workingDaysBetween(calendar, localDay(d.openPauseAt), localDay(at));
    await repo.endPause(tx, d.id, stopped, at);
    due = addWorkingDays(calendar, due, stopped);
    await repo.update(tx, d.id, { dueDay: due });
  }
  const since = d.stepStartedAt ?? d.receivedAt;
  const used = workingDaysBetween(calendar, localDay(since), localDay(at)) - (await repo.pausedDaysSince(tx, d.id, since));
  await repo.endStep(tx, d.id, Math.max(0, used), by, at);
  return due;
}

/** `within` runs in the intake's transaction once the dossier row exists (the one-stop link: one-stop.ts). */
export async function intake(deps: DossierDeps, actor: Actor, input: IntakeInput, within?: (tx: Queryable, dossierId: string) => Promise<void>): Promise<DossierView> {
  const procedure = await getProcedure(deps.db, input.procedureCode, null);
  const now = deps.clock.now();
  const today = localDay(now);
  const [unitId] = await unitLineageIds(deps.db, input.unitCode, today);
  if (unitId === undefined) throw errors.notFound({ vi: `đơn vị hành chính mã ${input.unitCode}`, en: `Administrative unit ${input.unitCode}` }, { field: 'body/unitCode' });
  checkComplete(procedure, input.documents);
  checkFormData(procedure.forms, input.forms);
  const parcelIds: string[] = [];
  for (const [i, key] of input.parcels.entries()) {
    const parcel = await getParcel(deps.db, key.unitCode, key.sheetNumber, key.parcelNumber).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw errors.invalid(error.messages, { field: `body/parcels/${i}` });
      throw error;
    });
    if (parcelIds.includes(parcel.id)) throw errors.invalid({ vi: 'Thửa đất bị lặp', en: 'A parcel is given twice' }, { field: `body/parcels/${i}` });
    parcelIds.push(parcel.id);
  }
  const calendar = await loadCalendar(deps.db);
  const receivedDay = countingDay(calendar, now);
  const limit = procedure.timeLimitDays + (input.disadvantagedCommune ? procedure.extraDaysDisadvantaged : 0);
  const first = procedure.steps[0];
  if (!first) throw conflict('Thủ tục chưa có bước xử lý', 'The procedure has no steps');
  const id = await actAs(deps.db, actor, async (tx) => {
    // receipt code: unit, local day, sequence; nothing personal (the citizen's look-up key)
    const seq = await repo.nextReceiptNumber(tx, input.unitCode, today);
    const receiptCode = `${input.unitCode}-${today.slice(2).replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
    const id = await repo.insertDossier(tx, {
      receiptCode, procedureId: procedure.id, unitId, channel: input.channel, applicant: input.applicant, formData: input.forms,
      documents: input.documents, disadvantagedCommune: input.disadvantagedCommune ?? false, receivedAt: now, receivedDay,
      dueDay: addWorkingDays(calendar, receivedDay, limit), firstStep: first.seq, createdBy: actor.id,
    }, parcelIds);
    await within?.(tx, id);
    const status = await enterStep(tx, id, first, now);
    await repo.appendEvent(tx, id, actor, now, { action: 'intake', stepCode: first.code, toStatus: status, details: { procedure: procedure.code, version: procedure.version, channel: input.channel } });
    return id;
  });
  return viewOf(deps.db, (await repo.getDossier(deps.db, id))!, calendar, now);
}

async function openDossier(tx: Queryable, id: string, may: Scope, permission: string): Promise<{ d: repo.DossierRow; procedure: ProcedureVersion }> {
  const d = await repo.getDossier(tx, id, true);
  if (!d || !mayRead(may, d.unitId)) throw notFound(id);
  if (!may(permission, d.unitId)) {
    throw forbidden(`Tài khoản không có quyền "${permission}" trên đơn vị của hồ sơ`, `The account lacks "${permission}" on the dossier's unit`, { permission });
  }
  if (d.closedAt) throw conflict(`Hồ sơ đã kết thúc (${d.status})`, `The dossier is closed (${d.status})`, { status: d.status });
  return { d, procedure: (await procedureById(tx, d.procedureId))! };
}

function currentStepOf(procedure: ProcedureVersion, d: repo.DossierRow): ProcedureStep {
  return procedure.steps.find((s) => s.seq === d.currentStep)!;
}

async function checkRole(tx: Queryable, accountId: string | null, step: ProcedureStep, unitId: number, now: Date, who: 'actor' | 'assignee'): Promise<void> {
  if (accountId && (await repo.holdsRole(tx, accountId, step.roleCode, unitId, now))) return;
  const vi = who === 'actor' ? 'Tài khoản' : 'Người được giao';
  const en = who === 'actor' ? 'The account' : 'The assignee';
  throw forbidden(
    `${vi} không giữ vai trò "${step.roleCode}" mà bước "${step.nameVi}" yêu cầu trên đơn vị của hồ sơ`,
    `${en} does not hold the role "${step.roleCode}" that step "${step.nameEn}" requires on the dossier's unit`,
    { role: step.roleCode, step: step.code },
  );
}

export interface StepOptions {
  note?: string | undefined;
  /** the answer of the outside party the step waits for (tax notice …); the party's adapter acts, no role is checked */
  external?: { party: string; answer: ExternalAnswer } | undefined;
}

/**
 * Completes the dossier's current step. The last step is the result: the dossier's change
 * transaction is approved in the same transaction as the dossier closes; if the approval
 * fails nothing changes but the error, recorded on the dossier and in its timeline.
 */
export async function completeStep(deps: DossierDeps, actor: Actor, may: Scope, id: string, options: StepOptions = {}): Promise<DossierView> {
  const now = deps.clock.now();
  const calendar = await loadCalendar(deps.db);
  let finalStep = false;
  try {
    const done = await actAs(deps.db, actor, async (tx) => {
      const { d, procedure } = await openDossier(tx, id, may, 'dossier.process');
      const step = currentStepOf(procedure, d);
      if (options.external) {
        if (d.status !== 'waiting_external' || step.externalParty !== options.external.party) {
          throw conflict(`Hồ sơ không chờ kết quả từ ${options.external.party}`, `The dossier is not waiting for ${options.external.party}`, { status: d.status, step: step.code });
        }
      } else {
        if (d.status === 'returned') throw conflict('Hồ sơ đang chờ bổ sung', 'The dossier is waiting for supplements', { status: d.status });
        await checkRole(tx, actor.id, step, d.unitId, now, 'actor');
      }
      const next = procedure.steps.find((s) => s.seq > step.seq);
      finalStep = !next;
      if (next) {
        await leaveStep(tx, calendar, d, now, actor.id);
        const status = await enterStep(tx, id, next, now);
        await repo.appendEvent(tx, id, actor, now, {
          action: options.external ? 'external.answer' : 'step.complete', stepCode: step.code, fromStatus: d.status, toStatus: status, note: options.note,
          details: { next: next.code, ...(options.external ? { party: options.external.party, reference: options.external.answer.reference, content: options.external.answer.content } : {}) },
        });
        return { announce: () => {} };
      }
      if (procedure.changeType && !d.changeId) {
        throw conflict('Chưa lập biến động cho hồ sơ: hãy lập biến động trước khi trả kết quả', 'No change transaction is prepared for the dossier: prepare it before the result');
      }
      await leaveStep(tx, calendar, d, now, actor.id);
      const approved = d.changeId
        ? await approveChangeInTransaction(tx, deps.changes, actor, d.changeId, (unitId) => may('cadastre.approve', unitId))
        : undefined;
      await repo.update(tx, id, { status: 'done', closedAt: now, resultError: null });
      await repo.appendEvent(tx, id, actor, now, {
        action: 'result', stepCode: step.code, fromStatus: d.status, toStatus: 'done', note: options.note,
        details: approved ? { changeId: d.changeId, parcels: approved.change.result } : {},
      });
      return { announce: approved?.announce ?? (() => {}) };
    });
    done.announce();
  } catch (error) {
    if (finalStep) await recordResultFailure(deps, actor, id, error, now);
    throw error;
  }
  return viewOf(deps.db, (await repo.getDossier(deps.db, id))!, calendar, now);
}

/** A failed result leaves the dossier open, with the error on it and in its timeline. */
async function recordResultFailure(deps: DossierDeps, actor: Actor, id: string, error: unknown, at: Date): Promise<void> {
  const known = error instanceof AppError ? error : new AppError('INTERNAL', { vi: 'Lỗi khi cập nhật kết quả', en: `The result could not be applied: ${String(error)}` });
  await actAs(deps.db, actor, async (tx) => {
    await repo.update(tx, id, { resultError: `${known.code}: ${known.messages.vi} / ${known.messages.en}`.slice(0, 2000) });
    await repo.appendEvent(tx, id, actor, at, { action: 'result.failed', note: known.messages.vi.slice(0, 2000), details: { code: known.code, en: known.messages.en } });
  });
}

/** The outside party's answer (the tax notice …) completes the step waiting for it: the entry point of the adapters. */
export function recordExternalAnswer(deps: DossierDeps, actor: Actor, id: string, party: string, answer: ExternalAnswer): Promise<DossierView> {
  return completeStep(deps, actor, () => true, id, { external: { party, answer } });
}

/** Prepares the dossier's change transaction (pending) through the cadastre, from its first parcel. */
export async function prepareChange(deps: DossierDeps, actor: Actor, may: Scope, id: string, input: { edits: ChangeEdits; legalBasis?: string | undefined }): Promise<DossierView> {
  const { d, procedure } = await openDossier(deps.db, id, may, 'dossier.process');
  if (!procedure.changeType) throw conflict('Thủ tục này không tạo biến động', 'This procedure produces no change transaction');
  if (d.changeId) throw conflict('Hồ sơ đã có biến động', 'The dossier already has a change transaction', { changeId: d.changeId });
  if (!may('cadastre.edit', d.unitId)) throw forbidden('Tài khoản không có quyền lập biến động trên đơn vị này', 'The account may not prepare changes on this unit');
  const [parcel] = await repo.parcelsOf(deps.db, id);
  const change = await proposeChange(deps.changes, actor, {
    type: procedure.changeType as ChangeType,
    parcel: { unitCode: parcel!.unitCode, sheetNumber: parcel!.sheetNumber, parcelNumber: parcel!.parcelNumber },
    legalBasis: (input.legalBasis ?? `${procedure.nameVi}; ${procedure.legalBasis}`).slice(0, 500),
    dossierRef: d.receiptCode,
    edits: input.edits,
  });
  const now = deps.clock.now();
  await actAs(deps.db, actor, async (tx) => {
    await repo.update(tx, id, { changeId: change.id });
    await repo.appendEvent(tx, id, actor, now, { action: 'change.prepare', stepCode: currentStepOf(procedure, d).code, details: { changeId: change.id, type: procedure.changeType } });
  });
  return viewOf(deps.db, (await repo.getDossier(deps.db, id))!, await loadCalendar(deps.db), now);
}

/** Assigns the dossier to an officer, or transfers it to another; the officer must hold the current step's role. */
export async function assign(deps: DossierDeps, actor: Actor, may: Scope, id: string, accountId: string, note?: string): Promise<DossierView> {
  const now = deps.clock.now();
  await actAs(deps.db, actor, async (tx) => {
    const { d, procedure } = await openDossier(tx, id, may, 'dossier.process');
    const name = await repo.accountName(tx, accountId);
    if (!name) throw errors.invalid({ vi: 'Không có tài khoản này', en: 'No such account' }, { field: 'body/accountId' });
    const step = currentStepOf(procedure, d);
    await checkRole(tx, accountId, step, d.unitId, now, 'assignee');
    await repo.update(tx, id, { assignedTo: accountId });
    await repo.appendEvent(tx, id, actor, now, {
      action: d.assignedTo ? 'transfer' : 'assign', stepCode: step.code, note, details: { from: d.assignedTo, to: accountId, toName: name },
    });
  });
  return viewOf(deps.db, (await repo.getDossier(deps.db, id))!, await loadCalendar(deps.db), now);
}

/** Returned for supplements: the clock stops until they arrive (Nghị định 61/2018/NĐ-CP; the time is not counted). */
export async function returnForSupplements(deps: DossierDeps, actor: Actor, may: Scope, id: string, reason: string): Promise<DossierView> {
  const now = deps.clock.now();
  await actAs(deps.db, actor, async (tx) => {
    const { d, procedure } = await openDossier(tx, id, may, 'dossier.process');
    if (d.status !== 'processing' || d.openPauseAt) throw conflict('Chỉ trả hồ sơ đang xử lý để bổ sung', 'Only a dossier in processing can be returned for supplements', { status: d.status });
    await repo.startPause(tx, id, 'supplement', now);
    await repo.update(tx, id, { status: 'returned' });
    await repo.appendEvent(tx, id, actor, now, { action: 'return', stepCode: currentStepOf(procedure, d).code, fromStatus: d.status, toStatus: 'returned', note: reason });
  });
  return viewOf(deps.db, (await repo.getDossier(deps.db, id))!, await loadCalendar(deps.db), now);
}

/** The supplements arrived: the clock runs again and the due day moves by the working days it stood still. */
export async function supplementsReceived(deps: DossierDeps, actor: Actor, may: Scope, id: string, note: string): Promise<DossierView> {
  const now = deps.clock.now();
  const calendar = await loadCalendar(deps.db);
  await actAs(deps.db, actor, async (tx) => {
    const { d, procedure } = await openDossier(tx, id, may, 'dossier.intake');
    if (d.status !== 'returned' || !d.openPauseAt) throw conflict('Hồ sơ không chờ bổ sung', 'The dossier is not waiting for supplements', { status: d.status });
    const stopped = workingDaysBetween(calendar, localDay(d.openPauseAt), localDay(now));
    await repo.endPause(tx, id, stopped, now);
    const due = addWorkingDays(calendar, d.dueDay, stopped);
    await repo.update(tx, id, { status: 'processing', dueDay: due });
    await repo.appendEvent(tx, id, actor, now, {
      action: 'supplement', stepCode: currentStepOf(procedure, d).code, fromStatus: 'returned', toStatus: 'processing', note,
      details: { stoppedWorkingDays: stopped, dueDayBefore: d.dueDay, dueDay: due },
    });
  });
  return viewOf(deps.db, (await repo.getDossier(deps.db, id))!, calendar, now);
}

/**
 * Refusal, with the reasons given to the applicant in writing. The dossier's pending
 * change, if any, is cancelled after (the cadastre's cancellation has its own transaction;
 * if it fails, the timeline says so and the change stays pending, unapplied).
 */
export async function refuse(deps: DossierDeps, actor: Actor, may: Scope, id: string, reason: string): Promise<DossierView> {
  const now = deps.clock.now();
  const calendar = await loadCalendar(deps.db);
  const changeId = await actAs(deps.db, actor, async (tx) => {
    const { d, procedure } = await openDossier(tx, id, may, 'dossier.approve');
    await leaveStep(tx, calendar, d, now, actor.id);
    await repo.update(tx, id, { status: 'refused', closedAt: now, refusalReason: reason });
    await repo.appendEvent(tx, id, actor, now, { action: 'refuse', stepCode: currentStepOf(procedure, d).code, fromStatus: d.status, toStatus: 'refused', note: reason });
    return d.changeId;
  });
  if (changeId) {
    await cancelChange(deps.changes, actor, changeId, (unitId) => may('cadastre.edit', unitId)).catch(async (error: unknown) => {
      const message = error instanceof AppError ? error.messages.en : String(error);
      await actAs(deps.db, actor, (tx) => repo.appendEvent(tx, id, actor, now, { action: 'change.cancel_failed', note: message.slice(0, 2000), details: { changeId } }));
    });
  }
  return viewOf(deps.db, (await repo.getDossier(deps.db, id))!, calendar, now);
}

export interface Deadline {
  dueDay: string;
  status: DeadlineStatus;
  /** the step whose share of the time limit was exceeded, when late */
  lateStep: string | null;
}

async function deadlineOf(db: Queryable, calendar: WorkingCalendar, d: repo.DossierRow, procedure: ProcedureVersion, now: Date): Promise<Deadline> {
  const today = localDay(now);
  const dueDay = effectiveDueDay(calendar, d.dueDay, d.openPauseAt ? localDay(d.openPauseAt) : null, today);
  const dueSoonDays = await settingNumber(db, 'workflow.due_soon_days', 2);
  const status = deadlineStatus(calendar, { today, dueDay, closedDay: d.closedAt ? localDay(d.closedAt) : null, dueSoonDays });
  if (status !== 'late') return { dueDay, status, lateStep: null };
  const done = await repo.stepsDone(db, d.id);
  const open = done.find((s) => s.endedAt === null);
  const openDays = open ? workingDaysBetween(calendar, localDay(new Date(open.startedAt)), today) - (await repo.pausedDaysSince(db, d.id, new Date(open.startedAt))) : null;
  return { dueDay, status, lateStep: stepThatCausedDelay(procedure.steps, done, openDays) };
}

export interface DossierView {
  id: string;
  receiptCode: string;
  procedure: { code: string; version: number; nameVi: string; nameEn: string; legalBasis: string; timeLimitDays: number; changeType: string | null; financialObligations: boolean };
  unitCode: string;
  status: repo.DossierStatus;
  channel: string;
  applicant: repo.Applicant;
  forms: Record<string, unknown>;
  documents: repo.DocumentReceived[];
  scans: Array<{ documentUid: string; documentType: string; title: string }>;
  parcels: Array<{ unitCode: string; sheetNumber: number; parcelNumber: number }>;
  receivedAt: string;
  receivedDay: string;
  baseDueDay: string;
  deadline: Deadline;
  currentStep: ProcedureStep | null;
  steps: ProcedureStep[];
  stepsDone: repo.StepRecord[];
  assignedTo: string | null;
  changeId: string | null;
  /** the change prepared for the dossier: its type and where it stands (pending until the result) */
  change: { id: string; changeType: string; typeName: { vi: string; en: string }; status: string } | null;
  resultError: string | null;
  refusalReason: string | null;
  closedAt: string | null;
  timeline: repo.EventRow[];
  /** round trips with outside parties (the tax notice and its payment) */
  exchanges: ExchangeMessage[];
}

async function viewOf(db: Queryable, d: repo.DossierRow, calendar: WorkingCalendar, now: Date): Promise<DossierView> {
  const procedure = (await procedureById(db, d.procedureId))!;
  return {
    id: d.id, receiptCode: d.receiptCode,
    procedure: { code: procedure.code, version: procedure.version, nameVi: procedure.nameVi, nameEn: procedure.nameEn, legalBasis: procedure.legalBasis, timeLimitDays: procedure.timeLimitDays, changeType: procedure.changeType, financialObligations: procedure.financialObligations },
    unitCode: d.unitCode, status: d.status, channel: d.channel, applicant: d.applicant, forms: d.formData, documents: d.documents,
    scans: await repo.scansOf(db, d.receiptCode),
    parcels: (await repo.parcelsOf(db, d.id)).map(({ id: _id, ...key }) => key),
    receivedAt: d.receivedAt.toISOString(), receivedDay: d.receivedDay, baseDueDay: d.baseDueDay,
    deadline: await deadlineOf(db, calendar, d, procedure, now),
    currentStep: d.closedAt ? null : currentStepOf(procedure, d) ?? null,
    steps: procedure.steps, stepsDone: await repo.stepsDone(db, d.id),
    assignedTo: d.assignedTo, changeId: d.changeId, change: await changeOf(db, d.changeId), resultError: d.resultError, refusalReason: d.refusalReason,
    closedAt: d.closedAt?.toISOString() ?? null,
    timeline: await repo.timeline(db, d.id),
    exchanges: await messagesOf(db, d.id),
  };
}

async function changeOf(db: Queryable, id: string | null): Promise<DossierView['change']> {
  const change = id ? await getChange(db, id) : undefined;
  return change ? { id: change.id, changeType: change.changeType, typeName: change.typeName, status: change.status } : null;
}

/** One dossier; it names the applicant, so the read is logged as a read of personal data (P4). */
export async function getDossier(deps: DossierDeps, actor: Actor, may: Scope, id: string): Promise<DossierView> {
  const d = await repo.getDossier(deps.db, id);
  if (!d || !mayRead(may, d.unitId)) throw notFound(id);
  await actAs(deps.db, actor, (tx) => appendAudit(tx, actor, { action: 'read.personal', objectType: 'dossier', objectId: id, unitId: d.unitId, details: { fields: ['applicant'] } }));
  return viewOf(deps.db, d, await loadCalendar(deps.db), deps.clock.now());
}

export type InboxEntry = repo.InboxItem & { deadline: DeadlineStatus; effectiveDueDay: string };

/** The inbox of a unit (and the units merged into it), or the caller's own; open dossiers unless a status is asked for. */
export async function inbox(deps: DossierDeps, unitIds: number[], q: { unitCode?: string | undefined; mine: boolean; accountId: string | null; status?: string | undefined; limit: number }): Promise<InboxEntry[]> {
  const now = deps.clock.now();
  const today = localDay(now);
  let units = unitIds;
  if (q.unitCode) {
    const lineage = new Set(await unitLineageIds(deps.db, q.unitCode, today));
    units = units.filter((u) => lineage.has(u));
  }
  const calendar = await loadCalendar(deps.db);
  const dueSoonDays = await settingNumber(deps.db, 'workflow.due_soon_days', 2);
  const items = await repo.inbox(deps.db, { unitIds: units, assignedTo: q.mine ? q.accountId : null, status: q.status ?? null, open: !q.status, limit: q.limit });
  return items.map((item) => {
    const due = effectiveDueDay(calendar, item.dueDay, item.openPauseAt ? localDay(new Date(item.openPauseAt)) : null, today);
    return { ...item, effectiveDueDay: due, deadline: deadlineStatus(calendar, { today, dueDay: due, closedDay: null, dueSoonDays }) };
  });
}

export interface CitizenView {
  receiptCode: string;
  status: repo.DossierStatus;
  procedureName: { vi: string; en: string };
  receivedOn: string;
  expectedReturnOn: string;
}

/** What anyone holding the receipt code may see (issue #7 item 7): no names, no parcels. */
export async function citizenLookup(deps: WorkflowDeps, receiptCode: string): Promise<CitizenView> {
  const d = await repo.dossierByReceipt(deps.db, receiptCode);
  if (!d) throw errors.notFound({ vi: `hồ sơ có mã biên nhận ${receiptCode}`, en: `Dossier with receipt code ${receiptCode}` }, { field: 'params/receiptCode' });
  const procedure = (await procedureById(deps.db, d.procedureId))!;
  const calendar = await loadCalendar(deps.db);
  const today = localDay(deps.clock.now());
  return {
    receiptCode: d.receiptCode, status: d.status, procedureName: { vi: procedure.nameVi, en: procedure.nameEn },
    receivedOn: localDay(d.receivedAt),
    expectedReturnOn: effectiveDueDay(calendar, d.dueDay, d.openPauseAt ? localDay(d.openPauseAt) : null, today),
  };
}
