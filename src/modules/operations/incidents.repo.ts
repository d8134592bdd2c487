// The incident register (I1, I2, I4, O6, O9): incidents, their timeline, the notices
// sent and who the affected units' accounts are.
import type { Queryable } from '../../db/database.js';
import type { Subsystem } from './subsystems.js';

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type IncidentStatus = 'open' | 'in_progress' | 'resolved';
export type IncidentSource = 'monitoring' | 'user' | 'officer';

export interface IncidentRow {
  id: string;
  number: number;
  title: string;
  description: string;
  source: IncidentSource;
  severity: Severity;
  subsystems: Subsystem[];
  units: Array<{ id: number; code: string; name: string }>;
  interruptsService: boolean;
  status: IncidentStatus;
  startedAt: Date;
  detectedAt: Date;
  expectedFixAt: Date | null;
  resolvedAt: Date | null;
  cause: string | null;
  resolution: string | null;
  noticeVi: string | null;
  noticeEn: string | null;
  alarmKey: string | null;
  reportedBy: string | null;
  reportedByName: string;
  createdAt: Date;
}

export interface ActionRow {
  at: Date;
  actorName: string;
  kind: 'reported' | 'action' | 'status' | 'notice' | 'closed';
  text: string;
}

export interface OutboxRow {
  toAddress: string;
  accountId: string | null;
  fullName: string | null;
  subject: string;
  transport: 'log' | 'smtp';
  createdAt: Date;
  sentAt: Date | null;
  error: string | null;
}

const SELECT = `
  select i.id, i.number, i.title, i.description, i.source, i.severity, i.subsystems,
         coalesce((select json_agg(json_build_object('id', u.id, 'code', u.code, 'name', u.name) order by u.code)
                     from admin_unit u where u.id = any (i.unit_ids)), '[]'::json) as units,
         i.interrupts_service as "interruptsService", i.status, i.started_at as "startedAt", i.detected_at as "detectedAt",
         i.expected_fix_at as "expectedFixAt", i.resolved_at as "resolvedAt", i.cause, i.resolution,
         i.notice_vi as "noticeVi", i.notice_en as "noticeEn", i.alarm_key as "alarmKey",
         i.reported_by as "reportedBy", i.reported_by_name as "reportedByName", i.created_at as "createdAt"
    from incident i`;

const toDate = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

function row(r: IncidentRow): IncidentRow {
  return {
    ...r,
    units: r.units.map((u) => ({ ...u, id: Number(u.id) })),
    startedAt: toDate(r.startedAt)!, detectedAt: toDate(r.detectedAt)!, expectedFixAt: toDate(r.expectedFixAt),
    resolvedAt: toDate(r.resolvedAt), createdAt: toDate(r.createdAt)!,
  };
}

export interface NewIncident {
  title: string;
  description: string;
  source: IncidentSource;
  severity: Severity;
  subsystems: Subsystem[];
  unitIds: number[];
  interruptsService: boolean;
  startedAt: Date;
  detectedAt: Date;
  expectedFixAt: Date | null;
  alarmKey: string | null;
  reportedBy: string | null;
  reportedByName: string;
  createdAt: Date;
}

