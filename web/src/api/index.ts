export { ApiError, isAbort } from './api-error';
export { authEvents, type AuthSignal } from './auth-events';
export { pendingRequests } from './pending-requests';
export { useApiResource, type Resource } from './use-api-resource';
export { getParcel, getParcelHistory, getParcelHolders, searchParcels, getUnitBoundaries, getUnitParcels, listLandUseCodes, listUnits } from './lis-api';
export { changePassword, confirmTotp, getMe, listSessions, login, logout, revokeSession, startTotp } from './auth-api';
export * from './admin-api';
export type * from './types';
export type * from './account-types';
