// SQL of the change-notification webhooks (their cursor in the change feed, retries).
import type { Queryable } from '../../db/database.js';

export interface Webhook {
  id: string;
  consumerId: string;
  url: string;
  secret: string;
  cursorAt: Date;
  cursorId: string;
  attempts: number;
}

export async function upsertWebhook(db: Queryable, w: { consumerId: string; url: string; secret: string; since: Date; now: Date }): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into sharing_webhook (consumer_id, url, secret, cursor_at, next_attempt_at) values ($1::uuid, $2::text, $3::text, $4::timestamptz, $5::timestamptz)
     on conflict (consumer_id) do update set url = excluded.url, secret = excluded.secret, active = true, cursor_at = excluded.cursor_at,
       cursor_id = '00000000-0000-0000-0000-000000000000', attempts = 0, next_attempt_at = excluded.next_attempt_at, last_error = null
     returning id`,
    [w.consumerId, w.url, w.secret, w.since, w.now],
  );
  return rows[0]!.id;
}

export async function deactivateWebhook(db: Queryable, consumerId: string): Promise<boolean> {
  const { rowCount } = await db.query('update sharing_webhook set active = false where consumer_id = $1::uuid', [consumerId]);
  return rowCount > 0;
}

/** Active webhooks due now, of consumers active now and granted the change feed. */
export async function dueWebhooks(db: Queryable, now: Date): Promise<Webhook[]> {
  const { rows } = await db.query<Webhook>(
    `select w.id, w.consumer_id as "consumerId", w.url, w.secret, w.cursor_at as "cursorAt", w.cursor_id as "cursorId", w.attempts
       from sharing_webhook w join sharing_consumer c on c.id = w.consumer_id
      where w.active and w.next_attempt_at <= $1::timestamptz and c.status = 'active' and 'parcel-changes' = any(c.services)
        and c.valid_from <= $1::timestamptz and (c.valid_to is null or c.valid_to > $1::timestamptz)
      order by w.next_attempt_at limit 100`,
    [now],
  );
  return rows.map((r) => ({ ...r, cursorAt: new Date(r.cursorAt) }));
}

export async function delivered(db: Queryable, id: string, w: { cursorAt: Date; cursorId: string; status: number; now: Date }): Promise<void> {
  await db.query(
    `update sharing_webhook set cursor_at = $2::timestamptz, cursor_id = $3::uuid, attempts = 0, last_status = $4::int, last_error = null,
            last_delivered_at = $5::timestamptz, next_attempt_at = $5::timestamptz where id = $1::uuid`,
    [id, w.cursorAt, w.cursorId, w.status, w.now],
  );
}

export async function failed(db: Queryable, id: string, f: { status: number | null; error: string; nextAttemptAt: Date }): Promise<void> {
  await db.query(
    `update sharing_webhook set attempts = attempts + 1, last_status = $2::int, last_error = $3::text, next_attempt_at = $4::timestamptz where id = $1::uuid`,
    [id, f.status, f.error.slice(0, 500), f.nextAttemptAt],
  );
}

export async function webhookState(db: Queryable, consumerId: string): Promise<{ url: string; active: boolean; attempts: number; lastStatus: number | null; lastError: string | null; cursorAt: string; nextAttemptAt: string } | undefined> {
  const { rows } = await db.query<{ url: string; active: boolean; attempts: number; lastStatus: number | null; lastError: string | null; cursorAt: string; nextAttemptAt: string }>(
    `select url, active, attempts, last_status as "lastStatus", last_error as "lastError", cursor_at as "cursorAt", next_attempt_at as "nextAttemptAt"
       from sharing_webhook where consumer_id = $1::uuid`,
    [consumerId],
  );
  return rows[0] && { ...rows[0], cursorAt: new Date(rows[0].cursorAt).toISOString(), nextAttemptAt: new Date(rows[0].nextAttemptAt).toISOString() };
}
