// The face of the cadastre module: the only file other modules import.
export { registerCadastreRoutes, MAX_PARCELS_PER_PAGE } from './parcels.routes.js';
export type { ParcelDetail } from './parcels.repo.js';
export { registerChangeRoutes } from './changes.routes.js';
export { registerSearchRoutes } from './search.routes.js';
export { registerVersionRoutes } from './versions.routes.js';
export { registerRecordRoutes } from './records.routes.js';
export { maskPartyName } from './personal-data.js';
