// The citizen's look-up (issue #7 item 7): anyone with a receipt code sees the status,
// the procedure, the day received and the expected return day; nothing else. Public.
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { ApiErrorBanner } from '../../ui/api-error-banner';
import { Field } from '../../ui/field';
import { formatDate } from '../../ui/format';
import { lookUp, type CitizenView } from './workflow-api';

export function LookupScreen() {
  const { t, lang, locale } = useI18n();
  const [code, setCode] = useState('');
  const [result, setResult] = useState<CitizenView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    lookUp(code.trim()).then(setResult, setError);
  };

  return (
    <main className="page-centre">
      <section className="card auth-card" data-testid="lookup">
        <h2>{t('lookup.title')}</h2>
        <p className="hint">{t('lookup.intro')}</p>
        <ApiErrorBanner error={error} onDismiss={() => setError(null)} />
        <form onSubmit={submit}>
          <Field label={t('lookup.code')}>
            {(id) => <input id={id} data-testid="lookup-code" value={code} pattern="[0-9]{2,5}-[0-9]{6}-[0-9]{4,6}" required onChange={(e) => setCode(e.target.value)} />}
          </Field>
          <button type="submit" className="button primary" data-testid="lookup-submit">{t('lookup.search')}</button>
        </form>
        {result && (
          <dl className="facts" data-testid="lookup-result">
            <dt>{t('lookup.code')}</dt>
            <dd>{result.receiptCode}</dd>
            <dt>{t('lookup.procedure')}</dt>
            <dd>{result.procedureName[lang]}</dd>
            <dt>{t('lookup.status')}</dt>
            <dd data-testid="lookup-status">{t(`workflow.status.${result.status}` as const)}</dd>
            <dt>{t('lookup.receivedOn')}</dt>
            <dd>{formatDate(result.receivedOn, locale)}</dd>
            <dt>{t('lookup.expected')}</dt>
            <dd data-testid="lookup-expected">{formatDate(result.expectedReturnOn, locale)}</dd>
          </dl>
        )}
      </section>
    </main>
  );
}
