// The zones of a plan drawn as a static SVG, each filled with the colour of its planned
// land use (the code list's mapColor, as on the map), with a legend. A static drawing
// rather than a MapLibre map: it needs no tiles, prints, and loads with the screen.
import { useMemo } from 'react';
import type { LandUseCode } from '../../api';
import { useI18n } from '../../i18n';
import { legendEntriesOf } from '../parcels/land-use-colors';
import type { ZoneFeature } from './planning-api';
import { drawZones, polygonsOf } from './zone-drawing';

const WIDTH = 420;
const HEIGHT = 300;

export function ZonesDrawing({ features, codes }: { features: readonly ZoneFeature[]; codes: readonly LandUseCode[] }) {
  const { t, lang } = useI18n();
  const drawn = useMemo(() => drawZones(features.map((f) => ({ polygons: polygonsOf(f.geometry) })), WIDTH, HEIGHT), [features]);
  const legend = useMemo(() => {
    const counts = new Map<string, number>();
    for (const f of features) counts.set(f.properties.landUseCode ?? '', (counts.get(f.properties.landUseCode ?? '') ?? 0) + 1);
    return legendEntriesOf(counts, codes);
  }, [features, codes]);
  const colour = new Map(legend.map((e) => [e.code, e.color]));
  if (features.length === 0) return <p className="hint" data-testid="plan-no-zones">{t('planAdmin.noZones')}</p>;
  return (
    <figure className="zones-drawing" data-testid="plan-zones-drawing">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('planAdmin.drawing')}>
        <title>{t('planAdmin.drawing')}</title>
        {features.map((f, i) => (
          <path
            key={i}
            d={drawn[i]?.d ?? ''}
            fill={colour.get(f.properties.landUseCode ?? '')}
            fillOpacity={0.75}
            fillRule="evenodd"
            stroke="#333"
            strokeWidth={0.8}
            data-testid="plan-zone-shape"
            data-code={f.properties.zoneCode}
            data-land-use={f.properties.landUseCode}
          >
            <title>{`${f.properties.zoneCode ?? ''} — ${f.properties.name ?? ''} (${f.properties.landUseCode ?? ''})`}</title>
          </path>
        ))}
      </svg>
      <figcaption>
        <ul className="zones-legend">
          {legend.map((entry) => (
            <li key={entry.code}>
              <span className="swatch" style={{ background: entry.color }} aria-hidden="true" />
              {entry.code} {lang === 'vi' ? entry.nameVi : entry.nameEn} ({entry.count})
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
