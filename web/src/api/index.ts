export { ApiError, isAbort } from './api-error';
export { pendingRequests } from './pending-requests';
export { useApiResource, type Resource } from './use-api-resource';
export { getParcel, getUnitBoundaries, getUnitParcels, listLandUseCodes, listUnits } from './lis-api';
export type * from './types';
