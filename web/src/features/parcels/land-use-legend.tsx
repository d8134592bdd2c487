import { useI18n } from '../../i18n';
import { formatCount } from '../../ui/format';
import type { LegendEntry } from './land-use-colors';

export function LandUseLegend({ entries }: { readonly entries: readonly LegendEntry[] }) {
  const { t, lang, locale } = useI18n();
  if (entries.length === 0) return null;
  return (
    <section className="card legend" data-testid="legend" aria-labelledby="legend-title">
      <h2 id="legend-title">{t('legend.title')}</h2>
      <ul>
        {entries.map((entry) => (
          <li key={entry.code}>
            <span className="swatch" style={{ background: entry.color }} aria-hidden="true" />
            <span className="legend-code">{entry.code}</span>
            <span className="legend-name">{lang === 'vi' ? entry.nameVi : entry.nameEn}</span>
            <span className="legend-count">{formatCount(entry.count, locale)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
