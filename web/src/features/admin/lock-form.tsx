// Locking an account: why (compromised L2, departed L4, project accepted L3, other),
// on which document, with a note.
import { useState } from 'react';
import { lockAccount, type AccountDetail, type DocumentRef, type LockReason } from '../../api';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/field';
import { FormError } from '../../ui/form-error';
import { LOCK_REASONS, lockReasonLabel } from './account-labels';
import { DocumentFields, EMPTY_DOCUMENT, isDocumentComplete } from './document-fields';
import { useSubmit } from './use-submit';

export interface AccountFormProps {
  readonly account: AccountDetail;
  readonly onDone: (account: AccountDetail) => void;
  readonly onCancel: () => void;
}

export function LockForm({ account, onDone, onCancel }: AccountFormProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState<LockReason | ''>('');
  const [document, setDocument] = useState<DocumentRef>(EMPTY_DOCUMENT);
  const [note, setNote] = useState('');
  const form = useSubmit(
    () => (!reason ? t('lock.needReason') : !isDocumentComplete(document) ? t('form.needDocument') : null),
    () => lockAccount(account.id, { reason: reason as LockReason, note: note.trim(), document }),
    onDone,
  );
  return (
    <form className="action-form" data-testid="lock-form" onSubmit={form.submit} noValidate>
      <h4>{t('lock.title', { username: account.username })}</h4>
      <Field label={t('lock.reason')}>
        {(id) => (
          <select id={id} data-testid="lock-reason" required value={reason} onChange={(event) => setReason(event.target.value as LockReason | '')}>
            <option value="">{t('lock.reasonPlaceholder')}</option>
            {LOCK_REASONS.map((value) => (
              <option key={value} value={value}>
                {lockReasonLabel(value, t)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DocumentFields legend={t('lock.document')} value={document} onChange={setDocument} testId="lock-doc" />
      <NoteField value={note} onChange={setNote} />
      <FormError message={form.error} testId="lock-error" />
      <FormButtons busy={form.busy} submitLabel={t('action.lock')} danger onCancel={onCancel} />
    </form>
  );
}

export function NoteField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useI18n();
  return (
    <Field label={t('doc.note')}>
      {(id) => <textarea id={id} data-testid="note" rows={2} value={value} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  );
}

export function FormButtons({ busy, submitLabel, danger, onCancel }: { busy: boolean; submitLabel: string; danger?: boolean; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div className="form-actions">
      <button type="submit" className={danger ? 'button danger' : 'button primary'} data-testid="form-submit" disabled={busy}>
        {busy ? t('form.busy') : submitLabel}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        {t('form.cancel')}
      </button>
    </div>
  );
}
