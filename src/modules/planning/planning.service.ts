// Use cases of land-use planning (S-PLAN): create a plan, add its zones and projects
// while it is a draft, approve it (its decision), supersede it; read plans and what a
// parcel falls into. Approved plans are public (Luật Đất đai 2024, Điều 75: công bố
// công khai quy hoạch, kế hoạch sử dụng đất); drafts and plans kept from the public are
// seen only by those who edit plans on their unit, and everyone else is told they do
// not exist. Every write is one transaction attributed to its actor (audit triggers).
import type { Database } from '../../db/database.js';
import { AppError, errors } from '../../kernel/app-error.js';
import { actAs, type Actor } from '../audit/index.js';
import { mayDo, readZoneFeatures, type Finding, type PlanStatus } from './planning-rules.js';
import {
  checkZones, insertPlan, insertProjects, insertZones, listPlans, livePlan, newPlanVersion,
  planProjects, planZonesGeoJson, unitById, unitByCode, unknownLandUseCodes,
  type NewProject, type PlanRow, type ProjectRow,
} from './planning.repo.js';
import { overlayParcel, parcelsByKeyBefore, type OverlayPlan } from './overlay.repo.js';

export interface PlanningDeps {
  db: Database;
}

/** What the caller may do: the unit ids on which it holds planning.edit (none for the public). */
export interface PlanningCaller {
  actor: Actor;
  editableUnitIds: readonly number[];
}

const mayEdit = (caller: PlanningCaller, unitId: number) => caller.editableUnitIds.includes(unitId);

const planNotFound = (planId: string) => errors.notFound({ vi: `quy hoạch, kế hoạch sử dụng đất ${planId}`, en: `Land-use plan ${planId}` }, { planId });

