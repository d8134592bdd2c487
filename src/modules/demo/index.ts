// The face of the demo module.
export { ensureReferenceUnits, seedDemo, splitParcels, type DemoOptions, type DemoResult } from './demo.service.js';
export { hasParcels } from './demo-communes.repo.js';
export { PERSON_CCCD_SQL, PERSON_NAME_LISTS, PERSON_NAME_SQL } from './demo-parties.repo.js';
export { addDemoPlanning } from './demo-planning.repo.js';
export { DEMO_PRICE_DECISION } from './demo-prices.repo.js';
