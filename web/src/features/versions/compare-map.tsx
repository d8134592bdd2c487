// A small map of a parcel's boundary at two times: the earlier dashed, the later solid.
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import type { FeatureCollection, Geometry } from 'geojson';
import { Map as MapLibreMap } from 'maplibre-gl';
import { boundsOf } from '../../map/bbox';
import { BACKGROUND_COLOR } from '../../map/layers';
import { ensureWorkerUrl } from '../../map/maplibre-worker';

const collection = (geometry: Geometry | null): FeatureCollection => ({
  type: 'FeatureCollection',
  features: geometry ? [{ type: 'Feature', geometry, properties: {} }] : [],
});

export function CompareMap({ from, to, label }: { from: Geometry | null; to: Geometry | null; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    ensureWorkerUrl();
    const container = ref.current;
    const older = collection(from);
    const newer = collection(to);
    const bounds = boundsOf({ features: [...older.features, ...newer.features] });
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container,
        attributionControl: false,
        interactive: false,
        style: {
          version: 8,
          sources: { from: { type: 'geojson', data: older }, to: { type: 'geojson', data: newer } },
          layers: [
            { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } },
            { id: 'to-fill', type: 'fill', source: 'to', paint: { 'fill-color': '#1d6b4f', 'fill-opacity': 0.15 } },
            { id: 'to-line', type: 'line', source: 'to', paint: { 'line-color': '#1d6b4f', 'line-width': 2.5 } },
            { id: 'from-line', type: 'line', source: 'from', paint: { 'line-color': '#d7191c', 'line-width': 2, 'line-dasharray': [2, 2] } },
          ],
        },
        ...(bounds ? { bounds: [[bounds[0], bounds[1]], [bounds[2], bounds[3]]] as [[number, number], [number, number]], fitBoundsOptions: { padding: 20 } } : { center: [106.9, 11.75], zoom: 8 }),
      });
    } catch {
      return; // no WebGL: the table still says what changed
    }
    container.dataset.idle = 'false';
    map.on('idle', () => { container.dataset.idle = 'true'; });
    return () => map.remove();
  }, [from, to]);
  return <div className="compare-map" ref={ref} role="img" aria-label={label} data-testid="compare-map" />;
}
