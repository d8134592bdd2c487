// The one MapLibre wrapper. It owns the map instance; the app talks to it only through
// props: source data, the layer context, camera commands; and hears back clicks and
// camera moves. Layers come from LAYERS (layers.ts), sources from SOURCE_IDS.
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import { Map as MapLibreMap, NavigationControl, ScaleControl, type GeoJSONSource, type VectorTileSource } from 'maplibre-gl';
import { ensureWorkerUrl } from './maplibre-worker';
import { createBaseStyle, vectorTileUrls } from './map-style';
import { LAYERS, SOURCE_IDS, VECTOR_SOURCES, type ClickTarget, type GeoJsonSourceId, type LayerContext, type LayerGroup, type VectorSourceId } from './layers';
import { applyLayerContext, applyLayerVisibility, addDeclaredLayers } from './apply-layers';
import type { Camera } from './url-state';
import type { Bounds } from './bbox';

export type CameraCommand =
  | { readonly id: number; readonly kind: 'fit'; readonly bounds: Bounds; readonly maxZoom?: number }
  | { readonly id: number; readonly kind: 'jump'; readonly camera: Camera };

export interface MapHit {
  readonly target: ClickTarget;
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface MapViewProps {
  readonly data: Readonly<Partial<Record<GeoJsonSourceId, FeatureCollection | null>>>;
  /** bumped when the record changed (an approved change): vector tiles are fetched again */
  readonly tilesRevision?: number;
  /** the vector tiles as of this moment (RFC 3339); null or absent: the live map */
  readonly tilesAsOf?: string | null;
  /** the map instance once loaded (null when it goes), for the map tools (measure, print) */
  readonly onMapReady?: (map: MapLibreMap | null) => void;
  /** a drawing tool is on: crosshair cursor, no hover hit-testing */
  readonly drawingCursor?: boolean;
  readonly context: LayerContext;
  /** switcher groups whose layers are hidden (layer switcher); none by default */
  readonly hiddenGroups?: readonly LayerGroup[];
  readonly initialCamera: Camera;
  readonly cameraCommand: CameraCommand | null;
  /** at: where the click was (EPSG:4326), for drawing. */
  readonly onFeatureClick: (hit: MapHit | null, at: { readonly lon: number; readonly lat: number }) => void;
  readonly onCameraChange: (camera: Camera) => void;
  readonly label: string;
  readonly unavailableMessage: string;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const CLICKABLE = LAYERS.filter((layer) => layer.clickTarget);
const TARGET_PRIORITY: readonly ClickTarget[] = ['parcel', 'unit'];

export function MapView(props: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const appliedRef = useRef(new Map<string, string>());
  const callbacksRef = useRef(props);
  callbacksRef.current = props;
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    ensureWorkerUrl();
    const { lon, lat, zoom } = callbacksRef.current.initialCamera;
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container,
        style: createBaseStyle(callbacksRef.current.tilesAsOf ?? null),
        center: [lon, lat],
        zoom,
        maxZoom: 21,
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
      });
    } catch (error) {
      console.error('Map could not start', error);
      setFailed(true);
      return;
    }
    mapRef.current = map;
    map.touchZoomRotate.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');

    const setIdle = (idle: boolean) => {
      container.dataset.idle = String(idle);
    };
    setIdle(false);
    map.on('load', () => {
      addDeclaredLayers(map, LAYERS, callbacksRef.current.context, appliedRef.current);
      setLoaded(true);
      callbacksRef.current.onMapReady?.(map);
    });
    map.on('idle', () => setIdle(true));
    map.on('movestart', () => setIdle(false));
    map.on('dataloading', () => setIdle(false));
    map.on('moveend', () => {
      const center = map.getCenter();
      callbacksRef.current.onCameraChange({ lon: center.lng, lat: center.lat, zoom: map.getZoom() });
    });
    const hitAt = (point: { x: number; y: number }): MapHit | null => {
      const features = map.queryRenderedFeatures([point.x, point.y], { layers: CLICKABLE.map((l) => l.id) });
      for (const target of TARGET_PRIORITY) {
        const feature = features.find((f) => CLICKABLE.some((l) => l.id === f.layer.id && l.clickTarget === target));
        if (feature) return { target, properties: feature.properties };
      }
      return null;
    };
    map.on('click', (event) =>
      callbacksRef.current.onFeatureClick(hitAt(event.point), { lon: event.lngLat.lng, lat: event.lngLat.lat }),
    );
    map.on('mousemove', (event) => {
      if (callbacksRef.current.drawingCursor) map.getCanvas().style.cursor = 'crosshair';
      else map.getCanvas().style.cursor = hitAt(event.point) ? 'pointer' : '';
    });
    return () => {
      callbacksRef.current.onMapReady?.(null);
      mapRef.current = null;
      appliedRef.current.clear();
      setLoaded(false);
      map.remove();
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    for (const id of SOURCE_IDS) {
      map.getSource<GeoJSONSource>(id)?.setData(props.data[id] ?? EMPTY);
    }
  }, [loaded, props.data]);

  // tiles answer with an ETag and no-cache: fetching again costs a 304 for unchanged tiles;
  // tiles as of a past moment are cached by the browser (they never change)
  const tilesRevision = props.tilesRevision ?? 0;
  const tilesAsOf = props.tilesAsOf ?? null;
  const tilesKey = `${tilesRevision}|${tilesAsOf ?? ''}`;
  const tilesLoadedAt = useRef(tilesKey);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || tilesLoadedAt.current === tilesKey) return;
    tilesLoadedAt.current = tilesKey;
    for (const id of Object.keys(VECTOR_SOURCES) as VectorSourceId[]) {
      map.getSource<VectorTileSource>(id)?.setTiles(vectorTileUrls(id, window.location.origin, tilesAsOf));
    }
  }, [loaded, tilesKey, tilesAsOf]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    applyLayerContext(map, LAYERS, props.context, appliedRef.current);
  }, [loaded, props.context]);

  const hiddenKey = [...(props.hiddenGroups ?? [])].sort().join(',');
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    applyLayerVisibility(map, LAYERS, new Set(hiddenKey ? (hiddenKey.split(',') as LayerGroup[]) : []));
  }, [loaded, hiddenKey]);

  const command = props.cameraCommand;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !command) return;
    if (command.kind === 'jump') {
      map.jumpTo({ center: [command.camera.lon, command.camera.lat], zoom: command.camera.zoom });
    } else {
      const [minLon, minLat, maxLon, maxLat] = command.bounds;
      map.fitBounds([[minLon, minLat], [maxLon, maxLat]], { padding: 40, maxZoom: command.maxZoom ?? 18, duration: 600 });
    }
    // Each command runs once: its id changes when the app issues a new one.
  }, [loaded, command?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="map-view" data-testid="map" role="region" aria-label={props.label} ref={containerRef}>
      {failed && <div className="map-unavailable" role="alert">{props.unavailableMessage}</div>}
    </div>
  );
}
