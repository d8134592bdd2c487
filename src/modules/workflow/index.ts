// The face of the workflow module (S-FLOW, dossiers, issue #7): the only file other modules import.
export { registerWorkflowRoutes, type WorkflowRouteDeps } from './workflow.routes.js';
export { recordExternalAnswer, completeStep, type DossierDeps, type DossierView, type Scope } from './dossiers.service.js';
export type { ExternalExchange, ExternalAnswer, ExternalRequest } from './external.js';
export { createCalendar, addWorkingDays, workingDaysBetween, isWorkingDay, dueDay, type WorkingCalendar } from './working-days.js';
export { holidaysOf, tetDay } from './holidays.js';
export { dossierStatistics, complianceCheck, type DossierStatistics, type Deviation } from './compliance.js';
// the exchanges with the tax authority and the one-stop systems (issue #7 items 4 and 5)
export { registerExchangeRoutes, type ExchangeRouteDeps } from './exchange.routes.js';
export { sendTaxRequests, createTaxHttpExchange, signExchangeCall, recordTaxNotice, recordTaxPayment, TAX_PARTY, type TaxNotice, type TaxPayment, type TaxExchangeDeps } from './tax-exchange.js';
export { createTaxSimulator, computeTaxNotice, type TaxSimulator } from './tax-simulator.js';
export { startOneStopSimulator, type OneStopSimulator, type ReceivedWebhook, type Transport } from './one-stop-simulator.js';
