// Charts of the statistics screen drawn as plain SVG (no chart library): horizontal bars
// of area by land-use group or code, and one stacked bar per sub-unit. Each chart has a
// title, and every bar carries its value as text (screen readers read the SVG's texts).
import { useId } from 'react';
import { useI18n } from '../../i18n';
import { axisMax, GROUPS, hectares, type Bar, type StackedBar } from './statistics-view';
import { formatHectares } from './hectares';

/** Colours of the three groups, after the map legend's hues (agricultural green, built red, unused grey). */
export const GROUP_COLOURS: Readonly<Record<string, string>> = { NNP: '#7cb342', PNN: '#e0704f', CSD: '#a8a8a0' };

const ROW = 26;
const LABEL_WIDTH = 230;
const BAR_WIDTH = 360;
const VALUE_WIDTH = 130;
const WIDTH = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;

/** Long names are cut to fit the label column; the full name is in the bar's <title>. */
const shorten = (text: string): string => (text.length > 34 ? `${text.slice(0, 33)}…` : text);

export function AreaBarChart({ title, bars, testId }: { title: string; bars: readonly Bar[]; testId: string }) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const max = axisMax(Math.max(0, ...bars.map((b) => hectares(b.value))));
  const height = bars.length * ROW + 8;
  return (
    <figure className="stats-chart" data-testid={testId}>
      <figcaption id={titleId}>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="hint">{t('stats.chart.empty')}</p>
      ) : (
        <svg role="img" aria-labelledby={titleId} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: `${WIDTH}px` }}>
          <title>{title}</title>
          {bars.map((bar, index) => {
            const y = 4 + index * ROW;
            const width = (hectares(bar.value) / max) * BAR_WIDTH;
            const text = `${formatHectares(bar.value, locale)} ha`;
            return (
              <g key={bar.code} data-testid="chart-bar" data-code={bar.code} data-value={bar.value}>
                <text x={LABEL_WIDTH - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle" className="stats-chart-label">
                  {shorten(`${bar.code} – ${bar.label}`)}
                  <title>{`${bar.code} – ${bar.label}: ${text}`}</title>
                </text>
                <rect x={LABEL_WIDTH} y={y + 3} width={Math.max(width, bar.value > 0 ? 1 : 0)} height={ROW - 8} fill={GROUP_COLOURS[bar.code] ?? '#4f8a74'} />
                <text x={LABEL_WIDTH + width + 6} y={y + ROW / 2} dominantBaseline="middle" className="stats-chart-value">
                  {text}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}

export function StackedBarChart({ title, bars, groupName }: { title: string; bars: readonly StackedBar[]; groupName: (group: string) => string }) {
  const { locale } = useI18n();
  const titleId = useId();
  const max = axisMax(Math.max(0, ...bars.map((b) => hectares(b.total))));
  const height = bars.length * ROW + 8;
  return (
    <figure className="stats-chart" data-testid="chart-sub-units">
      <figcaption id={titleId}>{title}</figcaption>
      <ul className="stats-chart-legend">
        {GROUPS.map((group) => (
          <li key={group}>
            <span className="swatch" style={{ background: GROUP_COLOURS[group] }} aria-hidden="true" />
            {`${group} – ${groupName(group)}`}
          </li>
        ))}
      </ul>
      <svg role="img" aria-labelledby={titleId} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: `${WIDTH}px` }}>
        <title>{title}</title>
        {bars.map((bar, index) => {
          const y = 4 + index * ROW;
          let x = LABEL_WIDTH;
          return (
            <g key={bar.code} data-testid="chart-sub-unit" data-code={bar.code}>
              <text x={LABEL_WIDTH - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle" className="stats-chart-label">
                {shorten(bar.label)}
              </text>
              {bar.parts.map((part) => {
                const width = (hectares(part.value) / max) * BAR_WIDTH;
                const rect = (
                  <rect key={part.group} x={x} y={y + 3} width={width} height={ROW - 8} fill={GROUP_COLOURS[part.group]}>
                    <title>{`${bar.label}, ${part.group}: ${formatHectares(part.value, locale)} ha`}</title>
                  </rect>
                );
                x += width;
                return rect;
              })}
              <text x={x + 6} y={y + ROW / 2} dominantBaseline="middle" className="stats-chart-value">
                {`${formatHectares(bar.total, locale)} ha`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
