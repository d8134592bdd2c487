// The land-use legend's entries: swatch, code, name and how many parcels of that use the
// map shows, in sections by land-use group. Shown in the map corner (MapLegend); the
// printed map draws the same sections (map/tools/print-sheet.ts).
import { useI18n, type MessageKey } from '../../i18n';
import { formatCount } from '../../ui/format';
import type { LegendSection } from '../../map/tools/visible-legend';

const GROUP_KEYS: Readonly<Record<string, MessageKey>> = {
  NNP: 'mapLegend.group.NNP',
  PNN: 'mapLegend.group.PNN',
  CSD: 'mapLegend.group.CSD',
};

export function LandUseLegend({ sections, id }: { readonly sections: readonly LegendSection[]; readonly id?: string }) {
  const { t, lang, locale } = useI18n();
  if (sections.length === 0) return null;
  return (
    <div id={id} className="map-legend-body" data-testid="legend">
      {sections.map((section) => (
        <div key={section.groupCode ?? '-'} className="map-legend-group">
          {section.groupCode && (
            <h3>{GROUP_KEYS[section.groupCode] ? t(GROUP_KEYS[section.groupCode]!) : section.groupCode}</h3>
          )}
          <ul>
            {section.entries.map((entry) => (
              <li key={entry.code} data-testid={`legend-entry-${entry.code}`}>
                <span className="swatch" style={{ background: entry.color }} aria-hidden="true" />
                <span className="legend-code">{entry.code}</span>
                <span className="legend-name">{lang === 'vi' ? entry.nameVi : entry.nameEn}</span>
                <span className="legend-count">{formatCount(entry.count, locale)}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
