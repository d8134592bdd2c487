// The face of the administrative units module: the only file other modules import.
export { registerUnitRoutes, todayOf } from './units.routes.js';
export { countUnits, unitIdsByCode, unitLineageIds, type UnitRow } from './units.repo.js';
export type { UnitFacts, UnitLevel } from './unit.js';
export { readReferenceUnits, type ReferenceUnits } from './reference-units.js';
export { insertReferenceUnits } from './reference-units.repo.js';
