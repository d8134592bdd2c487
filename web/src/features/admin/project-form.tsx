// A contractor project (A6): contractors get accounts only under an approved
// construction plan, limited to the project's units and period.
import { useState } from 'react';
import { createProject, type DocumentRef, type Project } from '../../api';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/field';
import { FormError } from '../../ui/form-error';
import { useAdminReference } from './admin-reference';
import { DocumentFields, EMPTY_DOCUMENT, isDocumentComplete } from './document-fields';
import { FormButtons } from './lock-form';
import { UnitChecklist } from './unit-checklist';
import { useSubmit } from './use-submit';

export function ProjectForm({ onDone, onCancel }: { onDone: (project: Project) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { communes, districts } = useAdminReference();
  const [name, setName] = useState('');
  const [contractNumber, setContractNumber] = useState('');
  const [planDocument, setPlanDocument] = useState<DocumentRef>(EMPTY_DOCUMENT);
  const [unitCodes, setUnitCodes] = useState<string[]>([]);
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const form = useSubmit(
    () => {
      if (!name.trim() || !contractNumber.trim()) return t('project.needName');
      if (!isDocumentComplete(planDocument)) return t('form.needDocument');
      if (unitCodes.length === 0) return t('project.needUnits');
      if (!validFrom || !validTo || validTo < validFrom) return t('project.needPeriod');
      return null;
    },
    () => createProject({ name: name.trim(), contractNumber: contractNumber.trim(), planDocument, unitCodes, validFrom, validTo }),
    onDone,
  );
  return (
    <form className="card action-form" data-testid="project-form" onSubmit={form.submit} noValidate>
      <h3>{t('project.newTitle')}</h3>
      <div className="field-grid">
        <Field label={t('project.name')}>
          {(id) => <input id={id} data-testid="project-name" required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t('project.contract')}>
          {(id) => (
            <input id={id} data-testid="project-contract" required value={contractNumber} onChange={(e) => setContractNumber(e.target.value)} />
          )}
        </Field>
        <Field label={t('project.validFrom')}>
          {(id) => <input id={id} type="date" data-testid="project-from" required value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />}
        </Field>
        <Field label={t('project.validTo')}>
          {(id) => <input id={id} type="date" data-testid="project-to" required value={validTo} onChange={(e) => setValidTo(e.target.value)} />}
        </Field>
      </div>
      <DocumentFields legend={t('project.plan')} value={planDocument} onChange={setPlanDocument} testId="project-plan" />
      <fieldset>
        <legend>{t('project.units')}</legend>
        <UnitChecklist units={[...districts, ...communes]} value={unitCodes} onChange={setUnitCodes} />
      </fieldset>
      <FormError message={form.error} testId="project-error" />
      <FormButtons busy={form.busy} submitLabel={t('project.create')} onCancel={onCancel} />
    </form>
  );
}
