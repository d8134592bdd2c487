// The face of the webhooks module: a generic, signed, retried outbox (issue #7 item 5; for
// data sharing's change notifications too, #11). The only file other modules import.
export { enqueueWebhook, deliverOutbox, postSignedWebhook, signWebhook, verifyWebhook, retryDelayMs, listOutbox, FIRST_RETRY_MS, MAX_RETRY_MS, type WebhookDeliveryDeps } from './outbox.service.js';
export type { NewWebhook, OutboxRow } from './outbox.repo.js';
export { registerWebhookRoutes } from './webhooks.routes.js';
