// The public map: a side panel (unit picker, parcel data, legend) and the map.
import { useMemo } from 'react';
import { buildLandUseColorExpression, legendEntries } from '../features/parcels/land-use-colors';
import { LandUseLegend } from '../features/parcels/land-use-legend';
import { useSession } from '../features/auth/session-context';
import { CADASTRE_READ, ParcelPanel } from '../features/parcels/parcel-panel';
import { ParcelSearch } from '../features/search/parcel-search';
import { UnitSelect } from '../features/units/unit-select';
import { useI18n } from '../i18n';
import type { LayerContext } from '../map/layers';
import { MapView } from '../map/map-view';
import { ErrorBanner } from '../ui/error-banner';
import { formatCount } from '../ui/format';
import { usePortal } from './use-portal';

export function MapScreen() {
  const { t, lang, locale } = useI18n();
  const portal = usePortal();
  const session = useSession();
  const { reference, parcels, unitCode, parcelKey } = portal;

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
    () => ({ communes: reference.communeBoundaries, districts: reference.districtBoundaries, parcels }),
    [reference.communeBoundaries, reference.districtBoundaries, parcels],
  );
  const legend = useMemo(
    () => (parcels ? legendEntries(parcels.features, reference.landUseCodes) : []),
    [parcels, reference.landUseCodes],
  );

  return (
  <main className="workspace">
    <aside className="side-panel">
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
      {session.can(CADASTRE_READ) && <ParcelSearch communes={reference.communes} onSelect={portal.selectParcel} />}
      {parcelKey ? (
        <ParcelPanel parcel={parcelKey} detail={portal.detail} loading={portal.detailLoading} onClose={portal.closeParcel} />
      ) : (
        parcels && parcels.numberReturned > 0 && <p className="hint card">{t('parcel.hint')}</p>
      )}
      <LandUseLegend entries={legend} />
    </aside>
    <div className="map-area">
      <MapView
        data={mapData}
        context={context}
        initialCamera={portal.initialCamera}
        cameraCommand={portal.cameraCommand}
        onFeatureClick={portal.onMapClick}
        onCameraChange={portal.onCameraChange}
        label={t('map.label')}
        unavailableMessage={t('map.unavailable')}
      />
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
