// The measure tool's own GeoJSON source and layers, added on top of the declared layers
// (layers.ts) by the tool itself when it first draws: they belong to the tool, not to the
// record, and nothing else styles them.
import type { FeatureCollection } from 'geojson';
import type { AddLayerObject, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

export const MEASURE_SOURCE_ID = 'measure';

const COLOR = '#c2185b';

export const MEASURE_LAYERS: readonly AddLayerObject[] = [
  {
    id: 'measure-fill',
    type: 'fill',
    source: MEASURE_SOURCE_ID,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': COLOR, 'fill-opacity': 0.15 },
  },
  {
    id: 'measure-line',
    type: 'line',
    source: MEASURE_SOURCE_ID,
    filter: ['in', ['geometry-type'], ['literal', ['LineString', 'Polygon']]],
    paint: { 'line-color': COLOR, 'line-width': 2.5, 'line-dasharray': [2, 1] },
  },
  {
    id: 'measure-points',
    type: 'circle',
    source: MEASURE_SOURCE_ID,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-radius': 4, 'circle-color': '#fff', 'circle-stroke-color': COLOR, 'circle-stroke-width': 2 },
  },
];

/** Draws data with the measure layers, adding source and layers the first time. */
export function showMeasure(map: MapLibreMap, data: FeatureCollection): void {
  const source = map.getSource<GeoJSONSource>(MEASURE_SOURCE_ID);
  if (source) {
    source.setData(data);
    return;
  }
  map.addSource(MEASURE_SOURCE_ID, { type: 'geojson', data });
  for (const layer of MEASURE_LAYERS) map.addLayer(layer);
}
