// The face of the statistics module (S-STAT land statistics and inventory, F4 reports on
// demand): the only file other modules import.
export { registerStatisticsRoutes } from './statistics.routes.js';
export { changeStatistics, landUseStatistics, type ChangeStatistics, type LandUseStatistics } from './statistics.service.js';
// the parcel extract, for special-request sharing (S-SHARE, Art. 4.3)
export { parcelReportGeoJson, parcelReportWorkbook, type ParcelReportQuery } from './parcel-reports.service.js';
