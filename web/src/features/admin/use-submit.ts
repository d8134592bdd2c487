// Submitting a form to the API: busy while it runs, the server's message (in the chosen
// language) when refused, or the form's own complaint before sending anything.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import { useI18n } from '../../i18n';

export interface Submission {
  readonly busy: boolean;
  readonly error: string | null;
  readonly submit: (event: FormEvent) => void;
}

/** check returns a complaint (nothing is sent) or null; run sends. */
export function useSubmit<T>(check: () => string | null, run: () => Promise<T>, onDone: (value: T) => void): Submission {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const complaint = check();
    setError(complaint);
    if (complaint) return;
    setBusy(true);
    run().then(
      (value) => {
        setBusy(false);
        onDone(value);
      },
      (caught: unknown) => {
        setBusy(false);
        setError(caught instanceof ApiError ? caught.messages[lang] : t('form.failed'));
      },
    );
  };
  return { busy, error, submit };
}
