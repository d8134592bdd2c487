// The dossier's exchanges with the tax authority (issue #7 item 4): where the land
// information is, the notice's amounts (land use fee, registration fee, personal income
// tax), the payment; an officer confirms a payment from the citizen's receipt.
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/field';
import { formatCount, formatDate, formatDateTime, todayIso } from '../../ui/format';
import { confirmTaxPayment, type Dossier, type ExchangeMessage } from './workflow-api';

export function TaxExchangePanel({ dossier, onError, onChanged }: { dossier: Dossier; onError: (e: ApiError) => void; onChanged: () => void }) {
  const { t } = useI18n();
  const tax = dossier.exchanges.filter((m) => m.party === 'tax');
  if (tax.length === 0 && !dossier.steps.some((s) => s.externalParty === 'tax')) return null;
  return (
    <section data-testid="tax-exchange">
      <h4>{t('tax.title')}</h4>
      {tax.length === 0 && <p>{t('tax.none')}</p>}
      {tax.map((m) => (
        <TaxMessage key={m.id} message={m} dossier={dossier} onError={onError} onChanged={onChanged} />
      ))}
    </section>
  );
}

function TaxMessage({ message: m, dossier, onError, onChanged }: { message: ExchangeMessage; dossier: Dossier; onError: (e: ApiError) => void; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const money = (n: number) => `${formatCount(n, locale)} đ`;
  const [paidOn, setPaidOn] = useState(todayIso());
  const [receipt, setReceipt] = useState('');
  const [amount, setAmount] = useState(String(m.response?.total ?? ''));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirmTaxPayment(dossier.id, { noticeNumber: m.noticeNumber!, paidOn, amount: Number(amount), receiptNumber: receipt }).then(onChanged, onError);
  };
  return (
    <div className="workflow-documents" data-testid="tax-message">
      <p>
        <strong data-testid="tax-status">{t(`tax.status.${m.status}` as const)}</strong> · {formatDateTime(m.createdAt, locale)}
        {m.reference && ` · ${t('tax.reference')}: ${m.reference}`}
        {m.status === 'queued' && m.attempts > 0 && ` · ${t('tax.attempts', { count: m.attempts })}`}
      </p>
      {m.lastError && m.status === 'queued' && <p className="error">{t('tax.lastError', { error: m.lastError })}</p>}
      {m.response && (
        <dl className="facts" data-testid="tax-notice">
          <dt>{t('tax.notice')}</dt>
          <dd>{m.noticeNumber}</dd>
          <dt>{t('tax.landUseFee')}</dt>
          <dd>{money(m.response.landUseFee)}</dd>
          <dt>{t('tax.registrationFee')}</dt>
          <dd>{money(m.response.registrationFee)}</dd>
          <dt>{t('tax.personalIncomeTax')}</dt>
          <dd>{money(m.response.personalIncomeTax)}</dd>
          <dt>{t('tax.total')}</dt>
          <dd><strong>{money(m.response.total)}</strong></dd>
          {m.response.paymentDueOn && (<><dt>{t('tax.dueOn')}</dt><dd>{formatDate(m.response.paymentDueOn, locale)}</dd></>)}
          {m.payment && (<><dt>{t('tax.paidOn')}</dt><dd>{formatDate(m.payment.paidOn, locale)} · {m.payment.receiptNumber} · {money(m.payment.amount)}</dd></>)}
        </dl>
      )}
      {m.status === 'answered' && dossier.status === 'waiting_external' && (
        <form className="workflow-actions" onSubmit={submit}>
          <Field label={t('tax.paidOn')}>{(id) => <input id={id} type="date" required value={paidOn} onChange={(e) => setPaidOn(e.target.value)} />}</Field>
          <Field label={t('tax.amount')}>{(id) => <input id={id} type="number" min={0} required value={amount} onChange={(e) => setAmount(e.target.value)} />}</Field>
          <Field label={t('tax.receipt')}>{(id) => <input id={id} required value={receipt} onChange={(e) => setReceipt(e.target.value)} data-testid="tax-receipt" />}</Field>
          <button type="submit" className="button primary" data-testid="tax-confirm">{t('tax.confirm')}</button>
        </form>
      )}
    </div>
  );
}
