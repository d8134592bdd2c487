// The face of the land-use planning module (S-PLAN): the only file other modules import.
export { registerPlanningRoutes } from './planning.routes.js';
export { parcelPlanning, type ParcelPlanning } from './planning.service.js';
