// The written document an account change rests on: number, date, issuing unit.
import type { DocumentRef } from '../../api';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/field';

export interface DocumentFieldsProps {
  readonly legend: string;
  readonly value: DocumentRef;
  readonly onChange: (value: DocumentRef) => void;
  /** Prefix of the data-testid of each input (doc → doc-number, doc-date, doc-issuer). */
  readonly testId?: string;
}

export const EMPTY_DOCUMENT: DocumentRef = { number: '', date: '', issuer: '' };

export function isDocumentComplete(document: DocumentRef): boolean {
  return document.number.trim() !== '' && /^\d{4}-\d{2}-\d{2}$/.test(document.date) && document.issuer.trim() !== '';
}

export function DocumentFields({ legend, value, onChange, testId = 'doc' }: DocumentFieldsProps) {
  const { t } = useI18n();
  return (
    <fieldset className="document-fields">
      <legend>{legend}</legend>
      <div className="field-row">
        <Field label={t('doc.number')}>
          {(id) => (
            <input id={id} data-testid={`${testId}-number`} required value={value.number}
              onChange={(event) => onChange({ ...value, number: event.target.value })} />
          )}
        </Field>
        <Field label={t('doc.date')}>
          {(id) => (
            <input id={id} type="date" data-testid={`${testId}-date`} required value={value.date}
              onChange={(event) => onChange({ ...value, date: event.target.value })} />
          )}
        </Field>
      </div>
      <Field label={t('doc.issuer')}>
        {(id) => (
          <input id={id} data-testid={`${testId}-issuer`} required value={value.issuer}
            onChange={(event) => onChange({ ...value, issuer: event.target.value })} />
        )}
      </Field>
    </fieldset>
  );
}
