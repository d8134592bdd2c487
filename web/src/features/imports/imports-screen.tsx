// "Nhập dữ liệu / Import" (issue #6): a contractor or Office officer uploads a delivery for a
// unit (an officer may name the contractor project; a contractor's own is implied), follows
// the job's progress (polled), reads the validation report as a table and on the map, takes
// the Excel file, and an approving officer commits it as one change transaction or rejects it.
import { useEffect, useState, type FormEvent } from 'react';
import type { FeatureCollection } from 'geojson';
import type { ApiError } from '../../api';
import { useSession } from '../auth/session-context';
import { useI18n } from '../../i18n';
import { ApiErrorBanner } from '../../ui/api-error-banner';
import { Field } from '../../ui/field';
import { formatCount, formatDateTime } from '../../ui/format';
import {
  commitBatch, getBatch, getMap, getReport, isWorking, listBatches, rejectBatch, reportXlsxUrl, uploadDelivery, type ImportBatch, type ImportReport,
} from './imports-api';
import { ImportsMap } from './imports-map';
import { APPROVE_PERMISSION } from './permission';

const POLL_MS = 1000;
const UNIT_KEY = 'lis.imports.unit';

export function ImportsScreen() {
  const { t, locale } = useI18n();
  const [error, setError] = useState<ApiError | null>(null);
  const [unit, setUnit] = useState(() => localStorage.getItem(UNIT_KEY) ?? '');
  const [batches, setBatches] = useState<ImportBatch[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!/^[0-9]{2,5}$/.test(unit)) return;
    localStorage.setItem(UNIT_KEY, unit);
    const abort = new AbortController();
    listBatches(unit, abort.signal).then(setBatches, (e: unknown) => { if (!abort.signal.aborted) setError(e as ApiError); });
    return () => abort.abort();
  }, [unit, version]);

  return (
    <main className="workspace scroll" data-testid="imports">
      <div className="editor-screen">
        <header className="screen-header">
          <h2>{t('imports.title')}</h2>
        </header>
        <p className="hint">{t('imports.intro')}</p>
        <ApiErrorBanner error={error} onDismiss={() => setError(null)} />
        <UploadForm unit={unit} onUnit={setUnit} onError={setError} onUploaded={(b) => { setSelected(b.id); setVersion((v) => v + 1); }} />
        <h3>{t('imports.list')}</h3>
        <table className="table" data-testid="import-list">
          <thead>
            <tr>
              <th>{t('imports.file')}</th>
              <th>{t('imports.uploadedAt')}</th>
              <th>{t('imports.attempt')}</th>
              <th>{t('imports.status')}</th>
              <th>{t('imports.errors')}</th>
              <th>{t('imports.warnings')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id} data-testid="import-row" aria-selected={b.id === selected}>
                <td>{b.fileName}</td>
                <td>{formatDateTime(b.createdAt, locale)}</td>
                <td className="number">{b.attempt}</td>
                <td>{t(`imports.status.${b.status}` as const)}</td>
                <td className="number">{b.errorCount ?? ''}</td>
                <td className="number">{b.warningCount ?? ''}</td>
                <td><button type="button" className="button small" onClick={() => setSelected(b.id)}>{t('imports.open')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        {selected && <BatchView key={selected} id={selected} onError={setError} onChanged={() => setVersion((v) => v + 1)} />}
      </div>
    </main>
  );
}

function UploadForm({ unit, onUnit, onError, onUploaded }: {
  unit: string; onUnit: (unit: string) => void; onError: (e: ApiError) => void; onUploaded: (b: ImportBatch) => void;
}) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [project, setProject] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    uploadDelivery(file, { unit, project: project.trim() || undefined }).then(onUploaded, onError).finally(() => setBusy(false));
  };
  return (
    <form className="form-grid" onSubmit={submit} data-testid="import-upload">
      <Field label={t('imports.unit')} hint={t('imports.unitHint')}>
        {(id) => <input id={id} data-testid="import-unit" value={unit} required pattern="[0-9]{2,5}" onChange={(e) => onUnit(e.target.value.trim())} />}
      </Field>
      <Field label={t('imports.project')} hint={t('imports.projectHint')}>
        {(id) => <input id={id} data-testid="import-project" value={project} onChange={(e) => setProject(e.target.value)} />}
      </Field>
      <Field label={t('imports.fileLabel')} hint={t('imports.fileHint')}>
        {(id) => <input id={id} type="file" data-testid="import-file" accept=".zip,.geojson,.json,.gpkg" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
      </Field>
      <button type="submit" className="button primary" data-testid="import-submit" disabled={busy || !file}>{t('imports.upload')}</button>
    </form>
  );
}

