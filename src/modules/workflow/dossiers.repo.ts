// SQL of dossiers: the dossier row, its parcels, steps as done, clock stops, timeline.
import type { Queryable } from '../../db/database.js';
import { queueStatusNotification } from './exchange.repo.js';

export type DossierStatus = 'processing' | 'returned' | 'waiting_external' | 'refused' | 'done';
export const OPEN_STATUSES: readonly DossierStatus[] = ['processing', 'returned', 'waiting_external'];

export interface Applicant {
  fullName: string;
  idNumber?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
}

export interface DocumentReceived {
  type: string;
  copies?: number | undefined;
  note?: string | undefined;
}

export interface DossierRow {
  id: string;
  receiptCode: string;
  procedureId: string;
  unitId: number;
  unitCode: string;
  status: DossierStatus;
  channel: string;
  applicant: Applicant;
  formData: Record<string, unknown>;
  documents: DocumentReceived[];
  disadvantagedCommune: boolean;
  receivedAt: Date;
  receivedDay: string;
  baseDueDay: string;
  dueDay: string;
  currentStep: number | null;
  stepStartedAt: Date | null;
  assignedTo: string | null;
  changeId: string | null;
  resultError: string | null;
  refusalReason: string | null;
  closedAt: Date | null;
  /** start of the clock stop in progress, if any */
  openPauseAt: Date | null;
}

const DOSSIER = `d.id, d.receipt_code as "receiptCode", d.procedure_id as "procedureId", d.unit_id::int as "unitId", u.code as "unitCode",
  d.status, d.channel, d.applicant, d.form_data as "formData", d.documents, d.disadvantaged_commune as "disadvantagedCommune",
  d.received_at as "receivedAt", d.received_day::text as "receivedDay", d.base_due_day::text as "baseDueDay", d.due_day::text as "dueDay",
  d.current_step as "currentStep", d.step_started_at as "stepStartedAt", d.assigned_to as "assignedTo", d.change_id as "changeId",
  d.result_error as "resultError", d.refusal_reason as "refusalReason", d.closed_at as "closedAt",
  (select x.started_at from dossier_pause x where x.dossier_id = d.id and x.ended_at is null) as "openPauseAt"`;

const withDates = (r: DossierRow): DossierRow => ({
  ...r,
  receivedAt: new Date(r.receivedAt), stepStartedAt: r.stepStartedAt && new Date(r.stepStartedAt),
  closedAt: r.closedAt && new Date(r.closedAt), openPauseAt: r.openPauseAt && new Date(r.openPauseAt),
});

export async function getDossier(db: Queryable, id: string, lock = false): Promise<DossierRow | undefined> {
  // for update: two officers acting on one dossier at once queue here
  if (lock) await db.query('select 1 from dossier where id = $1::uuid for update', [id]);
  const { rows } = await db.query<DossierRow>(`select ${DOSSIER} from dossier d join admin_unit u on u.id = d.unit_id where d.id = $1::uuid`, [id]);
  return rows[0] && withDates(rows[0]);
}

export async function dossierByReceipt(db: Queryable, receiptCode: string): Promise<DossierRow | undefined> {
  const { rows } = await db.query<DossierRow>(`select ${DOSSIER} from dossier d join admin_unit u on u.id = d.unit_id where d.receipt_code = $1::text`, [receiptCode]);
  return rows[0] && withDates(rows[0]);
}

/** The next receipt number of a unit on a local day. */
export async function nextReceiptNumber(db: Queryable, unitCode: string, day: string): Promise<number> {
  const { rows } = await db.query<{ last: number }>(
    `insert into dossier_counter (unit_code, day, last) values ($1, $2::date, 1)
     on conflict (unit_code, day) do update set last = dossier_counter.last + 1 returning last`,
    [unitCode, day],
  );
  return rows[0]!.last;
}

export interface NewDossier {
  receiptCode: string;
  procedureId: string;
  unitId: number;
  channel: 'counter' | 'one_stop' | 'online';
  applicant: Applicant;
  formData: Record<string, unknown>;
  documents: DocumentReceived[];
  disadvantagedCommune: boolean;
  receivedAt: Date;
  receivedDay: string;
  dueDay: string;
  firstStep: number;
  createdBy: string | null;
}

