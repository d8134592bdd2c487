// Change notifications by webhook (S-SHARE "change notifications (webhooks)"): a consumer
// granted the change feed may register a URL; a scheduled job POSTs the land changes
// approved on its units since its cursor, in the parcel-changes v1 structure, signed
//   X-Lis-Signature: sha256=HEX(HMAC-SHA256(secret, `${X-Lis-Timestamp}.${body}`))
// The cursor moves only on a 2xx answer, so a change is never skipped; a failure is
// retried after 1, 2, 4 … minutes (at most 6 hours). A consumer that misses deliveries
// can always read the same feed at /share/v1/changes. Each delivery is in the exchange log.
import crypto from 'node:crypto';
import type { Database } from '../../db/database.js';
import { errors } from '../../kernel/app-error.js';
import { actAs, appendAudit, type Actor } from '../audit/index.js';
import { unitsCoveredBy } from '../accounts/index.js';
import { consumerById, consumerUnitIds } from './consumers.repo.js';
import { insertExchange } from './exchange.repo.js';
import { approvedChangesAfter } from './share.repo.js';
import * as repo from './webhooks.repo.js';
import { postSignedWebhook, signWebhook } from '../webhooks/index.js';

export interface WebhookDeps {
  db: Database;
  clock: { now(): Date };
}

const BATCH = 100;
const TIMEOUT_MS = 10_000;
const MAX_DELAY_MS = 6 * 3_600_000;

/** The signature a consumer recomputes to check a delivery: the webhooks module's scheme. */
export const webhookSignature = signWebhook;

/** Registers (or replaces) a consumer's webhook from a day on; the secret is shown once. null turns it off. */
export async function setWebhook(deps: WebhookDeps, actor: Actor, consumerId: string, input: { url: string | null; since: string }): Promise<{ secret: string | null }> {
  const consumer = await consumerById(deps.db, consumerId);
  if (!consumer) throw errors.notFound({ vi: `bên khai thác ${consumerId}`, en: `Consumer ${consumerId}` }, { consumerId });
  if (input.url !== null && !consumer.services.includes('parcel-changes')) {
    throw errors.invalid({ vi: 'Bên khai thác chưa được cấp dịch vụ parcel-changes', en: 'The consumer is not granted parcel-changes' }, { field: 'url' });
  }
  const secret = input.url === null ? null : `whsec_${crypto.randomBytes(32).toString('base64url')}`;
  await actAs(deps.db, actor, async (tx) => {
    if (input.url === null) await repo.deactivateWebhook(tx, consumerId);
    else await repo.upsertWebhook(tx, { consumerId, url: input.url, secret: secret!, since: new Date(`${input.since}T00:00:00+07:00`), now: deps.clock.now() });
    await appendAudit(tx, actor, { action: 'sharing.webhook_set', objectType: 'sharing_consumer', objectId: consumerId, details: { url: input.url, since: input.since } });
  });
  return { secret };
}

/** One pass of the job: each due webhook gets at most one batch. Returns how many batches were delivered. */
export async function deliverWebhooks(deps: WebhookDeps): Promise<{ delivered: number; failed: number }> {
  const result = { delivered: 0, failed: 0 };
  for (const hook of await repo.dueWebhooks(deps.db, deps.clock.now())) {
    const unitIds = await unitsCoveredBy(deps.db, await consumerUnitIds(deps.db, hook.consumerId));
    const rows = await approvedChangesAfter(deps.db, { unitIds, after: hook.cursorAt, afterId: hook.cursorId, limit: BATCH });
    if (rows.length === 0) continue;
    const last = rows.at(-1)!;
    const body = JSON.stringify({
      event: 'parcel-changes', version: 1,
      changes: rows.map((r) => ({ id: r.id, changeType: r.changeType, effectiveAt: r.effectiveAt, parcel: { unitCode: r.unitCode, sheetNumber: r.sheetNumber, parcelNumber: r.parcelNumber, nationalCode: r.nationalCode } })),
    });
    const deliveryId = crypto.randomUUID();
    const started = process.hrtime.bigint();
    const { status, error, signature } = await postSignedWebhook({ url: hook.url, secret: hook.secret, body, now: deps.clock.now(), deliveryId, timeoutMs: TIMEOUT_MS });
    const now = deps.clock.now();
    if (!error) {
      await repo.delivered(deps.db, hook.id, { cursorAt: new Date(last.effectiveAt), cursorId: last.id, status: status!, now });
      result.delivered += 1;
    } else {
      await repo.failed(deps.db, hook.id, { status, error, nextAttemptAt: new Date(now.getTime() + Math.min(MAX_DELAY_MS, 60_000 * 2 ** hook.attempts)) });
      result.failed += 1;
    }
    const consumer = await consumerById(deps.db, hook.consumerId);
    await insertExchange(deps.db, {
      id: deliveryId, at: now, consumerId: hook.consumerId, clientId: consumer?.clientId ?? null, service: 'parcel-changes', version: 1,
      method: 'PUSH', path: new URL(hook.url).origin + new URL(hook.url).pathname, params: { after: hook.cursorAt.toISOString() },
      status: status ?? 0, records: error ? 0 : rows.length, personalData: false,
      payloadSha256: crypto.createHash('sha256').update(body).digest('hex'),
      durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n), xroad: { client: null, userId: null, issue: null },
      requestId: deliveryId, receipt: signature,
    });
  }
  return result;
}

export { webhookState } from './webhooks.repo.js';
