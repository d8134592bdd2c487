// Typed calls to the statistics and reports API (S-STAT, F4: src/modules/statistics,
// statistics.routes.ts holds the shapes these mirror). Every call needs reports.read on
// the unit; the files (xlsx, pdf, geojson) are plain links: the session cookie goes along.
import type { FeatureCollection } from 'geojson';
import { buildUrl, getJson, type QueryParams } from '../../api/http-client';

export type Areas = Readonly<Record<string, number>>;

export interface ReportUnit {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly level: string;
  readonly above: readonly { readonly code: string; readonly name: string; readonly level: string }[];
}

export interface LandUseRow {
  readonly code: string;
  readonly nameVi: string;
  readonly nameEn: string;
  /** 0 group (NNP, PNN, CSD), 1 code, 2 sub-code */
  readonly depth: number;
  /** m² */
  readonly total: number;
  readonly byUser: Areas;
}

export interface UserRow {
  readonly code: string;
  readonly nameVi: string;
  readonly nameEn: string;
  /** 1 a top subtotal, 2 inside one, 3 a leaf inside a level-2 subtotal */
  readonly level: number;
  readonly byGroup: Areas;
  readonly total: number;
}

export interface SubUnitTotals {
  readonly unitCode: string;
  readonly unitName: string;
  readonly naturalArea: number | null;
  readonly byGroup: Areas;
  readonly total: number;
}

export interface Reconciliation {
  readonly naturalArea: number | null;
  readonly naturalAreaSource: string;
  readonly recordedArea: number;
  readonly unmappedArea: number | null;
  readonly parcelArea: number;
  readonly purposeDifference: number;
  readonly parcelCount: number;
}

/** Forms 01/TKKK and 02/TKKK: the same figures read by code (rows) or by user (users). */
export interface LandUseReport {
  readonly form: string;
  readonly unit: ReportUnit;
  readonly date: string;
  readonly asOf: string;
  readonly rows: readonly LandUseRow[];
  readonly users: readonly UserRow[];
  readonly subUnits: readonly SubUnitTotals[];
  readonly reconciliation: Reconciliation;
}

export interface ChangeReport {
  readonly form: string;
  readonly unit: ReportUnit;
  readonly from: string;
  readonly to: string;
  readonly matrix: {
    readonly codes: readonly string[];
    /** cells[code at the start][code at the end], m² */
    readonly cells: Readonly<Record<string, Areas>>;
    readonly totalFrom: Areas;
    readonly totalTo: Areas;
    readonly notCarried: Areas;
    readonly newArea: Areas;
    readonly changedArea: number;
  };
  readonly names: Readonly<Record<string, { readonly vi: string; readonly en: string }>>;
}

export interface ParcelReportRow {
  readonly id: string;
  readonly unitCode: string;
  readonly sheetNumber: number;
  readonly parcelNumber: number;
  readonly landUseCode: string;
  readonly purposes: string;
  readonly officialArea: number;
  readonly address: string | null;
  readonly holders: readonly { readonly kind: string; readonly fullName: string | null; readonly rightType: string; readonly share: number }[];
}

export interface ParcelReport {
  readonly unitCode: string;
  readonly date: string;
  readonly total: number;
  readonly totalArea: number;
  readonly limit: number;
  readonly offset: number;
  /** holders' names withheld (no cadastre.read_personal on the unit) */
  readonly masked: boolean;
  readonly items: readonly ParcelReportRow[];
}

export interface ParcelFilter {
  readonly unitCode: string;
  readonly date: string;
  /** at most 20 codes (the server's limit) */
  readonly landUseCodes: readonly string[];
  readonly partyKind: string;
  readonly minArea: string;
  readonly maxArea: string;
}

export type FileFormat = 'xlsx' | 'pdf';

const segment = (value: string): string => encodeURIComponent(value);

const landUsePath = (unitCode: string) => `/statistics/${segment(unitCode)}/land-use`;
const usersPath = (unitCode: string) => `/statistics/${segment(unitCode)}/users`;
const changesPath = (unitCode: string) => `/statistics/${segment(unitCode)}/changes`;

export function getLandUseReport(unitCode: string, date: string, signal?: AbortSignal): Promise<LandUseReport> {
  return getJson<LandUseReport>(landUsePath(unitCode), { date }, signal);
}

export function getChangeReport(unitCode: string, from: string, to: string, signal?: AbortSignal): Promise<ChangeReport> {
  return getJson<ChangeReport>(changesPath(unitCode), { from, to }, signal);
}

export function landUseFileUrl(unitCode: string, date: string, format: FileFormat): string {
  return buildUrl(landUsePath(unitCode), { date, format });
}

export function usersFileUrl(unitCode: string, date: string, format: FileFormat): string {
  return buildUrl(usersPath(unitCode), { date, format });
}

export function changesFileUrl(unitCode: string, from: string, to: string, format: FileFormat): string {
  return buildUrl(changesPath(unitCode), { from, to, format });
}

/** The query of the F4 extract; empty fields are left out (buildUrl drops them). */
export function parcelQuery(filter: ParcelFilter): QueryParams {
  return {
    unitCode: filter.unitCode,
    date: filter.date,
    landUseCodes: filter.landUseCodes.length > 0 ? filter.landUseCodes.join(',') : undefined,
    partyKind: filter.partyKind || undefined,
    minArea: filter.minArea.trim() || undefined,
    maxArea: filter.maxArea.trim() || undefined,
  };
}

export function getParcelReport(filter: ParcelFilter, page: { limit: number; offset: number }, signal?: AbortSignal): Promise<ParcelReport> {
  return getJson<ParcelReport>('/reports/parcels', { ...parcelQuery(filter), ...page }, signal);
}

/** The whole extract as GeoJSON (EPSG:4326; the server returns at most 20 000 parcels). */
export function getParcelReportGeoJson(filter: ParcelFilter, signal?: AbortSignal): Promise<FeatureCollection> {
  return getJson<FeatureCollection>('/reports/parcels', { ...parcelQuery(filter), format: 'geojson' }, signal);
}

export function parcelReportFileUrl(filter: ParcelFilter, format: 'xlsx' | 'geojson'): string {
  return buildUrl('/reports/parcels', { ...parcelQuery(filter), format });
}
