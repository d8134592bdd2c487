// Incidents (I1, I2, I4, O6, O9): any signed-in user reports a problem and follows it
// (O6); operations.manage holders triage, act, notify the affected units (I2: portal
// banner and e-mail with the expected fix time) and close it. Monitoring opens incidents
// itself (I1, O8). The 12-hour limit on interrupting service (O9) is measured from the
// start of the interruption to its resolution (or now).
import type { Database } from '../../db/database.js';
import { AppError, errors } from '../../kernel/app-error.js';
import type { Clock } from '../../kernel/clock.js';
import { actAs, SYSTEM_ACTOR, type Actor } from '../audit/index.js';
import {
  addAction, affectedUnitIds, closeIncident, findIncident, insertIncident, insertOutbox, listActions, listIncidents, listOutbox,
  markSent, noticedIncidents, publishNotice, recipients, unitIdsOfCodes, updateIncident,
  type ActionRow, type IncidentRow, type IncidentStatus, type OutboxRow, type Severity,
} from './incidents.repo.js';
import type { Mailer } from './mail.js';
import { SUBSYSTEM_NAMES, type Subsystem } from './subsystems.js';

/** Quy chế: an incident must not interrupt service more than 12 hours (O9). */
export const INTERRUPTION_LIMIT_HOURS = 12;

export interface IncidentsDeps {
  db: Database;
  clock: Clock;
  mailer: Mailer;
}

export interface Incident extends Omit<IncidentRow, 'startedAt' | 'detectedAt' | 'expectedFixAt' | 'resolvedAt' | 'createdAt'> {
  code: string;
  startedAt: string;
  detectedAt: string;
  expectedFixAt: string | null;
  resolvedAt: string | null;
  createdAt: string;
  /** hours the service has been (or was) interrupted; 0 when it does not interrupt */
  interruptionHours: number;
  /** interruption past the 12-hour limit (O9) */
  pastLimit: boolean;
}

