// SQL of the audit log. Rows are appended (the database chains them and refuses
// updates and deletes); nothing here edits one.
import type { Queryable } from '../../db/database.js';
import type { Actor } from './actor.js';

export interface AuditEntry {
  action: string;
  objectType?: string | undefined;
  objectId?: string | undefined;
  unitId?: number | undefined;
  details?: Record<string, unknown> | undefined;
}

export async function appendAudit(db: Queryable, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.query(
    `insert into audit_log (actor_id, actor_name, action, object_type, object_id, unit_id, request_id, details)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [actor.id, actor.name, entry.action, entry.objectType ?? null, entry.objectId ?? null, entry.unitId ?? null,
     actor.requestId ?? null, JSON.stringify(entry.details ?? {})],
  );
}

/** Rows as the chain hashes them: every field in its canonical text form. */
export interface CanonicalAuditRow {
  seq: string;
  at: string;
  actor_id: string;
  actor_name: string;
  action: string;
  object_type: string;
  object_id: string;
  unit_id: string;
  request_id: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export async function readCanonicalRows(db: Queryable, afterSeq: number, limit: number): Promise<CanonicalAuditRow[]> {
  const { rows } = await db.query<CanonicalAuditRow>(
    `select seq::text, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
            coalesce(actor_id::text, '') as actor_id, coalesce(actor_name, '') as actor_name, action,
            coalesce(object_type, '') as object_type, coalesce(object_id, '') as object_id,
            coalesce(unit_id::text, '') as unit_id, coalesce(request_id, '') as request_id,
            details::text as details, prev_hash, hash
       from audit_log where audit_log.seq > $1 order by audit_log.seq limit $2`,
    [afterSeq, limit],
  );
  return rows;
}

export interface AuditFilter {
  from?: string | undefined;
  to?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

export interface AuditRow {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  unitCode: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

/** Newest first; the cursor is the last seq seen. */
export async function listAudit(db: Queryable, f: AuditFilter): Promise<AuditRow[]> {
  const { rows } = await db.query<AuditRow>(
    `select a.seq, a.at, a.actor_id as "actorId", a.actor_name as "actorName", a.action,
            a.object_type as "objectType", a.object_id as "objectId", u.code as "unitCode",
            a.request_id as "requestId", a.details
       from audit_log a left join admin_unit u on u.id = a.unit_id
      where ($1::timestamptz is null or a.at >= $1) and ($2::timestamptz is null or a.at < $2)
        and ($3::uuid is null or a.actor_id = $3) and ($4::text is null or a.action like $4 || '%')
        and ($5::text is null or a.object_type = $5) and ($6::bigint is null or a.seq < $6)
      order by a.seq desc limit $7`,
    [f.from ?? null, f.to ?? null, f.actorId ?? null, f.action ?? null, f.objectType ?? null, f.beforeSeq ?? null, f.limit],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}
