// The portal's state: which unit and parcel are selected, where the camera is, what is
// loaded, and the last error. The URL hash mirrors the selection and the camera.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { getParcel, getUnitParcels, useApiResource, type ApiError, type ParcelKey } from '../api';
import { boundsOf, type Bounds } from '../map/bbox';
import type { CameraCommand, MapHit } from '../map/map-view';
import { unitAt } from '../map/point-in-unit';
import type { Camera, UrlState } from '../map/url-state';
import { readUrlState, useUrlStateListener, useUrlStateWriter } from '../map/use-url-state';
import { clampMapDate, endOfDayInVietnam } from '../map/tools/map-date';
import { useReferenceData } from './use-reference-data';
import { useFitWhenLoaded, type PendingFit } from './use-fit-when-loaded';

/** Bình Phước, until the boundaries are loaded. */
export const DEFAULT_CAMERA: Camera = { lon: 106.9, lat: 11.75, zoom: 8 };

const parcelKeyString = (key: ParcelKey | null): string | null =>
  key ? `${key.unitCode}/${key.sheetNumber}/${key.parcelNumber}` : null;

function parcelKeyFromHit(properties: Readonly<Record<string, unknown>>): ParcelKey | null {
  const sheetNumber = Number(properties.sheetNumber);
  const parcelNumber = Number(properties.parcelNumber);
  const unitCode = properties.unitCode;
  if (typeof unitCode !== 'string' && typeof unitCode !== 'number') return null;
  if (!Number.isInteger(sheetNumber) || !Number.isInteger(parcelNumber)) return null;
  return { unitCode: String(unitCode), sheetNumber, parcelNumber };
}

function pendingFitFor(state: UrlState): PendingFit {
  if (state.camera) return null;
  if (state.parcel) return { kind: 'parcel' };
  if (state.unitCode) return { kind: 'unit', code: state.unitCode };
  return { kind: 'province' };
}

