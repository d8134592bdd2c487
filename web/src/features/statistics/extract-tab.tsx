// Reports on demand (F4): parcels of the unit by land-use codes, kind of holder and area
// range, one page at a time; the whole extract as Excel or GeoJSON. Individuals' names
// are masked unless the account reads personal data on the unit (Nghị định 13/2023/NĐ-CP
// on personal data; the server decides and says so in `masked`).
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ApiError, getCodeLists, listLandUseCodes, useApiResource } from '../../api';
import { boundsOf } from '../../map/bbox';
import { formatUrlState } from '../../map/url-state';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/field';
import { formatArea, formatCount, formatDate } from '../../ui/format';
import { Downloads } from './downloads';
import { showExtractOnMap } from './extract-overlay';
import { getParcelReport, getParcelReportGeoJson, parcelReportFileUrl, type ParcelFilter } from './statistics-api';
import { cameraFor, formatPurposes } from './statistics-view';
import { Waiting } from './waiting';

const PAGE = 50;
const MAX_CODES = 20;
/** The map screen's side panel and header, in pixels (app.css), to size the camera for the map area. */
const SIDE_PANEL = 380;
const HEADER = 64;

export interface ExtractTabProps {
  readonly unitCode: string;
  /** a commune: the map selects it too (its parcels and panel); wider units are not selectable there */
  readonly isCommune: boolean;
  /** how the unit is named in the overlay's bar */
  readonly unitName: string;
  readonly date: string;
  readonly onError: (error: ApiError) => void;
}

