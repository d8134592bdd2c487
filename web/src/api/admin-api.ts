// The administration calls (permission accounts.admin): accounts and their documents,
// roles, contractor projects, the audit log and the accounts report.
import type {
  AccountDetail,
  AccountStatus,
  AccountSummary,
  AccountsReport,
  AuditPage,
  AuditQuery,
  AuditVerification,
  DocumentRef,
  Grant,
  IssuedAccount,
  ItemList,
  LockReason,
  NewAccountRequest,
  NewProject,
  Project,
  Role,
} from './account-types';
import { getJson, requestJson } from './http-client';

const segment = (value: string | number): string => encodeURIComponent(String(value));
const account = (id: string | number, action = ''): string => `/admin/accounts/${segment(id)}${action}`;

export function listAccounts(
  query: { status?: AccountStatus | undefined; q?: string | undefined },
  signal?: AbortSignal,
): Promise<ItemList<AccountSummary>> {
  return getJson<ItemList<AccountSummary>>('/admin/accounts', { status: query.status, q: query.q }, signal);
}

export function getAccount(id: string | number, signal?: AbortSignal): Promise<AccountDetail> {
  return getJson<AccountDetail>(account(id), undefined, signal);
}

export function requestAccount(request: NewAccountRequest): Promise<AccountDetail> {
  return requestJson<AccountDetail>('POST', '/admin/accounts', { body: request });
}

export function issueAccount(id: string | number): Promise<IssuedAccount> {
  return requestJson<IssuedAccount>('POST', account(id, '/issue'));
}

export interface AccountChange {
  readonly note: string;
  readonly document: DocumentRef;
}

export function lockAccount(id: string | number, change: AccountChange & { reason: LockReason }): Promise<AccountDetail> {
  return requestJson<AccountDetail>('POST', account(id, '/lock'), { body: change });
}

export function unlockAccount(id: string | number, change: AccountChange): Promise<AccountDetail> {
  return requestJson<AccountDetail>('POST', account(id, '/unlock'), { body: change });
}

export function closeAccount(id: string | number, change: AccountChange): Promise<AccountDetail> {
  return requestJson<AccountDetail>('POST', account(id, '/close'), { body: change });
}

export function changeGrants(
  id: string | number,
  change: { grants: readonly Grant[]; document: DocumentRef },
): Promise<AccountDetail> {
  return requestJson<AccountDetail>('PUT', account(id, '/grants'), { body: change });
}

export function listRoles(signal?: AbortSignal): Promise<ItemList<Role>> {
  return getJson<ItemList<Role>>('/admin/roles', undefined, signal);
}

export function listProjects(signal?: AbortSignal): Promise<ItemList<Project>> {
  return getJson<ItemList<Project>>('/admin/projects', undefined, signal);
}

export function createProject(project: NewProject): Promise<Project> {
  return requestJson<Project>('POST', '/admin/projects', { body: project });
}

export function acceptProject(id: string | number, document: DocumentRef): Promise<Project> {
  return requestJson<Project>('POST', `/admin/projects/${segment(id)}/accept`, { body: { document } });
}

export function listAudit(
  query: AuditQuery & { cursor?: number | string | undefined; limit?: number },
  signal?: AbortSignal,
): Promise<AuditPage> {
  return getJson<AuditPage>('/admin/audit', { ...query }, signal);
}

export function verifyAudit(signal?: AbortSignal): Promise<AuditVerification> {
  return getJson<AuditVerification>('/admin/audit/verify', undefined, signal);
}

export function getAccountsReport(from: string, to: string, signal?: AbortSignal): Promise<AccountsReport> {
  return getJson<AccountsReport>('/admin/reports/accounts', { from, to }, signal);
}
