// The base style: a plain background, our own empty GeoJSON sources and the vector tiles
// of our own server. Deliberately no `glyphs` and no `sprite` (deployments have no
// internet): MapLibre (since 5.11) draws label text with the browser's fonts instead.
import type { StyleSpecification } from 'maplibre-gl';
import { BACKGROUND_COLOR, SOURCE_IDS, VECTOR_SOURCES, type VectorSourceId } from './layers';

/**
 * The tile URLs of a vector source, absolute (MapLibre's workers fetch them); with asOf
 * (RFC 3339) the server draws the map as of that moment.
 */
export function vectorTileUrls(id: VectorSourceId, origin: string = window.location.origin, asOf: string | null = null): string[] {
  const query = asOf ? `?asOf=${encodeURIComponent(asOf)}` : '';
  return [`${origin}${VECTOR_SOURCES[id].path}${query}`];
}

export function createBaseStyle(asOf: string | null = null): StyleSpecification {
  const sources: StyleSpecification['sources'] = {};
  for (const id of SOURCE_IDS) {
    sources[id] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
  }
  for (const [id, source] of Object.entries(VECTOR_SOURCES) as Array<[VectorSourceId, (typeof VECTOR_SOURCES)[VectorSourceId]]>) {
    sources[id] = { type: 'vector', tiles: vectorTileUrls(id, window.location.origin, asOf), minzoom: source.minzoom, maxzoom: source.maxzoom };
  }
  return {
    version: 8,
    sources,
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } }],
  };
}
