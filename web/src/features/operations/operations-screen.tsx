// "Vận hành / Operations" (issue #10 items 4-7): any signed-in user reports a problem and
// follows their reports (O6); operations.manage holders see every incident, triage it,
// record actions, notify the units, close it and print the quick report (I1-I4, O9), and
// switch maintenance mode (I3); reports.read holders make and download the periodic
// reports (O2, O3). Loaded on demand from app.tsx.
import { useState, type FormEvent } from 'react';
import { useApiResource, type ApiError } from '../../api';
import { useSession } from '../auth/session-context';
import { useI18n } from '../../i18n';
import { ApiErrorBanner } from '../../ui/api-error-banner';
import { Field } from '../../ui/field';
import { formatDateTime } from '../../ui/format';
import { REPORTS_PERMISSION } from '../statistics/permission';
import {
  addAction, closeIncident, generateReport, getIncident, liftMaintenance, listIncidents, listMaintenance, listReports, MAINTENANCE_SUBSYSTEMS, notify,
  quickReportUrl, reportProblem, reportUrl, setMaintenance, SUBSYSTEMS, triage, type Incident, type Severity, type Subsystem,
} from './operations-api';
import { OPERATIONS_PERMISSION } from './permission';

const SEVERITIES: Severity[] = ['low', 'medium', 'high', 'critical'];

export function OperationsScreen() {
  const { t, locale } = useI18n();
  const session = useSession();
  const manager = session.can(OPERATIONS_PERMISSION);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const reload = () => setVersion((v) => v + 1);
  const incidents = useApiResource(`incidents#${version}`, listIncidents, setError);

  return (
    <main className="workspace scroll" data-testid="operations">
      <div className="editor-screen">
        <header className="screen-header">
          <h2>{t('ops.title')}</h2>
        </header>
        <ApiErrorBanner error={error} onDismiss={() => setError(null)} />
        {notice && <p className="notice" role="status" data-testid="ops-notice">{notice}</p>}

        {selected ? (
          <IncidentPanel id={selected} manager={manager} onBack={() => { setSelected(null); reload(); }} onError={setError} />
        ) : (
          <>
            <ReportForm onError={setError} onSent={(code) => { setNotice(t('ops.report.sent', { code })); reload(); }} />
            <h3>{manager ? t('ops.incidents') : t('ops.incidents.mine')}</h3>
            <IncidentTable incidents={incidents.data ?? []} locale={locale} onOpen={setSelected} />
          </>
        )}
        {manager && !selected && <MaintenancePanel onError={setError} />}
        {session.can(REPORTS_PERMISSION) && !selected && <ReportsPanel onError={setError} />}
      </div>
    </main>
  );
}

