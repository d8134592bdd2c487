// The public map: a side panel (unit picker, parcel data, legend) and the map.
import { useCallback, useMemo, useState } from 'react';
import { buildLandUseColorExpression, legendEntries } from '../features/parcels/land-use-colors';
import { LandUseLegend } from '../features/parcels/land-use-legend';
import { useSession } from '../features/auth/session-context';
import { ChangeForm } from '../features/changes/change-form';
import { ChangesInbox } from '../features/changes/changes-inbox';
import { CADASTRE_APPROVE, CADASTRE_EDIT, CADASTRE_READ, ParcelPanel } from '../features/parcels/parcel-panel';
import { CompareView } from '../features/versions/compare-view';
import { ParcelSearch } from '../features/search/parcel-search';
import { UnitSelect } from '../features/units/unit-select';
import { useI18n } from '../i18n';
import type { LayerContext, LayerGroup } from '../map/layers';
import { MapLegend } from '../map/map-legend';
import { MapView, type MapViewProps } from '../map/map-view';
import { ErrorBanner } from '../ui/error-banner';
import { formatCount } from '../ui/format';
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
  const mapData = useMemo(
    () => ({
      communes: reference.communeBoundaries,
      districts: reference.districtBoundaries,
      parcels,
      drawing: editing.drawingData,
      fault: editing.faultData,
    }),
    [reference.communeBoundaries, reference.districtBoundaries, parcels, editing.drawingData, editing.faultData],
  );
  const { drawing, addPoint } = editing;
  const { onMapClick } = portal;
  const onFeatureClick = useCallback<MapViewProps['onFeatureClick']>(
    (hit, at) => (drawing ? addPoint(at) : onMapClick(hit)),
    [drawing, addPoint, onMapClick],
  );
  const [hiddenGroups, setHiddenGroups] = useState<readonly LayerGroup[]>([]);
  const toggleGroup = useCallback((group: LayerGroup, visible: boolean) => {
    setHiddenGroups((hidden) => (visible ? hidden.filter((g) => g !== group) : hidden.includes(group) ? hidden : [...hidden, group]));
  }, []);
  const legend = useMemo(
    () => (parcels ? legendEntries(parcels.features, reference.landUseCodes) : []),
    [parcels, reference.landUseCodes],
  );

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
      <LandUseLegend entries={legend} />
    </aside>
    <div className="map-area">
      <MapView
        data={mapData}
        tilesRevision={portal.revision}
        context={context}
        hiddenGroups={hiddenGroups}
        initialCamera={portal.initialCamera}
        cameraCommand={portal.cameraCommand}
        onFeatureClick={onFeatureClick}
        onCameraChange={portal.onCameraChange}
        label={t('map.label')}
        unavailableMessage={t('map.unavailable')}
      />
      <MapLegend codes={reference.landUseCodes} hiddenGroups={hiddenGroups} onToggleGroup={toggleGroup} />
      {parcelKey && editing.mode === 'compare' && (
        <div className="map-overlay">
          <CompareView parcel={parcelKey} onClose={editing.close} />
        </div>
      )}
      {portal.error && (
        <ErrorBanner
          title={t('error.title')}
          message={portal.error.messages[lang]}
          detail={portal.error.requestId ? `${portal.error.code} · ${portal.error.requestId}` : portal.error.code}
          dismissLabel={t('error.dismiss')}
          onDismiss={portal.dismissError}
        />
      )}
    </div>
  </main>
  );
}
