// The planning overlay of a parcel (S-PLAN): GET /planning/parcels/{unit}/{sheet}/{parcel}.
import { getJson } from '../../api/http-client';
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
