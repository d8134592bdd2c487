// The base style: a plain background and our own empty GeoJSON sources. Deliberately no
// `glyphs` and no `sprite` (deployments have no internet), hence no text symbol layers.
import type { StyleSpecification } from 'maplibre-gl';
import { BACKGROUND_COLOR, SOURCE_IDS } from './layers';

export function createBaseStyle(): StyleSpecification {
  const sources: StyleSpecification['sources'] = {};
  for (const id of SOURCE_IDS) {
    sources[id] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
  }
  return {
    version: 8,
    sources,
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } }],
  };
}
