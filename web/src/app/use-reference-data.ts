// Data loaded once when the portal opens: land-use codes, unit lists and boundaries.
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
  readonly districts: readonly AdminUnit[];
  readonly communeBoundaries: UnitBoundaries | null;
  readonly districtBoundaries: UnitBoundaries | null;
}

const NONE: readonly never[] = [];

export function useReferenceData(onError: (error: ApiError) => void): ReferenceData {
  const codes = useApiResource('land-use-codes', (s) => listLandUseCodes(s), onError);
  const communes = useApiResource('communes', (s) => listUnits({ level: 'commune' }, s), onError);
  const districts = useApiResource('districts', (s) => listUnits({ level: 'district' }, s), onError);
  const communeBoundaries = useApiResource('commune-boundaries', (s) => getUnitBoundaries('commune', s), onError);
  const districtBoundaries = useApiResource('district-boundaries', (s) => getUnitBoundaries('district', s), onError);
  return {
    landUseCodes: codes.data?.items ?? NONE,
    communes: communes.data?.items ?? NONE,
    districts: districts.data?.items ?? NONE,
    communeBoundaries: communeBoundaries.data,
    districtBoundaries: districtBoundaries.data,
  };
}
