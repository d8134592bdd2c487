// The parcel extract (F4) drawn on the map: the statistics screen puts the extract's
// GeoJSON here and opens the map; the map screen draws it (source "extract", layers.ts)
// and shows this bar, which says what is drawn and takes it away. Kept in memory only:
// a reload, or "remove", clears it.
import { useSyncExternalStore } from 'react';
import type { FeatureCollection } from 'geojson';
import { useI18n } from '../../i18n';
import { formatCount } from '../../ui/format';

export interface ExtractOverlay {
  readonly data: FeatureCollection;
  /** what was asked, as the statistics screen words it (unit, date, codes) */
  readonly label: string;
}

let current: ExtractOverlay | null = null;
const listeners = new Set<() => void>();

function publish(next: ExtractOverlay | null): void {
  current = next;
  for (const listener of listeners) listener();
}

export function showExtractOnMap(overlay: ExtractOverlay): void {
  publish(overlay);
}

export function clearExtractOverlay(): void {
  publish(null);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useExtractOverlay(): ExtractOverlay | null {
  return useSyncExternalStore(subscribe, () => current);
}

/** Over the map while an extract is drawn: how many parcels, of what, and a way to remove them. */
export function ExtractOverlayBar({ overlay }: { overlay: ExtractOverlay | null }) {
  const { t, locale } = useI18n();
  if (!overlay) return null;
  return (
    <div className="extract-overlay-bar" data-testid="extract-overlay" role="status">
      <span className="swatch" aria-hidden="true" />
      <span>{t('stats.overlay.shown', { count: formatCount(overlay.data.features.length, locale), label: overlay.label })}</span>
      <button type="button" className="link-button" data-testid="extract-overlay-clear" onClick={clearExtractOverlay}>
        {t('stats.overlay.clear')}
      </button>
    </div>
  );
}
