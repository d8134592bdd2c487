// Sign-in: username and password, then the 6-digit code when the server asks for it
// (TOTP_REQUIRED). Errors are the server's own words, in the chosen language.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/field';
import { FormError } from '../../ui/form-error';
import { useSession } from './session-context';

export interface LoginScreenProps {
  /** Called once signed in. */
  readonly onSignedIn: () => void;
}

const TOTP = /^\d{6}$/;

export function LoginScreen({ onSignedIn }: LoginScreenProps) {
  const { t, lang } = useI18n();
  const session = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [askTotp, setAskTotp] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (askTotp && !TOTP.test(totp)) {
      setError(new ApiError('CLIENT', { vi: t('login.totpFormat'), en: t('login.totpFormat') }, 0));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await session.login({ username: username.trim(), password, ...(askTotp ? { totp } : {}) });
      onSignedIn();
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : null;
      if (apiError?.code === 'TOTP_REQUIRED') {
        // First time: ask for the code without calling it an error.
        setError(askTotp ? apiError : null);
        setAskTotp(true);
      } else {
        setError(apiError ?? new ApiError('CLIENT', { vi: t('login.failed'), en: t('login.failed') }, 0));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card auth-card" data-testid="login-form" onSubmit={(event) => void submit(event)} noValidate>
      <h2>{t('login.title')}</h2>
      <p className="hint">{t('login.intro')}</p>
      <Field label={t('login.username')}>
        {(id) => (
          <input
            id={id}
            data-testid="login-username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            disabled={askTotp}
          />
        )}
      </Field>
      <Field label={t('login.password')}>
        {(id) => (
          <input
            id={id}
            type="password"
            data-testid="login-password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            disabled={askTotp}
          />
        )}
      </Field>
      {askTotp && (
        <Field label={t('login.totp')} hint={t('login.totpHint')}>
          {(id) => (
            <input
              id={id}
              data-testid="login-totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{6}"
              maxLength={6}
              autoFocus
              value={totp}
              onChange={(event) => setTotp(event.target.value.replace(/\D/g, ''))}
            />
          )}
        </Field>
      )}
      <FormError message={error ? error.messages[lang] : null} testId="login-error" />
      <div className="form-actions">
        <button type="submit" className="button primary" data-testid="login-submit" disabled={busy || !username || !password}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        {askTotp && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setAskTotp(false);
              setTotp('');
              setError(null);
            }}
          >
            {t('login.back')}
          </button>
        )}
      </div>
    </form>
  );
}

