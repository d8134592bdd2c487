// The price of a parcel on a day (S-PRICE): GET /prices/parcels/{unit}/{sheet}/{parcel};
// and the price tables the Department keeps (list, draft, import, publish).
import { ApiError } from '../../api/api-error';
import { buildUrl, getJson, requestJson } from '../../api/http-client';
import type { ParcelKey } from '../../api';

interface Decision {
  readonly number: string;
  readonly date: string;
  readonly issuer: string;
}

export interface ParcelPrice {
  /** VND per m² after the coefficient */
  readonly pricePerM2: number;
  readonly area: number;
  readonly total: number;
  readonly explanation: {
    readonly source: 'table' | 'specific';
    readonly table: { readonly name: string; readonly decision: Decision } | null;
    readonly segment: { readonly code: string; readonly roadName: string; readonly from: string; readonly to: string; readonly distanceM: number } | null;
    readonly position: { readonly position: number; readonly reason: { readonly vi: string; readonly en: string } } | null;
    readonly landUseCode: string;
    readonly coefficient: { readonly value: number; readonly decision: Decision } | null;
    readonly specificPrice: { readonly method: string; readonly decision: Decision } | null;
    /** the arithmetic, written out (Vietnamese) */
    readonly formula: string;
  };
}

const segment = (value: string | number): string => encodeURIComponent(String(value));

/** date: YYYY-MM-DD (a day in Vietnam); absent: today. */
export function getParcelPrice(key: ParcelKey, date: string | undefined, signal?: AbortSignal): Promise<ParcelPrice> {
  return getJson<ParcelPrice>(
    `/prices/parcels/${segment(key.unitCode)}/${segment(key.sheetNumber)}/${segment(key.parcelNumber)}`,
    { date },
    signal,
  );
}

// ---------------------------------------------------------------------------------------
// Price tables (S-PRICE, issue #8): the Department's screen (prices.edit for writes). The
// shapes mirror src/modules/prices/prices.routes.ts.

export type TableStatus = 'draft' | 'published' | 'revoked';
export type MultiPositionRule = 'nearest' | 'area_weighted';

export interface PriceTableSummary {
  readonly id: string;
  readonly name: string;
  readonly provinceCode: string;
  readonly status: TableStatus;
  readonly multiPositionRule: MultiPositionRule;
  readonly decision: Decision;
  readonly validFrom: string;
  /** the first day no longer in force */
  readonly validTo: string | null;
  readonly segments: number;
}

export interface PositionRule {
  readonly position: number;
  readonly maxDistanceM: number;
  readonly minAlleyWidthM: number | null;
  readonly descriptionVi: string;
}

export interface PriceCoefficient {
  readonly value: number;
  readonly decision: Decision;
  readonly unitCode: string | null;
  readonly landUseCode: string | null;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export interface PriceSegment {
  readonly code: string;
  readonly roadName: string;
  readonly from: string;
  readonly to: string;
  readonly unitCode: string;
  readonly hasGeometry: boolean;
  readonly prices: readonly { readonly landUseCode: string; readonly position: number; readonly price: number }[];
}

export interface PriceTable extends PriceTableSummary {
  readonly positionRules: readonly PositionRule[];
  readonly coefficients: readonly PriceCoefficient[];
  readonly segmentList: readonly PriceSegment[];
}

export interface DecisionInput {
  readonly number: string;
  readonly date: string;
  readonly issuer: string;
}

export interface NewPriceTable {
  readonly provinceCode: string;
  readonly name: string;
  readonly decision: DecisionInput;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly multiPositionRule: MultiPositionRule;
  readonly positionRules: readonly PositionRule[];
}

export interface NewCoefficient {
  readonly unitCode: string | null;
  readonly landUseCode: string | null;
  readonly coefficient: number;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly decision: DecisionInput;
}

/** A fault of an imported workbook: its sheet row (1 = header) and column, when known. */
export interface ImportFinding {
  readonly row: number | null;
  readonly column: string | null;
  readonly message: { readonly vi: string; readonly en: string };
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const tablePath = (id: string) => `/prices/tables/${encodeURIComponent(id)}`;

export function listPriceTables(signal?: AbortSignal): Promise<readonly PriceTableSummary[]> {
  return getJson<readonly PriceTableSummary[]>('/prices/tables', undefined, signal);
}

export function getPriceTable(id: string, signal?: AbortSignal): Promise<PriceTable> {
  return getJson<PriceTable>(tablePath(id), undefined, signal);
}

/** The table as Excel in the import layout: a plain link, the browser saves the file. */
export function priceTableExportUrl(id: string): string {
  return buildUrl(`${tablePath(id)}/export`);
}

export function createPriceTable(input: NewPriceTable): Promise<{ id: string }> {
  return requestJson<{ id: string }>('POST', '/prices/tables', { body: input });
}

export function publishPriceTable(id: string): Promise<void> {
  return requestJson<void>('POST', `${tablePath(id)}/publish`);
}

export function addPriceCoefficient(id: string, input: NewCoefficient): Promise<{ id: string }> {
  return requestJson<{ id: string }>('POST', `${tablePath(id)}/coefficients`, { body: input });
}

/** Road lines of segments by code (GeoJSON FeatureCollection, EPSG:4326, properties.code). */
export function putSegmentGeometries(collection: unknown): Promise<{ updated: number }> {
  return requestJson<{ updated: number }>('PUT', '/prices/segments/geometry', { body: collection });
}

/**
 * Imports the workbook into a draft table: the file itself is the body. A refusal
 * (400) carries the findings by row and column in error.details.findings; nothing was
 * written then.
 */
export function importPriceWorkbook(id: string, file: Blob): Promise<{ segments: number; prices: number }> {
  return requestJson<{ segments: number; prices: number }>('POST', `${tablePath(id)}/import`, { body: file, contentType: XLSX_TYPE });
}

/** The findings a refused import carries (empty for any other error). */
export function importFindings(error: unknown): readonly ImportFinding[] {
  if (!(error instanceof ApiError)) return [];
  const findings = error.details.findings;
  return Array.isArray(findings) ? (findings as ImportFinding[]) : [];
}
