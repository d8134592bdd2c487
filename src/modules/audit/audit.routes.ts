import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { errorResponses, IsoDate } from '../../http/schemas.js';
import { listAudit } from './audit.repo.js';
import { verifyAuditLog } from './audit.service.js';

const auditor = { permission: 'audit.read' } as const;

export function registerAuditRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get('/admin/audit', {
    config: auditor,
    schema: {
      tags: ['administration'], summary: 'Nhật ký hệ thống / audit log (newest first)',
      querystring: Type.Object({
        from: Type.Optional(IsoDate), to: Type.Optional(IsoDate),
        actor: Type.Optional(Type.String({ format: 'uuid' })),
        action: Type.Optional(Type.String({ pattern: '^[a-z_.]{1,60}$' })),
        objectType: Type.Optional(Type.String({ pattern: '^[a-z_]{1,60}$' })),
        cursor: Type.Optional(Type.Integer({ minimum: 1 })),
        limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({}, { additionalProperties: true })), nextCursor: Type.Union([Type.Integer(), Type.Null()]) }), ...errorResponses },
    },
  }, async (request) => {
    const q = request.query;
    const items = await listAudit(deps.db, { from: q.from, to: q.to, actorId: q.actor, action: q.action, objectType: q.objectType, beforeSeq: q.cursor, limit: q.limit });
    return { items, nextCursor: items.length === q.limit ? items[items.length - 1]!.seq : null };
  });
  typed.get('/admin/audit/verify', {
    config: auditor,
    schema: { tags: ['administration'], summary: 'Kiểm tra toàn vẹn nhật ký / verify the audit chain', response: { 200: Type.Object({}, { additionalProperties: true }) } },
  }, async () => verifyAuditLog(deps.db));
}