/** Inserts; null when an open incident of the same alarm exists already (monitoring). */
export async function insertIncident(tx: Queryable, i: NewIncident): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into incident (title, description, source, severity, subsystems, unit_ids, interrupts_service, started_at, detected_at,
                           expected_fix_at, alarm_key, reported_by, reported_by_name, created_at)
     values ($1::text, $2::text, $3::text, $4::text, $5::text[], $6::bigint[], $7::boolean, $8::timestamptz, $9::timestamptz,
             $10::timestamptz, $11::text, $12::uuid, $13::text, $14::timestamptz)
     on conflict (alarm_key) where status <> 'resolved' do nothing
     returning id`,
    [i.title, i.description, i.source, i.severity, i.subsystems, i.unitIds, i.interruptsService, i.startedAt, i.detectedAt,
      i.expectedFixAt, i.alarmKey, i.reportedBy, i.reportedByName, i.createdAt],
  );
  return rows[0]?.id ?? null;
}

export async function findIncident(db: Queryable, id: string): Promise<IncidentRow | null> {
  const { rows } = await db.query<IncidentRow>(`${SELECT} where i.id = $1::uuid`, [id]);
  return rows[0] ? row(rows[0]) : null;
}

export async function listIncidents(
  db: Queryable,
  filter: { reportedBy: string | null; status: IncidentStatus | null; from: Date | null; to: Date | null; limit: number },
): Promise<IncidentRow[]> {
  const { rows } = await db.query<IncidentRow>(
    `${SELECT}
      where ($1::uuid is null or i.reported_by = $1::uuid)
        and ($2::text is null or i.status = $2::text)
        and ($3::timestamptz is null or i.started_at >= $3::timestamptz)
        and ($4::timestamptz is null or i.started_at < $4::timestamptz)
      order by i.started_at desc
      limit $5::int`,
    [filter.reportedBy, filter.status, filter.from, filter.to, filter.limit],
  );
  return rows.map(row);
}

export async function openAlarmIncident(db: Queryable, alarmKey: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(`select id from incident where alarm_key = $1::text and status <> 'resolved'`, [alarmKey]);
  return rows[0]?.id ?? null;
}

export interface IncidentChanges {
  severity?: Severity | undefined;
  subsystems?: Subsystem[] | undefined;
  unitIds?: number[] | undefined;
  interruptsService?: boolean | undefined;
  status?: 'open' | 'in_progress' | undefined;
  startedAt?: Date | undefined;
  expectedFixAt?: Date | null | undefined;
}

export async function updateIncident(tx: Queryable, id: string, c: IncidentChanges): Promise<void> {
  await tx.query(
    `update incident set
       severity = coalesce($2::text, severity),
       subsystems = coalesce($3::text[], subsystems),
       unit_ids = coalesce($4::bigint[], unit_ids),
       interrupts_service = coalesce($5::boolean, interrupts_service),
       status = coalesce($6::text, status),
       started_at = coalesce($7::timestamptz, started_at),
       expected_fix_at = case when $8::boolean then $9::timestamptz else expected_fix_at end
     where id = $1::uuid`,
    [id, c.severity ?? null, c.subsystems ?? null, c.unitIds ?? null, c.interruptsService ?? null, c.status ?? null,
      c.startedAt ?? null, c.expectedFixAt !== undefined, c.expectedFixAt ?? null],
  );
}

export async function publishNotice(tx: Queryable, id: string, vi: string, en: string): Promise<void> {
  await tx.query('update incident set notice_vi = $2::text, notice_en = $3::text where id = $1::uuid', [id, vi, en]);
}

export async function closeIncident(tx: Queryable, id: string, c: { resolvedAt: Date; cause: string; resolution: string }): Promise<void> {
  await tx.query(
    `update incident set status = 'resolved', resolved_at = $2::timestamptz, cause = $3::text, resolution = $4::text where id = $1::uuid`,
    [id, c.resolvedAt, c.cause, c.resolution],
  );
}

export async function addAction(
  tx: Queryable,
  a: { incidentId: string; at: Date; actorId: string | null; actorName: string; kind: ActionRow['kind']; text: string },
): Promise<void> {
  await tx.query(
    `insert into incident_action (incident_id, at, actor_id, actor_name, kind, text)
     values ($1::uuid, $2::timestamptz, $3::uuid, $4::text, $5::text, $6::text)`,
    [a.incidentId, a.at, a.actorId, a.actorName, a.kind, a.text],
  );
}

export async function listActions(db: Queryable, incidentId: string): Promise<ActionRow[]> {
  const { rows } = await db.query<ActionRow>(
    `select at, actor_name as "actorName", kind, text from incident_action where incident_id = $1::uuid order by at, ctid`, // same instant: insertion order (rows are never updated)
    [incidentId],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}

/**
 * The units an incident touches for notices: the affected units, everything they cover
 * (descendants, reorganisation lineage both ways, as a grant covers) and the units above
 * them (a district officer hears of an incident in one of its communes).
 */
export async function affectedUnitIds(db: Queryable, unitIds: readonly number[]): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `with recursive down(id) as (
       select unnest($1::bigint[])
       union
       select x.id from down d cross join lateral (
         select u.id from admin_unit u where u.parent_id = d.id
         union all select s.successor_id from admin_unit_succession s where s.predecessor_id = d.id
         union all select s.predecessor_id from admin_unit_succession s where s.successor_id = d.id
       ) x
     ),
     up(id) as (
       select parent_id from admin_unit where id = any ($1::bigint[]) and parent_id is not null
       union
       select x.id from up cross join lateral (
         select u.parent_id as id from admin_unit u where u.id = up.id and u.parent_id is not null
         union all select s.successor_id from admin_unit_succession s where s.predecessor_id = up.id
         union all select s.predecessor_id from admin_unit_succession s where s.successor_id = up.id
       ) x
     )
     select id from down union select id from up`,
    [unitIds],
  );
  return rows.map((r) => Number(r.id));
}

/** Active accounts with an e-mail address and a live grant on one of these units (all units when null). */
export async function recipients(db: Queryable, unitIds: readonly number[] | null, now: Date): Promise<Array<{ id: string; email: string; fullName: string }>> {
  const { rows } = await db.query<{ id: string; email: string; fullName: string }>(
    `select a.id, a.email, a.full_name as "fullName" from account a
      where a.status = 'active' and a.email is not null
        and exists (select 1 from account_grant g
                     where g.account_id = a.id and g.valid_from <= $2::timestamptz and (g.valid_to is null or g.valid_to > $2::timestamptz)
                       and ($1::bigint[] is null or g.unit_id = any ($1::bigint[])))
      order by a.username`,
    [unitIds, now],
  );
  return rows;
}

export async function insertOutbox(
  tx: Queryable,
  m: { incidentId: string | null; accountId: string | null; to: string; subject: string; body: string; transport: 'log' | 'smtp'; at: Date },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into mail_outbox (incident_id, account_id, to_address, subject, body, transport, created_at, sent_at)
     values ($1::uuid, $2::uuid, $3::text, $4::text, $5::text, $6::text, $7::timestamptz, case when $6::text = 'log' then $7::timestamptz end)
     returning id`,
    [m.incidentId, m.accountId, m.to, m.subject, m.body, m.transport, m.at],
  );
  return rows[0]!.id;
}

