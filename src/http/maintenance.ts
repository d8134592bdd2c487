// Maintenance mode (I3) honoured in one place: every request passes this hook before
// anything else. The URL says the subsystem (src/modules/operations/subsystems.ts, one
// table of prefixes); a read-only subsystem refuses POST/PUT/PATCH/DELETE with 503
// MAINTENANCE, a closed one refuses everything. Signing in and out, /auth/me, health,
// metrics, notices, the operations routes (to lift it) and the portal's files always pass.
import type { FastifyInstance } from 'fastify';
import type { MaintenanceGate } from '../modules/operations/index.js';

export function registerMaintenance(app: FastifyInstance, gate: MaintenanceGate): void {
  app.addHook('onRequest', async (request) => {
    await gate.check(request.method, request.url);
  });
  // the API plugin and its children inherit onClose: stop listening once
  let closing: Promise<void> | undefined;
  app.addHook('onClose', () => (closing ??= gate.close()));
}
