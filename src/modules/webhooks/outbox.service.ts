// A generic outbox of signed webhooks (issue #7 item 5; usable by data sharing, #11): a
// module queues a notification in the same transaction as the change it tells (so it is
// never lost, and survives a restart), and a scheduled job POSTs it, signed
//   X-Lis-Timestamp: unix seconds
//   X-Lis-Signature: sha256=HEX(HMAC-SHA256(secret, `${timestamp}.${body}`))
//   X-Lis-Delivery: the outbox row id (a receiver drops a delivery it has seen)
//   X-Lis-Event: the event name
// (the same scheme as the sharing module's change notifications). A failure (network
// error, timeout, non-2xx) is retried after 30 s, 1, 2, 4 … minutes, at most 6 hours
// apart, until delivered; the row stays visible with its last error meanwhile. Each target
// gets its webhooks in the order they were queued: a later one waits while an earlier one
// is retried (a status never arrives before the one it follows).
import crypto from 'node:crypto';
import type { Database, Queryable } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import * as repo from './outbox.repo.js';

export interface WebhookDeliveryDeps {
  db: Database;
  clock: Clock;
  /** the signing secret a row names by its secret_key; undefined: not configured (the row waits) */
  secret(key: string): string | undefined;
  /** milliseconds a target may take (default 10 s) */
  timeoutMs?: number;
}

export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 6 * 3_600_000;
const BATCH = 500;
// a backlog after an outage drains at up to 100 per target per pass (the job runs every 5 s)
const PER_TARGET = 100;

/** The signature a receiver recomputes to check a delivery. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Checks a delivery's signature in constant time, and that its timestamp is within toleranceSeconds of now. */
export function verifyWebhook(secret: string, headers: { timestamp?: string | undefined; signature?: string | undefined }, body: string, now: Date, toleranceSeconds = 300): boolean {
  if (!headers.timestamp || !headers.signature || !/^\d{1,12}$/.test(headers.timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(headers.timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, headers.timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/**
 * One signed POST with the headers every receiver checks (timestamp, signature, delivery
 * id, plus any of the caller's); never throws: the outcome is the status and an error text
 * ('' when the target answered 2xx). Redirects are refused: a delivery goes where it was
 * registered, nowhere else.
 */
export async function postSignedWebhook(target: {
  url: string; secret: string; body: string; now: Date; deliveryId: string; headers?: Record<string, string>; timeoutMs?: number;
}): Promise<{ status: number | null; error: string; signature: string }> {
  const timestamp = String(Math.floor(target.now.getTime() / 1000));
  const signature = signWebhook(target.secret, timestamp, target.body);
  try {
    const response = await fetch(target.url, {
      method: 'POST', body: target.body, redirect: 'error', signal: AbortSignal.timeout(target.timeoutMs ?? 10_000),
      headers: {
        ...target.headers, 'content-type': 'application/json', 'x-lis-delivery': target.deliveryId,
        'x-lis-timestamp': timestamp, 'x-lis-signature': signature,
      },
    });
    await response.arrayBuffer().catch(() => undefined);
    return { status: response.status, error: response.ok ? '' : `HTTP ${response.status}`, signature };
  } catch (cause) {
    return { status: null, error: cause instanceof Error ? cause.message : String(cause), signature };
  }
}

/** The delay before the next attempt after `attempts` failed ones. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

/** Queues a webhook in the caller's transaction. */
export function enqueueWebhook(tx: Queryable, webhook: repo.NewWebhook): Promise<string> {
  return repo.insert(tx, webhook);
}

/** One pass of the delivery job: every due row gets one attempt, in the order queued. */
export async function deliverOutbox(deps: WebhookDeliveryDeps): Promise<{ delivered: number; failed: number }> {
  const result = { delivered: 0, failed: 0 };
  // targets whose oldest undelivered webhook is waiting for its retry, or failed just now
  const held = new Set<string>();
  for (const row of await repo.heads(deps.db, PER_TARGET, BATCH)) {
    if (held.has(row.targetUrl)) continue;
    if (Date.parse(row.nextAttemptAt) > deps.clock.now().getTime()) {
      held.add(row.targetUrl);
      continue;
    }
    const secret = deps.secret(row.secretKey);
    const body = JSON.stringify({ id: row.id, event: row.event, sequence: row.seq, occurredAt: row.createdAt, data: row.payload });
    const { status, error } = secret
      ? await postSignedWebhook({
        url: row.targetUrl, secret, body, now: deps.clock.now(), deliveryId: row.id, headers: { 'x-lis-event': row.event }, timeoutMs: deps.timeoutMs,
      })
      : { status: null, error: `no secret configured for "${row.secretKey}"` };
    const now = deps.clock.now();
    if (!error) {
      await repo.markDelivered(deps.db, row.id, status!, now);
      result.delivered += 1;
    } else {
      await repo.markFailed(deps.db, row.id, { status, error, nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts + 1)) });
      held.add(row.targetUrl);
      result.failed += 1;
    }
  }
  return result;
}

export function listOutbox(db: Queryable, q: { pending: boolean; event?: string | undefined; limit: number }): Promise<repo.OutboxRow[]> {
  return repo.list(db, { pending: q.pending, event: q.event ?? null, limit: q.limit });
}