export interface IncidentDetail extends Incident {
  timeline: Array<Omit<ActionRow, 'at'> & { at: string }>;
  /** e-mails sent about it (operations.manage only) */
  mails: Array<Omit<OutboxRow, 'createdAt' | 'sentAt'> & { createdAt: string; sentAt: string | null }> | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function interruptionHours(i: Pick<IncidentRow, 'interruptsService' | 'startedAt' | 'resolvedAt'>, now: Date): number {
  if (!i.interruptsService) return 0;
  const end = i.resolvedAt ?? now;
  return Math.max(0, Math.round(((end.getTime() - i.startedAt.getTime()) / 3_600_000) * 100) / 100);
}

export function present(i: IncidentRow, now: Date): Incident {
  const hours = interruptionHours(i, now);
  return {
    ...i,
    code: `SC-${i.createdAt.getUTCFullYear()}-${String(i.number).padStart(4, '0')}`,
    startedAt: i.startedAt.toISOString(), detectedAt: i.detectedAt.toISOString(), expectedFixAt: iso(i.expectedFixAt),
    resolvedAt: iso(i.resolvedAt), createdAt: i.createdAt.toISOString(),
    interruptionHours: hours,
    pastLimit: hours > INTERRUPTION_LIMIT_HOURS,
  };
}

const notFound = (id: string) => errors.notFound({ vi: `sự cố ${id}`, en: `Incident ${id}` }, { id });

async function unitIds(db: Database, codes: readonly string[] | undefined): Promise<number[] | undefined> {
  if (!codes) return undefined;
  const found = await unitIdsOfCodes(db, codes);
  const missing = codes.filter((c) => !found.has(c));
  if (missing.length) {
    throw errors.invalid({ vi: `Mã đơn vị hành chính không tồn tại (unitCodes): ${missing.join(', ')}`, en: `Unknown unit codes (unitCodes): ${missing.join(', ')}` }, { field: 'unitCodes', missing });
  }
  return [...new Set(codes.map((c) => found.get(c)!))];
}

function checkTimes(startedAt: Date, detectedAt: Date, now: Date): void {
  if (startedAt > now) throw errors.invalid({ vi: 'Thời điểm bắt đầu sự cố (startedAt) không được ở tương lai', en: 'startedAt cannot be in the future' }, { field: 'startedAt' });
  if (startedAt > detectedAt) throw errors.invalid({ vi: 'Thời điểm bắt đầu (startedAt) phải trước thời điểm phát hiện', en: 'startedAt must precede detection' }, { field: 'startedAt' });
}

export interface ReportInput {
  title: string;
  description: string;
  subsystems?: Subsystem[] | undefined;
  unitCodes?: string[] | undefined;
  /** the rest only from operations.manage holders (source 'officer') */
  severity?: Severity | undefined;
  interruptsService?: boolean | undefined;
  startedAt?: string | undefined;
  expectedFixAt?: string | undefined;
}

/** A user's report (O6) or an officer's record of an incident (I1). */
export async function reportIncident(deps: IncidentsDeps, actor: Actor, input: ReportInput, asOfficer: boolean): Promise<IncidentDetail> {
  const now = deps.clock.now();
  const startedAt = asOfficer && input.startedAt ? new Date(input.startedAt) : now;
  checkTimes(startedAt, now, now);
  const ids = (await unitIds(deps.db, input.unitCodes)) ?? [];
  const id = await actAs(deps.db, actor, async (tx) => {
    const created = (await insertIncident(tx, {
      title: input.title, description: input.description, source: asOfficer ? 'officer' : 'user',
      severity: (asOfficer && input.severity) || 'medium', subsystems: input.subsystems?.length ? input.subsystems : ['all'],
      unitIds: ids, interruptsService: asOfficer ? input.interruptsService ?? false : false,
      startedAt, detectedAt: now, expectedFixAt: asOfficer && input.expectedFixAt ? new Date(input.expectedFixAt) : null,
      alarmKey: null, reportedBy: actor.id, reportedByName: actor.name, createdAt: now,
    }))!;
    await addAction(tx, { incidentId: created, at: now, actorId: actor.id, actorName: actor.name, kind: 'reported', text: asOfficer ? 'Ghi nhận sự cố / incident recorded' : 'Người dùng báo lỗi / reported by a user' });
    return created;
  });
  return incidentDetail(deps, id, { manager: asOfficer, accountId: actor.id });
}

/** Monitoring (O8): opens an incident for an alarm unless one is open for it already. */
export async function openAlarm(
  deps: Pick<IncidentsDeps, 'db' | 'clock'>,
  alarm: { key: string; title: string; description: string; severity: Severity; subsystems: Subsystem[]; startedAt?: Date },
): Promise<string | null> {
  const now = deps.clock.now();
  return actAs(deps.db, { ...SYSTEM_ACTOR, name: 'monitoring' }, async (tx) => {
    const id = await insertIncident(tx, {
      title: alarm.title, description: alarm.description, source: 'monitoring', severity: alarm.severity, subsystems: alarm.subsystems,
      unitIds: [], interruptsService: false, startedAt: alarm.startedAt && alarm.startedAt < now ? alarm.startedAt : now, detectedAt: now,
      expectedFixAt: null, alarmKey: alarm.key, reportedBy: null, reportedByName: 'Giám sát tự động / monitoring', createdAt: now,
    });
    if (id) await addAction(tx, { incidentId: id, at: now, actorId: null, actorName: 'monitoring', kind: 'reported', text: `Cảnh báo tự động / alarm: ${alarm.key}` });
    return id;
  });
}

export async function incidentDetail(deps: Pick<IncidentsDeps, 'db' | 'clock'>, id: string, viewer: { manager: boolean; accountId: string | null }): Promise<IncidentDetail> {
  const found = await findIncident(deps.db, id);
  // someone else's report is as absent as a missing one to a non-manager
  if (!found || (!viewer.manager && found.reportedBy !== viewer.accountId)) throw notFound(id);
  const timeline = (await listActions(deps.db, id)).map((a) => ({ ...a, at: a.at.toISOString() }));
  const mails = viewer.manager ? (await listOutbox(deps.db, id)).map((m) => ({ ...m, createdAt: m.createdAt.toISOString(), sentAt: iso(m.sentAt) })) : null;
  return { ...present(found, deps.clock.now()), timeline, mails };
}

export async function incidentList(
  deps: Pick<IncidentsDeps, 'db' | 'clock'>,
  viewer: { manager: boolean; accountId: string | null },
  filter: { status?: IncidentStatus | undefined; limit: number },
): Promise<Incident[]> {
  const rows = await listIncidents(deps.db, { reportedBy: viewer.manager ? null : viewer.accountId, status: filter.status ?? null, from: null, to: null, limit: filter.limit });
  const now = deps.clock.now();
  return rows.map((r) => present(r, now));
}

async function openIncident(db: Database, id: string): Promise<IncidentRow> {
  const found = await findIncident(db, id);
  if (!found) throw notFound(id);
  if (found.status === 'resolved') {
    throw new AppError('CONFLICT', { vi: `Sự cố ${id} đã đóng, không thể cập nhật`, en: `Incident ${id} is closed and cannot be changed` }, { id });
  }
  return found;
}

export interface TriageInput {
  severity?: Severity | undefined;
  subsystems?: Subsystem[] | undefined;
  unitCodes?: string[] | undefined;
  interruptsService?: boolean | undefined;
  status?: 'open' | 'in_progress' | undefined;
  startedAt?: string | undefined;
  expectedFixAt?: string | null | undefined;
}

export async function triageIncident(deps: IncidentsDeps, actor: Actor, id: string, input: TriageInput): Promise<IncidentDetail> {
  const found = await openIncident(deps.db, id);
  const now = deps.clock.now();
  const startedAt = input.startedAt ? new Date(input.startedAt) : undefined;
  if (startedAt) checkTimes(startedAt, found.detectedAt, now);
  const ids = await unitIds(deps.db, input.unitCodes);
  const said = Object.entries(input).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`);
  await actAs(deps.db, actor, async (tx) => {
    await updateIncident(tx, id, {
      severity: input.severity, subsystems: input.subsystems, unitIds: ids, interruptsService: input.interruptsService, status: input.status,
      startedAt, expectedFixAt: input.expectedFixAt === undefined ? undefined : input.expectedFixAt === null ? null : new Date(input.expectedFixAt),
    });
    await addAction(tx, { incidentId: id, at: now, actorId: actor.id, actorName: actor.name, kind: 'status', text: `Cập nhật / updated: ${said.join('; ') || '—'}` });
  });
  return incidentDetail(deps, id, { manager: true, accountId: actor.id });
}

export async function recordAction(deps: IncidentsDeps, actor: Actor, id: string, text: string): Promise<IncidentDetail> {
  await openIncident(deps.db, id);
  await actAs(deps.db, actor, (tx) => addAction(tx, { incidentId: id, at: deps.clock.now(), actorId: actor.id, actorName: actor.name, kind: 'action', text }));
  return incidentDetail(deps, id, { manager: true, accountId: actor.id });
}

function vnTime(d: Date): string {
  const local = new Date(d.getTime() + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(local.getUTCHours())}:${p(local.getUTCMinutes())} ngày ${p(local.getUTCDate())}/${p(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}

function mailBody(i: Incident, vi: string, en: string): string {
  const subsystems = i.subsystems.map((s) => SUBSYSTEM_NAMES[s].vi).join(', ');
  const expected = i.expectedFixAt ? vnTime(new Date(i.expectedFixAt)) + ' (giờ Việt Nam)' : 'chưa xác định';
  return [
    `Thông báo sự cố ${i.code}: ${i.title}`,
    '',
    vi,
    '',
    `Phân hệ bị ảnh hưởng: ${subsystems}`,
    `Đơn vị bị ảnh hưởng: ${i.units.length ? i.units.map((u) => u.name).join(', ') : 'tất cả'}`,
    `Bắt đầu: ${vnTime(new Date(i.startedAt))}. Dự kiến khắc phục: ${expected}.`,
    '',
    '— English —',
    en,
    `Expected fix: ${i.expectedFixAt ?? 'not yet known'}`,
  ].join('\n');
}

/**
 * Notifies the affected units (I2): publishes the banner text and e-mails every active
 * account holding a grant on an affected unit (or on a unit above or below it). Every
 * message is recorded in mail_outbox before it is sent; the timeline says who was told.
 */
export async function notifyIncident(deps: IncidentsDeps, actor: Actor, id: string, input: { messageVi: string; messageEn: string; email: boolean }): Promise<IncidentDetail> {
  const found = await openIncident(deps.db, id);
  const now = deps.clock.now();
  const incident = present(found, now);
  const units = found.units.length ? await affectedUnitIds(deps.db, found.units.map((u) => u.id)) : null;
  const people = input.email ? await recipients(deps.db, units, now) : [];
  const subject = `[Thông báo sự cố / incident notice] ${incident.code}: ${found.title}`.slice(0, 300);
  const body = mailBody(incident, input.messageVi, input.messageEn);
  const outbox = await actAs(deps.db, actor, async (tx) => {
    await publishNotice(tx, id, input.messageVi, input.messageEn);
    const ids: Array<{ id: string; to: string }> = [];
    for (const p of people) {
      ids.push({ id: await insertOutbox(tx, { incidentId: id, accountId: p.id, to: p.email, subject, body, transport: deps.mailer.transport, at: now }), to: p.email });
    }
    const told = input.email ? `; e-mail ${people.length} tài khoản / accounts` : '';
    await addAction(tx, { incidentId: id, at: now, actorId: actor.id, actorName: actor.name, kind: 'notice', text: `Thông báo trên cổng${told}: ${input.messageVi}`.slice(0, 5000) });
    return ids;
  });
  if (deps.mailer.transport === 'smtp') {
    for (const m of outbox) {
      const error = await deps.mailer.send({ to: m.to, subject, text: body }).then(() => null, (e: unknown) => String((e as Error).message ?? e).slice(0, 2000));
      await markSent(deps.db, m.id, deps.clock.now(), error);
    }
  }
  return incidentDetail(deps, id, { manager: true, accountId: actor.id });
}

export async function resolveIncident(deps: IncidentsDeps, actor: Actor, id: string, input: { cause: string; resolution: string; resolvedAt?: string | undefined }): Promise<IncidentDetail> {
  const found = await openIncident(deps.db, id);
  const now = deps.clock.now();
  const resolvedAt = input.resolvedAt ? new Date(input.resolvedAt) : now;
  if (resolvedAt > now || resolvedAt < found.startedAt) {
    throw errors.invalid({ vi: 'Thời điểm khắc phục (resolvedAt) phải sau lúc bắt đầu sự cố và không ở tương lai', en: 'resolvedAt must be after the start and not in the future' }, { field: 'resolvedAt' });
  }
  await actAs(deps.db, actor, async (tx) => {
    await closeIncident(tx, id, { resolvedAt, cause: input.cause, resolution: input.resolution });
    const hours = interruptionHours({ ...found, resolvedAt }, now);
    const limit = found.interruptsService ? ` Gián đoạn ${hours} giờ${hours > INTERRUPTION_LIMIT_HOURS ? ' — VƯỢT giới hạn 12 giờ' : ''}.` : '';
    await addAction(tx, { incidentId: id, at: now, actorId: actor.id, actorName: actor.name, kind: 'closed', text: `Đã khắc phục / resolved: ${input.resolution}.${limit}`.slice(0, 5000) });
  });
  return incidentDetail(deps, id, { manager: true, accountId: actor.id });
}

export interface Notice {
  kind: 'maintenance' | 'incident';
  id: string;
  messageVi: string;
  messageEn: string;
  subsystems: string[];
  mode: 'read_only' | 'closed' | null;
  severity: Severity | null;
  since: string;
  until: string | null;
}

/** Incident notices for a caller: those of every unit, and those of units the caller's grants touch. */
export async function incidentNotices(db: Database, callerUnitIds: ReadonlySet<number> | null): Promise<Notice[]> {
  const notices: Notice[] = [];
  for (const i of await noticedIncidents(db)) {
    if (i.units.length) {
      if (!callerUnitIds) continue;
      const touched = await affectedUnitIds(db, i.units.map((u) => u.id));
      if (!touched.some((u) => callerUnitIds.has(u))) continue;
    }
    notices.push({
      kind: 'incident', id: i.id, messageVi: i.noticeVi!, messageEn: i.noticeEn ?? i.noticeVi!, subsystems: i.subsystems, mode: null,
      severity: i.severity, since: i.startedAt.toISOString(), until: iso(i.expectedFixAt),
    });
  }
  return notices;
}
