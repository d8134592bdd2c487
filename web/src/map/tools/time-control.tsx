// "The map as of a date": a slider over the record's time span, a date input and "today"
// (back to the live map); and the badge on the map that says which date is shown.
import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../i18n';
import { formatDate, todayIso } from '../../ui/format';
import { dateAtPosition, MAP_HISTORY_START, sliderPosition } from './map-date';

/** The slider asks for tiles only once the hand rests: dragging would fetch every day. */
const SLIDER_SETTLE_MS = 350;

export interface TimeControlProps {
  readonly date: string | null;
  readonly onChange: (date: string | null) => void;
}

export function TimeControl({ date, onChange }: TimeControlProps) {
  const { t, locale } = useI18n();
  const today = todayIso();
  const inputId = useId();
  const [position, setPosition] = useState(() => sliderPosition(date, today));
  useEffect(() => setPosition(sliderPosition(date, today)), [date, today]);
  useEffect(() => {
    const target = dateAtPosition(position, today);
    if (target === date) return;
    const timer = setTimeout(() => onChange(target), SLIDER_SETTLE_MS);
    return () => clearTimeout(timer);
    // only the slider's own moves are committed here
  }, [position]); // eslint-disable-line react-hooks/exhaustive-deps
  const shown = dateAtPosition(position, today);
  return (
    <div className="map-tool-group time-control" role="group" aria-labelledby={`${inputId}-label`}>
      <label id={`${inputId}-label`} htmlFor={inputId} className="time-control-label">
        {t('asOf.label')}
      </label>
      <div className="map-tool-buttons">
        <input
          id={inputId}
          type="date"
          data-testid="as-of-date"
          min={MAP_HISTORY_START}
          max={today}
          value={date ?? today}
          onChange={(event) => onChange(event.target.value || null)}
        />
        <button type="button" className="button small" data-testid="as-of-today" disabled={!date} onClick={() => onChange(null)}>
          {t('asOf.today')}
        </button>
      </div>
      <input
        type="range"
        data-testid="as-of-slider"
        aria-label={t('asOf.slider')}
        aria-valuetext={shown ? formatDate(shown, locale) : t('asOf.live')}
        min={0}
        max={sliderPosition(null, today)}
        step={1}
        value={position}
        onChange={(event) => setPosition(Number(event.target.value))}
      />
      <div className="time-control-ends" aria-hidden="true">
        <span>{formatDate(MAP_HISTORY_START, locale)}</span>
        <span>{shown ? formatDate(shown, locale) : t('asOf.live')}</span>
      </div>
    </div>
  );
}

/** Shown on the map while it is not the live map. */
export function AsOfBadge({ date, onLive }: { readonly date: string | null; readonly onLive: () => void }) {
  const { t, locale } = useI18n();
  if (!date) return null;
  return (
    <div className="as-of-badge" data-testid="as-of-badge" role="status">
      <span>{t('asOf.badge', { date: formatDate(date, locale) })}</span>
      <button type="button" className="link-button" onClick={onLive}>
        {t('asOf.today')}
      </button>
    </div>
  );
}
