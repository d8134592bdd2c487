import { useI18n } from '../../i18n';
import { statusLabel } from './account-labels';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge status-${status}`} data-testid="account-status" data-status={status}>
      {statusLabel(status, t)}
    </span>
  );
}
