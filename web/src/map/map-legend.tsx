// The map's one legend, in its corner (bottom-left, away from the centre): the layer
// switcher and, collapsible, the land uses of the parcels the map shows now.
import { useId, useState } from 'react';
import { LandUseLegend } from '../features/parcels/land-use-legend';
import { useI18n, type MessageKey } from '../i18n';
import { LAYER_GROUPS, type LayerGroup } from './layers';
import type { LegendSection } from './tools/visible-legend';

const LAYER_KEYS: Readonly<Record<LayerGroup, MessageKey>> = {
  parcels: 'mapLegend.layer.parcels',
  boundaries: 'mapLegend.layer.boundaries',
  planning: 'mapLegend.layer.planning',
  prices: 'mapLegend.layer.prices',
};

/** Narrow screens start with the legend folded to its button. */
function startsOpen(): boolean {
  try {
    return !window.matchMedia('(max-width: 720px)').matches;
  } catch {
    return true;
  }
}

export interface MapLegendProps {
  /** the land uses of the parcels in view, by group (tools/visible-legend.ts) */
  readonly sections: readonly LegendSection[];
  readonly hiddenGroups: readonly LayerGroup[];
  readonly onToggleGroup: (group: LayerGroup, visible: boolean) => void;
}

export function MapLegend({ sections, hiddenGroups, onToggleGroup }: MapLegendProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(startsOpen);
  const bodyId = useId();
  return (
    <div className="map-legend" data-testid="map-legend">
      <fieldset className="map-layers" data-testid="layer-switcher">
        <legend>{t('mapLegend.layers')}</legend>
        {LAYER_GROUPS.map((group) => (
          <label key={group}>
            <input
              type="checkbox"
              data-testid={`layer-toggle-${group}`}
              checked={!hiddenGroups.includes(group)}
              onChange={(event) => onToggleGroup(group, event.target.checked)}
            />
            {t(LAYER_KEYS[group])}
          </label>
        ))}
      </fieldset>
      <section className="map-legend-codes">
        <button
          type="button"
          className="map-legend-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          data-testid="map-legend-toggle"
          onClick={() => setOpen((value) => !value)}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {t('legend.title')}
        </button>
        {open &&
          (sections.length > 0 ? (
            <LandUseLegend id={bodyId} sections={sections} />
          ) : (
            <p id={bodyId} className="hint map-legend-empty">{t('legend.none')}</p>
          ))}
      </section>
    </div>
  );
}
