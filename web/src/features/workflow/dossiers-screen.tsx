// "Hồ sơ" (issue #7): counter intake with the procedure's electronic form, the inbox of
// the units the account processes, and a dossier with its deadline, timeline and the
// actions of its current step. Loaded on demand from app.tsx.
import { useState, type FormEvent } from 'react';
import './workflow.css';
import { useApiResource, type ApiError } from '../../api';
import { useSession } from '../auth/session-context';
import { useI18n } from '../../i18n';
import { ApiErrorBanner } from '../../ui/api-error-banner';
import { Field } from '../../ui/field';
import { formatDate, formatDateTime } from '../../ui/format';
import { INTAKE_PERMISSION, PROCESS_PERMISSION } from './permission';
import { SchemaForm, type FormValue } from './schema-form';
import { DossierChange } from './dossier-change';
import { TaxExchangePanel } from './tax-exchange-panel';
import { dossierAction, getDossier, getProcedure, intake, listInbox, listProcedures, type Dossier, type Procedure } from './workflow-api';

export function DossiersScreen() {
  const { t } = useI18n();
  const session = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);
  return (
    <main className="workspace scroll" data-testid="dossiers">
      <div className="editor-screen">
        <header className="screen-header">
          <h2>{t('workflow.title')}</h2>
        </header>
        <ApiErrorBanner error={error} onDismiss={() => setError(null)} />
        {session.can(INTAKE_PERMISSION) && <IntakeForm onError={setError} onReceived={(id) => { setOpenId(id); reload(); }} />}
        {openId && <DossierPanel id={openId} version={version} onError={setError} onChanged={reload} onClose={() => setOpenId(null)} />}
        {session.can(PROCESS_PERMISSION) && <Inbox version={version} onError={setError} onOpen={setOpenId} onRefresh={reload} />}
      </div>
    </main>
  );
}

