// Shapes of the /api/v1/auth and /api/v1/admin responses (accounts, roles, contractor
// projects, audit, reports). They mirror the server's schemas.
import type { Bilingual } from './types';

export type AccountStatus = 'requested' | 'active' | 'locked' | 'closed';
export type LockReason = 'compromised' | 'departed' | 'project_accepted' | 'other' | 'password_not_changed';

/** A written document (request, decision, notice) an account change rests on. */
export interface DocumentRef {
  readonly number: string;
  /** YYYY-MM-DD */
  readonly date: string;
  readonly issuer: string;
}

export interface Grant {
  readonly role: string;
  readonly unitCode: string;
}

export interface GrantView extends Grant {
  readonly unitName: string;
}

export interface Me {
  readonly id: number | string;
  readonly username: string;
  readonly fullName: string;
  readonly status: AccountStatus;
  readonly mustChangePassword: boolean;
  readonly totpEnabled: boolean;
  readonly totpRequired: boolean;
  readonly grants: readonly (GrantView & { readonly roleName: Bilingual })[];
  readonly permissions: readonly string[];
}

export interface LoginRequest {
  readonly username: string;
  readonly password: string;
  readonly totp?: string;
}

export interface Session {
  readonly id: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly ip: string;
  readonly userAgent: string;
  readonly current: boolean;
}

export interface AccountSummary {
  readonly id: number | string;
  readonly username: string;
  readonly fullName: string;
  readonly organisation: string;
  readonly position: string;
  readonly status: AccountStatus;
  readonly lockReason: string | null;
  readonly issuedAt: string | null;
  readonly grants: readonly GrantView[];
}

export interface AccountDocument extends DocumentRef {
  readonly kind: string;
  readonly note: string | null;
  readonly recordedAt: string;
  readonly recordedBy: string | null;
}

export interface AccountDetail extends AccountSummary {
  readonly nationalId: string;
  readonly email: string;
  readonly phone: string;
  readonly documents: readonly AccountDocument[];
}

export interface NewAccountRequest {
  readonly username: string;
  readonly fullName: string;
  readonly nationalId: string;
  readonly organisation: string;
  readonly position: string;
  readonly email: string;
  readonly phone: string;
  readonly request: DocumentRef;
  readonly grants: readonly Grant[];
  readonly projectId?: number | string;
}

export interface IssuedAccount {
  readonly account: AccountDetail;
  readonly initialPassword: string;
}

export interface Role {
  readonly code: string;
  readonly name: Bilingual;
  readonly permissions: readonly string[];
  readonly requireTotp: boolean;
}

export interface Project {
  readonly id: number | string;
  readonly name: string;
  readonly contractNumber: string;
  readonly planDocument: DocumentRef;
  readonly unitCodes: readonly string[];
  readonly validFrom: string;
  readonly validTo: string;
  readonly status: 'active' | 'accepted';
  readonly acceptedAt: string | null;
}

export type NewProject = Omit<Project, 'id' | 'status' | 'acceptedAt'>;

export interface AuditEntry {
  readonly seq: number | string;
  readonly at: string;
  readonly actorId: number | string | null;
  readonly actorName: string | null;
  readonly action: string;
  readonly objectType: string | null;
  readonly objectId: string | null;
  readonly unitCode: string | null;
  readonly requestId: string | null;
  readonly details: unknown;
}

export interface AuditPage {
  readonly items: readonly AuditEntry[];
  readonly nextCursor: string | null;
}

export interface AuditQuery {
  readonly from?: string;
  readonly to?: string;
  readonly actor?: string;
  readonly action?: string;
  readonly objectType?: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly problem?: { readonly seq: number | string; readonly kind: 'altered' | 'missing' | 'reordered'; readonly message: Bilingual };
}

export interface LockedInReport extends AccountSummary {
  readonly reason: string;
  readonly at: string;
}

export interface AccountsReport {
  readonly from: string;
  readonly to: string;
  readonly issued: readonly AccountSummary[];
  readonly rightsChanged: readonly AccountSummary[];
  readonly locked: readonly LockedInReport[];
  readonly closed: readonly AccountSummary[];
  readonly totals: {
    readonly issued: number;
    readonly rightsChanged: number;
    readonly locked: number;
    readonly closed: number;
    readonly activeAtEnd: number;
  };
}

export interface ItemList<T> {
  readonly items: readonly T[];
}
