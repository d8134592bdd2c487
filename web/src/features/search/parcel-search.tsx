// The cadastre search of the side panel (F4): one text field and an optional unit; the
// results list the parcel, its commune and its land users (masked unless the account
// reads personal data there). Picking a result selects the parcel on the map.
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, isAbort, searchParcels, type AdminUnit, type ParcelKey, type ParcelSearchItem, type ParcelSearchRequest } from '../../api';
import { useI18n } from '../../i18n';
import { formatArea } from '../../ui/format';
import { unitLabel } from '../units/group-units';
import { buildSearchRequest } from './search-query';

export interface ParcelSearchProps {
  readonly communes: readonly AdminUnit[];
  readonly onSelect: (key: ParcelKey) => void;
}

interface Results {
  readonly request: ParcelSearchRequest;
  readonly items: readonly ParcelSearchItem[];
  readonly nextCursor: string | null;
}

export function ParcelSearch({ communes, onSelect }: ParcelSearchProps) {
  const { t, lang, locale } = useI18n();
  const textId = useId();
  const unitId = useId();
  const [text, setText] = useState('');
  const [unitCode, setUnitCode] = useState<string | null>(null);
  const [results, setResults] = useState<Results | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  const units = useMemo(
    () => communes.filter((unit) => unit.parcelCount > 0).sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    [communes],
  );

  async function run(request: ParcelSearchRequest, previous: Results | null): Promise<void> {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setBusy(true);
    setMessage(null);
    try {
      const page = await searchParcels(request, current.signal);
      if (current.signal.aborted) return;
      setResults({
        request,
        items: previous ? [...previous.items, ...page.items] : page.items,
        nextCursor: page.nextCursor,
      });
    } catch (error) {
      if (isAbort(error) || current.signal.aborted) return;
      setMessage(error instanceof ApiError ? error.messages[lang] : String(error));
      if (!previous) setResults(null);
    } finally {
      if (!current.signal.aborted) setBusy(false);
    }
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    const request = buildSearchRequest(text, unitCode);
    if (!request) {
      setResults(null);
      setMessage(t('search.tooShort'));
      return;
    }
    void run(request, null);
  }

  return (
    <section className="card parcel-search" aria-labelledby={`${textId}-title`} data-testid="parcel-search">
      <h2 id={`${textId}-title`}>{t('search.title')}</h2>
      <form onSubmit={submit} role="search">
        <div className="field">
          <label htmlFor={textId}>{t('search.label')}</label>
          <input
            id={textId}
            type="search"
            data-testid="search-text"
            value={text}
            maxLength={100}
            placeholder={t('search.placeholder')}
            autoComplete="off"
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={unitId}>{t('search.unit')}</label>
          <select
            id={unitId}
            data-testid="search-unit"
            value={unitCode ?? ''}
            onChange={(event) => setUnitCode(event.target.value || null)}
          >
            <option value="">{t('search.allUnits')}</option>
            {units.map((unit) => (
              <option key={unit.code} value={unit.code}>
                {unitLabel(unit)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary small" data-testid="search-submit" disabled={busy}>
          {busy ? t('search.searching') : t('search.submit')}
        </button>
      </form>
      {message && (
        <p className="form-error" role="alert" data-testid="search-error">
          {message}
        </p>
      )}
      {results && results.items.length === 0 && (
        <p className="hint" data-testid="search-empty">
          {t('search.empty')}
        </p>
      )}
      {results && results.items.length > 0 && (
        <ul className="search-results" data-testid="search-results" aria-busy={busy}>
          {results.items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className="search-result"
                data-testid="search-result"
                data-parcel={`${item.unitCode}/${item.sheetNumber}/${item.parcelNumber}`}
                onClick={() => onSelect({ unitCode: item.unitCode, sheetNumber: item.sheetNumber, parcelNumber: item.parcelNumber })}
              >
                <strong>{t('search.result', { sheet: item.sheetNumber, parcel: item.parcelNumber })}</strong>
                <span>
                  {item.unitName} · {item.landUseCode} · {formatArea(item.officialArea, locale)}
                </span>
                {item.address && <span className="muted">{item.address}</span>}
                {item.holders.length > 0 && (
                  <span data-testid="search-result-holders">
                    {item.holders.map((holder) => holder.fullName).join('; ')}
                    {item.masked && <em className="muted"> {t('records.masked')}</em>}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
      {results?.nextCursor && (
        <button
          type="button"
          className="link-button"
          data-testid="search-more"
          disabled={busy}
          onClick={() => void run({ ...results.request, cursor: results.nextCursor! }, results)}
        >
          {t('search.more')}
        </button>
      )}
    </section>
  );
}