export function ExtractTab({ unitCode, isCommune, unitName, date, onError }: ExtractTabProps) {
  const { t, lang, locale } = useI18n();
  const codes = useApiResource('land-use-codes', (signal) => listLandUseCodes(signal), onError);
  const lists = useApiResource('code-lists', (signal) => getCodeLists(signal), onError);
  const [draft, setDraft] = useState({ landUseCodes: [] as string[], partyKind: '', minArea: '', maxArea: '' });
  const [filter, setFilter] = useState<ParcelFilter | null>(null);
  const [offset, setOffset] = useState(0);

  // Another unit or date: the old extract no longer answers the question.
  useEffect(() => {
    setFilter(null);
    setOffset(0);
  }, [unitCode, date]);

  const min = draft.minArea.trim() === '' ? null : Number(draft.minArea);
  const max = draft.maxArea.trim() === '' ? null : Number(draft.maxArea);
  const problem =
    draft.landUseCodes.length > MAX_CODES ? t('stats.extract.tooManyCodes')
    : min !== null && max !== null && min > max ? t('stats.extract.badRange')
    : null;

  const key = filter ? JSON.stringify({ ...filter, offset }) : null;
  const report = useApiResource(key, (signal) => getParcelReport(filter!, { limit: PAGE, offset }, signal), onError);

  const run = (event: FormEvent) => {
    event.preventDefault();
    if (problem) return;
    setOffset(0);
    setFilter({ unitCode, date, ...draft });
  };

  // Codes a parcel can carry (not the three groups), as the forms order them.
  const codeOptions = useMemo(() => (codes.data?.items ?? []).filter((c) => c.parentCode !== null && c.parentCode !== c.code), [codes.data]);
  const data = report.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;
  const [drawing, setDrawing] = useState(false);

  // Draws the whole extract on the map (as of the extract's day) and opens the map on it.
  const showOnMap = async () => {
    if (!filter) return;
    setDrawing(true);
    try {
      const data = await getParcelReportGeoJson(filter);
      const bounds = boundsOf(data);
      const codes = filter.landUseCodes.length > 0 ? ` · ${filter.landUseCodes.join(', ')}` : '';
      showExtractOnMap({ data, label: `${unitName}, ${formatDate(filter.date, locale)}${codes}` });
      const camera = bounds ? cameraFor(bounds, Math.max(320, window.innerWidth - SIDE_PANEL), Math.max(320, window.innerHeight - HEADER)) : null;
      window.location.hash = formatUrlState({ camera, unitCode: isCommune ? unitCode : null, parcel: null, mapDate: filter.date }) || '#/';
    } catch (error) {
      if (error instanceof ApiError) onError(error);
      else throw error;
    } finally {
      setDrawing(false);
    }
  };

  return (
    <div className="stats-tab-body">
      <form className="filters stats-extract-form" onSubmit={run} data-testid="extract-form">
        <Field label={t('stats.extract.codes')} hint={t('stats.extract.codesHint')}>
          {(id) => (
            <select
              id={id}
              multiple
              size={6}
              data-testid="extract-codes"
              value={draft.landUseCodes}
              onChange={(e) => setDraft({ ...draft, landUseCodes: [...e.target.selectedOptions].map((o) => o.value) })}
            >
              {codeOptions.map((c) => (
                <option key={c.code} value={c.code}>{`${c.code} – ${lang === 'vi' ? c.nameVi : c.nameEn}`}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('stats.extract.partyKind')}>
          {(id) => (
            <select id={id} data-testid="extract-party-kind" value={draft.partyKind} onChange={(e) => setDraft({ ...draft, partyKind: e.target.value })}>
              <option value="">{t('stats.extract.anyKind')}</option>
              {(lists.data?.partyKinds ?? []).map((kind) => (
                <option key={kind.code} value={kind.code}>{kind.name?.[lang] ?? (lang === 'vi' ? kind.nameVi : kind.nameEn) ?? kind.code}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('stats.extract.minArea')}>
          {(id) => <input id={id} type="number" min={0} max={1e9} step="0.1" inputMode="decimal" data-testid="extract-min" value={draft.minArea} onChange={(e) => setDraft({ ...draft, minArea: e.target.value })} />}
        </Field>
        <Field label={t('stats.extract.maxArea')}>
          {(id) => <input id={id} type="number" min={0} max={1e9} step="0.1" inputMode="decimal" data-testid="extract-max" value={draft.maxArea} onChange={(e) => setDraft({ ...draft, maxArea: e.target.value })} />}
        </Field>
        <button type="submit" className="button primary" data-testid="extract-run" disabled={problem !== null}>
          {t('stats.extract.submit')}
        </button>
        {problem && <p className="form-error" role="alert">{problem}</p>}
      </form>

      {filter && (
        <div className="stats-actions">
          <Downloads
            testId="download-extract"
            links={[
              { format: 'xlsx', href: parcelReportFileUrl(filter, 'xlsx') },
              { format: 'geojson', href: parcelReportFileUrl(filter, 'geojson') },
            ]}
          />
          <button type="button" className="button" data-testid="extract-map" disabled={drawing} onClick={() => void showOnMap()}>
            {t('stats.extract.showOnMap')}
          </button>
          <p className="hint">{t('stats.extract.mapHint')}</p>
        </div>
      )}
      {drawing && <Waiting text={t('stats.extract.loadingMap')} />}
      {report.loading && <Waiting />}
      {data && (
        <section className="stats-extract" data-testid="extract-result" data-masked={data.masked}>
          <p data-testid="extract-summary">
            {t('stats.extract.summary', { count: formatCount(data.total, locale), area: formatArea(data.totalArea, locale) })}
          </p>
          {data.masked && <p className="hint" data-testid="extract-masked">{t('stats.extract.masked')}</p>}
          {data.items.length === 0 ? (
            <p className="hint">{t('stats.extract.empty')}</p>
          ) : (
            <div className="stats-table-wrap">
              <table className="table" data-testid="extract-table">
                <thead>
                  <tr>
                    <th scope="col" className="number">{t('parcel.sheet')}</th>
                    <th scope="col" className="number">{t('parcel.number')}</th>
                    <th scope="col">{t('parcel.landUse')}</th>
                    <th scope="col">{t('stats.extract.purposes')}</th>
                    <th scope="col" className="number">{t('parcel.area')}</th>
                    <th scope="col">{t('parcel.address')}</th>
                    <th scope="col">{t('stats.extract.holders')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((row) => (
                    <tr key={row.id} data-testid="extract-row">
                      <td className="number">{row.sheetNumber}</td>
                      <td className="number">{row.parcelNumber}</td>
                      <td>{row.landUseCode}</td>
                      <td>{formatPurposes(row.purposes, (m2) => formatArea(m2, locale))}</td>
                      <td className="number">{formatArea(row.officialArea, locale)}</td>
                      <td>{row.address ?? ''}</td>
                      <td data-testid="extract-holders">{row.holders.map((h) => h.fullName ?? '').filter(Boolean).join('; ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav className="stats-pager" aria-label={t('stats.extract.page', { page: String(offset / PAGE + 1), pages: String(pages) })}>
            <button type="button" className="button" data-testid="extract-previous" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('stats.extract.previous')}
            </button>
            <span data-testid="extract-page">{t('stats.extract.page', { page: formatCount(offset / PAGE + 1, locale), pages: formatCount(pages, locale) })}</span>
            <button type="button" className="button" data-testid="extract-next" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
              {t('stats.extract.next')}
            </button>
          </nav>
        </section>
      )}
    </div>
  );
}
