// Words for the codes the accounts API uses: statuses, lock reasons, document kinds.
import type { AccountStatus, AnyLockReason, LockReason } from '../../api';
import type { MessageKey, Translate } from '../../i18n';

export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['requested', 'issued', 'active', 'locked', 'closed'];
export const LOCK_REASONS: readonly LockReason[] = ['compromised', 'departed', 'project_accepted', 'other'];

const STATUS: Record<AccountStatus, MessageKey> = {
  requested: 'status.requested',
  issued: 'status.issued',
  active: 'status.active',
  locked: 'status.locked',
  closed: 'status.closed',
};

const REASON: Record<AnyLockReason, MessageKey> = {
  compromised: 'reason.compromised',
  departed: 'reason.departed',
  project_accepted: 'reason.project_accepted',
  other: 'reason.other',
  initial_password_unchanged: 'reason.initial_password_unchanged',
  project_ended: 'reason.project_ended',
};

const DOCUMENT: Record<string, MessageKey> = {
  request: 'docKind.request',
  issue: 'docKind.issue',
  lock: 'docKind.lock',
  unlock: 'docKind.unlock',
  close: 'docKind.close',
  rights_change: 'docKind.rights_change',
  project_plan: 'docKind.project_plan',
  project_acceptance: 'docKind.project_acceptance',
};

/** Unknown codes (a newer server) are shown as they are rather than hidden. */
const lookup = <K extends string>(table: Record<K, MessageKey>, code: string, t: Translate): string =>
  code in table ? t(table[code as K]) : code;

export const statusLabel = (status: string, t: Translate): string => lookup(STATUS, status, t);
export const lockReasonLabel = (reason: string | null, t: Translate): string => (reason ? lookup(REASON, reason, t) : '');
export const documentKindLabel = (kind: string, t: Translate): string => lookup(DOCUMENT, kind, t);
