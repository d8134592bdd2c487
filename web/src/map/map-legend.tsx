// The map's own corner panel (bottom-left, away from the centre): a layer switcher and a
// collapsible legend of every land-use code, grouped, with its colour and name.
import { useId, useMemo, useState } from 'react';
import type { LandUseCode } from '../api';
import { groupLandUseCodes } from '../features/parcels/legend-groups';
import { useI18n, type MessageKey } from '../i18n';
import { LAYER_GROUPS, type LayerGroup } from './layers';

const GROUP_KEYS: Readonly<Record<string, MessageKey>> = {
  NNP: 'mapLegend.group.NNP',
  PNN: 'mapLegend.group.PNN',
  CSD: 'mapLegend.group.CSD',
};
const LAYER_KEYS: Readonly<Record<LayerGroup, MessageKey>> = {
  parcels: 'mapLegend.layer.parcels',
  boundaries: 'mapLegend.layer.boundaries',
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
  readonly codes: readonly LandUseCode[];
  readonly hiddenGroups: readonly LayerGroup[];
  readonly onToggleGroup: (group: LayerGroup, visible: boolean) => void;
}

export function MapLegend({ codes, hiddenGroups, onToggleGroup }: MapLegendProps) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(startsOpen);
  const groups = useMemo(() => groupLandUseCodes(codes), [codes]);
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
      {groups.length > 0 && (
        <section className="map-legend-codes">
          <button
            type="button"
            className="map-legend-toggle"
            aria-expanded={open}
            aria-controls={bodyId}
            data-testid="map-legend-toggle"
            onClick={() => setOpen((value) => !value)}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span> {t('mapLegend.title')}
          </button>
          {open && (
            <div id={bodyId} className="map-legend-body">
              {groups.map((group) => (
                <div key={group.groupCode} className="map-legend-group">
                  <h3>{GROUP_KEYS[group.groupCode] ? t(GROUP_KEYS[group.groupCode]!) : group.groupCode}</h3>
                  <ul>
                    {group.codes.map((code) => (
                      <li key={code.code}>
                        <span className="swatch" style={{ background: code.mapColor }} aria-hidden="true" />
                        <span className="legend-code">{code.code}</span>
                        <span className="legend-name">{lang === 'vi' ? code.nameVi : code.nameEn}</span>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          )}
        </section>
      )}
    </div>
  );
}
