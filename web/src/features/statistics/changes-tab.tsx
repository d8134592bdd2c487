// Change of area by land use between two days (the change matrix): rows the code at the
// start, columns the code at the end; off the diagonal, area whose use changed.
// Thông tư 08/2024/TT-BTNMT (biểu phân tích biến động; verify: the form's number).
import { useState, type FormEvent } from 'react';
import { useApiResource, type ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/field';
import { formatDate } from '../../ui/format';
import { Downloads } from './downloads';
import { formatHectares } from './hectares';
import { changesFileUrl, getChangeReport, type ChangeReport } from './statistics-api';
import { Waiting } from './waiting';

export function ChangesTab({ unitCode, date, onError }: { unitCode: string; date: string; onError: (error: ApiError) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState({ from: `${Number(date.slice(0, 4)) - 1}-12-31`, to: date });
  const [period, setPeriod] = useState<{ from: string; to: string } | null>(null);
  const valid = !!draft.from && !!draft.to && draft.from < draft.to;
  const key = period ? `${unitCode}/${period.from}/${period.to}` : null;
  const report = useApiResource(key, (signal) => getChangeReport(unitCode, period!.from, period!.to, signal), onError);

  const run = (event: FormEvent) => {
    event.preventDefault();
    if (valid) setPeriod({ ...draft });
  };

  return (
    <div className="stats-tab-body">
      <form className="filters" onSubmit={run}>
        <Field label={t('stats.changes.from')}>
          {(id) => <input id={id} type="date" data-testid="changes-from" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}
        </Field>
        <Field label={t('stats.changes.to')}>
          {(id) => <input id={id} type="date" data-testid="changes-to" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}
        </Field>
        <button type="submit" className="button primary" data-testid="changes-run" disabled={!valid}>
          {t('stats.changes.show')}
        </button>
        {!valid && draft.from && draft.to && <p className="form-error" role="alert">{t('stats.changes.badRange')}</p>}
        {period && (
          <Downloads
            testId="download-changes"
            links={[
              { format: 'xlsx', href: changesFileUrl(unitCode, period.from, period.to, 'xlsx') },
              { format: 'pdf', href: changesFileUrl(unitCode, period.from, period.to, 'pdf') },
            ]}
          />
        )}
      </form>
      {report.loading && <Waiting />}
      {report.data && <ChangeMatrix report={report.data} />}
    </div>
  );
}

function ChangeMatrix({ report }: { report: ChangeReport }) {
  const { t, lang, locale } = useI18n();
  const ha = (m2: number | undefined) => formatHectares(m2 ?? 0, locale);
  const { matrix } = report;
  const name = (code: string) => report.names[code]?.[lang] ?? code;
  if (matrix.codes.length === 0) return <p className="hint">{t('stats.changes.none')}</p>;
  return (
    <>
      <p className="hint">{t('stats.changes.hint')}</p>
      <p data-testid="changes-changed">{t('stats.changes.changed', { area: ha(matrix.changedArea) })}</p>
      <div className="stats-table-wrap">
        <table className="table stats-table stats-matrix" data-testid="changes-matrix">
          <caption>
            {t('stats.changes.caption', { from: formatDate(report.from, locale), to: formatDate(report.to, locale) })}
            {' · '}
            {t('stats.unitOfMeasure')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('stats.changes.fromTo')}</th>
              {matrix.codes.map((code) => (
                <th key={code} scope="col" className="number" title={name(code)}>{code}</th>
              ))}
              <th scope="col" className="number">{t('stats.changes.notCarried')}</th>
              <th scope="col" className="number">{t('stats.changes.totalFrom')}</th>
            </tr>
          </thead>
          <tbody>
            {matrix.codes.map((from) => (
              <tr key={from}>
                <th scope="row" title={name(from)}>{`${from} – ${name(from)}`}</th>
                {matrix.codes.map((to) => {
                  const area = matrix.cells[from]?.[to] ?? 0;
                  const changed = from !== to && area > 0;
                  return (
                    <td
                      key={to}
                      className={`number${from === to ? ' diagonal' : ''}${changed ? ' changed' : ''}`}
                      data-testid={changed ? 'changed-cell' : undefined}
                    >
                      {area > 0 ? ha(area) : ''}
                    </td>
                  );
                })}
                <td className="number">{ha(matrix.notCarried[from])}</td>
                <td className="number stats-strong">{ha(matrix.totalFrom[from])}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('stats.changes.newArea')}</th>
              {matrix.codes.map((to) => (
                <td key={to} className="number">{ha(matrix.newArea[to])}</td>
              ))}
              <td />
              <td />
            </tr>
            <tr className="stats-total">
              <th scope="row">{t('stats.changes.totalTo')}</th>
              {matrix.codes.map((to) => (
                <td key={to} className="number">{ha(matrix.totalTo[to])}</td>
              ))}
              <td />
              <td />
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}
