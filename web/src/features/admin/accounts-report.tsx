// The accounts report for a period (A8, L4): accounts issued, whose rights changed,
// locked (with the reason) and closed, with totals; printable as it is.
import { useState, type FormEvent } from 'react';
import { getAccountsReport, useApiResource, type ApiError, type ReportLine } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { Field } from '../../ui/field';
import { formatCount, formatDate, formatDateTime, todayIso } from '../../ui/format';
import { lockReasonLabel } from './account-labels';
import './print.css';

const TOTALS: readonly { key: 'issued' | 'rightsChanged' | 'locked' | 'closed' | 'activeAtEnd'; label: MessageKey }[] = [
  { key: 'issued', label: 'report.issued' },
  { key: 'rightsChanged', label: 'report.rightsChanged' },
  { key: 'locked', label: 'report.locked' },
  { key: 'closed', label: 'report.closed' },
  { key: 'activeAtEnd', label: 'report.activeAtEnd' },
];

export function AccountsReportScreen({ onError }: { onError: (error: ApiError) => void }) {
  const { t, locale } = useI18n();
  const today = todayIso();
  const [draft, setDraft] = useState({ from: `${today.slice(0, 8)}01`, to: today });
  const [period, setPeriod] = useState<{ from: string; to: string } | null>(null);
  const report = useApiResource(period ? `report/${period.from}/${period.to}` : null, (signal) => getAccountsReport(period!.from, period!.to, signal), onError);

  const run = (event: FormEvent) => {
    event.preventDefault();
    if (draft.from && draft.to && draft.from <= draft.to) setPeriod({ ...draft });
  };
  const data = report.data;

  return (
    <section className="admin-screen report" data-testid="report">
      <header className="screen-header no-print">
        <h2>{t('report.title')}</h2>
      </header>
      <form className="filters no-print" onSubmit={run}>
        <Field label={t('report.from')}>
          {(id) => <input id={id} type="date" data-testid="report-from" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}
        </Field>
        <Field label={t('report.to')}>
          {(id) => <input id={id} type="date" data-testid="report-to" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}
        </Field>
        <button type="submit" className="button primary" data-testid="report-run" disabled={!draft.from || !draft.to || draft.from > draft.to}>
          {t('report.run')}
        </button>
        {data && (
          <button type="button" className="button" data-testid="report-print" onClick={() => window.print()}>
            {t('report.print')}
          </button>
        )}
      </form>
      {data && (
        <article className="report-body" data-testid="report-body">
          <header className="report-heading">
            <p className="print-only">{t('app.title')}</p>
            <h2>{t('report.heading')}</h2>
            <p>{t('report.period', { from: formatDate(data.from, locale), to: formatDate(data.to, locale) })}</p>
          </header>
          <table className="table totals" data-testid="report-totals">
            <tbody>
              {TOTALS.map(({ key, label }) => (
                <tr key={key}>
                  <th scope="row">{t(label)}</th>
                  <td className="number" data-testid={`total-${key}`}>{formatCount(data.totals[key], locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ReportSection title={t('report.issued')} lines={data.issued} reasonLabel={t('doc.note')} />
          <ReportSection title={t('report.rightsChanged')} lines={data.rightsChanged} reasonLabel={t('doc.note')} />
          <ReportSection title={t('report.locked')} lines={data.locked} reasonLabel={t('report.reason')} />
          <ReportSection title={t('report.closed')} lines={data.closed} reasonLabel={t('doc.note')} />
          <p className="print-only report-footer">{t('report.printedAt', { at: formatDateTime(new Date().toISOString(), locale) })}</p>
        </article>
      )}
    </section>
  );
}

function ReportSection({ title, lines, reasonLabel }: { title: string; lines: readonly ReportLine[]; reasonLabel: string }) {
  const { t, locale } = useI18n();
  return (
    <section className="report-section">
      <h3>{`${title} (${formatCount(lines.length, locale)})`}</h3>
      {lines.length === 0 ? (
        <p className="hint">{t('report.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('report.no')}</th>
              <th>{t('report.date')}</th>
              <th>{t('account.username')}</th>
              <th>{t('account.fullName')}</th>
              <th>{t('account.organisation')}</th>
              <th>{t('report.document')}</th>
              <th>{reasonLabel}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, index) => (
              <tr key={`${line.id}-${index}`}>
                <td className="number">{index + 1}</td>
                <td>{formatDate(line.at, locale)}</td>
                <td>{line.username}</td>
                <td>{line.fullName}</td>
                <td>{line.organisation}</td>
                <td>{line.document ?? ''}</td>
                <td>{lockReasonLabel(line.reason, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