function IntakeForm({ onError, onReceived }: { onError: (e: ApiError) => void; onReceived: (id: string) => void }) {
  const { t, lang, locale } = useI18n();
  const procedures = useApiResource('procedures', listProcedures, onError);
  const [code, setCode] = useState('');
  const procedure = useApiResource<Procedure>(code ? `procedure:${code}` : null, (signal) => getProcedure(code, signal), onError);
  const [desk, setDesk] = useState('');
  const [applicant, setApplicant] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [parcel, setParcel] = useState({ unitCode: '', sheetNumber: '', parcelNumber: '' });
  const [forms, setForms] = useState<Record<string, FormValue>>({});
  const [documents, setDocuments] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);

  const choose = (next: string) => {
    setCode(next);
    setForms({});
    setDocuments(new Set());
  };
  const toggle = (type: string) => setDocuments((d) => {
    const next = new Set(d);
    if (next.has(type)) next.delete(type);
    else next.add(type);
    return next;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    intake({
      procedureCode: code, unitCode: desk.trim(),
      applicant: { fullName: applicant.trim(), ...(idNumber ? { idNumber: idNumber.trim() } : {}) },
      parcels: [{ unitCode: parcel.unitCode.trim(), sheetNumber: Number(parcel.sheetNumber), parcelNumber: Number(parcel.parcelNumber) }],
      forms, documents: [...documents].map((type) => ({ type })),
    }).then((d) => {
      setNotice(t('workflow.received', { code: d.receiptCode, due: formatDate(d.deadline.dueDay, locale) }));
      onReceived(d.id);
    }, onError);
  };

  return (
    <form className="card" onSubmit={submit} data-testid="intake-form">
      <h3>{t('workflow.intake')}</h3>
      <Field label={t('workflow.procedure')}>
        {(id) => (
          <select id={id} data-testid="intake-procedure" value={code} required onChange={(e) => choose(e.target.value)}>
            <option value="">{t('workflow.choose')}</option>
            {(procedures.data ?? []).map((p) => <option key={p.code} value={p.code}>{lang === 'vi' ? p.nameVi : p.nameEn} ({p.timeLimitDays})</option>)}
          </select>
        )}
      </Field>
      <Field label={t('workflow.desk')}>{(id) => <input id={id} data-testid="intake-desk" value={desk} pattern="[0-9]{2,5}" required onChange={(e) => setDesk(e.target.value)} />}</Field>
      <Field label={t('workflow.applicant')}>{(id) => <input id={id} data-testid="intake-applicant" value={applicant} minLength={2} required onChange={(e) => setApplicant(e.target.value)} />}</Field>
      <Field label={t('workflow.idNumber')}>{(id) => <input id={id} data-testid="intake-id" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} />}</Field>
      <div className="workflow-row">
        <Field label={t('workflow.parcelUnit')}>{(id) => <input id={id} data-testid="intake-parcel-unit" value={parcel.unitCode} required onChange={(e) => setParcel({ ...parcel, unitCode: e.target.value })} />}</Field>
        <Field label={t('workflow.sheet')}>{(id) => <input id={id} type="number" min={1} data-testid="intake-sheet" value={parcel.sheetNumber} required onChange={(e) => setParcel({ ...parcel, sheetNumber: e.target.value })} />}</Field>
        <Field label={t('workflow.parcel')}>{(id) => <input id={id} type="number" min={1} data-testid="intake-parcel" value={parcel.parcelNumber} required onChange={(e) => setParcel({ ...parcel, parcelNumber: e.target.value })} />}</Field>
      </div>
      {procedure.data && (
        <>
          {procedure.data.forms.map((f) => (
            <div key={f.code}>
              <h4>{lang === 'vi' ? f.titleVi : f.titleEn}</h4>
              <SchemaForm schema={f.schema} value={forms[f.code] ?? {}} onChange={(v) => setForms({ ...forms, [f.code]: v })} testId={`form-${f.code}`} />
            </div>
          ))}
          <fieldset className="workflow-documents" data-testid="intake-documents">
            <legend>{t('workflow.documents')}</legend>
            {procedure.data.documents.map((d) => (
              <label key={d.documentType} className="workflow-check">
                <input type="checkbox" data-testid={`doc-${d.documentType}`} checked={documents.has(d.documentType)} onChange={() => toggle(d.documentType)} />
                {` ${d.documentType}${d.required ? ` (${t('workflow.required')})` : ''}`}
              </label>
            ))}
          </fieldset>
        </>
      )}
      <button type="submit" className="button primary" data-testid="intake-submit" disabled={!procedure.data}>{t('workflow.receive')}</button>
      {notice && <p className="notice" role="status" data-testid="intake-notice">{notice}</p>}
    </form>
  );
}

