import { useI18n } from '../../i18n';

/** A form being added up: the province's may take seconds, so say so. */
export function Waiting({ text }: { text?: string }) {
  const { t } = useI18n();
  return (
    <div className="stats-waiting" data-testid="stats-loading" role="status" aria-live="polite">
      <span className="loading-spinner" aria-hidden="true" />
      {text ?? t('stats.loadingReport')}
    </div>
  );
}
