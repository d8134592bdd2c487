// One price table: what decided it, its position rules, coefficients and segments with
// the VT1-VT4 prices (paged), the Excel download, and the editors' actions: import the
// Excel file and publish (drafts only: a published table's prices freeze), road lines of
// the segments, adjustment coefficients (hệ số điều chỉnh giá đất, Nghị định 71/2024).
import { useEffect, useMemo, useState } from 'react';
import { useApiResource, type ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { formatDate } from '../../ui/format';
import { CoefficientForm } from './coefficient-form';
import { PriceImport, SegmentGeometryUpload } from './price-uploads';
import { PublishButton } from './publish-button';
import { periodText, TableStatusBadge } from './price-parts';
import { getPriceTable, priceTableExportUrl, type PriceSegment, type PriceTable } from './price-api';

export const SEGMENT_PAGE = 50;

export interface PriceTableDetailProps {
  readonly id: string;
  readonly onChanged: () => void;
  readonly onError: (error: ApiError) => void;
  readonly onClose: () => void;
}

export function PriceTableDetail({ id, onChanged, onError, onClose }: PriceTableDetailProps) {
  const { t, locale } = useI18n();
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
  const [version, setVersion] = useState(0);
  const table = useApiResource(`price-table/${id}#${version}`, (signal) => getPriceTable(id, signal), onError);
  const changed = () => {
    setVersion((v) => v + 1);
    onChanged();
  };
  // the last table loaded stays on screen while it reloads after a change (the forms keep their messages)
  const [data, setData] = useState<PriceTable | null>(null);
  useEffect(() => {
    if (table.data) setData(table.data);
  }, [table.data]);
  if (!data) return <section className="card editor-detail" aria-busy="true" data-testid="price-table-loading" />;
  const draft = data.status === 'draft';
  return (
    <section className="card editor-detail" data-testid="price-table" data-id={data.id} data-status={data.status} aria-busy={table.loading}>
      <header className="screen-header">
        <h3>{data.name}</h3>
        <TableStatusBadge status={data.status} />
        <span className="spacer" />
        <a className="button" href={priceTableExportUrl(data.id)} download data-testid="price-export">
          {t('priceAdmin.export')}
        </a>
        <button type="button" className="button" onClick={onClose}>
          {t('priceAdmin.close')}
        </button>
      </header>
      <dl className="editor-facts">
        <dt>{t('priceAdmin.decision')}</dt>
        <dd>{t('prices.decision', { number: data.decision.number, date: formatDate(data.decision.date, locale), issuer: data.decision.issuer })}</dd>
        <dt>{t('priceAdmin.period')}</dt>
        <dd>{periodText(data, locale, t('priceAdmin.openEnded'))}</dd>
        <dt>{t('priceAdmin.multi')}</dt>
        <dd>{t(`priceAdmin.multi.${data.multiPositionRule}`)}</dd>
      </dl>

      <div className="editor-actions">
        {draft && <PriceImport tableId={data.id} onImported={changed} />}
        <SegmentGeometryUpload onUploaded={changed} />
        <CoefficientForm tableId={data.id} onAdded={changed} />
        {draft && <PublishButton tableId={data.id} segments={data.segments} onPublished={changed} />}
      </div>
      {!draft && <p className="notice">{t('priceAdmin.frozen')}</p>}

      <h4>{t('priceAdmin.rules')}</h4>
      <table className="table compact" data-testid="price-rules">
        <thead>
          <tr>
            <th scope="col">{t('priceAdmin.position')}</th>
            <th scope="col">{t('priceAdmin.maxDistance')}</th>
            <th scope="col">{t('priceAdmin.minAlley')}</th>
            <th scope="col">{t('priceAdmin.ruleText')}</th>
          </tr>
        </thead>
        <tbody>
          {data.positionRules.map((rule) => (
            <tr key={rule.position}>
              <td>{`VT${rule.position}`}</td>
              <td>{number.format(rule.maxDistanceM)}</td>
              <td>{rule.minAlleyWidthM === null ? '—' : number.format(rule.minAlleyWidthM)}</td>
              <td>{rule.descriptionVi}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h4>{t('priceAdmin.coefficients')}</h4>
      {data.coefficients.length === 0 ? (
        <p className="hint">{t('priceAdmin.noCoefficients')}</p>
      ) : (
        <table className="table compact" data-testid="price-coefficients">
          <thead>
            <tr>
              <th scope="col">{t('priceAdmin.coefficient')}</th>
              <th scope="col">{t('priceAdmin.unit')}</th>
              <th scope="col">{t('priceAdmin.landUse')}</th>
              <th scope="col">{t('priceAdmin.period')}</th>
              <th scope="col">{t('priceAdmin.decision')}</th>
            </tr>
          </thead>
          <tbody>
            {data.coefficients.map((c, i) => (
              <tr key={i} data-testid="price-coefficient">
                <td data-testid="price-coefficient-value">{number.format(c.value)}</td>
                <td>{c.unitCode ?? t('priceAdmin.all')}</td>
                <td>{c.landUseCode ?? t('priceAdmin.all')}</td>
                <td>{periodText(c, locale, t('priceAdmin.openEnded'))}</td>
                <td>{`${c.decision.number} (${formatDate(c.decision.date, locale)})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h4>{t('priceAdmin.segmentList', { count: data.segmentList.length })}</h4>
      <SegmentTable segments={data.segmentList} />
    </section>
  );
}

interface PriceRow {
  readonly segment: PriceSegment;
  readonly landUseCode: string;
  readonly prices: Readonly<Record<number, number>>;
  readonly first: boolean;
}

/** One row per segment and land-use code, as in the Excel layout. */
export function priceRows(segments: readonly PriceSegment[]): PriceRow[] {
  const rows: PriceRow[] = [];
  for (const segment of segments) {
    const byUse = new Map<string, Record<number, number>>();
    for (const p of segment.prices) {
      const prices = byUse.get(p.landUseCode) ?? {};
      prices[p.position] = p.price;
      byUse.set(p.landUseCode, prices);
    }
    if (byUse.size === 0) rows.push({ segment, landUseCode: '', prices: {}, first: true });
    [...byUse].forEach(([landUseCode, prices], i) => rows.push({ segment, landUseCode, prices, first: i === 0 }));
  }
  return rows;
}

function SegmentTable({ segments }: { segments: readonly PriceSegment[] }) {
  const { t, locale } = useI18n();
  const [page, setPage] = useState(0);
  const rows = useMemo(() => priceRows(segments), [segments]);
  const pages = Math.max(1, Math.ceil(rows.length / SEGMENT_PAGE));
  const current = Math.min(page, pages - 1);
  const vnd = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  if (rows.length === 0) return <p className="hint" data-testid="price-no-segments">{t('priceAdmin.noSegments')}</p>;
  return (
    <>
      <table className="table compact" data-testid="price-segments">
        <thead>
          <tr>
            <th scope="col">{t('priceAdmin.segmentCode')}</th>
            <th scope="col">{t('prices.segment')}</th>
            <th scope="col">{t('priceAdmin.unit')}</th>
            <th scope="col">{t('priceAdmin.line')}</th>
            <th scope="col">{t('priceAdmin.landUse')}</th>
            {[1, 2, 3, 4].map((p) => (
              <th key={p} scope="col" className="number">{`VT${p}`}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(current * SEGMENT_PAGE, (current + 1) * SEGMENT_PAGE).map((row) => (
            <tr key={`${row.segment.code}/${row.landUseCode}`} data-testid="price-segment-row" data-code={row.segment.code}>
              <td>{row.segment.code}</td>
              <td>{t('prices.segmentText', { road: row.segment.roadName, from: row.segment.from, to: row.segment.to })}</td>
              <td>{row.segment.unitCode}</td>
              <td>{row.segment.hasGeometry ? '✓' : <span className="muted">{t('priceAdmin.noLine')}</span>}</td>
              <td>{row.landUseCode}</td>
              {[1, 2, 3, 4].map((p) => (
                <td key={p} className="number" data-testid={`price-vt${p}`}>
                  {row.prices[p] === undefined ? '' : vnd.format(row.prices[p]!)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <nav className="pager" aria-label={t('priceAdmin.pages')}>
          <button type="button" className="button small" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t('priceAdmin.previous')}
          </button>
          <span data-testid="price-page">{t('priceAdmin.page', { page: current + 1, pages })}</span>
          <button type="button" className="button small" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            {t('priceAdmin.next')}
          </button>
        </nav>
      )}
    </>
  );
}