function BatchView({ id, onError, onChanged }: { id: string; onError: (e: ApiError) => void; onChanged: () => void }) {
  const { t, locale, lang } = useI18n();
  const session = useSession();
  const [batch, setBatch] = useState<ImportBatch | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [map, setMap] = useState<FeatureCollection | null>(null);
  const [tick, setTick] = useState(0);

  // the batch is polled while its job loads and validates; the report and the map follow
  useEffect(() => {
    const abort = new AbortController();
    getBatch(id, abort.signal).then((b) => {
      setBatch(b);
      if (isWorking(b)) {
        window.setTimeout(() => setTick((n) => n + 1), POLL_MS);
      } else if (b.status === 'validated' || b.status === 'committed' || b.status === 'rejected') {
        getReport(id, abort.signal).then(setReport, () => undefined);
        getMap(id, abort.signal).then(setMap, () => undefined);
        onChanged();
      }
    }, (e: unknown) => { if (!abort.signal.aborted) onError(e as ApiError); });
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, tick]);

  if (!batch) return null;
  const job = batch.job;
  const progress = job ? (job.total ? `${formatCount(job.done, locale)} / ${formatCount(job.total, locale)}` : formatCount(job.done, locale)) : '';
  return (
    <section className="card" data-testid="import-batch" data-status={batch.status}>
      <h3>{batch.fileName} — {t(`imports.status.${batch.status}` as const)}</h3>
      {job && (
        <p data-testid="import-progress" data-phase={job.phase} role="status">
          {t(`imports.phase.${job.phase}` as const)} {progress}
          {job.error && <span className="error-text"> — {job.error}</span>}
        </p>
      )}
      {report && (
        <>
          <p data-testid="import-counts">{t('imports.counts', { errors: String(report.counts.errors), warnings: String(report.counts.warnings) })}</p>
          <a href={reportXlsxUrl(batch.id)} data-testid="import-xlsx">{t('imports.excel')}</a>
          {map && <ImportsMap data={map} label={t('imports.mapLabel')} />}
          <table className="table" data-testid="import-findings">
            <thead>
              <tr>
                <th>{t('imports.severity')}</th>
                <th>{t('imports.rule')}</th>
                <th>{t('imports.feature')}</th>
                <th>{t('imports.sheetParcel')}</th>
                <th>{t('imports.field')}</th>
                <th>{t('imports.message')}</th>
              </tr>
            </thead>
            <tbody>
              {report.findings.map((f, i) => (
                <tr key={i} data-testid="import-finding" data-rule={f.rule} className={f.severity === 'error' ? 'error-row' : undefined}>
                  <td>{t(`imports.severity.${f.severity}` as const)}</td>
                  <td>{f.rule}</td>
                  <td className="number">{f.featureIndex ?? ''}</td>
                  <td>{f.sheetNumber !== null ? `${f.sheetNumber}/${f.parcelNumber ?? ''}` : ''}</td>
                  <td>{f.field ?? ''}</td>
                  <td>{lang === 'vi' ? f.message.vi : f.message.en}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {batch.status === 'validated' && session.can(APPROVE_PERMISSION) && (
        <Decision batch={batch} onError={onError} onDone={(b) => { setBatch(b); setTick((n) => n + 1); }} />
      )}
      {batch.status === 'committed' && <p data-testid="import-committed" role="status">{t('imports.committed', { change: batch.changeId ?? '' })}</p>}
    </section>
  );
}

function Decision({ batch, onError, onDone }: { batch: ImportBatch; onError: (e: ApiError) => void; onDone: (b: ImportBatch) => void }) {
  const { t } = useI18n();
  const [basis, setBasis] = useState('');
  const [reason, setReason] = useState('');
  const commit = (event: FormEvent) => {
    event.preventDefault();
    commitBatch(batch.id, basis.trim()).then((r) => onDone(r.batch), onError);
  };
  const reject = (event: FormEvent) => {
    event.preventDefault();
    rejectBatch(batch.id, reason.trim()).then(onDone, onError);
  };
  return (
    <div className="form-grid">
      <form onSubmit={commit} data-testid="import-commit-form">
        <Field label={t('imports.legalBasis')} hint={t('imports.legalBasisHint')}>
          {(id) => <input id={id} data-testid="import-legal-basis" value={basis} required minLength={3} maxLength={500} onChange={(e) => setBasis(e.target.value)} />}
        </Field>
        <button type="submit" className="button primary" data-testid="import-commit" disabled={(batch.errorCount ?? 0) > 0}>{t('imports.commit')}</button>
      </form>
      <form onSubmit={reject} data-testid="import-reject-form">
        <Field label={t('imports.reason')}>
          {(id) => <input id={id} data-testid="import-reason" value={reason} required minLength={3} maxLength={2000} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <button type="submit" className="button" data-testid="import-reject">{t('imports.reject')}</button>
      </form>
    </div>
  );
}
