// The face of the sharing module (S-SHARE: data sharing with other systems, issue #11):
// the only file other modules import. app.ts makes one key ring (tokens and receipts)
// and registers /api/v1/sharing (administration) and /oauth/token + /share (machines).
export { registerSharingRoutes } from './sharing.routes.js';
export { registerShareRoutes } from './share.routes.js';
export { createKeyRing, type KeyRing } from './signing-keys.js';
export { sharingUsage, type UsageRow } from './usage.service.js';
export { RECEIPT_HEADER, EXCHANGE_ID_HEADER } from './share-gateway.routes.js';
export { deliverWebhooks, webhookSignature } from './webhooks.service.js';
