// The trial run on the map (issue #6, Art. 16.4): the delivery's staged parcels (red where a
// finding is an error) and the findings' points, over the live parcels (the app's parcel
// vector tiles). Built like the versions' compare map.
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import type { FeatureCollection } from 'geojson';
import { Map as MapLibreMap } from 'maplibre-gl';
import { boundsOf } from '../../map/bbox';
import { BACKGROUND_COLOR, VECTOR_SOURCES } from '../../map/layers';
import { ensureWorkerUrl } from '../../map/maplibre-worker';

export function ImportsMap({ data, label }: { data: FeatureCollection; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    ensureWorkerUrl();
    const container = ref.current;
    const bounds = boundsOf({ features: data.features });
    const tiles = VECTOR_SOURCES['parcel-tiles'];
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container,
        attributionControl: false,
        style: {
          version: 8,
          sources: {
            live: { type: 'vector', tiles: [`${window.location.origin}${tiles.path}`], minzoom: tiles.minzoom, maxzoom: tiles.maxzoom },
            staged: { type: 'geojson', data },
          },
          layers: [
            { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } },
            { id: 'live-line', type: 'line', source: 'live', 'source-layer': 'parcels', paint: { 'line-color': '#777777', 'line-width': 1 } },
            {
              id: 'staged-fill', type: 'fill', source: 'staged', filter: ['==', ['get', 'kind'], 'feature'],
              paint: { 'fill-color': ['case', ['>', ['get', 'errors'], 0], '#d7191c', '#2b83ba'], 'fill-opacity': 0.25 },
            },
            { id: 'staged-line', type: 'line', source: 'staged', filter: ['==', ['get', 'kind'], 'feature'], paint: { 'line-color': '#2b83ba', 'line-width': 2 } },
            {
              id: 'findings', type: 'circle', source: 'staged', filter: ['==', ['get', 'kind'], 'finding'],
              paint: {
                'circle-radius': 6, 'circle-stroke-width': 1.5, 'circle-stroke-color': '#ffffff',
                'circle-color': ['case', ['==', ['get', 'severity'], 'error'], '#d7191c', '#fdae61'],
              },
            },
          ],
        },
        ...(bounds ? { bounds: [[bounds[0], bounds[1]], [bounds[2], bounds[3]]] as [[number, number], [number, number]], fitBoundsOptions: { padding: 30, maxZoom: 19 } } : { center: [106.9, 11.75], zoom: 8 }),
      });
    } catch {
      return; // no WebGL: the table of findings says it all
    }
    container.dataset.idle = 'false';
    map.on('idle', () => { container.dataset.idle = 'true'; });
    return () => map.remove();
  }, [data]);
  const findings = data.features.filter((f) => f.properties?.kind === 'finding').length;
  return (
    <div className="compare-map imports-map" ref={ref} role="img" aria-label={label} data-testid="imports-map"
      data-features={data.features.length - findings} data-findings={findings} style={{ height: 360 }} />
  );
}
