// The edits of a mortgage (lender, contract, amount) and of its release (the mortgage
// in force to end, picked from the parcel's restrictions).
import type { ParcelRestriction } from '../../api';
import { useI18n } from '../../i18n';
import { formatCount, formatDate } from '../../ui/format';
import type { ChangeDraft } from './change-draft';
import { FieldFault, TextInput, type Fault } from './form-parts';

export interface DraftFieldsProps {
  readonly draft: ChangeDraft;
  readonly update: (patch: Partial<ChangeDraft>) => void;
  readonly fault: Fault | null;
}

export function MortgageFields({ draft, update, fault }: DraftFieldsProps) {
  const { t } = useI18n();
  return (
    <fieldset className="change-fieldset">
      <TextInput label={t('mortgageForm.lender')} at="edits/lender" value={draft.lenderName} fault={fault}
        testId="mortgage-lender" onChange={(lenderName) => update({ lenderName })} />
      <TextInput label={t('mortgageForm.contract')} at="edits/contractRef" value={draft.contractRef} fault={fault}
        testId="mortgage-contract" onChange={(contractRef) => update({ contractRef })} />
      <TextInput label={t('mortgageForm.amount')} at="edits/amount" value={draft.amount} fault={fault}
        testId="mortgage-amount" inputMode="numeric" onChange={(amount) => update({ amount })} />
    </fieldset>
  );
}

export function ReleaseFields({ draft, update, fault, restrictions }: DraftFieldsProps & { restrictions: readonly ParcelRestriction[] | null }) {
  const { t, locale } = useI18n();
  if (restrictions && restrictions.length === 0) return <p className="hint">{t('releaseForm.none')}</p>;
  return (
    <fieldset className="change-fieldset" data-testid="release-fields">
      <legend>{t('releaseForm.pick')}</legend>
      {!restrictions && <p className="hint">{t('loading')}</p>}
      {restrictions?.map((r) => (
        <label key={r.id} className="radio-line">
          <input type="radio" name="restriction" value={r.id} checked={draft.restrictionId === r.id}
            onChange={() => update({ restrictionId: r.id })} data-testid="release-pick" />
          <span>
            {t('history.mortgage', { holder: r.holderName })}
            {r.contractRef ? ` · ${r.contractRef}` : ''}
            {r.amount !== null ? ` · ${formatCount(Number(r.amount), locale)} đ` : ''} · {t('history.since', { date: formatDate(r.validFrom, locale) })}
          </span>
        </label>
      ))}
      <FieldFault fault={fault} at="edits/restrictionId" />
    </fieldset>
  );
}
