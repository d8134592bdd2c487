// The measure tool's state: the mode, the clicked points, whether the figure is finished.
// The map screen routes map clicks here while a mode is on (so no parcel opens); a double
// click or "finish" ends the figure, Escape or "clear" starts again.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { addMeasurePoint, measure, measureFeatures, type LonLat, type MeasureMode, type Measurement } from './measure';
import { showMeasure } from './measure-layers';

/** Two clicks within this many screen pixels are the same spot (a double click). */
const SAME_SPOT_PIXELS = 4;
const EMPTY = { points: [] as readonly LonLat[], finished: false };

export interface MeasureTool {
  readonly mode: MeasureMode | null;
  readonly points: readonly LonLat[];
  readonly finished: boolean;
  readonly result: Measurement;
  readonly toggle: (mode: MeasureMode) => void;
  readonly addPoint: (at: { readonly lon: number; readonly lat: number }) => void;
  readonly finish: () => void;
  readonly clear: () => void;
}

export function useMeasure(map: MapLibreMap | null): MeasureTool {
  const [mode, setMode] = useState<MeasureMode | null>(null);
  const [figure, setFigure] = useState<{ readonly points: readonly LonLat[]; readonly finished: boolean }>(EMPTY);
  const { points, finished } = figure;

  const clear = useCallback(() => setFigure(EMPTY), []);
  const toggle = useCallback((next: MeasureMode) => {
    setMode((current) => (current === next ? null : next));
    setFigure(EMPTY);
  }, []);
  const finish = useCallback(() => setFigure((f) => (f.finished ? f : { ...f, finished: true })), []);

  const addPoint = useCallback(
    (at: { readonly lon: number; readonly lat: number }) => {
      const sameSpot = (a: LonLat, b: LonLat): boolean => {
        if (!map) return a[0] === b[0] && a[1] === b[1];
        const pa = map.project([a[0], a[1]]);
        const pb = map.project([b[0], b[1]]);
        return Math.hypot(pa.x - pb.x, pa.y - pb.y) <= SAME_SPOT_PIXELS;
      };
      // a click after a finished figure starts a new one
      setFigure((f) => ({ points: addMeasurePoint(f.finished ? [] : f.points, [at.lon, at.lat], sameSpot), finished: false }));
    },
    [map],
  );

  // While measuring: a double click finishes (instead of zooming), Escape clears.
  useEffect(() => {
    if (!map || !mode) return;
    map.doubleClickZoom.disable();
    const onDoubleClick = finish;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') clear();
    };
    map.on('dblclick', onDoubleClick);
    window.addEventListener('keydown', onKey);
    return () => {
      map.off('dblclick', onDoubleClick);
      window.removeEventListener('keydown', onKey);
      map.doubleClickZoom.enable();
    };
  }, [map, mode, clear, finish]);

  useEffect(() => {
    if (!map) return;
    showMeasure(map, measureFeatures(mode ?? 'distance', mode ? points : []));
  }, [map, mode, points]);

  const result = useMemo(() => measure(mode ?? 'distance', points), [mode, points]);
  return { mode, points, finished, result, toggle, addPoint, finish, clear };
}
