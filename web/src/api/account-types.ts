// Shapes of the /api/v1/auth and /api/v1/admin responses (accounts, roles, contractor
// projects, audit, reports). They mirror the server's schemas.
import type { Bilingual } from './types';

/** issued: handed over, the initial password not yet changed. */
export type AccountStatus = 'requested' | 'issued' | 'active' | 'locked' | 'closed';
/** Reasons an administrator picks; the others are set by the system (L1, project end). */
export type LockReason = 'compromised' | 'departed' | 'project_accepted' | 'other';
export type AnyLockReason = LockReason | 'initial_password_unchanged' | 'project_ended';

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
  readonly roleName?: Bilingual;
}

export interface Me {
  readonly id: string;
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
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly current: boolean;
}

export interface AccountSummary {
  readonly id: string;
  readonly username: string;
  readonly fullName: string;
  readonly organisation: string;
  readonly position: string;
  readonly status: AccountStatus;
  readonly lockReason: string | null;
  readonly issuedAt: string | null;
  readonly projectId?: string | null;
  readonly grants: readonly GrantView[];
}

export interface AccountDocument {
  readonly kind: string;
  readonly number: string | null;
  readonly date: string | null;
  readonly issuer: string | null;
  readonly note: string | null;
  readonly recordedAt: string;
  readonly recordedBy: string | null;
}

export interface AccountDetail extends AccountSummary {
  readonly nationalId: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly documents: readonly AccountDocument[];
}

export interface NewAccountRequest {
  readonly username: string;
  readonly fullName: string;
  readonly nationalId: string;
  readonly organisation: string;
  readonly position: string;
  readonly email?: string;
  readonly phone?: string;
  readonly request: DocumentRef;
  readonly grants: readonly Grant[];
  readonly projectId?: string;
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
  readonly id: string;
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
  readonly actorId: string | null;
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
  readonly nextCursor: number | string | null;
}

export interface AuditQuery {
  /** YYYY-MM-DD, from the start of the day */
  readonly from?: string;
  /** YYYY-MM-DD, exclusive: entries before the start of this day */
  readonly to?: string;
  /** the actor's account id */
  readonly actor?: string;
  readonly action?: string;
  readonly objectType?: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly checked: number;
  /** The chain's end: kept elsewhere (printed), it reveals the newest entries being cut off. */
  readonly lastSeq?: number;
  readonly lastHash?: string;
  readonly problem?: { readonly seq: number | string; readonly kind: 'altered' | 'missing' | 'reordered'; readonly message: Bilingual };
}

/** One account change in the report, with the document it rests on. */
export interface ReportLine {
  readonly id: string;
  readonly username: string;
  readonly fullName: string;
  readonly organisation: string;
  readonly at: string;
  /** the note recorded with the change (for locks: the reason) */
  readonly reason: string | null;
  /** "number, date, issuer" of the document, when there is one */
  readonly document: string | null;
}

export interface AccountsReport {
  readonly from: string;
  readonly to: string;
  readonly issued: readonly ReportLine[];
  readonly rightsChanged: readonly ReportLine[];
  readonly locked: readonly ReportLine[];
  readonly closed: readonly ReportLine[];
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

export interface TotpSetup {
  readonly otpauthUri: string;
  readonly secret: string;
}
