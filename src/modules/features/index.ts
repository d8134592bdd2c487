// The face of the OGC API Features module: the only file other modules import.
export { registerFeatureRoutes } from './features.routes.js';
export { itemsStatement, type CollectionDeclaration, type OutputCrs } from './features.repo.js';
export { ADMIN_UNITS, COLLECTIONS, PARCELS } from './collections.repo.js';
