// The public map: a side panel (unit picker, parcel data) and the map with its tools
// (measure, the map as of a date, print/export) and its one legend.
import { useCallback, useMemo, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { buildLandUseColorExpression } from '../features/parcels/land-use-colors';
import { useSession } from '../features/auth/session-context';
import { ChangeForm } from '../features/changes/change-form';
import { ChangesInbox } from '../features/changes/changes-inbox';
import { CADASTRE_APPROVE, CADASTRE_EDIT, CADASTRE_READ, ParcelPanel } from '../features/parcels/parcel-panel';
import { CompareView } from '../features/versions/compare-view';
import { ExtractOverlayBar, useExtractOverlay } from '../features/statistics/extract-overlay';
import { ParcelSearch } from '../features/search/parcel-search';
import { UnitSelect } from '../features/units/unit-select';
import { useI18n } from '../i18n';
import { GROUPS_HIDDEN_AT_START, type LayerContext, type LayerGroup } from '../map/layers';
import { MapLegend } from '../map/map-legend';
import { MapView, type MapViewProps } from '../map/map-view';
import { MeasurePanel } from '../map/tools/measure-panel';
import { PrintButtons } from '../map/tools/print-buttons';
import { AsOfBadge, TimeControl } from '../map/tools/time-control';
import { useMeasure } from '../map/tools/use-measure';
import { legendSections, useVisibleLegend } from '../map/tools/visible-legend';
import { ApiErrorBanner } from '../ui/api-error-banner';
import { formatCount, formatDate } from '../ui/format';
import './records.css';
import { useEditing } from './use-editing';
import { usePortal } from './use-portal';

export function MapScreen() {
  const { t, lang, locale } = useI18n();
  const portal = usePortal();
  const session = useSession();
  const { reference, parcels, unitCode, parcelKey } = portal;
  const editing = useEditing(parcelKey);

  const landUseColor = useMemo(() => buildLandUseColorExpression(reference.landUseCodes), [reference.landUseCodes]);
  const context = useMemo<LayerContext>(
    () => ({
      landUseColor,
      unitsWithParcels: reference.unitsWithParcels,
      selectedUnitCode: unitCode,
      selectedParcel: parcelKey,
    }),
    [landUseColor, reference.unitsWithParcels, unitCode, parcelKey],
  );
  const extractOverlay = useExtractOverlay();
  const mapData = useMemo(
    () => ({
      communes: reference.communeBoundaries,
      districts: reference.districtBoundaries,
      parcels,
      drawing: editing.drawingData,
      fault: editing.faultData,
      extract: extractOverlay?.data ?? null,
    }),
    [reference.communeBoundaries, reference.districtBoundaries, parcels, editing.drawingData, editing.faultData, extractOverlay],
  );
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const measure = useMeasure(map);
  const measuring = measure.mode !== null;
  const { drawing, addPoint } = editing;
  const { onMapClick } = portal;
  const addMeasurePoint = measure.addPoint;
  // While measuring, clicks are points of the figure: no parcel or unit opens.
  const onFeatureClick = useCallback<MapViewProps['onFeatureClick']>(
    (hit, at) => (measuring ? addMeasurePoint(at) : drawing ? addPoint(at) : onMapClick(hit)),
    [measuring, addMeasurePoint, drawing, addPoint, onMapClick],
  );
  const [hiddenGroups, setHiddenGroups] = useState<readonly LayerGroup[]>(GROUPS_HIDDEN_AT_START);
  const toggleGroup = useCallback((group: LayerGroup, visible: boolean) => {
    setHiddenGroups((hidden) => (visible ? hidden.filter((g) => g !== group) : hidden.includes(group) ? hidden : [...hidden, group]));
  }, []);
  const visible = useVisibleLegend(map, reference.landUseCodes);
  const sections = useMemo(() => legendSections(visible, reference.landUseCodes), [visible, reference.landUseCodes]);
  const unit = reference.communes.find((u) => u.code === unitCode);
  const unitName = unit ? `${unit.kind} ${unit.name}` : null;

  return (
  <main className="workspace">
    <aside className={editing.mode === 'change' ? 'side-panel wide' : 'side-panel'}>
      <section className="card">
        <UnitSelect
          communes={reference.communes}
          parents={reference.parents}
          value={unitCode}
          onChange={portal.selectUnit}
        />
        {!unitCode && <p className="hint">{t('unit.hint')}</p>}
        {portal.unitFormedAfterMapDate && (
          <p className="hint" data-testid="unit-later">
            {t('asOf.unitLater', { date: formatDate(portal.unitFormedAfterMapDate, locale) })}
          </p>
        )}
        {parcels && parcels.numberReturned === 0 && <p className="hint">{t('unit.noParcels')}</p>}
        {parcels && parcels.numberMatched > parcels.numberReturned && (
          <p className="hint" data-testid="parcels-truncated">
            {t('unit.shown', {
              shown: formatCount(parcels.numberReturned, locale),
              total: formatCount(parcels.numberMatched, locale),
            })}
          </p>
        )}
      </section>
      {session.can(CADASTRE_APPROVE) && (
        <ChangesInbox unitCode={unitCode} revision={editing.prepared} onOpen={portal.selectParcel} onDecided={portal.recordsChanged} />
      )}
      {session.can(CADASTRE_READ) && <ParcelSearch communes={reference.communes} onSelect={portal.selectParcel} />}
      {parcelKey && editing.mode === 'change' && (
        <ChangeForm
          parcel={parcelKey}
          landUseCodes={reference.landUseCodes}
          line={editing.line}
          setLine={editing.setLine}
          setDrawing={editing.setDrawing}
          setFaultAt={editing.setFaultAt}
          onPrepared={() => {
            editing.markPrepared();
            portal.recordsChanged();
          }}
          onClose={editing.close}
        />
      )}
      {parcelKey ? (
        <ParcelPanel
          parcel={parcelKey}
          detail={portal.detail}
          loading={portal.detailLoading}
          onClose={portal.closeParcel}
          asOf={portal.asOf}
          revision={portal.revision}
          onShowCurrent={portal.showCurrent}
          onOpenParcel={portal.selectParcel}
          onPrepareChange={session.can(CADASTRE_EDIT) ? () => editing.open('change') : undefined}
          onCompare={() => editing.open('compare')}
        />
      ) : (
        parcels && parcels.numberReturned > 0 && <p className="hint card">{t('parcel.hint')}</p>
      )}
    </aside>
    <div className="map-area">
      <MapView
        data={mapData}
        tilesRevision={portal.revision}
        tilesAsOf={portal.mapAsOf}
        onMapReady={setMap}
        drawingCursor={measuring || drawing}
        context={context}
        hiddenGroups={hiddenGroups}
        initialCamera={portal.initialCamera}
        cameraCommand={portal.cameraCommand}
        onFeatureClick={onFeatureClick}
        onCameraChange={portal.onCameraChange}
        label={t('map.label')}
        unavailableMessage={t('map.unavailable')}
      />
      <MapLegend sections={sections} hiddenGroups={hiddenGroups} onToggleGroup={toggleGroup} />
      <div className="map-tools" data-testid="map-tools" role="group" aria-label={t('tools.title')}>
        <MeasurePanel tool={measure} />
        <TimeControl date={portal.mapDate} onChange={portal.setMapDate} />
        <PrintButtons map={map} unitName={unitName} mapDate={portal.mapDate} sections={sections} userName={session.me?.fullName ?? null} />
      </div>
      <AsOfBadge date={portal.mapDate} onLive={portal.showCurrent} />
      <ExtractOverlayBar overlay={extractOverlay} />
      {parcelKey && editing.mode === 'compare' && (
        <div className="map-overlay">
          <CompareView parcel={parcelKey} onClose={editing.close} />
        </div>
      )}
      <ApiErrorBanner error={portal.error} onDismiss={portal.dismissError} />
    </div>
  </main>
  );
}
