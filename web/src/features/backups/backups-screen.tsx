// "Sao lưu và phục hồi" (issue #10; O1, B1-B4, R1-R4): the backups with their age, size
// and verification, "back up now", the removable-disk copy and its register, the restore
// by incident time (the confirmation names the backup chosen, R3), the restores and drills
// with their printable log (R2). Loaded on demand from app.tsx; needs backup.restore.
import { useState, type FormEvent } from 'react';
import { useApiResource, type ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { ApiErrorBanner } from '../../ui/api-error-banner';
import { Field } from '../../ui/field';
import { formatCount, formatDateTime } from '../../ui/format';
import {
  ageHours, copyToRemovable, listBackups, listRemovable, listRestores, previewRestore, restoreLogUrl, startBackup, startDrill, startRestore,
  updateRemovable, vietnamTime, type Backup,
} from './backups-api';

const MIB = 1024 * 1024;

export function BackupsScreen() {
  const { t, locale } = useI18n();
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const reload = () => setVersion((v) => v + 1);
  const backups = useApiResource(`backups#${version}`, listBackups, setError);
  const restores = useApiResource(`restores#${version}`, listRestores, setError);
  const copies = useApiResource(`removable#${version}`, listRemovable, setError);

  const run = (action: () => Promise<unknown>, done: string) => {
    setNotice(null);
    action().then(() => {
      setNotice(done);
      reload();
    }, setError);
  };
  const size = (bytes: number | null) => (bytes === null ? '—' : `${(bytes / MIB).toFixed(1)} MiB`);

  return (
    <main className="workspace scroll" data-testid="backups">
      <div className="editor-screen">
        <header className="screen-header">
          <h2>{t('backups.title')}</h2>
          <button type="button" className="button primary" data-testid="backup-now" onClick={() => run(() => startBackup('database'), t('backups.started'))}>
            {t('backups.now')}
          </button>
          <button type="button" className="button" data-testid="backup-documents" onClick={() => run(() => startBackup('documents'), t('backups.started'))}>
            {t('backups.documentsNow')}
          </button>
          <button type="button" className="button" data-testid="backup-refresh" onClick={reload}>
            {t('backups.refresh')}
          </button>
        </header>
        <p className="hint">{t('backups.intro')}</p>
        <ApiErrorBanner error={error} onDismiss={() => setError(null)} />
        {notice && <p className="notice" role="status" data-testid="backup-notice">{notice}</p>}

        <h3>{t('backups.list')}</h3>
        <table className="table" data-testid="backup-list">
          <thead>
            <tr>
              <th>{t('backups.kind')}</th>
              <th>{t('backups.startedAt')}</th>
              <th>{t('backups.age')}</th>
              <th>{t('backups.size')}</th>
              <th>{t('backups.status')}</th>
              <th>{t('backups.verified')}</th>
              <th>{t('backups.rows')}</th>
              <th>{t('backups.by')}</th>
            </tr>
          </thead>
          <tbody>
            {(backups.data ?? []).map((b) => (
              <tr key={b.id} data-testid="backup-row" className={b.deletedAt ? 'muted' : undefined}>
                <td>{t(`backups.kind.${b.kind}` as const)}</td>
                <td>{formatDateTime(b.startedAt, locale)}</td>
                <td className="number">{`${ageHours(b.startedAt).toFixed(1)} h`}</td>
                <td className="number">{size(b.bytes)}</td>
                <td title={b.error ?? undefined}>{b.deletedAt ? t('backups.deleted') : t(`backups.status.${b.status}` as const)}</td>
                <td>{b.verified ? '✓' : '✗'}</td>
                <td className="number">{b.rows === null ? '' : formatCount(b.rows, locale)}</td>
                <td>{b.startedByName ?? t('backups.scheduler')}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <RestoreForm onError={setError} onStarted={(message) => { setNotice(message); reload(); }} />

        <h3>{t('backups.restores')}</h3>
        <button type="button" className="button" data-testid="drill-now" onClick={() => run(startDrill, t('backups.drillStarted'))}>
          {t('backups.drill')}
        </button>
        <table className="table" data-testid="restore-list">
          <thead>
            <tr>
              <th>{t('backups.startedAt')}</th>
              <th>{t('backups.restoreKind')}</th>
              <th>{t('backups.status')}</th>
              <th>{t('backups.duration')}</th>
              <th>{t('backups.by')}</th>
              <th>{t('backups.reason')}</th>
              <th>{t('backups.log')}</th>
            </tr>
          </thead>
          <tbody>
            {(restores.data ?? []).map((r) => (
              <tr key={r.id} data-testid="restore-row">
                <td>{formatDateTime(r.startedAt, locale)}</td>
                <td>{r.drill ? t('backups.restoreKind.drill') : t('backups.restoreKind.restore')}</td>
                <td title={r.error ?? undefined}>{t(`backups.status.${r.status}` as const)}</td>
                <td className="number">{r.durationMs === null ? '' : `${(r.durationMs / 1000).toFixed(1)} s`}</td>
                <td>{r.requestedByName ?? ''}</td>
                <td>{r.reason ?? ''}</td>
                <td><a href={restoreLogUrl(r.id)} data-testid="restore-log">{t('backups.print')}</a></td>
              </tr>
            ))}
          </tbody>
        </table>

        <RemovableForm onError={setError} onDone={() => { setNotice(t('backups.copied')); reload(); }} />
        <h3>{t('backups.register')}</h3>
        <table className="table" data-testid="removable-list">
          <thead>
            <tr>
              <th>{t('backups.takenAt')}</th>
              <th>{t('backups.medium')}</th>
              <th>{t('backups.takenBy')}</th>
              <th>{t('backups.handedTo')}</th>
              <th>{t('backups.archiveLocation')}</th>
              <th>{t('backups.copyStatus')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(copies.data ?? []).map((c) => (
              <tr key={c.id} data-testid="removable-row">
                <td>{formatDateTime(c.takenAt, locale)}</td>
                <td title={c.destination}>{c.mediumLabel}</td>
                <td>{c.takenByName}</td>
                <td>{c.handedTo ?? ''}</td>
                <td>{c.archiveLocation ?? ''}</td>
                <td>{t(`backups.copyStatus.${c.status}` as const)}</td>
                <td>
                  {(['archived', 'returned', 'destroyed'] as const).filter((s) => s !== c.status && c.status !== 'destroyed').map((s) => (
                    <button key={s} type="button" className="button small" onClick={() => run(() => updateRemovable(c.id, { status: s }), t('backups.saved'))}>
                      {t(`backups.copyStatus.${s}` as const)}
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}

/** The restore: incident time → the backup chosen (R3) → confirmation naming it → restore. */
function RestoreForm({ onError, onStarted }: { onError: (e: ApiError) => void; onStarted: (message: string) => void }) {
  const { t, locale } = useI18n();
  const [incident, setIncident] = useState('');
  const [reason, setReason] = useState('');
  const [chosen, setChosen] = useState<Backup | null>(null);

  const preview = (event: FormEvent) => {
    event.preventDefault();
    previewRestore(vietnamTime(incident)).then(setChosen, onError);
  };
  const confirm = () => {
    if (!chosen) return;
    const incidentAt = vietnamTime(incident);
    startRestore({ ...(incidentAt ? { incidentAt } : {}), reason, confirmBackupId: chosen.id }).then(() => {
      setChosen(null);
      onStarted(t('backups.restoreStarted'));
    }, onError);
  };

  return (
    <section data-testid="restore-form">
      <h3>{t('backups.restore')}</h3>
      <p className="hint">{t('backups.restoreIntro')}</p>
      <form className="filters" onSubmit={preview}>
        <Field label={t('backups.incidentAt')}>
          {(id) => <input id={id} type="datetime-local" data-testid="restore-incident" value={incident} onChange={(e) => { setIncident(e.target.value); setChosen(null); }} />}
        </Field>
        <Field label={t('backups.reason')} className="grow">
          {(id) => <input id={id} type="text" maxLength={2000} required data-testid="restore-reason" value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <button type="submit" className="button" data-testid="restore-preview">{t('backups.preview')}</button>
      </form>
      {chosen && (
        <div className="confirm" role="alertdialog" data-testid="restore-confirm">
          <p>
            {t('backups.confirm', { time: formatDateTime(chosen.startedAt, locale), id: chosen.id.slice(0, 8), rows: formatCount(chosen.rows ?? 0, locale) })}
          </p>
          <button type="button" className="button danger" data-testid="restore-go" disabled={!reason.trim()} onClick={confirm}>
            {t('backups.restoreGo')}
          </button>
          <button type="button" className="button" onClick={() => setChosen(null)}>{t('backups.cancel')}</button>
        </div>
      )}
    </section>
  );
}

function RemovableForm({ onError, onDone }: { onError: (e: ApiError) => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ destination: '', mediumLabel: '', handedTo: '', archiveLocation: '' });
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const optional = (v: string) => (v.trim() ? v.trim() : undefined);
    copyToRemovable({
      destination: form.destination.trim(), mediumLabel: form.mediumLabel.trim(),
      ...(optional(form.handedTo) ? { handedTo: form.handedTo.trim() } : {}),
      ...(optional(form.archiveLocation) ? { archiveLocation: form.archiveLocation.trim() } : {}),
    }).then(() => {
      setBusy(false);
      setForm({ destination: '', mediumLabel: '', handedTo: '', archiveLocation: '' });
      onDone();
    }, (error: ApiError) => {
      setBusy(false);
      onError(error);
    });
  };
  const input = (name: keyof typeof form, label: string, required = false) => (
    <Field label={label}>
      {(id) => <input id={id} type="text" maxLength={300} required={required} data-testid={`removable-${name}`} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />}
    </Field>
  );
  return (
    <section data-testid="removable-form">
      <h3>{t('backups.removable')}</h3>
      <p className="hint">{t('backups.removableIntro')}</p>
      <form className="filters" onSubmit={submit}>
        {input('destination', t('backups.destination'), true)}
        {input('mediumLabel', t('backups.medium'), true)}
        {input('handedTo', t('backups.handedTo'))}
        {input('archiveLocation', t('backups.archiveLocation'))}
        <button type="submit" className="button" disabled={busy} data-testid="removable-copy">{t('backups.copy')}</button>
      </form>
    </section>
  );
}
