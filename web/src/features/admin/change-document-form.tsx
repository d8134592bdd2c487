// Unlocking or closing an account: the document that asks for it, and a note.
import { useState } from 'react';
import { closeAccount, unlockAccount, type DocumentRef } from '../../api';
import { useI18n } from '../../i18n';
import { FormError } from '../../ui/form-error';
import { DocumentFields, EMPTY_DOCUMENT, isDocumentComplete } from './document-fields';
import { FormButtons, NoteField, type AccountFormProps } from './lock-form';
import { useSubmit } from './use-submit';

export function ChangeDocumentForm({ kind, account, onDone, onCancel }: AccountFormProps & { kind: 'unlock' | 'close' }) {
  const { t } = useI18n();
  const [document, setDocument] = useState<DocumentRef>(EMPTY_DOCUMENT);
  const [note, setNote] = useState('');
  const form = useSubmit(
    () => (isDocumentComplete(document) ? null : t('form.needDocument')),
    () => (kind === 'unlock' ? unlockAccount : closeAccount)(account.id, { note: note.trim(), document }),
    onDone,
  );
  return (
    <form className="action-form" data-testid={`${kind}-form`} onSubmit={form.submit} noValidate>
      <h4>{t(kind === 'unlock' ? 'unlock.title' : 'close.title', { username: account.username })}</h4>
      {kind === 'close' && <p className="notice">{t('close.warning')}</p>}
      <DocumentFields legend={t('doc.basis')} value={document} onChange={setDocument} testId={`${kind}-doc`} />
      <NoteField value={note} onChange={setNote} />
      <FormError message={form.error} testId={`${kind}-error`} />
      <FormButtons busy={form.busy} submitLabel={t(kind === 'unlock' ? 'action.unlock' : 'action.close')} danger={kind === 'close'} onCancel={onCancel} />
    </form>
  );
}
