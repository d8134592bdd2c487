// Data loaded once when the portal opens: land-use codes, unit lists and boundaries (the
// boundaries again when the map shows another date: units were merged and renamed).
import { useMemo } from 'react';
import {
  getUnitBoundaries,
  listLandUseCodes,
  listUnits,
  useApiResource,
  type AdminUnit,
  type ApiError,
  type LandUseCode,
  type UnitBoundaries,
} from '../api';

export interface ReferenceData {
  readonly landUseCodes: readonly LandUseCode[];
  readonly communes: readonly AdminUnit[];
  /** Districts and provinces: the units communes are grouped under. */
  readonly parents: readonly AdminUnit[];
  /** Codes of the communes that have parcels, for styling the map. */
  readonly unitsWithParcels: readonly string[];
  readonly communeBoundaries: UnitBoundaries | null;
  readonly districtBoundaries: UnitBoundaries | null;
}

const NONE: readonly never[] = [];

export function useReferenceData(onError: (error: ApiError) => void, mapDate: string | null = null): ReferenceData {
  const codes = useApiResource('land-use-codes', (s) => listLandUseCodes(s), onError);
  const communes = useApiResource('communes', (s) => listUnits({ level: 'commune' }, s), onError);
  const districts = useApiResource('districts', (s) => listUnits({ level: 'district' }, s), onError);
  const provinces = useApiResource('provinces', (s) => listUnits({ level: 'province' }, s), onError);
  const communeBoundaries = useApiResource(`commune-boundaries@${mapDate ?? ''}`, (s) => getUnitBoundaries('commune', s, mapDate), onError);
  const districtBoundaries = useApiResource(`district-boundaries@${mapDate ?? ''}`, (s) => getUnitBoundaries('district', s, mapDate), onError);
  const parents = useMemo(
    () => [...(districts.data?.items ?? NONE), ...(provinces.data?.items ?? NONE)],
    [districts.data, provinces.data],
  );
  const unitsWithParcels = useMemo(
    () => (communes.data?.items ?? NONE).filter((u) => u.parcelCount > 0).map((u) => u.code),
    [communes.data],
  );
  return {
    landUseCodes: codes.data?.items ?? NONE,
    communes: communes.data?.items ?? NONE,
    parents,
    unitsWithParcels,
    communeBoundaries: communeBoundaries.data,
    districtBoundaries: districtBoundaries.data,
  };
}
