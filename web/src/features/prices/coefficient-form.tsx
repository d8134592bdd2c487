// An adjustment coefficient of the table (hệ số điều chỉnh giá đất: the method of Luật Đất
// đai 2024 Điều 158 khoản 5, detailed in Nghị định 71/2024/NĐ-CP; verify: the article the
// province's decision cites): for the whole province or one unit, every land use or one
// code, over a period, by decision.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/field';
import { FormError } from '../../ui/form-error';
import { todayIso } from '../../ui/format';
import { FormButtons } from '../admin/lock-form';
import { useSubmit } from '../admin/use-submit';
import { addPriceCoefficient } from './price-api';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function CoefficientForm({ tableId, onAdded }: { tableId: string; onAdded: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const [unitCode, setUnitCode] = useState('');
  const [landUseCode, setLandUseCode] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(todayIso());
  const [issuer, setIssuer] = useState('Ủy ban nhân dân tỉnh');

  const form = useSubmit(
    () => {
      const coefficient = Number(value);
      if (!(coefficient > 0 && coefficient <= 100)) return t('priceAdmin.check.coefficient');
      if (unitCode && !/^\d{2,5}$/.test(unitCode)) return t('priceAdmin.check.unit');
      if (landUseCode && !/^[A-Z]{3}$/.test(landUseCode)) return t('priceAdmin.check.landUse');
      if (!DATE.test(validFrom) || !DATE.test(date)) return t('priceAdmin.check.dates');
      if (validTo && (!DATE.test(validTo) || validTo <= validFrom)) return t('priceAdmin.check.validTo');
      if (!number.trim() || !issuer.trim()) return t('priceAdmin.check.required');
      return null;
    },
    () =>
      addPriceCoefficient(tableId, {
        coefficient: Number(value),
        unitCode: unitCode || null,
        landUseCode: landUseCode || null,
        validFrom,
        validTo: validTo || null,
        decision: { number: number.trim(), date, issuer: issuer.trim() },
      }),
    () => {
      setOpen(false);
      setValue('');
      onAdded();
    },
  );

  if (!open) {
    return (
      <div className="editor-upload">
        <h4>{t('priceAdmin.coefficients')}</h4>
        <button type="button" className="button" data-testid="coefficient-new" onClick={() => setOpen(true)}>
          {t('priceAdmin.addCoefficient')}
        </button>
      </div>
    );
  }
  return (
    <form className="editor-upload" data-testid="coefficient-form" onSubmit={form.submit} noValidate>
      <h4>{t('priceAdmin.addCoefficient')}</h4>
      <div className="editor-grid">
        <Field label={t('priceAdmin.coefficient')}>
          {(id) => <input id={id} type="number" step="any" min={0} max={100} data-testid="coefficient-value" value={value} onChange={(e) => setValue(e.target.value)} />}
        </Field>
        <Field label={t('priceAdmin.unit')} hint={t('priceAdmin.blankAll')}>
          {(id) => <input id={id} inputMode="numeric" maxLength={5} data-testid="coefficient-unit" value={unitCode} onChange={(e) => setUnitCode(e.target.value.trim())} />}
        </Field>
        <Field label={t('priceAdmin.landUse')} hint={t('priceAdmin.blankAll')}>
          {(id) => <input id={id} maxLength={3} data-testid="coefficient-land-use" value={landUseCode} onChange={(e) => setLandUseCode(e.target.value.trim().toUpperCase())} />}
        </Field>
        <Field label={t('priceAdmin.validFrom')}>
          {(id) => <input id={id} type="date" data-testid="coefficient-from" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />}
        </Field>
        <Field label={t('priceAdmin.validTo')} hint={t('priceAdmin.validToHint')}>
          {(id) => <input id={id} type="date" data-testid="coefficient-to" value={validTo} onChange={(e) => setValidTo(e.target.value)} />}
        </Field>
      </div>
      <div className="editor-grid">
        <Field label={t('doc.number')}>
          {(id) => <input id={id} maxLength={60} data-testid="coefficient-decision" value={number} onChange={(e) => setNumber(e.target.value)} />}
        </Field>
        <Field label={t('doc.date')}>
          {(id) => <input id={id} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
        <Field label={t('doc.issuer')} className="grow">
          {(id) => <input id={id} maxLength={200} value={issuer} onChange={(e) => setIssuer(e.target.value)} />}
        </Field>
      </div>
      <FormError message={form.error} testId="coefficient-error" />
      <FormButtons busy={form.busy} submitLabel={t('priceAdmin.addCoefficient')} onCancel={() => setOpen(false)} />
    </form>
  );
}
