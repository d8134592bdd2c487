// The planning overlay of a parcel (S-PLAN): GET /planning/parcels/{unit}/{sheet}/{parcel};
// and the plans the Department keeps (list, draft, zones, projects, approve, supersede).
import { getJson, requestJson } from '../../api/http-client';
import { ApiError } from '../../api/api-error';
import type { ParcelKey } from '../../api';

export interface PlanningZoneShare {
  readonly zoneId: string;
  readonly zoneCode: string;
  readonly name: string;
  readonly landUseCode: string;
  readonly landUseName: { readonly vi: string; readonly en: string };
  /** m², planar in the parcel's VN-2000 zone */
  readonly area: number;
  /** of the parcel's area, 0-1 */
  readonly share: number;
}

export interface PlanOverlay {
  readonly id: string;
  readonly kind: 'planning' | 'annual_plan';
  readonly name: string;
  readonly unitName: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly isPublic: boolean;
  readonly decisionNumber: string | null;
  readonly decisionDate: string | null;
  readonly decisionAuthority: string | null;
  readonly parcelArea: number;
  readonly zones: readonly PlanningZoneShare[];
  readonly uncoveredArea: number;
  readonly uncoveredShare: number;
}

export interface ParcelPlanningResult {
  readonly date: string;
  readonly plans: readonly PlanOverlay[];
}

const segment = (value: string | number): string => encodeURIComponent(String(value));

/** date: YYYY-MM-DD (a day in Vietnam); absent: today. */
export function getParcelPlanning(key: ParcelKey, date: string | undefined, signal?: AbortSignal): Promise<ParcelPlanningResult> {
  return getJson<ParcelPlanningResult>(
    `/planning/parcels/${segment(key.unitCode)}/${segment(key.sheetNumber)}/${segment(key.parcelNumber)}`,
    { date },
    signal,
  );
}

/** The calendar day in Vietnam (UTC+7) of an ISO date-time, or the date itself. */
export function dayInVietnam(asOf: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return asOf;
  const moment = new Date(asOf);
  return Number.isNaN(moment.getTime()) ? asOf.slice(0, 10) : new Date(moment.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------
// Plans (S-PLAN, issue #8): the Department's screen (planning.edit on the plan's unit for
// writes). The shapes mirror src/modules/planning/planning.routes.ts.

export type PlanKind = 'planning' | 'annual_plan';
export type PlanStatus = 'draft' | 'approved' | 'superseded';

export interface Plan {
  readonly id: string;
  readonly version: number;
  readonly kind: PlanKind;
  readonly level: string;
  readonly unitCode: string;
  readonly unitName: string;
  readonly name: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly status: PlanStatus;
  readonly isPublic: boolean;
  readonly decisionNumber: string | null;
  readonly decisionDate: string | null;
  readonly decisionAuthority: string | null;
  readonly inForceFrom: string | null;
  readonly inForceTo: string | null;
  readonly supersededOn: string | null;
  readonly supersededBy: string | null;
  readonly zoneCount: number;
  readonly validFrom: string;
}

export interface PlanProject {
  readonly id: string;
  readonly name: string;
  readonly landUseCode: string;
  /** m² */
  readonly area: number;
  readonly plannedYear: number | null;
  readonly status: string;
  readonly locationText: string | null;
}

export interface ZoneFeature {
  readonly type: 'Feature';
  readonly geometry: { readonly type: 'Polygon' | 'MultiPolygon'; readonly coordinates: unknown } | null;
  readonly properties: { readonly zoneCode?: string; readonly name?: string; readonly landUseCode?: string } & Record<string, unknown>;
}

export interface PlanDetail extends Plan {
  readonly zones: { readonly type: 'FeatureCollection'; readonly features: readonly ZoneFeature[] };
  readonly projects: readonly PlanProject[];
}

export interface NewPlan {
  readonly kind: PlanKind;
  readonly unitCode: string;
  readonly name: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly isPublic: boolean;
}

export interface NewPlanProject {
  readonly name: string;
  readonly landUseCode: string;
  readonly area: number;
  readonly plannedYear: number | null;
  readonly locationText: string | null;
}

export interface Approval {
  readonly decisionNumber: string;
  readonly decisionDate: string;
  readonly decisionAuthority: string;
  readonly inForceFrom?: string;
}

/** A fault of an uploaded zone file: the feature's index (-1: the file) and the field. */
export interface ZoneFinding {
  readonly feature: number;
  readonly field: string;
  readonly vi: string;
  readonly en: string;
}

const planPath = (id: string) => `/planning/plans/${encodeURIComponent(id)}`;

/** Plans of a unit and the units above it; date absent: every plan, drafts included for editors. */
export function listPlans(unitCode: string, date: string | undefined, signal?: AbortSignal): Promise<{ items: readonly Plan[] }> {
  return getJson<{ items: readonly Plan[] }>('/planning/plans', { unitCode, date, limit: 500 }, signal);
}

export function getPlan(id: string, signal?: AbortSignal): Promise<PlanDetail> {
  return getJson<PlanDetail>(planPath(id), undefined, signal);
}

export function createPlan(input: NewPlan): Promise<Plan> {
  return requestJson<Plan>('POST', '/planning/plans', { body: input });
}

/** All zones or none: a refusal names every fault in error.details.findings. */
export function uploadZones(id: string, collection: unknown): Promise<Plan> {
  return requestJson<Plan>('POST', `${planPath(id)}/zones`, { body: collection });
}

export function addPlanProjects(id: string, projects: readonly NewPlanProject[]): Promise<{ projects: readonly PlanProject[] }> {
  return requestJson<{ projects: readonly PlanProject[] }>('POST', `${planPath(id)}/projects`, { body: { projects } });
}

export function approvePlan(id: string, approval: Approval): Promise<Plan> {
  return requestJson<Plan>('POST', `${planPath(id)}/approve`, { body: approval });
}

export function supersedePlan(id: string, input: { supersededOn: string; supersededBy?: string }): Promise<Plan> {
  return requestJson<Plan>('POST', `${planPath(id)}/supersede`, { body: input });
}

/** The findings a refused zone upload carries (empty for any other error). */
export function zoneFindings(error: unknown): readonly ZoneFinding[] {
  if (!(error instanceof ApiError)) return [];
  const findings = error.details.findings;
  return Array.isArray(findings) ? (findings as ZoneFinding[]) : [];
}
