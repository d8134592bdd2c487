// SQL of the webhook outbox (migration 0024): queued in the caller's transaction, claimed
// by the delivery job in order, marked delivered or failed with the next attempt's time.
import type { Queryable } from '../../db/database.js';

export interface NewWebhook {
  event: string;
  targetUrl: string;
  /** which configured secret signs it (secrets are not stored in the database) */
  secretKey: string;
  payload: Record<string, unknown>;
  at: Date;
}

export interface OutboxRow {
  id: string;
  seq: number;
  event: string;
  targetUrl: string;
  secretKey: string;
  payload: Record<string, unknown>;
  attempts: number;
  nextAttemptAt: string;
  deliveredAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
}

const COLUMNS = `id, seq::int as seq, event, target_url as "targetUrl", secret_key as "secretKey", payload, attempts,
  next_attempt_at as "nextAttemptAt", delivered_at as "deliveredAt", last_status as "lastStatus", last_error as "lastError", created_at as "createdAt"`;

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
const withDates = (r: OutboxRow): OutboxRow => ({ ...r, nextAttemptAt: iso(r.nextAttemptAt)!, deliveredAt: iso(r.deliveredAt), createdAt: iso(r.createdAt)! });

export async function insert(db: Queryable, w: NewWebhook): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into webhook_outbox (event, target_url, secret_key, payload, next_attempt_at, created_at)
     values ($1::text, $2::text, $3::text, $4::jsonb, $5::timestamptz, $5::timestamptz) returning id`,
    [w.event, w.targetUrl, w.secretKey, JSON.stringify(w.payload), w.at],
  );
  return rows[0]!.id;
}

/**
 * The first undelivered rows of each target, oldest first (at most perTarget each, so a
 * target that is down does not crowd the others out); the caller keeps each target's order.
 */
export async function heads(db: Queryable, perTarget: number, limit: number): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `select ${COLUMNS} from (
       select w.*, row_number() over (partition by w.target_url order by w.seq) as n from webhook_outbox w where w.delivered_at is null
     ) x where x.n <= $1::int order by x.seq limit $2::int`,
    [perTarget, limit],
  );
  return rows.map(withDates);
}

export async function markDelivered(db: Queryable, id: string, status: number, at: Date): Promise<void> {
  await db.query(
    'update webhook_outbox set delivered_at = $2::timestamptz, attempts = attempts + 1, last_status = $3::int, last_error = null where id = $1::uuid',
    [id, at, status],
  );
}

export async function markFailed(db: Queryable, id: string, f: { status: number | null; error: string; nextAttemptAt: Date }): Promise<void> {
  await db.query(
    'update webhook_outbox set attempts = attempts + 1, last_status = $2::int, last_error = $3::text, next_attempt_at = $4::timestamptz where id = $1::uuid',
    [id, f.status, f.error.slice(0, 1000), f.nextAttemptAt],
  );
}

export async function list(db: Queryable, q: { pending: boolean; event: string | null; limit: number }): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `select ${COLUMNS} from webhook_outbox
      where (not $1::boolean or delivered_at is null) and ($2::text is null or event = $2::text)
      order by seq desc limit $3::int`,
    [q.pending, q.event, q.limit],
  );
  return rows.map(withDates);
}
