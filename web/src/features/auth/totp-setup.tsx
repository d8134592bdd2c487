// Enrolling a second factor (A7): the server makes a secret, the holder adds it to an
// authenticator app and proves it with a code. Some roles require it (the Department's
// administrators): until it is done, those accounts see only this screen.
import { useState, type FormEvent } from 'react';
import { ApiError, confirmTotp, startTotp, type TotpSetup } from '../../api';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/field';
import { FormError } from '../../ui/form-error';

export interface TotpSetupFormProps {
  readonly forced: boolean;
  readonly enabled: boolean;
  readonly onEnabled: () => void;
}

/** The secret in groups of four, as authenticator apps show and take it. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

export function TotpSetupForm({ forced, enabled, onEnabled }: TotpSetupFormProps) {
  const { t, lang } = useI18n();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.messages[lang] : t('totp.failed'));
    } finally {
      setBusy(false);
    }
  };
  const begin = () => run(async () => setSetup(await startTotp()));
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await confirmTotp(code);
      setDone(true);
      onEnabled();
    });
  };

  return (
    <section className="card auth-card" data-testid="totp-setup">
      <h2>{t('totp.title')}</h2>
      {forced && <p className="notice">{t('totp.forcedIntro')}</p>}
      {done || (enabled && !setup) ? (
        <p className="success" role="status" data-testid="totp-done">
          {t('totp.enabled')}
        </p>
      ) : !setup ? (
        <>
          <p className="hint">{t('totp.intro')}</p>
          <div className="form-actions">
            <button type="button" className="button primary" data-testid="totp-start" disabled={busy} onClick={() => void begin()}>
              {t('totp.start')}
            </button>
          </div>
        </>
      ) : (
        <form className="totp-steps" onSubmit={confirm} noValidate>
          <ol>
            <li>{t('totp.step1')}</li>
            <li>
              {t('totp.step2')}
              <code className="totp-secret" data-testid="totp-secret" data-secret={setup.secret}>
                {groupSecret(setup.secret)}
              </code>
              <a href={setup.otpauthUri}>{t('totp.openApp')}</a>
            </li>
            <li>{t('totp.step3')}</li>
          </ol>
          <Field label={t('login.totp')}>
            {(id) => (
              <input id={id} data-testid="totp-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6}
                value={code} onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))} />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button primary" data-testid="totp-confirm" disabled={busy || code.length !== 6}>
              {t('totp.confirm')}
            </button>
          </div>
        </form>
      )}
      <FormError message={error} testId="totp-error" />
    </section>
  );
}
