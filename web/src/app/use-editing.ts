// What the side panel and the map do besides showing a parcel: preparing a change (with
// a line drawn on the map and the place of a geometry fault) or comparing two dates.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import type { ParcelKey } from '../api';

export type EditingMode = 'none' | 'change' | 'compare';
type Line = readonly (readonly [number, number])[];
type Point = { readonly lon: number; readonly lat: number };

export function useEditing(parcelKey: ParcelKey | null) {
  const [mode, setMode] = useState<EditingMode>('none');
  const [line, setLine] = useState<Line>([]);
  const [drawing, setDrawing] = useState(false);
  const [faultAt, setFaultAt] = useState<Point | null>(null);
  /** Bumped when a change was prepared: the inbox reads its list again. */
  const [prepared, setPrepared] = useState(0);

  const close = useCallback(() => {
    setMode('none');
    setLine([]);
    setDrawing(false);
    setFaultAt(null);
  }, []);
  const id = parcelKey ? `${parcelKey.unitCode}/${parcelKey.sheetNumber}/${parcelKey.parcelNumber}` : null;
  useEffect(() => close(), [id, close]); // another parcel: start afresh

  const drawingData = useMemo<FeatureCollection>(() => ({
    type: 'FeatureCollection',
    features: [
      ...(line.length >= 2 ? [{ type: 'Feature' as const, geometry: { type: 'LineString' as const, coordinates: line.map((p) => [...p]) }, properties: {} }] : []),
      ...line.map((p) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [...p] }, properties: {} })),
    ],
  }), [line]);
  const faultData = useMemo<FeatureCollection>(() => ({
    type: 'FeatureCollection',
    features: faultAt ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: [faultAt.lon, faultAt.lat] }, properties: {} }] : [],
  }), [faultAt]);

  return {
    mode,
    open: useCallback((next: EditingMode) => { close(); setMode(next); }, [close]),
    close,
    line,
    setLine,
    drawing,
    setDrawing,
    addPoint: useCallback((at: Point) => setLine((current) => [...current, [at.lon, at.lat] as const]), []),
    setFaultAt,
    drawingData,
    faultData,
    prepared,
    markPrepared: useCallback(() => setPrepared((n) => n + 1), []),
  };
}
