// Changing one's password: the current one, the new one twice, the policy beside it
// with the rules lit as they are met. The server has the last word and says which
// rule a refused password breaks.
import { useState, type FormEvent } from 'react';
import { ApiError, changePassword } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { Field } from '../../ui/field';
import { FormError } from '../../ui/form-error';
import { checkPassword, type PolicyRule } from './password-policy';

export interface ChangePasswordFormProps {
  readonly username: string;
  /** The holder must change it now (first sign-in, reset). */
  readonly forced: boolean;
  readonly onChanged: () => void;
}

const RULE_TEXT: Record<PolicyRule, MessageKey> = {
  length: 'password.rule.length',
  classes: 'password.rule.classes',
  personal: 'password.rule.personal',
};

export function ChangePasswordForm({ username, forced, onChanged }: ChangePasswordFormProps) {
  const { t, lang } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const checks = checkPassword(next, { username });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next !== repeat) {
      setError(t('password.mismatch'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, next);
      setDone(true);
      setCurrent('');
      setNext('');
      setRepeat('');
      onChanged();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.messages[lang] : t('password.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card auth-card" data-testid="password-form" onSubmit={(event) => void submit(event)} noValidate>
      <h2>{forced ? t('password.forcedTitle') : t('password.title')}</h2>
      {forced && (
        <p className="notice" data-testid="password-forced">
          {t('password.forcedIntro')}
        </p>
      )}
      <section className="policy" aria-labelledby="policy-title" data-testid="password-policy">
        <h3 id="policy-title">{t('password.policy')}</h3>
        <ul>
          {checks.map((check) => (
            <li key={check.rule} data-met={check.met === null ? 'unknown' : String(check.met)}>
              <span aria-hidden="true">{check.met === null ? '•' : check.met ? '✓' : '✗'}</span> {t(RULE_TEXT[check.rule])}
            </li>
          ))}
        </ul>
      </section>
      <input type="text" className="visually-hidden" tabIndex={-1} aria-hidden="true" autoComplete="username" value={username} readOnly />
      <Field label={t('password.current')}>
        {(id) => (
          <input id={id} type="password" data-testid="password-current" autoComplete="current-password" required
            value={current} onChange={(event) => setCurrent(event.target.value)} />
        )}
      </Field>
      <Field label={t('password.new')}>
        {(id) => (
          <input id={id} type="password" data-testid="password-new" autoComplete="new-password" required
            value={next} onChange={(event) => setNext(event.target.value)} />
        )}
      </Field>
      <Field label={t('password.repeat')}>
        {(id) => (
          <input id={id} type="password" data-testid="password-repeat" autoComplete="new-password" required
            value={repeat} onChange={(event) => setRepeat(event.target.value)} />
        )}
      </Field>
      <FormError message={error} testId="password-error" />
      {done && !forced && (
        <p className="success" role="status" data-testid="password-done">
          {t('password.done')}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" data-testid="password-submit" disabled={busy || !current || !next || !repeat}>
          {busy ? t('password.busy') : t('password.submit')}
        </button>
      </div>
    </form>
  );
}
