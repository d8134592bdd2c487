// The face of the population-database module.
export { createPopulationSimulator, type MatchResult, type MatchStatus, type PopulationRegistry } from './population-registry.js';
export { registerPopulationRoutes } from './population.routes.js';