function Inbox({ version, onError, onOpen, onRefresh }: { version: number; onError: (e: ApiError) => void; onOpen: (id: string) => void; onRefresh: () => void }) {
  const { t, lang, locale } = useI18n();
  const [mine, setMine] = useState(false);
  const items = useApiResource(`inbox:${mine}:${version}`, (signal) => listInbox(mine, signal), onError);
  return (
    <section data-testid="inbox">
      <h3>{t('workflow.inbox')}</h3>
      <label className="workflow-check"><input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> {t('workflow.mine')}</label>
      <button type="button" className="button" data-testid="inbox-refresh" onClick={onRefresh}>{t('workflow.refresh')}</button>
      {items.data?.length === 0 && <p className="hint">{t('workflow.empty')}</p>}
      <table className="table">
        <thead>
          <tr><th>{t('workflow.receipt')}</th><th>{t('workflow.procedure')}</th><th>{t('workflow.status')}</th><th>{t('workflow.step')}</th><th>{t('workflow.due')}</th><th>{t('workflow.deadline')}</th><th /></tr>
        </thead>
        <tbody>
          {(items.data ?? []).map((item) => (
            <tr key={item.id} data-testid="inbox-row" className={item.deadline === 'late' ? 'late' : undefined}>
              <td>{item.receiptCode}</td>
              <td>{item.procedureName[lang]}</td>
              <td>{t(`workflow.status.${item.status}` as const)}</td>
              <td>{item.stepCode ?? ''}</td>
              <td>{formatDate(item.effectiveDueDay, locale)}</td>
              <td>{t(`workflow.deadline.${item.deadline}` as const)}</td>
              <td><button type="button" className="button" data-testid={`open-${item.receiptCode}`} onClick={() => onOpen(item.id)}>{t('workflow.open')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function DossierPanel({ id, version, onError, onChanged, onClose }: { id: string; version: number; onError: (e: ApiError) => void; onChanged: () => void; onClose: () => void }) {
  const { t, lang, locale } = useI18n();
  const dossier = useApiResource<Dossier>(`dossier:${id}:${version}`, (signal) => getDossier(id, signal), onError);
  const [note, setNote] = useState('');
  const d = dossier.data;
  if (!d) return null;
  const act = (action: 'complete-step' | 'return' | 'supplement' | 'refuse') => {
    const body = action === 'complete-step' ? (note ? { note } : {}) : action === 'supplement' ? { note: note || '—' } : { reason: note || '—' };
    dossierAction(id, action, body).then(() => {
      setNote('');
      onChanged();
    }, onError);
  };
  const open = d.status === 'processing' || d.status === 'returned' || d.status === 'waiting_external';
  return (
    <section className="card" data-testid="dossier">
      <header className="screen-header">
        <h3>{t('workflow.dossier', { code: d.receiptCode })}</h3>
        <button type="button" className="button" onClick={onClose}>{t('workflow.close')}</button>
      </header>
      <dl className="facts">
        <dt>{t('workflow.procedure')}</dt>
        <dd>{lang === 'vi' ? d.procedure.nameVi : d.procedure.nameEn} (v{d.procedure.version})</dd>
        <dt>{t('workflow.status')}</dt>
        <dd data-testid="dossier-status">{t(`workflow.status.${d.status}` as const)}</dd>
        <dt>{t('workflow.step')}</dt>
        <dd data-testid="dossier-step">{d.currentStep ? (lang === 'vi' ? d.currentStep.nameVi : d.currentStep.nameEn) : '—'}</dd>
        <dt>{t('workflow.due')}</dt>
        <dd>
          {formatDate(d.deadline.dueDay, locale)} · {t(`workflow.deadline.${d.deadline.status}` as const)}
          {d.deadline.lateStep && ` · ${t('workflow.lateStep', { step: d.deadline.lateStep })}`}
        </dd>
      </dl>
      {d.resultError && <p className="error" role="alert">{t('workflow.resultError', { error: d.resultError })}</p>}
      {open && (
        <div className="workflow-actions">
          <Field label={t('workflow.note')}>{(fieldId) => <input id={fieldId} data-testid="dossier-note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />}</Field>
          {d.status !== 'returned' && <button type="button" className="button primary" data-testid="complete-step" onClick={() => act('complete-step')}>{t('workflow.completeStep')}</button>}
          {d.status === 'processing' && <button type="button" className="button" data-testid="return" onClick={() => act('return')}>{t('workflow.return')}</button>}
          {d.status === 'returned' && <button type="button" className="button" data-testid="supplement" onClick={() => act('supplement')}>{t('workflow.supplement')}</button>}
          <button type="button" className="button danger" data-testid="refuse" onClick={() => act('refuse')}>{t('workflow.refuse')}</button>
        </div>
      )}
      <DossierChange dossier={d} onError={onError} onChanged={onChanged} />
      <TaxExchangePanel dossier={d} onError={onError} onChanged={onChanged} />
      <h4>{t('workflow.timeline')}</h4>
      <ol className="workflow-timeline" data-testid="timeline">
        {d.timeline.map((e, i) => (
          <li key={i}>{formatDateTime(e.at, locale)} · {e.actorName} · {e.action}{e.stepCode ? ` (${e.stepCode})` : ''}{e.note ? ` — ${e.note}` : ''}</li>
        ))}
      </ol>
    </section>
  );
}
