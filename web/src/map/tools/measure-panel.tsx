// The measure tool's buttons and its result (the state is in use-measure.ts).
import { useI18n } from '../../i18n';
import { formatDistance, formatMeasuredArea } from './measure';
import type { MeasureTool } from './use-measure';

export function MeasurePanel({ tool }: { readonly tool: MeasureTool }) {
  const { t, locale } = useI18n();
  const { mode, points, result, finished } = tool;
  const area = result.squareMetres !== null ? formatMeasuredArea(result.squareMetres, locale) : null;
  return (
    <div className="map-tool-group" role="group" aria-label={t('measure.distance')}>
      <div className="map-tool-buttons">
        <button
          type="button"
          className="button small"
          aria-pressed={mode === 'distance'}
          data-testid="measure-distance"
          onClick={() => tool.toggle('distance')}
        >
          {t('measure.distance')}
        </button>
        <button
          type="button"
          className="button small"
          aria-pressed={mode === 'area'}
          data-testid="measure-area"
          onClick={() => tool.toggle('area')}
        >
          {t('measure.area')}
        </button>
      </div>
      {mode && (
        <div
          className="measure-result"
          data-testid="measure-result"
          data-metres={result.metres.toFixed(3)}
          data-square-metres={result.squareMetres === null ? '' : result.squareMetres.toFixed(3)}
          data-finished={String(finished)}
          aria-live="polite"
        >
          {points.length === 0 && <p className="hint">{t('measure.hint')}</p>}
          {mode === 'distance' && points.length >= 2 && (
            <p data-testid="measure-length">{t('measure.length', { value: formatDistance(result.metres, locale) })}</p>
          )}
          {mode === 'area' && area && (
            <>
              <p data-testid="measure-area-value">{t('measure.areaValue', area)}</p>
              <p>{t('measure.perimeter', { value: formatDistance(result.metres, locale) })}</p>
            </>
          )}
          {points.length > 0 && (
            <div className="map-tool-buttons">
              {!finished && points.length >= 2 && (
                <button type="button" className="button small" data-testid="measure-finish" onClick={tool.finish}>
                  {t('measure.finish')}
                </button>
              )}
              <button type="button" className="button small" data-testid="measure-clear" onClick={tool.clear}>
                {t('measure.clear')}
              </button>
            </div>
          )}
          {points.length >= 2 && <p className="hint">{t('measure.indicative')}</p>}
        </div>
      )}
    </div>
  );
}
