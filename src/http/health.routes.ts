import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';

const Health = Type.Object({ status: Type.String() });
const Ready = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not-ready')]),
  database: Type.String(),
  pendingMigrations: Type.Array(Type.Integer()),
  problem: Type.Optional(Type.String()),
});

/** /healthz: the process is alive. /readyz: the database answers and migrations are current. */
export function registerHealthRoutes(app: FastifyInstance, db: Database): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get('/healthz', { schema: { tags: ['system'], response: { 200: Health } } }, async () => ({ status: 'ok' }));
  typed.get('/readyz', { schema: { tags: ['system'], response: { 200: Ready, 503: Ready } } }, async (_request, reply) => {
    try {
      const pending = await pendingMigrations(db);
      const status = pending.length === 0 ? 'ready' : 'not-ready';
      return reply.status(pending.length === 0 ? 200 : 503).send({ status, database: db.kind, pendingMigrations: pending });
    } catch (error) {
      return reply.status(503).send({ status: 'not-ready', database: db.kind, pendingMigrations: [], problem: (error as Error).message });
    }
  });
}
