// The dossier workflow API (issue #7): procedures and their forms, intake, the inbox, a
// dossier with its timeline and actions, and the public look-up by receipt code.
import { getJson, requestJson } from '../../api/http-client';

export interface FormDefinition {
  code: string;
  titleVi: string;
  titleEn: string;
  schema: JsonSchema;
}

/** The subset of JSON Schema the portal renders: an object of strings, numbers, booleans, dates and enums. */
export interface JsonSchema {
  type?: 'object' | 'string' | 'number' | 'integer' | 'boolean';
  title?: string;
  format?: string;
  enum?: string[];
  required?: string[];
  properties?: Record<string, JsonSchema>;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

export interface ProcedureStep {
  seq: number;
  code: string;
  nameVi: string;
  nameEn: string;
  roleCode: string;
  days: number;
  clockRuns: boolean;
  externalParty: string | null;
}

export interface ProcedureSummary {
  code: string;
  version: number;
  nameVi: string;
  nameEn: string;
  timeLimitDays: number;
}

export interface Procedure extends ProcedureSummary {
  legalBasis: string;
  forms: FormDefinition[];
  steps: ProcedureStep[];
  documents: Array<{ documentType: string; required: boolean }>;
}

export type DossierStatus = 'processing' | 'returned' | 'waiting_external' | 'refused' | 'done';
export type DeadlineStatus = 'on_time' | 'due_soon' | 'late';

export interface InboxItem {
  id: string;
  receiptCode: string;
  procedureName: { vi: string; en: string };
  status: DossierStatus;
  stepCode: string | null;
  receivedAt: string;
  effectiveDueDay: string;
  deadline: DeadlineStatus;
}

export interface TimelineEvent {
  at: string;
  actorName: string;
  action: string;
  stepCode: string | null;
  note: string | null;
}

export interface Dossier {
  id: string;
  receiptCode: string;
  procedure: { code: string; version: number; nameVi: string; nameEn: string; legalBasis: string; changeType: string | null };
  status: DossierStatus;
  applicant: { fullName: string };
  parcels: Array<{ unitCode: string; sheetNumber: number; parcelNumber: number }>;
  receivedAt: string;
  deadline: { dueDay: string; status: DeadlineStatus; lateStep: string | null };
  currentStep: ProcedureStep | null;
  steps: ProcedureStep[];
  changeId: string | null;
  /** the change prepared for the dossier (pending until the result applies it) */
  change: { id: string; changeType: string; typeName: { vi: string; en: string }; status: 'pending' | 'approved' | 'cancelled' } | null;
  resultError: string | null;
  refusalReason: string | null;
  timeline: TimelineEvent[];
  /** round trips with the tax authority: the request, the notice, the payment (issue #7 item 4) */
  exchanges: ExchangeMessage[];
}

export interface ExchangeMessage {
  id: string;
  party: string;
  status: 'queued' | 'sent' | 'answered' | 'paid';
  reference: string | null;
  noticeNumber: string | null;
  response: { landUseFee: number; registrationFee: number; personalIncomeTax: number; total: number; paymentDueOn?: string | null } | null;
  payment: { paidOn: string; amount: number; receiptNumber: string } | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  answeredAt: string | null;
  paidAt: string | null;
}

export interface CitizenView {
  receiptCode: string;
  status: DossierStatus;
  procedureName: { vi: string; en: string };
  receivedOn: string;
  expectedReturnOn: string;
}

export interface IntakeInput {
  procedureCode: string;
  unitCode: string;
  applicant: { fullName: string; idNumber?: string; phone?: string };
  parcels: Array<{ unitCode: string; sheetNumber: number; parcelNumber: number }>;
  forms: Record<string, Record<string, unknown>>;
  documents: Array<{ type: string }>;
}

export const listProcedures = (signal?: AbortSignal) => getJson<{ items: ProcedureSummary[] }>('/procedures', {}, signal).then((r) => r.items);
export const getProcedure = (code: string, signal?: AbortSignal) => getJson<Procedure>(`/procedures/${encodeURIComponent(code)}`, {}, signal);
export const listInbox = (mine: boolean, signal?: AbortSignal) => getJson<{ items: InboxItem[] }>('/dossiers', { mine: mine ? 'true' : undefined }, signal).then((r) => r.items);
export const getDossier = (id: string, signal?: AbortSignal) => getJson<Dossier>(`/dossiers/${encodeURIComponent(id)}`, {}, signal);
export const intake = (input: IntakeInput) => requestJson<Dossier>('POST', '/dossiers', { body: { ...input, channel: 'counter' } });
export const dossierAction = (id: string, action: 'complete-step' | 'return' | 'supplement' | 'refuse', body: object) =>
  requestJson<Dossier>('POST', `/dossiers/${encodeURIComponent(id)}/${action}`, { body });
/** prepares the dossier's change: the cadastre's edits; the server sets the type, parcel and dossier */
export const prepareDossierChange = (id: string, body: { edits: unknown; legalBasis: string }) =>
  requestJson<Dossier>('POST', `/dossiers/${encodeURIComponent(id)}/change`, { body });
export const lookUp = (receiptCode: string) => getJson<CitizenView>(`/public/dossiers/${encodeURIComponent(receiptCode)}`);
export const confirmTaxPayment = (id: string, body: { noticeNumber: string; paidOn: string; amount: number; receiptNumber: string }) =>
  requestJson<{ receiptCode: string; status: string }>('POST', `/dossiers/${encodeURIComponent(id)}/tax-payment`, { body });
