// "Chia sẻ dữ liệu" (issue #11; S-SHARE, O5, U4): the consumers with their grant, register
// one (its secret shown once), add a secret for a rotation, suspend or reactivate; usage per
// consumer and service for a period; special requests approved with conditions or refused,
// with the delivery link. Loaded on demand from app.tsx; needs sharing.manage.
import { useState, type FormEvent } from 'react';
import { useApiResource, type ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { ApiErrorBanner } from '../../ui/api-error-banner';
import { Field } from '../../ui/field';
import { addDays, formatCount, formatDate, formatDateTime, todayIso } from '../../ui/format';
import {
  addSecret, changeStatus, decideRequest, getRequest, getUsage, listConsumers, listRequests, registerConsumer, SHARING_SERVICES,
  type Consumer, type SharingRequest,
} from './sharing-api';

export function SharingScreen() {
  const { t, locale } = useI18n();
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);
  const [secret, setSecret] = useState<{ clientId: string; clientSecret: string } | null>(null);
  const [from, setFrom] = useState(addDays(todayIso(), -30));
  const [to, setTo] = useState(todayIso());
  const reload = () => setVersion((v) => v + 1);
  const consumers = useApiResource(`consumers#${version}`, listConsumers, setError);
  const requests = useApiResource(`requests#${version}`, listRequests, setError);
  const usage = useApiResource(`usage#${from}#${to}#${version}`, (signal) => getUsage(from, to, signal), setError);

  const showSecret = (clientId: string, clientSecret: string) => {
    setSecret({ clientId, clientSecret });
    reload();
  };

  return (
    <main className="workspace scroll" data-testid="sharing">
      <div className="editor-screen">
        <header className="screen-header">
          <h2>{t('sharing.title')}</h2>
          <button type="button" className="button" onClick={reload}>{t('sharing.refresh')}</button>
        </header>
        <p className="hint">{t('sharing.intro')}</p>
        <ApiErrorBanner error={error} onDismiss={() => setError(null)} />
        {secret && (
          <p className="notice" role="status" data-testid="sharing-secret">
            {t('sharing.secretOnce', { clientId: secret.clientId })} <code>{secret.clientSecret}</code>
          </p>
        )}

        <h3>{t('sharing.consumers')}</h3>
        <table className="table" data-testid="consumer-list">
          <thead>
            <tr>
              <th>{t('sharing.clientId')}</th>
              <th>{t('sharing.agency')}</th>
              <th>{t('sharing.decision')}</th>
              <th>{t('sharing.services')}</th>
              <th>{t('sharing.units')}</th>
              <th>{t('sharing.personal')}</th>
              <th>{t('sharing.rate')}</th>
              <th>{t('sharing.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(consumers.data ?? []).map((c) => (
              <ConsumerRow key={c.id} consumer={c} onSecret={showSecret} onChanged={reload} onError={setError} />
            ))}
          </tbody>
        </table>
        <RegisterForm onRegistered={showSecret} onError={setError} />

        <h3>{t('sharing.usage')}</h3>
        <div className="form-row">
          <Field label={t('sharing.from')}>{(id) => <input id={id} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}</Field>
          <Field label={t('sharing.to')}>{(id) => <input id={id} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}</Field>
        </div>
        <table className="table" data-testid="usage-list">
          <thead>
            <tr>
              <th>{t('sharing.agency')}</th>
              <th>{t('sharing.service')}</th>
              <th>{t('sharing.requests')}</th>
              <th>{t('sharing.succeeded')}</th>
              <th>{t('sharing.refused')}</th>
              <th>{t('sharing.records')}</th>
              <th>{t('sharing.personalCalls')}</th>
            </tr>
          </thead>
          <tbody>
            {(usage.data ?? []).map((u) => (
              <tr key={`${u.clientId}/${u.service}/${u.version}`}>
                <td>{u.agency ?? u.clientId ?? t('sharing.anonymous')}</td>
                <td>{u.service ? `${u.service} v${u.version}` : '—'}</td>
                <td className="number">{formatCount(u.requests, locale)}</td>
                <td className="number">{formatCount(u.succeeded, locale)}</td>
                <td className="number">{formatCount(u.refused, locale)}</td>
                <td className="number">{formatCount(u.records, locale)}</td>
                <td className="number">{formatCount(u.personalData, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <h3>{t('sharing.specialRequests')}</h3>
        <table className="table" data-testid="request-list">
          <thead>
            <tr>
              <th>{t('sharing.filedAt')}</th>
              <th>{t('sharing.agency')}</th>
              <th>{t('sharing.purpose')}</th>
              <th>{t('sharing.dataset')}</th>
              <th>{t('sharing.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(requests.data ?? []).map((r) => (
              <RequestRow key={r.id} request={r} onChanged={reload} onError={setError} />
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}

function ConsumerRow({ consumer: c, onSecret, onChanged, onError }: { consumer: Consumer; onSecret: (clientId: string, secret: string) => void; onChanged: () => void; onError: (e: ApiError) => void }) {
  const { t, locale } = useI18n();
  return (
    <tr data-testid="consumer-row">
      <td><code>{c.clientId}</code></td>
      <td>{c.agency}<br /><small>{c.contact.name}</small></td>
      <td>{c.decision.number}<br /><small>{formatDate(c.decision.date, locale)} — {c.decision.issuer}</small></td>
      <td>{c.services.join(', ')}</td>
      <td>{c.unitCodes.join(', ')}</td>
      <td>{c.personalData ? '✓' : '✗'}</td>
      <td className="number">{formatCount(c.ratePerMinute, locale)}</td>
      <td>{t(`sharing.status.${c.status}` as const)}</td>
      <td>
        <button type="button" className="button" onClick={() => addSecret(c.id, todayIso()).then((s) => onSecret(c.clientId, s.clientSecret), onError)}>
          {t('sharing.addSecret')}
        </button>
        {c.status === 'active' ? (
          <button type="button" className="button" onClick={() => changeStatus(c, 'suspended').then(onChanged, onError)}>{t('sharing.suspend')}</button>
        ) : (
          <button type="button" className="button" onClick={() => changeStatus(c, 'active').then(onChanged, onError)}>{t('sharing.activate')}</button>
        )}
      </td>
    </tr>
  );
}

function RequestRow({ request: r, onChanged, onError }: { request: SharingRequest; onChanged: () => void; onError: (e: ApiError) => void }) {
  const { t, locale } = useI18n();
  const [conditions, setConditions] = useState('');
  const [link, setLink] = useState<string | null>(null);
  return (
    <tr data-testid="request-row">
      <td>{formatDateTime(r.filedAt, locale)}</td>
      <td>{r.agency}</td>
      <td>{r.purpose}</td>
      <td>{`${r.unitCode} · ${formatDate(r.asOf, locale)} · ${r.format}`}</td>
      <td>{t(`sharing.request.${r.status}` as const)}{r.conditions && <><br /><small>{r.conditions}</small></>}</td>
      <td>
        {r.status === 'filed' && (
          <>
            <input aria-label={t('sharing.conditions')} placeholder={t('sharing.conditions')} value={conditions} onChange={(e) => setConditions(e.target.value)} maxLength={2000} />
            <button type="button" className="button primary" onClick={() => decideRequest(r.id, { approve: true, ...(conditions ? { conditions } : {}) }).then(onChanged, onError)}>
              {t('sharing.approve')}
            </button>
            <button type="button" className="button" onClick={() => decideRequest(r.id, { approve: false, ...(conditions ? { note: conditions } : {}) }).then(onChanged, onError)}>
              {t('sharing.refuse')}
            </button>
          </>
        )}
        {r.status === 'delivered' && (
          <>
            <small>{t('sharing.linkUntil', { date: formatDateTime(r.linkExpiresAt, locale), downloads: r.downloads })}</small>
            {link ? <a href={link}>{t('sharing.download')}</a> : (
              <button type="button" className="button" onClick={() => getRequest(r.id).then((full) => setLink(full.downloadUrl ?? null), onError)}>{t('sharing.showLink')}</button>
            )}
          </>
        )}
      </td>
    </tr>
  );
}

function RegisterForm({ onRegistered, onError }: { onRegistered: (clientId: string, secret: string) => void; onError: (e: ApiError) => void }) {
  const { t } = useI18n();
  const [clientId, setClientId] = useState('');
  const [agency, setAgency] = useState('');
  const [contact, setContact] = useState('');
  const [decisionNumber, setDecisionNumber] = useState('');
  const [decisionDate, setDecisionDate] = useState(todayIso());
  const [issuer, setIssuer] = useState('');
  const [services, setServices] = useState<string[]>(['parcel-info']);
  const [units, setUnits] = useState('');
  const [personalData, setPersonalData] = useState(false);
  const [rate, setRate] = useState(60);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    registerConsumer({
      clientId, agency, contact: { name: contact, email: null, phone: null },
      decision: { number: decisionNumber, date: decisionDate, issuer },
      services, unitCodes: units.split(/[\s,;]+/).filter(Boolean), personalData, ratePerMinute: rate,
      validFrom: new Date(`${decisionDate}T00:00:00+07:00`).toISOString(), validTo: null,
    }).then((created) => onRegistered(created.clientId, created.clientSecret), onError);
  };
  const toggle = (code: string) => setServices((s) => (s.includes(code) ? s.filter((x) => x !== code) : [...s, code]));

  return (
    <form className="form" onSubmit={submit} data-testid="consumer-form">
      <h4>{t('sharing.register')}</h4>
      <Field label={t('sharing.clientId')}>{(id) => <input id={id} required pattern="[a-z0-9][a-z0-9._-]{2,63}" value={clientId} onChange={(e) => setClientId(e.target.value)} />}</Field>
      <Field label={t('sharing.agency')}>{(id) => <input id={id} required minLength={2} maxLength={300} value={agency} onChange={(e) => setAgency(e.target.value)} />}</Field>
      <Field label={t('sharing.contact')}>{(id) => <input id={id} required minLength={2} maxLength={200} value={contact} onChange={(e) => setContact(e.target.value)} />}</Field>
      <Field label={t('sharing.decisionNumber')}>{(id) => <input id={id} required maxLength={100} value={decisionNumber} onChange={(e) => setDecisionNumber(e.target.value)} />}</Field>
      <Field label={t('sharing.decisionDate')}>{(id) => <input id={id} type="date" required value={decisionDate} onChange={(e) => setDecisionDate(e.target.value)} />}</Field>
      <Field label={t('sharing.decisionIssuer')}>{(id) => <input id={id} required minLength={2} maxLength={300} value={issuer} onChange={(e) => setIssuer(e.target.value)} />}</Field>
      <fieldset>
        <legend>{t('sharing.services')}</legend>
        {SHARING_SERVICES.map((code) => (
          <label key={code}><input type="checkbox" checked={services.includes(code)} onChange={() => toggle(code)} /> {code}</label>
        ))}
      </fieldset>
      <Field label={t('sharing.units')} hint={t('sharing.unitsHint')}>{(id) => <input id={id} required value={units} onChange={(e) => setUnits(e.target.value)} />}</Field>
      <label><input type="checkbox" checked={personalData} onChange={(e) => setPersonalData(e.target.checked)} /> {t('sharing.personal')}</label>
      <Field label={t('sharing.rate')}>{(id) => <input id={id} type="number" min={1} max={100000} value={rate} onChange={(e) => setRate(Number(e.target.value))} />}</Field>
      <button type="submit" className="button primary">{t('sharing.registerSubmit')}</button>
    </form>
  );
}
