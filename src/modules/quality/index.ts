// The face of the quality module (issue #6 item 6, O12: quality checks on the live record): the only file other modules import.
export { registerQualityRoutes } from './quality.routes.js';
export { runQualityChecks, runScheduledQualityChecks, type QualityDeps } from './quality.service.js';
