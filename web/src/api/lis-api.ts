// Typed calls to the land information system's HTTP API (/api/v1).
import { getJson, requestJson } from './http-client';
import type {
  LandUseCodeList,
  ParcelCollection,
  ParcelDetail,
  ParcelHistory,
  ParcelHolders,
  ParcelKey,
  ParcelSearchRequest,
  ParcelSearchResult,
  UnitBoundaries,
  UnitLevel,
  UnitList,
} from './types';

const segment = (value: string | number): string => encodeURIComponent(String(value));

export function listUnits(
  query: { level?: UnitLevel; parent?: string; asOf?: string } = {},
  signal?: AbortSignal,
): Promise<UnitList> {
  return getJson<UnitList>('/units', query, signal);
}

/** asOf (YYYY-MM-DD): the units and boundaries of that day (before the 2025 mergers: the old wards). */
export function getUnitBoundaries(level: 'commune' | 'district', signal?: AbortSignal, asOf?: string | null): Promise<UnitBoundaries> {
  return getJson<UnitBoundaries>('/units/boundaries', { level, asOf: asOf ?? undefined }, signal);
}

export function getUnitParcels(
  unitCode: string,
  query: { bbox?: readonly [number, number, number, number]; limit?: number; asOf?: string } = {},
  signal?: AbortSignal,
): Promise<ParcelCollection> {
  return getJson<ParcelCollection>(
    `/units/${segment(unitCode)}/parcels`,
    { bbox: query.bbox?.join(','), limit: query.limit, asOf: query.asOf },
    signal,
  );
}

/** asOf (RFC 3339): the parcel as it was then; absent: now. */
export function getParcel(key: ParcelKey, signal?: AbortSignal, asOf?: string): Promise<ParcelDetail> {
  return getJson<ParcelDetail>(
    `/parcels/${segment(key.unitCode)}/${segment(key.sheetNumber)}/${segment(key.parcelNumber)}`,
    asOf ? { asOf } : undefined,
    signal,
  );
}

export function listLandUseCodes(signal?: AbortSignal): Promise<LandUseCodeList> {
  return getJson<LandUseCodeList>('/land-use-codes', undefined, signal);
}

const parcelPath = (key: ParcelKey): string =>
  `/parcels/${segment(key.unitCode)}/${segment(key.sheetNumber)}/${segment(key.parcelNumber)}`;

/** Land users of a parcel (masked unless the caller reads personal data on its unit). */
export function getParcelHolders(key: ParcelKey, asOf?: string, signal?: AbortSignal): Promise<ParcelHolders> {
  return getJson<ParcelHolders>(`${parcelPath(key)}/holders`, { asOf }, signal);
}

/** Change transactions (pending ones included) and restrictions in force of a parcel. */
export function getParcelHistory(key: ParcelKey, asOf?: string, signal?: AbortSignal): Promise<ParcelHistory> {
  return getJson<ParcelHistory>(`${parcelPath(key)}/history`, { asOf }, signal);
}

/** Cadastre search; POST so that names and ID numbers stay out of URLs. */
export function searchParcels(request: ParcelSearchRequest, signal?: AbortSignal): Promise<ParcelSearchResult> {
  return requestJson<ParcelSearchResult>('POST', '/search/parcels', { body: request, signal });
}
