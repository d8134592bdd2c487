// The face of the land price module (S-PRICE): the only file other modules import.
export { registerPriceRoutes } from './prices.routes.js';
export { HEADERS as PRICE_WORKBOOK_HEADERS, SHEET_NAME as PRICE_WORKBOOK_SHEET } from './price-import.js';
export { parcelPrice } from './prices.service.js';
