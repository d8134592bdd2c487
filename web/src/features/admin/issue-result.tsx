// The initial password, shown once, right after issuing: the holder must change it at
// the first sign-in (and within a week, L1).
import type { IssuedAccount } from '../../api';
import { useI18n } from '../../i18n';
import { CopyButton } from '../../ui/copy-button';

export function IssueResult({ issued, onDismiss }: { issued: IssuedAccount; onDismiss: () => void }) {
  const { t } = useI18n();
  return (
    <div className="issue-result" role="status" data-testid="issue-result">
      <p>
        <strong>{t('issue.done', { username: issued.account.username })}</strong>
      </p>
      <p className="password-line">
        <span>{t('issue.password')}</span>
        <code data-testid="initial-password">{issued.initialPassword}</code>
        <CopyButton text={issued.initialPassword} label={t('issue.copy')} copiedLabel={t('issue.copied')} testId="copy-password" />
      </p>
      <p className="hint">{t('issue.once')}</p>
      <p className="hint">{t('issue.mustChange')}</p>
      <button type="button" className="button small" data-testid="issue-dismiss" onClick={onDismiss}>
        {t('issue.dismiss')}
      </button>
    </div>
  );
}