/** The first instant after a calendar day in Vietnam (UTC+7, no daylight saving). */
export function endOfDayInVietnam(day: string): Date {
  const next = new Date(`${day}T00:00:00+07:00`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

function forbiddenOn(unitCode: string): AppError {
  return new AppError('FORBIDDEN', {
    vi: `Tài khoản không có quyền "planning.edit" trên đơn vị ${unitCode}`,
    en: `The account lacks "planning.edit" on unit ${unitCode}`,
  }, { permission: 'planning.edit', unitCode });
}

/** A version must start after the one it ends (its lifespan is not empty): two changes in one instant are refused. */
function assertLater(plan: PlanRow, now: Date): void {
  if (new Date(plan.validFrom).getTime() >= now.getTime()) {
    throw new AppError('CONFLICT', {
      vi: 'Quy hoạch vừa được thay đổi cùng thời điểm: vui lòng thử lại',
      en: 'The plan was changed at this same instant: try again',
    }, { planId: plan.id, validFrom: plan.validFrom });
  }
}

const STATUS_VI: Record<PlanStatus, string> = { draft: 'dự thảo', approved: 'đã phê duyệt', superseded: 'đã bị thay thế' };
const ACTION: Record<string, { vi: string; en: string }> = {
  addZones: { vi: 'thêm khu vực', en: 'add zones' },
  addProjects: { vi: 'thêm công trình, dự án', en: 'add projects' },
  approve: { vi: 'phê duyệt', en: 'approve it' },
  supersede: { vi: 'ghi nhận bị thay thế', en: 'supersede it' },
};

function refused(plan: PlanRow, action: keyof typeof ACTION): AppError {
  return new AppError('CONFLICT', {
    vi: `Quy hoạch ${STATUS_VI[plan.status]}: không thể ${ACTION[action]!.vi}`,
    en: `The plan is ${plan.status}: cannot ${ACTION[action]!.en}`,
  }, { field: 'status', status: plan.status, planId: plan.id });
}

/** The live plan, if the caller may see it; with `edit`, only if the caller may edit it. */
async function visiblePlan(db: Database, caller: PlanningCaller, planId: string, edit: boolean): Promise<PlanRow> {
  const plan = await livePlan(db, planId);
  if (!plan) throw planNotFound(planId);
  const editor = mayEdit(caller, plan.unitId);
  if (!editor && (edit || plan.status === 'draft' || !plan.isPublic)) {
    if (edit && plan.status !== 'draft' && plan.isPublic) throw forbiddenOn(plan.unitCode);
    throw planNotFound(planId);
  }
  return plan;
}

export interface CreatePlanInput {
  kind: 'planning' | 'annual_plan';
  unitCode: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  isPublic: boolean;
}

export async function createPlan(deps: PlanningDeps, caller: PlanningCaller, input: CreatePlanInput, now: Date, today: string): Promise<PlanRow> {
  const unit = await unitByCode(deps.db, input.unitCode, today);
  if (!unit) {
    throw errors.notFound({ vi: `đơn vị hành chính mã ${input.unitCode}`, en: `Administrative unit ${input.unitCode}` }, { field: 'unitCode', unitCode: input.unitCode });
  }
  if (!mayEdit(caller, unit.id)) throw forbiddenOn(input.unitCode);
  if (input.periodEnd < input.periodStart) {
    throw errors.invalid({ vi: 'periodEnd: năm cuối kỳ phải sau năm đầu kỳ', en: 'periodEnd: the period must end after it starts' }, { field: 'periodEnd' });
  }
  // kế hoạch sử dụng đất hằng năm: one calendar year (Luật Đất đai 2024, Điều 64-67, verify)
  if (input.kind === 'annual_plan' && input.periodStart.slice(0, 4) !== input.periodEnd.slice(0, 4)) {
    throw errors.invalid({ vi: 'periodEnd: kế hoạch hằng năm nằm trong một năm', en: 'periodEnd: a yearly plan covers one calendar year' }, { field: 'periodEnd' });
  }
  const planId = await actAs(deps.db, caller.actor, (tx) => insertPlan(tx, { ...input, unit }, now));
  return (await livePlan(deps.db, planId))!;
}

function uploadRefused(findings: Finding[]): AppError {
  const first = findings[0]!;
  const where = first.feature >= 0 ? { vi: `phần tử ${first.feature}, trường ${first.field}`, en: `feature ${first.feature}, field ${first.field}` } : { vi: first.field, en: first.field };
  const more = findings.length > 1 ? { vi: ` (và ${findings.length - 1} lỗi khác)`, en: ` (and ${findings.length - 1} more)` } : { vi: '', en: '' };
  return errors.invalid(
    { vi: `Tệp khu vực quy hoạch bị từ chối, không lưu gì: ${where.vi}: ${first.vi}${more.vi}`, en: `Zone file refused, nothing saved: ${where.en}: ${first.en}${more.en}` },
    { findings },
  );
}

export interface ZoneUpload {
  /** 4326 (GeoJSON's own, RFC 7946) or the plan unit's VN-2000 zone */
  srid: number;
  features: readonly unknown[];
}

/** Adds the zones of a GeoJSON upload to a draft plan: all of them, or none with every fault named. */
export async function addZones(deps: PlanningDeps, caller: PlanningCaller, planId: string, upload: ZoneUpload, now: Date): Promise<PlanRow> {
  const plan = await visiblePlan(deps.db, caller, planId, true);
  const unit = await unitById(deps.db, plan.unitId);
  if (upload.srid !== 4326 && upload.srid !== unit.srid) {
    throw errors.invalid(
      { vi: `srid: chỉ nhận EPSG:4326 hoặc hệ VN-2000 của đơn vị (EPSG:${unit.srid})`, en: `srid: EPSG:4326 or the unit's VN-2000 zone (EPSG:${unit.srid}) only` },
      { field: 'srid', allowed: [4326, unit.srid] },
    );
  }
  const { zones, findings } = readZoneFeatures(upload.features, upload.srid === 4326);
  if (findings.length > 0) throw uploadRefused(findings);
  await actAs(deps.db, caller.actor, async (tx) => {
    const locked = await livePlan(tx, planId, true);
    if (!locked) throw planNotFound(planId);
    if (!mayDo(locked.status, 'addZones')) throw refused(locked, 'addZones');
    const found = await checkZones(tx, planId, plan.unitId, zones, upload.srid, unit.srid);
    if (found.length > 0) throw uploadRefused(found.sort((a, b) => a.feature - b.feature));
    await insertZones(tx, planId, zones, upload.srid, unit.srid, now);
  });
  return (await livePlan(deps.db, planId))!;
}

export async function addProjects(deps: PlanningDeps, caller: PlanningCaller, planId: string, projects: readonly NewProject[], now: Date): Promise<ProjectRow[]> {
  await visiblePlan(deps.db, caller, planId, true);
  const unknown = await unknownLandUseCodes(deps.db, projects.map((p) => p.landUseCode));
  if (unknown.length > 0) {
    const index = projects.findIndex((p) => p.landUseCode === unknown[0]);
    throw errors.invalid(
      { vi: `projects/${index}/landUseCode: mã loại đất ${unknown[0]} không có trong danh mục`, en: `projects/${index}/landUseCode: land-use code ${unknown[0]} is not in the code list` },
      { field: `projects/${index}/landUseCode`, unknown },
    );
  }
  await actAs(deps.db, caller.actor, async (tx) => {
    const locked = await livePlan(tx, planId, true);
    if (!locked) throw planNotFound(planId);
    if (!mayDo(locked.status, 'addProjects')) throw refused(locked, 'addProjects');
    await insertProjects(tx, planId, projects, now);
  });
  return planProjects(deps.db, planId);
}

export interface Approval {
  decisionNumber: string;
  decisionDate: string;
  decisionAuthority: string;
  /** the first day the plan applies; default the decision's date */
  inForceFrom?: string | undefined;
  isPublic?: boolean | undefined;
}

/** Records the approving decision (Luật Đất đai 2024, Điều 72 on who approves, verify). */
export async function approvePlan(deps: PlanningDeps, caller: PlanningCaller, planId: string, approval: Approval, now: Date): Promise<PlanRow> {
  await visiblePlan(deps.db, caller, planId, true);
  const inForceFrom = approval.inForceFrom ?? approval.decisionDate;
  if (inForceFrom < approval.decisionDate) {
    throw errors.invalid({ vi: 'inForceFrom: ngày có hiệu lực không thể trước ngày quyết định', en: 'inForceFrom: cannot precede the decision date' }, { field: 'inForceFrom' });
  }
  await actAs(deps.db, caller.actor, async (tx) => {
    const plan = await livePlan(tx, planId, true);
    if (!plan) throw planNotFound(planId);
    if (!mayDo(plan.status, 'approve')) throw refused(plan, 'approve');
    if (plan.zoneCount === 0) {
      throw errors.invalid({ vi: 'Quy hoạch chưa có khu vực nào: tải lên khu vực trước khi phê duyệt', en: 'The plan has no zone: upload its zones before approving it' }, { field: 'zones' });
    }
    assertLater(plan, now);
    await newPlanVersion(tx, planId, { status: 'approved', ...approval, inForceFrom }, now);
  });
  return (await livePlan(deps.db, planId))!;
}

export interface Supersession {
  /** the first day the plan no longer applies */
  supersededOn: string;
  /** the plan that replaces it, if recorded here */
  supersededBy?: string | undefined;
}

export async function supersedePlan(deps: PlanningDeps, caller: PlanningCaller, planId: string, input: Supersession, now: Date): Promise<PlanRow> {
  const current = await visiblePlan(deps.db, caller, planId, true);
  if (input.supersededBy !== undefined) {
    const successor = await livePlan(deps.db, input.supersededBy);
    if (!successor || successor.status !== 'approved' || successor.id === planId) {
      throw errors.invalid({ vi: 'supersededBy: quy hoạch thay thế phải là một quy hoạch khác đã được phê duyệt', en: 'supersededBy: the replacing plan must be another approved plan' }, { field: 'supersededBy' });
    }
  }
  if (current.inForceFrom !== null && input.supersededOn < current.inForceFrom) {
    throw errors.invalid({ vi: 'supersededOn: không thể trước ngày quy hoạch có hiệu lực', en: 'supersededOn: cannot precede the day the plan came into force' }, { field: 'supersededOn' });
  }
  await actAs(deps.db, caller.actor, async (tx) => {
    const plan = await livePlan(tx, planId, true);
    if (!plan) throw planNotFound(planId);
    if (!mayDo(plan.status, 'supersede')) throw refused(plan, 'supersede');
    assertLater(plan, now);
    await newPlanVersion(tx, planId, { status: 'superseded', supersededOn: input.supersededOn, supersededBy: input.supersededBy ?? null }, now);
  });
  return (await livePlan(deps.db, planId))!;
}

export interface PlanDetail extends PlanRow {
  zones: unknown;
  projects: ProjectRow[];
}

export async function getPlan(deps: PlanningDeps, caller: PlanningCaller, planId: string): Promise<PlanDetail> {
  const plan = await visiblePlan(deps.db, caller, planId, false);
  const [zones, projects] = await Promise.all([planZonesGeoJson(deps.db, planId), planProjects(deps.db, planId)]);
  return { ...plan, zones: JSON.parse(zones) as unknown, projects };
}

export function findPlans(deps: PlanningDeps, caller: PlanningCaller, query: { unitCode?: string | undefined; date?: string | undefined; limit: number }): Promise<PlanRow[]> {
  return listPlans(deps.db, { unitCode: query.unitCode, day: query.date, editableUnitIds: caller.editableUnitIds, limit: query.limit });
}

export interface ParcelPlanning {
  parcel: { id: string; unitCode: string; sheetNumber: number; parcelNumber: number; officialArea: number; srid: number };
  date: string;
  plans: OverlayPlan[];
}

/**
 * What a parcel (the version in force at the end of `date`) falls into, per plan in force
 * that day. A plan none of whose zones touches the parcel is not listed.
 */
export async function parcelPlanning(deps: PlanningDeps, caller: PlanningCaller, key: { unitCode: string; sheetNumber: number; parcelNumber: number }, date: string): Promise<ParcelPlanning> {
  const found = await parcelsByKeyBefore(deps.db, key.unitCode, key.sheetNumber, key.parcelNumber, endOfDayInVietnam(date));
  if (found.length === 0) {
    throw errors.notFound(
      { vi: `thửa đất số ${key.parcelNumber}, tờ bản đồ số ${key.sheetNumber}, đơn vị ${key.unitCode} vào ngày ${date}`, en: `Parcel ${key.parcelNumber} on map sheet ${key.sheetNumber} of unit ${key.unitCode} on ${date}` },
      { ...key, date },
    );
  }
  if (found.length > 1) {
    throw new AppError('CONFLICT', { vi: 'Mã đơn vị được dùng cho nhiều đơn vị theo thời kỳ; số tờ, số thửa trùng nhau', en: 'The unit code was used by several units over time and both hold this sheet and parcel number' }, { ...key, date });
  }
  const parcel = found[0]!;
  const plans = await overlayParcel(deps.db, parcel.id, date, caller.editableUnitIds);
  return { parcel, date, plans };
}

export type { PlanRow, PlanStatus };
