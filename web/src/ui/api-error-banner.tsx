// An error from the API shown at the top of a screen, in the chosen language, with its
// code and request id for the help desk.
import type { ApiError } from '../api';
import { useI18n } from '../i18n';
import { ErrorBanner } from './error-banner';

export function ApiErrorBanner({ error, onDismiss }: { readonly error: ApiError | null; readonly onDismiss: () => void }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  return (
    <ErrorBanner
      title={t('error.title')}
      message={error.messages[lang]}
      detail={error.requestId ? `${error.code} · ${error.requestId}` : error.code}
      dismissLabel={t('error.dismiss')}
      onDismiss={onDismiss}
    />
  );
}
