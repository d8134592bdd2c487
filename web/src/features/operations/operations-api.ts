// The operations API (issue #10 items 4-7; src/modules/operations/operations.routes.ts):
// incidents, notices, maintenance mode, periodic reports.
import { getJson, requestJson } from '../../api/http-client';

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type IncidentStatus = 'open' | 'in_progress' | 'resolved';
export const SUBSYSTEMS = ['cadastre', 'prices', 'planning', 'statistics', 'documents', 'dossiers', 'sharing', 'portal', 'all'] as const;
export const MAINTENANCE_SUBSYSTEMS = ['all', 'cadastre', 'prices', 'planning', 'statistics', 'documents', 'dossiers', 'sharing'] as const;
export type Subsystem = (typeof SUBSYSTEMS)[number];

export interface Incident {
  id: string;
  code: string;
  title: string;
  description: string;
  source: 'monitoring' | 'user' | 'officer';
  severity: Severity;
  subsystems: Subsystem[];
  units: Array<{ id: number; code: string; name: string }>;
  interruptsService: boolean;
  status: IncidentStatus;
  startedAt: string;
  detectedAt: string;
  expectedFixAt: string | null;
  resolvedAt: string | null;
  cause: string | null;
  resolution: string | null;
  noticeVi: string | null;
  reportedByName: string;
  interruptionHours: number;
  pastLimit: boolean;
}

export interface IncidentDetail extends Incident {
  timeline: Array<{ at: string; actorName: string; kind: string; text: string }>;
  mails: Array<{ toAddress: string; fullName: string | null; sentAt: string | null; error: string | null }> | null;
}

export interface Notice {
  kind: 'maintenance' | 'incident';
  id: string;
  messageVi: string;
  messageEn: string;
  subsystems: string[];
  mode: 'read_only' | 'closed' | null;
  severity: Severity | null;
  since: string;
  until: string | null;
}

export interface MaintenanceMode {
  subsystem: string;
  mode: 'read_only' | 'closed';
  messageVi: string;
  messageEn: string;
  plannedEnd: string | null;
  setByName: string;
  setAt: string;
}

export interface StoredReport {
  id: string;
  kind: 'monthly' | 'quarterly' | 'yearly';
  unitCode: string;
  periodStart: string;
  periodEnd: string;
  trigger: 'schedule' | 'manual';
  generatedAt: string;
  generatedByName: string;
}

const id = (value: string) => encodeURIComponent(value);

export const listIncidents = (signal?: AbortSignal) => getJson<{ incidents: Incident[] }>('/operations/incidents', { limit: 100 }, signal).then((r) => r.incidents);
export const getIncident = (incident: string, signal?: AbortSignal) => getJson<IncidentDetail>(`/operations/incidents/${id(incident)}`, {}, signal);
export const reportProblem = (body: { title: string; description: string; subsystems: Subsystem[] }) =>
  requestJson<IncidentDetail>('POST', '/operations/incidents', { body });
export const triage = (incident: string, body: { severity?: Severity; status?: 'open' | 'in_progress'; interruptsService?: boolean; unitCodes?: string[]; expectedFixAt?: string | null }) =>
  requestJson<IncidentDetail>('PATCH', `/operations/incidents/${id(incident)}`, { body });
export const addAction = (incident: string, text: string) => requestJson<IncidentDetail>('POST', `/operations/incidents/${id(incident)}/actions`, { body: { text } });
export const notify = (incident: string, body: { messageVi: string; messageEn: string; email: boolean }) =>
  requestJson<IncidentDetail>('POST', `/operations/incidents/${id(incident)}/notices`, { body });
export const closeIncident = (incident: string, body: { cause: string; resolution: string }) =>
  requestJson<IncidentDetail>('POST', `/operations/incidents/${id(incident)}/close`, { body });
export const quickReportUrl = (incident: string) => `/api/v1/operations/incidents/${id(incident)}/report`;

export const listNotices = (signal?: AbortSignal) => getJson<{ notices: Notice[] }>('/notices', {}, signal).then((r) => r.notices);
export const listMaintenance = (signal?: AbortSignal) => getJson<{ modes: MaintenanceMode[] }>('/operations/maintenance', {}, signal).then((r) => r.modes);
export const setMaintenance = (subsystem: string, body: { mode: 'read_only' | 'closed'; messageVi: string; messageEn: string }) =>
  requestJson<{ modes: MaintenanceMode[] }>('PUT', `/operations/maintenance/${id(subsystem)}`, { body });
export const liftMaintenance = (subsystem: string) => requestJson<{ modes: MaintenanceMode[] }>('DELETE', `/operations/maintenance/${id(subsystem)}`);

export const listReports = (unitCode: string, signal?: AbortSignal) =>
  getJson<{ reports: StoredReport[] }>(`/operations/reports/${id(unitCode)}`, { limit: 50 }, signal).then((r) => r.reports);
export const generateReport = (unitCode: string, period: string) =>
  requestJson<{ id: string }>('POST', `/operations/reports/${id(unitCode)}`, { body: { period } });
export const reportUrl = (unitCode: string, report: string, format: 'xlsx' | 'pdf') =>
  `/api/v1/operations/reports/${id(unitCode)}/${id(report)}?format=${format}`;
