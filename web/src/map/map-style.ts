// The base style: a plain background, our own empty GeoJSON sources and the vector tiles
// of our own server. Deliberately no `glyphs` and no `sprite` (deployments have no
// internet), hence no text symbol layers.
import type { StyleSpecification } from 'maplibre-gl';
import { BACKGROUND_COLOR, SOURCE_IDS, VECTOR_SOURCES, type VectorSourceId } from './layers';

/** The tile URLs of a vector source, absolute (MapLibre's workers fetch them). */
export function vectorTileUrls(id: VectorSourceId, origin: string = window.location.origin): string[] {
  return [`${origin}${VECTOR_SOURCES[id].path}`];
}

export function createBaseStyle(): StyleSpecification {
  const sources: StyleSpecification['sources'] = {};
  for (const id of SOURCE_IDS) {
    sources[id] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
  }
  for (const [id, source] of Object.entries(VECTOR_SOURCES) as Array<[VectorSourceId, (typeof VECTOR_SOURCES)[VectorSourceId]]>) {
    sources[id] = { type: 'vector', tiles: vectorTileUrls(id), minzoom: source.minzoom, maxzoom: source.maxzoom };
  }
  return {
    version: 8,
    sources,
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } }],
  };
}
