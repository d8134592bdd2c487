// Typed calls to the land information system's HTTP API (/api/v1).
import { getJson } from './http-client';
import type {
  LandUseCodeList,
  ParcelCollection,
  ParcelDetail,
  ParcelKey,
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

export function getUnitBoundaries(level: 'commune' | 'district', signal?: AbortSignal): Promise<UnitBoundaries> {
  return getJson<UnitBoundaries>('/units/boundaries', { level }, signal);
}

export function getUnitParcels(
  unitCode: string,
  query: { bbox?: readonly [number, number, number, number]; limit?: number } = {},
  signal?: AbortSignal,
): Promise<ParcelCollection> {
  return getJson<ParcelCollection>(
    `/units/${segment(unitCode)}/parcels`,
    { bbox: query.bbox?.join(','), limit: query.limit },
    signal,
  );
}

export function getParcel(key: ParcelKey, signal?: AbortSignal): Promise<ParcelDetail> {
  return getJson<ParcelDetail>(
    `/parcels/${segment(key.unitCode)}/${segment(key.sheetNumber)}/${segment(key.parcelNumber)}`,
    undefined,
    signal,
  );
}

export function listLandUseCodes(signal?: AbortSignal): Promise<LandUseCodeList> {
  return getJson<LandUseCodeList>('/land-use-codes', undefined, signal);
}
