// Changing an account's rights (A5): the new role + unit pairs, on the written request
// of the head of the holder's unit.
import { useState } from 'react';
import { changeGrants, type DocumentRef, type Grant } from '../../api';
import { useI18n } from '../../i18n';
import { FormError } from '../../ui/form-error';
import { DocumentFields, EMPTY_DOCUMENT, isDocumentComplete } from './document-fields';
import { completeGrants, GrantsEditor } from './grants-editor';
import { FormButtons, type AccountFormProps } from './lock-form';
import { useSubmit } from './use-submit';

export function GrantsChangeForm({ account, onDone, onCancel }: AccountFormProps) {
  const { t } = useI18n();
  const [grants, setGrants] = useState<Grant[]>(() => account.grants.map(({ role, unitCode }) => ({ role, unitCode })));
  const [document, setDocument] = useState<DocumentRef>(EMPTY_DOCUMENT);
  const form = useSubmit(
    () => (!completeGrants(grants, true) ? t('request.needGrants') : !isDocumentComplete(document) ? t('form.needDocument') : null),
    () => changeGrants(account.id, { grants, document }),
    onDone,
  );
  return (
    <form className="action-form" data-testid="grants-form" onSubmit={form.submit} noValidate>
      <h4>{t('grants.title', { username: account.username })}</h4>
      <GrantsEditor grants={grants} onChange={setGrants} allowEmpty />
      {grants.length === 0 && <p className="notice">{t('grants.none')}</p>}
      <DocumentFields legend={t('grants.document')} value={document} onChange={setDocument} testId="grants-doc" />
      <FormError message={form.error} testId="grants-error" />
      <FormButtons busy={form.busy} submitLabel={t('grants.submit')} onCancel={onCancel} />
    </form>
  );
}
