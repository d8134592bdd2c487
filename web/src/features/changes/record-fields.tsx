// The edits of the changes to the land record itself: new purposes, a split (the
// cutting line is clicked on the map), a merge (the other parcels of the unit) and a
// certificate exchange or reissue.
import type { CodeItem, LandUseCode } from '../../api';
import { useI18n, type Language } from '../../i18n';
import { EMPTY_PURPOSE, type PurposeDraft, type ReissueDraft } from './change-draft';
import { FieldFault, TextInput } from './form-parts';
import type { DraftFieldsProps } from './mortgage-fields';

export const codeName = (item: CodeItem, lang: Language): string =>
  item.name?.[lang] ?? (lang === 'vi' ? item.nameVi : item.nameEn) ?? item.code;

export function PurposesEditor({ draft, update, fault, landUseCodes, origins }: DraftFieldsProps & {
  landUseCodes: readonly LandUseCode[]; origins: readonly CodeItem[];
}) {
  const { t, lang } = useI18n();
  const set = (i: number, patch: Partial<PurposeDraft>) => update({ purposes: draft.purposes.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  return (
    <fieldset className="change-fieldset" data-testid="purposes-editor">
      <legend>{t('purposeForm.title')}</legend>
      {draft.purposes.map((p, i) => (
        <div className="holder-row" key={i}>
          <label className="field">
            <span>{t('purposeForm.code')}</span>
            <select value={p.landUseCode} onChange={(e) => set(i, { landUseCode: e.target.value })} data-testid="purpose-code">
              <option value="">—</option>
              {landUseCodes.map((c) => <option key={c.code} value={c.code}>{c.code} — {lang === 'vi' ? c.nameVi : c.nameEn}</option>)}
            </select>
          </label>
          <div className="field-pair">
            <TextInput label={t('purposeForm.area')} at={`edits/purposes/${i}/area`} value={p.area} fault={fault}
              inputMode="decimal" onChange={(area) => set(i, { area })} />
            <TextInput label={t('purposeForm.term')} at={`edits/purposes/${i}/termEnd`} type="date" value={p.termEnd} fault={fault}
              onChange={(termEnd) => set(i, { termEnd })} />
          </div>
          <label className="field">
            <span>{t('purposeForm.origin')}</span>
            <select value={p.originCode} onChange={(e) => set(i, { originCode: e.target.value })} data-testid="purpose-origin">
              <option value="">—</option>
              {origins.map((o) => <option key={o.code} value={o.code}>{codeName(o, lang)}</option>)}
            </select>
          </label>
        </div>
      ))}
      <button type="button" className="button small" onClick={() => update({ purposes: [...draft.purposes, EMPTY_PURPOSE] })}>
        {t('purposeForm.add')}
      </button>
      <FieldFault fault={fault} at="edits/purposes" />
    </fieldset>
  );
}

export function SplitFields({ line, setLine, fault }: Pick<DraftFieldsProps, 'fault'> & {
  line: readonly (readonly [number, number])[]; setLine: (line: readonly (readonly [number, number])[]) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="change-fieldset" data-testid="split-fields">
      <p className="notice">{t('splitForm.hint')}</p>
      <p data-testid="split-points">{t('splitForm.points', { count: line.length })}</p>
      <div className="form-actions">
        <button type="button" className="button small" disabled={line.length === 0} onClick={() => setLine(line.slice(0, -1))}>{t('splitForm.undo')}</button>
        <button type="button" className="button small" disabled={line.length === 0} onClick={() => setLine([])}>{t('splitForm.clear')}</button>
      </div>
      <FieldFault fault={fault} at="edits/line" />
      <FieldFault fault={fault} at="edits/parts" />
    </fieldset>
  );
}

export function MergeFields({ draft, update, fault }: DraftFieldsProps) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<{ sheet: string; parcel: string }>) =>
    update({ merge: draft.merge.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  return (
    <fieldset className="change-fieldset" data-testid="merge-fields">
      <legend>{t('mergeForm.title')}</legend>
      {draft.merge.map((m, i) => (
        <div className="field-pair" key={i}>
          <TextInput label={t('mergeForm.sheet')} at={`edits/with/${i}/sheetNumber`} value={m.sheet} fault={fault} inputMode="numeric" onChange={(sheet) => set(i, { sheet })} />
          <TextInput label={t('mergeForm.parcel')} at={`edits/with/${i}/parcelNumber`} value={m.parcel} fault={fault} inputMode="numeric" onChange={(parcel) => set(i, { parcel })} />
        </div>
      ))}
      <button type="button" className="button small" onClick={() => update({ merge: [...draft.merge, { sheet: '', parcel: '' }] })}>{t('mergeForm.add')}</button>
      <FieldFault fault={fault} at="edits/with" />
    </fieldset>
  );
}

export function ReissueFields({ draft, update, fault, forms }: DraftFieldsProps & { forms: readonly CodeItem[] }) {
  const { t, lang } = useI18n();
  const r = draft.reissue;
  const set = (patch: Partial<ReissueDraft>) => update({ reissue: { ...r, ...patch } });
  const formCodes = forms.length > 0 ? forms : [{ code: 'gcn_2024' }];
  return (
    <fieldset className="change-fieldset" data-testid="reissue-fields">
      <TextInput label={t('reissueForm.oldSerial')} at="edits/certificateSerial" value={r.oldSerial} fault={fault} onChange={(v) => set({ oldSerial: v.toUpperCase() })} />
      <label className="field">
        <span>{t('reissueForm.reason')}</span>
        <select value={r.reason} onChange={(e) => set({ reason: e.target.value as ReissueDraft['reason'] })}>
          <option value="exchange">{t('reissueForm.exchange')}</option>
          <option value="lost">{t('reissueForm.lost')}</option>
        </select>
      </label>
      <legend>{t('reissueForm.newTitle')}</legend>
      <div className="field-pair">
        <TextInput label={t('certificates.serial')} at="edits/newCertificate/serial" value={r.serial} fault={fault} onChange={(v) => set({ serial: v.toUpperCase() })} />
        <label className="field">
          <span>{t('certificates.form')}</span>
          <select value={r.form} onChange={(e) => set({ form: e.target.value })}>
            {formCodes.map((f) => <option key={f.code} value={f.code}>{codeName(f, lang)}</option>)}
          </select>
        </label>
      </div>
      <div className="field-pair">
        <TextInput label={t('certificates.entry')} at="edits/newCertificate/entryNumber" value={r.entryNumber} fault={fault} onChange={(entryNumber) => set({ entryNumber })} />
        <TextInput label={t('certificates.issuedOn')} at="edits/newCertificate/issuedOn" type="date" value={r.issuedOn} fault={fault} onChange={(issuedOn) => set({ issuedOn })} />
      </div>
      <TextInput label={t('certificates.issuer')} at="edits/newCertificate/issuer" value={r.issuer} fault={fault} onChange={(issuer) => set({ issuer })} />
      <FieldFault fault={fault} at="edits/newCertificate" />
    </fieldset>
  );
}
