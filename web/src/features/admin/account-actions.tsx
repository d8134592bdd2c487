// What may be done to an account in its present state (the server's transitions), one
// form open at a time: issue (requested; closed: issue again), lock / unlock (L2-L4),
// close, change rights (A5).
import { useState } from 'react';
import { ApiError, issueAccount, type AccountDetail, type IssuedAccount } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { FormError } from '../../ui/form-error';
import { ChangeDocumentForm } from './change-document-form';
import { GrantsChangeForm } from './grants-change-form';
import { IssueResult } from './issue-result';
import { LockForm } from './lock-form';

type Action = 'lock' | 'unlock' | 'close' | 'grants';

const ACTIONS_BY_STATUS: Record<string, readonly Action[]> = {
  requested: ['grants', 'close'],
  issued: ['lock', 'grants', 'close'],
  active: ['lock', 'grants', 'close'],
  locked: ['unlock', 'grants', 'close'],
  closed: [],
};
const ISSUABLE = new Set(['requested', 'closed']);

const ACTION_LABEL: Record<Action, MessageKey> = {
  lock: 'action.lock',
  unlock: 'action.unlock',
  close: 'action.close',
  grants: 'action.grants',
};

export interface AccountActionsProps {
  readonly account: AccountDetail;
  readonly onChanged: (account: AccountDetail) => void;
}

export function AccountActions({ account, onChanged }: AccountActionsProps) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState<Action | null>(null);
  const [issued, setIssued] = useState<IssuedAccount | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const actions = ACTIONS_BY_STATUS[account.status] ?? [];

  const issue = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await issueAccount(account.id);
      setIssued(result);
      onChanged(result.account);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.messages[lang] : t('form.failed'));
    } finally {
      setBusy(false);
    }
  };

  const done = (next: AccountDetail) => {
    setOpen(null);
    onChanged(next);
  };

  return (
    <section className="card account-actions" data-testid="account-actions">
      <h3>{t('action.title')}</h3>
      {issued && <IssueResult issued={issued} onDismiss={() => setIssued(null)} />}
      <div className="action-buttons">
        {ISSUABLE.has(account.status) && (
          <button type="button" className="button primary" data-testid="action-issue" disabled={busy} onClick={() => void issue()}>
            {account.status === 'closed' ? t('action.reissue') : t('action.issue')}
          </button>
        )}
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={`button${action === 'close' || action === 'lock' ? ' danger' : ''}`}
            data-testid={`action-${action}`}
            aria-pressed={open === action}
            onClick={() => setOpen(open === action ? null : action)}
          >
            {t(ACTION_LABEL[action])}
          </button>
        ))}
      </div>
      <FormError message={error} testId="action-error" />
      {open === 'lock' && <LockForm account={account} onDone={done} onCancel={() => setOpen(null)} />}
      {(open === 'unlock' || open === 'close') && (
        <ChangeDocumentForm kind={open} account={account} onDone={done} onCancel={() => setOpen(null)} />
      )}
      {open === 'grants' && <GrantsChangeForm account={account} onDone={done} onCancel={() => setOpen(null)} />}
    </section>
  );
}