export function usePortal() {
  const initial = useMemo(readUrlState, []);
  const [unitCode, setUnitCode] = useState<string | null>(initial.unitCode);
  const [parcelKey, setParcelKey] = useState<ParcelKey | null>(initial.parcel);
  /** The selected parcel as of a past time (a parent of a split, opened from its versions). */
  const [asOf, setAsOf] = useState<string | null>(null);
  /** The map as of a past day (YYYY-MM-DD, Vietnam's calendar); null: the live map. */
  const [mapDate, setMapDateState] = useState<string | null>(() => clampMapDate(initial.mapDate));
  const mapAsOf = mapDate ? endOfDayInVietnam(mapDate) : null;
  /** What the parcel panel shows: a version opened explicitly, else the map's date. */
  const panelAsOf = asOf ?? mapAsOf;
  const [camera, setCamera] = useState<Camera | null>(initial.camera);
  const [cameraCommand, setCameraCommand] = useState<CameraCommand | null>(null);
  const [pendingFit, setPendingFit] = useState<PendingFit>(() => pendingFitFor(initial));
  const [error, setError] = useState<ApiError | null>(null);
  /** A parcel picked by the search whose unit is no longer current: find the commune it lies in now. */
  const [locateUnit, setLocateUnit] = useState(false);
  const commandId = useRef(0);
  /** Bumped when a change was approved: parcels, detail and records are read again. */
  const [revision, setRevision] = useState(0);

  const reference = useReferenceData(setError, mapDate);
  // The selected unit as of the map's date: units formed later (the 2025 reorganisation)
  // did not exist then; their parcels of that date show on the tiles (zoomed in) only.
  const selectedUnit = reference.communes.find((unit) => unit.code === unitCode) ?? null;
  const unitFormedAfterMapDate =
    mapAsOf && selectedUnit && Date.parse(selectedUnit.validFrom) > Date.parse(mapAsOf) ? selectedUnit.validFrom : null;
  const parcels = useApiResource(
    unitCode && !unitFormedAfterMapDate ? `${unitCode}@${mapDate ?? ''}#${revision}` : null,
    (signal) => getUnitParcels(unitCode!, mapDate ? { asOf: mapDate } : {}, signal),
    setError,
  );
  const detailKey = parcelKeyString(parcelKey);
  // A parcel looked at on a map date before it was registered is simply not there then:
  // the panel says it has no data, no error banner.
  const asOfFromMap = asOf === null && mapAsOf !== null;
  const onDetailError = useCallback(
    (error: ApiError) => {
      if (!(asOfFromMap && error.status === 404)) setError(error);
    },
    [asOfFromMap],
  );
  const detail = useApiResource(
    detailKey && `${detailKey}@${panelAsOf ?? ''}#${revision}`,
    (signal) => getParcel(parcelKey!, signal, panelAsOf ?? undefined),
    onDetailError,
  );

  const fitTo = useCallback((bounds: Bounds, maxZoom?: number) => {
    commandId.current += 1;
    setCameraCommand({ id: commandId.current, kind: 'fit', bounds, ...(maxZoom !== undefined ? { maxZoom } : {}) });
  }, []);

  useFitWhenLoaded({
    pendingFit,
    setPendingFit,
    fitTo,
    reference,
    parcels: parcels.data,
    parcelsLoading: parcels.loading,
    detail: detail.data,
  });
  useUrlStateWriter({ camera, unitCode, parcel: parcelKey, mapDate });
  useUrlStateListener((state) => {
    setUnitCode(state.unitCode);
    setParcelKey(state.parcel);
    setAsOf(null);
    setMapDateState(clampMapDate(state.mapDate));
    if (state.camera) {
      commandId.current += 1;
      setCameraCommand({ id: commandId.current, kind: 'jump', camera: state.camera });
    }
    setPendingFit(pendingFitFor(state));
  });

  const selectUnit = useCallback((code: string | null) => {
    setLocateUnit(false);
    setUnitCode(code);
    setParcelKey(null);
    setAsOf(null);
    setPendingFit(code ? { kind: 'unit', code } : { kind: 'province' });
  }, []);

  /**
   * Selects a parcel found elsewhere (the search) and zooms to it. Its unit is shown too:
   * the parcel's own when still current, else (a commune merged in 2025, whose parcels
   * keep its code) the current commune its centre lies in, once its detail is loaded.
   */
  const currentCommunes = reference.communes;
  const selectParcel = useCallback(
    (key: ParcelKey, at: string | null = null) => {
      const current = currentCommunes.some((unit) => unit.code === key.unitCode);
      if (current) setUnitCode(key.unitCode);
      setLocateUnit(!current);
      setParcelKey(key);
      setAsOf(at);
      setPendingFit({ kind: 'parcel' });
    },
    [currentCommunes],
  );
  const communeBoundaries = reference.communeBoundaries;
  const located = detail.data;
  useEffect(() => {
    if (!locateUnit || !located || !communeBoundaries) return;
    setLocateUnit(false);
    const code = unitAt(communeBoundaries, located.centroid);
    if (code) setUnitCode(code);
  }, [locateUnit, located, communeBoundaries]);

  const onMapClick = useCallback(
    (hit: MapHit | null) => {
      if (hit?.target === 'parcel') {
        const key = parcelKeyFromHit(hit.properties);
        if (key) {
          setParcelKey(key);
          setAsOf(null);
        }
      } else if (hit?.target === 'unit') {
        const code = hit.properties.code;
        if (typeof code === 'string' && code !== unitCode) selectUnit(code);
      }
    },
    [unitCode, selectUnit],
  );

  const fitToParcels = useCallback(() => {
    const bounds = parcels.data ? boundsOf(parcels.data) : null;
    if (bounds) fitTo(bounds);
  }, [parcels.data, fitTo]);

  return {
    reference,
    unitCode,
    selectUnit,
    parcels: parcels.data,
    parcelKey,
    /** what the parcel panel shows: an opened version, else the map's date */
    asOf: panelAsOf,
    /** the map as of this day, or null (live) */
    mapDate,
    /** the moment the map's tiles are drawn for (end of mapDate in Vietnam), or null */
    mapAsOf,
    /** when the selected unit was formed, if after the map's date (its parcel list is not loaded) */
    unitFormedAfterMapDate,
    /** a new map date; a version opened in the panel gives way to it */
    setMapDate: useCallback((date: string | null) => {
      setMapDateState(clampMapDate(date));
      setAsOf(null);
    }, []),
    revision,
    recordsChanged: useCallback(() => setRevision((r) => r + 1), []),
    /** back to now: the panel and the map */
    showCurrent: useCallback(() => {
      setAsOf(null);
      setMapDateState(null);
    }, []),
    detail: detail.data,
    detailLoading: detail.loading,
    selectParcel,
    closeParcel: useCallback(() => {
      setLocateUnit(false);
      setParcelKey(null);
      setAsOf(null);
    }, []),
    onMapClick,
    fitToParcels,
    initialCamera: initial.camera ?? DEFAULT_CAMERA,
    cameraCommand,
    onCameraChange: setCamera,
    error,
    dismissError: useCallback(() => setError(null), []),
  };
}
