// The face of the operations module (issue #10 items 4-7): the only file others import.
export { registerOperationsRoutes, type OperationsRouteDeps } from './operations.routes.js';
export { createMaintenanceGate, refusingMode, type MaintenanceGate } from './maintenance.service.js';
export { subsystemOfUrl, SUBSYSTEMS, type Subsystem } from './subsystems.js';
export { createMailer, type Mailer } from './mail.js';
export { createMetrics, type OperationsMetrics } from './metrics.js';
export { runAlarms } from './alarms.js';
export { generateScheduledReports, generateReport, parsePeriod, SECTIONS, type PeriodicReport, type ReportSection, type SectionBuilder } from './periodic-report.js';
export { registerMetricsRoutes } from './metrics.routes.js';
