// The outbox seen by the administrator: what waits, how often it failed and why (a
// webhook that keeps failing is never dropped; here it shows).
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { errorResponses } from '../../http/schemas.js';
import { listOutbox } from './outbox.service.js';

export function registerWebhookRoutes(app: FastifyInstance, deps: { db: Database }): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get('/webhooks/outbox', {
    config: { permission: 'accounts.admin' },
    schema: {
      tags: ['administration'], summary: 'Thông báo webhook đã gửi và đang chờ gửi lại / outbound webhooks, delivered and pending',
      querystring: Type.Object({
        pending: Type.Boolean({ default: false, description: 'chỉ những thông báo chưa gửi được / undelivered only' }),
        event: Type.Optional(Type.String({ pattern: '^[a-z_.]{2,60}$' })),
        limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({}, { additionalProperties: true })) }), 401: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse'), ...errorResponses },
    },
  }, async (request) => ({ items: await listOutbox(deps.db, request.query) }));
}