export async function markSent(db: Queryable, id: string, at: Date, error: string | null): Promise<void> {
  await db.query('update mail_outbox set sent_at = case when $3::text is null then $2::timestamptz end, error = $3::text where id = $1::uuid', [id, at, error]);
}

export async function listOutbox(db: Queryable, incidentId: string): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `select m.to_address as "toAddress", m.account_id as "accountId", a.full_name as "fullName", m.subject, m.transport,
            m.created_at as "createdAt", m.sent_at as "sentAt", m.error
       from mail_outbox m left join account a on a.id = m.account_id
      where m.incident_id = $1::uuid order by m.created_at, m.to_address`,
    [incidentId],
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt), sentAt: toDate(r.sentAt) }));
}

export async function unitIdsOfCodes(db: Queryable, codes: readonly string[]): Promise<Map<string, number>> {
  // the live unit of each code (codes are reused after mergers: the live one is meant)
  const { rows } = await db.query<{ code: string; id: number }>(
    `select distinct on (code) code, id from admin_unit where code = any ($1::text[]) order by code, valid_to is not null, valid_from desc`,
    [codes],
  );
  return new Map(rows.map((r) => [r.code, Number(r.id)]));
}

/** Open incidents with a published notice (the banner). */
export async function noticedIncidents(db: Queryable): Promise<IncidentRow[]> {
  const { rows } = await db.query<IncidentRow>(`${SELECT} where i.status <> 'resolved' and i.notice_vi is not null order by i.started_at desc limit 20`);
  return rows.map(row);
}
