// The face of the demo module.
export { ensureReferenceUnits, hasParcels, seedDemo, splitParcels, type DemoOptions, type DemoResult } from './demo.service.js';
