// The face of the accounts module: the only file other modules import.
export { registerAccountRoutes } from './accounts.routes.js';
export { registerAuthRoutes } from './auth.routes.js';
export { actorOf, allowed, covers, resolveSession, type AuthContext } from './auth-context.js';
export { SESSION_COOKIE } from './auth.service.js';
export { unitsCoveredBy } from './scope.repo.js';
export { bootstrapAdministrator, ensureAdministrator, type AccountsDeps } from './accounts.service.js';
export { enforceAccountRules } from './account-rules.js';
export { accountsReport, type AccountsReport } from './accounts-report.repo.js';
// the use cases themselves, for CLIs and other entry points
export { changeGrants, closeAccount, issueAccount, lockAccount, requestAccount, unlockAccount } from './accounts.service.js';
export { changePassword, login } from './auth.service.js';
export { acceptProject, createProject } from './projects.service.js';
