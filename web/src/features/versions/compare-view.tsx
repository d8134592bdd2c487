// "So sánh hai thời điểm": the record of a parcel at two dates side by side, the fields
// that differ highlighted, and both boundaries drawn on a small map.
import { useEffect, useState, type ReactNode } from 'react';
import { compareParcel, isAbort, type ApiError, type Comparison, type ParcelKey, type Snapshot } from '../../api';
import { useI18n, type MessageKey, type Translate } from '../../i18n';
import { addDays, formatArea, formatCount, formatDate, todayIso } from '../../ui/format';
import { toApiError } from '../parcels/use-parcel-record';
import { CompareMap } from './compare-map';

const FIELDS = ['sheetNumber', 'parcelNumber', 'officialArea', 'landUseCode', 'address', 'geometry', 'holders', 'restrictions', 'purposes', 'certificates', 'assets'] as const;
type FieldName = (typeof FIELDS)[number];

/** The end of a day in Vietnam: the record as it stood that day. */
export const endOfDay = (day: string): string => `${day}T23:59:59+07:00`;

type Item = Record<string, unknown>;
const list = (value: unknown): Item[] => (Array.isArray(value) ? (value as Item[]) : []);

function valueOf(field: FieldName, s: Snapshot, t: Translate, locale: string, differs: boolean): ReactNode {
  const p = s.parcel;
  switch (field) {
    case 'officialArea':
      return typeof p.officialArea === 'number' ? formatArea(p.officialArea, locale) : '';
    case 'geometry':
      return s.geometry ? t(differs ? 'compare.geometryChanged' : 'compare.geometrySame') : '—';
    case 'holders':
      return list(s.holders).map((h) => `${String(h.fullName)}${Number(h.share) < 1 ? ` (${formatCount(Number(h.share) * 100, locale)}%)` : ''}`).join('; ') || '—';
    case 'restrictions':
      return list(s.restrictions).map((r) => `${String(r.holderName)}${r.contractRef ? ` · ${String(r.contractRef)}` : ''}`).join('; ') || '—';
    case 'purposes':
      return list(s.purposes).map((u) => `${String(u.landUseCode)} ${formatArea(Number(u.area), locale)}`).join('; ') || '—';
    case 'certificates':
      return list(s.certificates).map((c) => `${String(c.serial)} (${t(`certificate.status.${String(c.status)}` as MessageKey) ?? String(c.status)})`).join('; ') || '—';
    case 'assets':
      return list(s.assets).map((a) => String(a.description)).join('; ') || '—';
    default:
      return p[field] === null || p[field] === undefined ? '—' : String(p[field]);
  }
}

export function CompareView({ parcel, onClose }: { parcel: ParcelKey; onClose: () => void }) {
  const { t, lang, locale } = useI18n();
  const today = todayIso();
  const [from, setFrom] = useState(addDays(today, -1));
  const [to, setTo] = useState(today);
  const [result, setResult] = useState<Comparison | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const id = `${parcel.unitCode}/${parcel.sheetNumber}/${parcel.parcelNumber}`;

  useEffect(() => {
    if (!from || !to) return;
    const controller = new AbortController();
    setResult(null);
    setError(null);
    compareParcel(parcel, endOfDay(from), endOfDay(to), controller.signal).then(
      (comparison) => { if (!controller.signal.aborted) setResult(comparison); },
      (caught: unknown) => { if (!isAbort(caught) && !controller.signal.aborted) setError(toApiError(caught)); },
    );
    return () => controller.abort();
  }, [id, from, to]); // id stands for the parcel

  const differs = (field: string) => result?.differences.includes(field) ?? false;
  return (
    <section className="card compare-view" data-testid="compare-view" aria-labelledby="compare-title" aria-busy={!result && !error}>
      <header className="card-header">
        <h2 id="compare-title">{t('compare.title')} — {t('search.result', { sheet: parcel.sheetNumber, parcel: parcel.parcelNumber })}</h2>
        <button type="button" className="link-button" onClick={onClose} data-testid="compare-close">{t('compare.close')}</button>
      </header>
      <div className="field-pair">
        <label className="field"><span>{t('compare.from')}</span>
          <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} data-testid="compare-from" /></label>
        <label className="field"><span>{t('compare.to')}</span>
          <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} data-testid="compare-to" /></label>
      </div>
      {error && <p className="form-error" role="alert" data-testid="compare-error">{error.messages[lang]}</p>}
      {result && (
        <>
          <p className="hint" data-testid="compare-summary">
            {result.differences.length === 0 ? t('compare.same') : t('compare.differences', { count: result.differences.length })}
            {result.masked && ` ${t('records.masked')}`}
          </p>
          <CompareMap from={result.from?.geometry ?? null} to={result.to?.geometry ?? null} label={t('compare.title')} />
          <p className="compare-legend"><span className="dash" /> {t('compare.mapLegendOld')} <span className="solid" /> {t('compare.mapLegendNew')}</p>
          <table className="table compare-table">
            <thead><tr><th /><th>{formatDate(from, locale)}</th><th>{formatDate(to, locale)}</th></tr></thead>
            <tbody>
              {FIELDS.map((field) => (
                <tr key={field} className={differs(field) ? 'differs' : undefined} data-testid={`compare-row-${field}`} data-differs={differs(field)}>
                  <th scope="row">{t(`compare.field.${field}` as MessageKey)}</th>
                  <td data-testid="compare-from-value">{result.from ? valueOf(field, result.from, t, locale, differs(field)) : t('compare.none')}</td>
                  <td data-testid="compare-to-value">{result.to ? valueOf(field, result.to, t, locale, differs(field)) : t('compare.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
