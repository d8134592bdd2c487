// The face of the demo module.
export { ensureReferenceUnits, seedDemo, splitParcels, type DemoOptions, type DemoResult } from './demo.service.js';
export { hasParcels } from './demo-communes.repo.js';
