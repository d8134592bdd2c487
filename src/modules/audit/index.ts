// The face of the audit module: the only file other modules import.
export { actAs, SYSTEM_ACTOR, type Actor } from './actor.js';
export { appendAudit, listAudit, type AuditEntry, type AuditRow } from './audit.repo.js';
export { verifyAuditLog, type VerifyResult } from './audit.service.js';
export { registerAuditRoutes } from './audit.routes.js';
