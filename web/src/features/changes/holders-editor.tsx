// New right holders of a transfer, inheritance, gift or capital contribution: each an
// existing party (by id) or a new person, with a share; the total is shown as typed.
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import { formatCount } from '../../ui/format';
import { EMPTY_HOLDER, PARTY_KINDS, shareTotal, sharesComplete, type HolderDraft } from './change-draft';
import { FieldFault, TextInput, type Fault } from './form-parts';

export interface HoldersEditorProps {
  readonly holders: readonly HolderDraft[];
  readonly onChange: (holders: readonly HolderDraft[]) => void;
  readonly fault: Fault | null;
}

export function HoldersEditor({ holders, onChange, fault }: HoldersEditorProps) {
  const { t, locale } = useI18n();
  const total = shareTotal(holders);
  const complete = sharesComplete(total);
  const update = (i: number, patch: Partial<HolderDraft>) => onChange(holders.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  return (
    <fieldset className="change-fieldset" data-testid="holders-editor">
      <legend>{t('holdersForm.title')}</legend>
      {holders.map((h, i) => (
        <HolderRow key={i} index={i} holder={h} fault={fault} onChange={(patch) => update(i, patch)}
          onRemove={holders.length > 1 ? () => onChange(holders.filter((_, j) => j !== i)) : null} />
      ))}
      <button type="button" className="button small" data-testid="holder-add" onClick={() => onChange([...holders, { ...EMPTY_HOLDER, share: '' }])}>
        {t('holdersForm.add')}
      </button>
      <p className={complete ? 'share-total ok' : 'share-total bad'} data-testid="share-total" data-complete={complete} aria-live="polite">
        {t('holdersForm.total', { total: formatCount(Math.round(total * 10000) / 10000, locale) })} —{' '}
        {complete ? t('holdersForm.totalOk') : t('holdersForm.totalBad')}
      </p>
      <FieldFault fault={fault} at="edits/to" />
    </fieldset>
  );
}

interface HolderRowProps {
  readonly index: number;
  readonly holder: HolderDraft;
  readonly fault: Fault | null;
  readonly onChange: (patch: Partial<HolderDraft>) => void;
  readonly onRemove: (() => void) | null;
}

function HolderRow({ index, holder: h, fault, onChange, onRemove }: HolderRowProps) {
  const { t } = useI18n();
  const base = `edits/to/${index}`;
  return (
    <div className="holder-row" data-testid="holder-row">
      <div className="mode-switch" role="radiogroup">
        {(['new', 'existing'] as const).map((mode) => (
          <label key={mode}>
            <input type="radio" name={`holder-mode-${index}`} checked={h.mode === mode} onChange={() => onChange({ mode })} />
            {t(mode === 'new' ? 'holdersForm.new' : 'holdersForm.existing')}
          </label>
        ))}
        {onRemove && <button type="button" className="link-button" onClick={onRemove}>{t('holdersForm.remove')}</button>}
      </div>
      {h.mode === 'existing' ? (
        <TextInput label={t('holdersForm.partyId')} at={`${base}/partyId`} value={h.partyId} fault={fault}
          testId="holder-party-id" onChange={(partyId) => onChange({ partyId })} />
      ) : (
        <>
          <label className="field">
            <span>{t('holdersForm.kind')}</span>
            <select value={h.kind} data-testid="holder-kind" onChange={(e) => onChange({ kind: e.target.value })}>
              {PARTY_KINDS.map((kind) => <option key={kind} value={kind}>{t(`partyKind.${kind}` as MessageKey)}</option>)}
            </select>
          </label>
          <TextInput label={t('holdersForm.fullName')} at={`${base}/party/fullName`} value={h.fullName} fault={fault}
            testId="holder-full-name" onChange={(fullName) => onChange({ fullName })} />
          <div className="field-pair">
            <TextInput label={t('holdersForm.idNumber')} at={`${base}/party/idNumber`} value={h.idNumber} fault={fault}
              testId="holder-id-number" inputMode="numeric" onChange={(idNumber) => onChange({ idNumber: idNumber.toUpperCase() })} />
            <TextInput label={t('holdersForm.birthYear')} at={`${base}/party/birthYear`} value={h.birthYear} fault={fault}
              testId="holder-birth-year" inputMode="numeric" onChange={(birthYear) => onChange({ birthYear })} />
          </div>
          <TextInput label={t('holdersForm.address')} at={`${base}/party/address`} value={h.address} fault={fault}
            testId="holder-address" onChange={(address) => onChange({ address })} />
        </>
      )}
      <TextInput label={t('holdersForm.share')} hint={t('holdersForm.shareHint')} at={`${base}/share`} value={h.share}
        fault={fault} testId="holder-share" inputMode="decimal" onChange={(share) => onChange({ share })} />
      <FieldFault fault={fault} at={base} />
    </div>
  );
}