export async function insertDossier(db: Queryable, d: NewDossier, parcelIds: string[]): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into dossier (receipt_code, procedure_id, unit_id, status, channel, applicant, form_data, documents, disadvantaged_commune,
                          received_at, received_day, base_due_day, due_day, current_step, step_started_at, created_by)
     values ($1, $2::uuid, $3, 'processing', $4, $5::jsonb, $6::jsonb, $7::jsonb, $8, $9, $10::date, $11::date, $11::date, $12, $9, $13::uuid) returning id`,
    [d.receiptCode, d.procedureId, d.unitId, d.channel, JSON.stringify(d.applicant), JSON.stringify(d.formData), JSON.stringify(d.documents),
      d.disadvantagedCommune, d.receivedAt, d.receivedDay, d.dueDay, d.firstStep, d.createdBy],
  );
  const id = rows[0]!.id;
  await db.query('insert into dossier_parcel (dossier_id, parcel_id) select $1::uuid, unnest($2::uuid[])', [id, parcelIds]);
  return id;
}

export async function parcelsOf(db: Queryable, dossierId: string): Promise<Array<{ id: string; unitCode: string; sheetNumber: number; parcelNumber: number }>> {
  const { rows } = await db.query<{ id: string; unitCode: string; sheetNumber: number; parcelNumber: number }>(
    `select p.id, u.code as "unitCode", p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber"
       from dossier_parcel dp join parcel p on p.id = dp.parcel_id join admin_unit u on u.id = p.unit_id
      where dp.dossier_id = $1::uuid order by dp.id`,
    [dossierId],
  );
  return rows;
}

export async function update(db: Queryable, id: string, fields: Partial<{
  status: DossierStatus; currentStep: number | null; stepStartedAt: Date | null; assignedTo: string | null; changeId: string;
  dueDay: string; resultError: string | null; refusalReason: string; closedAt: Date;
}>): Promise<void> {
  const columns: Record<string, [string, string]> = {
    status: ['status', 'text'], currentStep: ['current_step', 'int'], stepStartedAt: ['step_started_at', 'timestamptz'], assignedTo: ['assigned_to', 'uuid'],
    changeId: ['change_id', 'uuid'], dueDay: ['due_day', 'date'], resultError: ['result_error', 'text'], refusalReason: ['refusal_reason', 'text'], closedAt: ['closed_at', 'timestamptz'],
  };
  const entries = Object.entries(fields).filter(([k]) => k in columns);
  // column names come from the fixed table above, never from the caller
  const sets = entries.map(([k], i) => `${columns[k]![0]} = $${i + 2}::${columns[k]![1]}`);
  await db.query(`update dossier set ${sets.join(', ')} where id = $1::uuid`, [id, ...entries.map(([, v]) => v)]);
}

export async function startStep(db: Queryable, dossierId: string, seq: number, code: string, at: Date): Promise<void> {
  await db.query('insert into dossier_step (dossier_id, seq, step_code, started_at) values ($1::uuid, $2, $3, $4)', [dossierId, seq, code, at]);
}

export async function endStep(db: Queryable, dossierId: string, workingDays: number, by: string | null, at: Date): Promise<void> {
  await db.query(
    'update dossier_step set ended_at = $2, working_days = $3, acted_by = $4::uuid where dossier_id = $1::uuid and ended_at is null',
    [dossierId, at, workingDays, by],
  );
}

export interface StepRecord {
  seq: number;
  code: string;
  startedAt: string;
  endedAt: string | null;
  workingDays: number | null;
  actedBy: string | null;
}

export async function stepsDone(db: Queryable, dossierId: string): Promise<StepRecord[]> {
  const { rows } = await db.query<StepRecord>(
    `select seq, step_code as code, started_at as "startedAt", ended_at as "endedAt", working_days as "workingDays", acted_by as "actedBy"
       from dossier_step where dossier_id = $1::uuid order by started_at, seq`,
    [dossierId],
  );
  return rows.map((r) => ({ ...r, startedAt: new Date(r.startedAt).toISOString(), endedAt: r.endedAt && new Date(r.endedAt).toISOString() }));
}

export async function startPause(db: Queryable, dossierId: string, reason: 'supplement' | 'external', at: Date): Promise<void> {
  await db.query('insert into dossier_pause (dossier_id, reason, started_at) values ($1::uuid, $2, $3)', [dossierId, reason, at]);
}

export async function endPause(db: Queryable, dossierId: string, workingDays: number, at: Date): Promise<void> {
  await db.query('update dossier_pause set ended_at = $2, working_days = $3 where dossier_id = $1::uuid and ended_at is null', [dossierId, at, workingDays]);
}

/** Working days the clock stood still since a time (the stops of the current step). */
export async function pausedDaysSince(db: Queryable, dossierId: string, since: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select coalesce(sum(working_days), 0)::int as n from dossier_pause where dossier_id = $1::uuid and started_at >= $2 and ended_at is not null',
    [dossierId, since],
  );
  return rows[0]!.n;
}

export interface NewEvent {
  action: string;
  stepCode?: string | null | undefined;
  fromStatus?: string | null | undefined;
  toStatus?: string | null | undefined;
  note?: string | null | undefined;
  details?: Record<string, unknown> | undefined;
}

export async function appendEvent(db: Queryable, dossierId: string, actor: { id: string | null; name: string }, at: Date, e: NewEvent): Promise<void> {
  await db.query(
    `insert into dossier_event (dossier_id, at, actor_id, actor_name, action, step_code, from_status, to_status, note, details)
     values ($1::uuid, $2, $3::uuid, $4, $5, $6, $7, $8, $9, $10::jsonb)`,
    [dossierId, at, actor.id, actor.name, e.action, e.stepCode ?? null, e.fromStatus ?? null, e.toStatus ?? null, e.note ?? null, JSON.stringify(e.details ?? {})],
  );
  // the one-stop system that sent the dossier hears of it in the same transaction (issue #7 item 5)
  await queueStatusNotification(db, dossierId, at, e);
}

export interface EventRow {
  at: string;
  actorName: string;
  action: string;
  stepCode: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  details: Record<string, unknown>;
}

export async function timeline(db: Queryable, dossierId: string): Promise<EventRow[]> {
  const { rows } = await db.query<EventRow>(
    `select at, actor_name as "actorName", action, step_code as "stepCode", from_status as "fromStatus", to_status as "toStatus", note, details
       from dossier_event where dossier_id = $1::uuid order by seq`,
    [dossierId],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

/** Scanned documents filed under the dossier's receipt code (documents module, link kind 'dossier'). */
export async function scansOf(db: Queryable, receiptCode: string): Promise<Array<{ documentUid: string; documentType: string; title: string }>> {
  const { rows } = await db.query<{ documentUid: string; documentType: string; title: string }>(
    `select d.document_uid as "documentUid", d.document_type as "documentType", d.title
       from document_link l join document d on d.document_uid = l.document_uid and d.valid_to is null
      where l.kind = 'dossier' and l.dossier_ref = $1::text and l.valid_to is null order by d.uploaded_at`,
    [receiptCode],
  );
  return rows;
}

/**
 * Does the account hold a role on a unit covering this one (the unit, an ancestor, or a
 * unit it was merged with: the same coverage as permissions, accounts/scope.repo.ts)?
 */
export async function holdsRole(db: Queryable, accountId: string, role: string, unitId: number, now: Date): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(
    `with recursive covered(id) as (
       select g.unit_id from account_grant g
        where g.account_id = $1::uuid and g.role_code = $2::text and g.valid_from <= $3 and (g.valid_to is null or g.valid_to > $3)
       union
       select x.id from covered c cross join lateral (
         select u.id from admin_unit u where u.parent_id = c.id
         union all select s.successor_id from admin_unit_succession s where s.predecessor_id = c.id
         union all select s.predecessor_id from admin_unit_succession s where s.successor_id = c.id
       ) x
     )
     select exists (select 1 from covered where id = $4::bigint) as ok`,
    [accountId, role, now, unitId],
  );
  return rows[0]!.ok;
}

export async function accountName(db: Queryable, accountId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ name: string }>('select full_name as name from account where id = $1::uuid', [accountId]);
  return rows[0]?.name;
}

export interface InboxItem {
  id: string;
  receiptCode: string;
  procedureCode: string;
  procedureName: { vi: string; en: string };
  unitCode: string;
  status: DossierStatus;
  currentStep: number | null;
  stepCode: string | null;
  assignedTo: string | null;
  receivedAt: string;
  dueDay: string;
  openPauseAt: string | null;
}

export async function inbox(db: Queryable, q: { unitIds: number[]; assignedTo: string | null; status: string | null; open: boolean; limit: number }): Promise<InboxItem[]> {
  const { rows } = await db.query<InboxItem>(
    `select d.id, d.receipt_code as "receiptCode", p.code as "procedureCode", json_build_object('vi', p.name_vi, 'en', p.name_en) as "procedureName",
            u.code as "unitCode", d.status, d.current_step as "currentStep",
            (select s.code from procedure_step s where s.procedure_id = p.id and s.seq = d.current_step) as "stepCode",
            d.assigned_to as "assignedTo", d.received_at as "receivedAt", d.due_day::text as "dueDay",
            (select x.started_at from dossier_pause x where x.dossier_id = d.id and x.ended_at is null) as "openPauseAt"
       from dossier d join procedure p on p.id = d.procedure_id join admin_unit u on u.id = d.unit_id
      where d.unit_id = any($1::bigint[]) and ($2::uuid is null or d.assigned_to = $2::uuid)
        and ($3::text is null or d.status = $3::text) and (not $4::boolean or d.closed_at is null)
      order by d.due_day, d.received_at limit $5`,
    [q.unitIds, q.assignedTo, q.status, q.open, q.limit],
  );
  return rows.map((r) => ({ ...r, receivedAt: new Date(r.receivedAt).toISOString(), openPauseAt: r.openPauseAt && new Date(r.openPauseAt).toISOString() }));
}
