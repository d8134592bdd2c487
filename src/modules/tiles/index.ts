// The face of the vector tiles module: the only file other modules import.
export { registerTileRoutes, MVT_MEDIA_TYPE } from './tiles.routes.js';
export { createTileService, type TileService } from './tiles.service.js';
export { TILE_LAYERS, tileLayer, type TileLayer } from './tile-layers.js';
export { mvtInDatabaseSql } from './tiles.repo.js';