function IncidentTable({ incidents, locale, onOpen }: { incidents: Incident[]; locale: string; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  if (incidents.length === 0) return <p className="hint">{t('ops.incidents.none')}</p>;
  return (
    <table className="table" data-testid="incident-list">
      <thead>
        <tr>
          <th>{t('ops.col.code')}</th><th>{t('ops.col.title')}</th><th>{t('ops.col.severity')}</th>
          <th>{t('ops.col.status')}</th><th>{t('ops.col.started')}</th><th>{t('ops.col.interruption')}</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((i) => (
          <tr key={i.id}>
            <td><button type="button" className="link-button" onClick={() => onOpen(i.id)}>{i.code}</button></td>
            <td>{i.title}</td>
            <td>{t(`ops.severity.${i.severity}` as const)}</td>
            <td>{t(`ops.status.${i.status}` as const)}</td>
            <td>{formatDateTime(i.startedAt, locale)}</td>
            <td>{i.interruptsService ? t('ops.hours', { hours: String(i.interruptionHours) }) : '—'} {i.pastLimit && <strong>{t('ops.pastLimit')}</strong>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReportForm({ onError, onSent }: { onError: (e: ApiError) => void; onSent: (code: string) => void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [subsystem, setSubsystem] = useState<Subsystem>('cadastre');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reportProblem({ title, description, subsystems: [subsystem] }).then((i) => {
      setTitle('');
      setDescription('');
      onSent(i.code);
    }, onError);
  };
  return (
    <form className="form" onSubmit={submit} data-testid="report-problem">
      <h3>{t('ops.report.title')}</h3>
      <p className="hint">{t('ops.report.hint')}</p>
      <Field label={t('ops.report.titleField')}>{(id) => <input id={id} required minLength={3} maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />}</Field>
      <Field label={t('ops.report.description')}>{(id) => <textarea id={id} required maxLength={5000} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
      <Field label={t('ops.report.subsystem')}>
        {(id) => (
          <select id={id} value={subsystem} onChange={(e) => setSubsystem(e.target.value as Subsystem)}>
            {SUBSYSTEMS.map((s) => <option key={s} value={s}>{t(`ops.subsystem.${s}` as const)}</option>)}
          </select>
        )}
      </Field>
      <button type="submit" className="button primary">{t('ops.report.send')}</button>
    </form>
  );
}

function IncidentPanel({ id, manager, onBack, onError }: { id: string; manager: boolean; onBack: () => void; onError: (e: ApiError) => void }) {
  const { t, locale } = useI18n();
  const [version, setVersion] = useState(0);
  const detail = useApiResource(`incident:${id}#${version}`, (signal) => getIncident(id, signal), onError);
  const [text, setText] = useState('');
  const [noticeVi, setNoticeVi] = useState('');
  const [noticeEn, setNoticeEn] = useState('');
  const [cause, setCause] = useState('');
  const [resolution, setResolution] = useState('');
  const [units, setUnits] = useState('');
  const done = (action: Promise<unknown>) => action.then(() => setVersion((v) => v + 1), onError);
  const i = detail.data;
  if (!i) return null;
  const open = i.status !== 'resolved';
  return (
    <section data-testid="incident-detail">
      <button type="button" className="button" onClick={onBack}>{t('ops.detail.back')}</button>
      <h3>{i.code}: {i.title}</h3>
      <p>{i.description}</p>
      <p>
        {t(`ops.severity.${i.severity}` as const)} · {t(`ops.status.${i.status}` as const)} · {formatDateTime(i.startedAt, locale)}
        {i.interruptsService && <> · {t('ops.hours', { hours: String(i.interruptionHours) })}</>}
        {i.pastLimit && <strong> · {t('ops.pastLimit')}</strong>}
        {i.expectedFixAt && <> · {t('ops.detail.expected')}: {formatDateTime(i.expectedFixAt, locale)}</>}
      </p>
      {i.resolution && <p>{t('ops.detail.cause')}: {i.cause} — {t('ops.detail.resolution')}: {i.resolution}</p>}
      <h4>{t('ops.detail.timeline')}</h4>
      <ul data-testid="incident-timeline">
        {i.timeline.map((a, n) => <li key={n}>{formatDateTime(a.at, locale)} — {a.actorName}: {a.text}</li>)}
      </ul>
      {i.mails && <p>{t('ops.detail.mails', { count: String(i.mails.length) })}</p>}
      {manager && (
        <>
          <a className="button" href={quickReportUrl(i.id)} target="_blank" rel="noreferrer">{t('ops.detail.quickReport')}</a>
          {open && (
            <div className="form">
              <Field label={t('ops.col.severity')}>
                {(fid) => (
                  <select id={fid} value={i.severity} onChange={(e) => done(triage(i.id, { severity: e.target.value as Severity, status: 'in_progress' }))}>
                    {SEVERITIES.map((s) => <option key={s} value={s}>{t(`ops.severity.${s}` as const)}</option>)}
                  </select>
                )}
              </Field>
              <label>
                <input type="checkbox" checked={i.interruptsService} onChange={(e) => done(triage(i.id, { interruptsService: e.target.checked }))} /> {t('ops.detail.interrupts')}
              </label>
              <Field label={t('ops.detail.units')}>{(fid) => <input id={fid} value={units} placeholder={i.units.map((u) => u.code).join(', ')} onChange={(e) => setUnits(e.target.value)} />}</Field>
              <button type="button" className="button" onClick={() => done(triage(i.id, { unitCodes: units.split(',').map((u) => u.trim()).filter(Boolean) }))}>{t('ops.detail.save')}</button>
              <Field label={t('ops.detail.action')}>{(fid) => <textarea id={fid} value={text} onChange={(e) => setText(e.target.value)} />}</Field>
              <button type="button" className="button" disabled={!text} onClick={() => done(addAction(i.id, text).then(() => setText('')))}>{t('ops.detail.addAction')}</button>
              <Field label={t('ops.detail.noticeVi')}>{(fid) => <textarea id={fid} value={noticeVi} onChange={(e) => setNoticeVi(e.target.value)} />}</Field>
              <Field label={t('ops.detail.noticeEn')}>{(fid) => <textarea id={fid} value={noticeEn} onChange={(e) => setNoticeEn(e.target.value)} />}</Field>
              <button type="button" className="button" disabled={!noticeVi || !noticeEn} onClick={() => done(notify(i.id, { messageVi: noticeVi, messageEn: noticeEn, email: true }))}>{t('ops.detail.notify')}</button>
              <Field label={t('ops.detail.cause')}>{(fid) => <input id={fid} value={cause} onChange={(e) => setCause(e.target.value)} />}</Field>
              <Field label={t('ops.detail.resolution')}>{(fid) => <input id={fid} value={resolution} onChange={(e) => setResolution(e.target.value)} />}</Field>
              <button type="button" className="button primary" disabled={!cause || !resolution} onClick={() => done(closeIncident(i.id, { cause, resolution }))}>{t('ops.detail.close')}</button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function MaintenancePanel({ onError }: { onError: (e: ApiError) => void }) {
  const { t, locale } = useI18n();
  const [version, setVersion] = useState(0);
  const modes = useApiResource(`maintenance#${version}`, listMaintenance, onError);
  const [subsystem, setSubsystem] = useState<string>('all');
  const [mode, setMode] = useState<'read_only' | 'closed'>('read_only');
  const [messageVi, setMessageVi] = useState('');
  const [messageEn, setMessageEn] = useState('');
  const done = (action: Promise<unknown>) => action.then(() => setVersion((v) => v + 1), onError);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    done(setMaintenance(subsystem, { mode, messageVi, messageEn }));
  };
  return (
    <section data-testid="maintenance">
      <h3>{t('ops.maintenance')}</h3>
      {(modes.data ?? []).length === 0 ? <p className="hint">{t('ops.maintenance.none')}</p> : (
        <ul>
          {modes.data!.map((m) => (
            <li key={m.subsystem}>
              {t(`ops.subsystem.${m.subsystem}` as `ops.subsystem.${Subsystem}`)}: {m.mode === 'closed' ? t('ops.maintenance.closed') : t('ops.maintenance.readOnly')} — {m.messageVi} ({m.setByName}, {formatDateTime(m.setAt, locale)}){' '}
              <button type="button" className="button" onClick={() => done(liftMaintenance(m.subsystem))}>{t('ops.maintenance.lift')}</button>
            </li>
          ))}
        </ul>
      )}
      <form className="form" onSubmit={submit}>
        <Field label={t('ops.report.subsystem')}>
          {(id) => (
            <select id={id} value={subsystem} onChange={(e) => setSubsystem(e.target.value)}>
              {MAINTENANCE_SUBSYSTEMS.map((s) => <option key={s} value={s}>{t(`ops.subsystem.${s}` as const)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('ops.maintenance.mode')}>
          {(id) => (
            <select id={id} value={mode} onChange={(e) => setMode(e.target.value as 'read_only' | 'closed')}>
              <option value="read_only">{t('ops.maintenance.readOnly')}</option>
              <option value="closed">{t('ops.maintenance.closed')}</option>
            </select>
          )}
        </Field>
        <Field label={t('ops.maintenance.messageVi')}>{(id) => <input id={id} required maxLength={1000} value={messageVi} onChange={(e) => setMessageVi(e.target.value)} />}</Field>
        <Field label={t('ops.maintenance.messageEn')}>{(id) => <input id={id} required maxLength={1000} value={messageEn} onChange={(e) => setMessageEn(e.target.value)} />}</Field>
        <button type="submit" className="button primary">{t('ops.maintenance.set')}</button>
      </form>
    </section>
  );
}

function ReportsPanel({ onError }: { onError: (e: ApiError) => void }) {
  const { t, locale } = useI18n();
  const [province, setProvince] = useState('75');
  const [period, setPeriod] = useState(() => {
    const now = new Date();
    const month = now.getMonth() === 0 ? `${now.getFullYear() - 1}-12` : `${now.getFullYear()}-${String(now.getMonth()).padStart(2, '0')}`;
    return month;
  });
  const [version, setVersion] = useState(0);
  const reports = useApiResource(/^[0-9]{2}$/.test(province) ? `reports:${province}#${version}` : null, (signal) => listReports(province, signal), onError);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    generateReport(province, period).then(() => setVersion((v) => v + 1), onError);
  };
  return (
    <section data-testid="periodic-reports">
      <h3>{t('ops.reports')}</h3>
      <p className="hint">{t('ops.reports.hint')}</p>
      <form className="form" onSubmit={submit}>
        <Field label={t('ops.reports.province')}>{(id) => <input id={id} required pattern="[0-9]{2}" value={province} onChange={(e) => setProvince(e.target.value)} />}</Field>
        <Field label={t('ops.reports.period')}>{(id) => <input id={id} required pattern="[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?" value={period} onChange={(e) => setPeriod(e.target.value)} />}</Field>
        <button type="submit" className="button primary">{t('ops.reports.generate')}</button>
      </form>
      {(reports.data ?? []).length === 0 ? <p className="hint">{t('ops.reports.none')}</p> : (
        <table className="table" data-testid="report-list">
          <tbody>
            {reports.data!.map((r) => (
              <tr key={r.id}>
                <td>{r.periodStart} – {r.periodEnd}</td>
                <td>{r.trigger === 'schedule' ? t('ops.reports.trigger.schedule') : t('ops.reports.trigger.manual')}</td>
                <td>{formatDateTime(r.generatedAt, locale)} · {r.generatedByName}</td>
                <td><a href={reportUrl(r.unitCode, r.id, 'xlsx')}>Excel</a> · <a href={reportUrl(r.unitCode, r.id, 'pdf')} target="_blank" rel="noreferrer">PDF</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
