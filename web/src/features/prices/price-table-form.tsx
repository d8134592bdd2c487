// A new draft price table: the decision that will issue it, its period, how a parcel
// reaching several positions is priced, and the position rules (vị trí 1-4: bands of
// distance from the road segment, optionally a minimum alley width). Position rules are
// the province's own (Nghị định 71/2024/NĐ-CP, Điều 20; verify: the province's decision
// sets the bands), so the defaults below are only a starting point.
import { useState } from 'react';
import type { AdminUnit } from '../../api';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/field';
import { FormError } from '../../ui/form-error';
import { todayIso } from '../../ui/format';
import { FormButtons } from '../admin/lock-form';
import { useSubmit } from '../admin/use-submit';
import { createPriceTable, type MultiPositionRule, type PositionRule } from './price-api';

interface RuleDraft {
  enabled: boolean;
  maxDistanceM: string;
  minAlleyWidthM: string;
  descriptionVi: string;
}

const DEFAULT_RULES: readonly RuleDraft[] = [
  { enabled: true, maxDistanceM: '25', minAlleyWidthM: '', descriptionVi: 'Mặt tiền đường' },
  { enabled: true, maxDistanceM: '50', minAlleyWidthM: '', descriptionVi: 'Hẻm rộng' },
  { enabled: true, maxDistanceM: '100', minAlleyWidthM: '', descriptionVi: 'Hẻm còn lại' },
  { enabled: true, maxDistanceM: '200', minAlleyWidthM: '', descriptionVi: 'Vị trí còn lại' },
];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface PriceTableFormProps {
  /** the live provinces the account's grants cover */
  readonly provinces: readonly AdminUnit[];
  readonly onDone: (id: string) => void;
  readonly onCancel: () => void;
}

export function PriceTableForm({ provinces, onDone, onCancel }: PriceTableFormProps) {
  const { t } = useI18n();
  const [province, setProvince] = useState('');
  const [name, setName] = useState('');
  const [number, setNumber] = useState('');
  const [decisionDate, setDecisionDate] = useState(todayIso());
  const [issuer, setIssuer] = useState('Ủy ban nhân dân tỉnh');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [multi, setMulti] = useState<MultiPositionRule>('nearest');
  const [rules, setRules] = useState<RuleDraft[]>(() => DEFAULT_RULES.map((r) => ({ ...r })));
  const provinceCode = province || provinces[0]?.code || '';

  const setRule = (index: number, change: Partial<RuleDraft>) => setRules((all) => all.map((r, i) => (i === index ? { ...r, ...change } : r)));

  const check = (): string | null => {
    if (!/^\d{2}$/.test(provinceCode)) return t('priceAdmin.check.province');
    if (!name.trim() || !number.trim() || !issuer.trim()) return t('priceAdmin.check.required');
    if (!DATE.test(decisionDate) || !DATE.test(validFrom)) return t('priceAdmin.check.dates');
    if (validTo && (!DATE.test(validTo) || validTo <= validFrom)) return t('priceAdmin.check.validTo');
    let previous = 0;
    for (const [i, rule] of rules.entries()) {
      if (!rule.enabled) continue;
      const distance = Number(rule.maxDistanceM);
      if (!(distance > previous) || distance > 10_000) return t('priceAdmin.check.distance', { position: i + 1 });
      if (rule.minAlleyWidthM && !(Number(rule.minAlleyWidthM) > 0 && Number(rule.minAlleyWidthM) <= 100)) return t('priceAdmin.check.alley', { position: i + 1 });
      if (!rule.descriptionVi.trim()) return t('priceAdmin.check.ruleText', { position: i + 1 });
      previous = distance;
    }
    return null;
  };

  const positionRules = (): PositionRule[] =>
    rules.flatMap((rule, i) =>
      rule.enabled
        ? [{ position: i + 1, maxDistanceM: Number(rule.maxDistanceM), minAlleyWidthM: rule.minAlleyWidthM ? Number(rule.minAlleyWidthM) : null, descriptionVi: rule.descriptionVi.trim() }]
        : [],
    );

  const form = useSubmit(
    check,
    () =>
      createPriceTable({
        provinceCode,
        name: name.trim(),
        decision: { number: number.trim(), date: decisionDate, issuer: issuer.trim() },
        validFrom,
        validTo: validTo || null,
        multiPositionRule: multi,
        positionRules: positionRules(),
      }),
    (created) => onDone(created.id),
  );

  return (
    <form className="card action-form editor-form" data-testid="price-table-form" onSubmit={form.submit} noValidate>
      <h3>{t('priceAdmin.newTitle')}</h3>
      <div className="editor-grid">
        <Field label={t('priceAdmin.province')}>
          {(id) => (
            <select id={id} data-testid="price-province" value={provinceCode} onChange={(e) => setProvince(e.target.value)}>
              {provinces.length === 0 && <option value="">—</option>}
              {provinces.map((unit) => (
                <option key={unit.code} value={unit.code}>
                  {`${unit.kind} ${unit.name} (${unit.code})`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('priceAdmin.name')} className="grow">
          {(id) => <input id={id} data-testid="price-name" maxLength={300} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
      </div>
      <fieldset className="editor-grid">
        <legend>{t('priceAdmin.decision')}</legend>
        <Field label={t('doc.number')}>
          {(id) => <input id={id} data-testid="price-decision-number" maxLength={60} value={number} onChange={(e) => setNumber(e.target.value)} />}
        </Field>
        <Field label={t('doc.date')}>
          {(id) => <input id={id} type="date" data-testid="price-decision-date" value={decisionDate} onChange={(e) => setDecisionDate(e.target.value)} />}
        </Field>
        <Field label={t('doc.issuer')} className="grow">
          {(id) => <input id={id} data-testid="price-decision-issuer" maxLength={200} value={issuer} onChange={(e) => setIssuer(e.target.value)} />}
        </Field>
      </fieldset>
      <div className="editor-grid">
        <Field label={t('priceAdmin.validFrom')}>
          {(id) => <input id={id} type="date" data-testid="price-valid-from" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />}
        </Field>
        <Field label={t('priceAdmin.validTo')} hint={t('priceAdmin.validToHint')}>
          {(id) => <input id={id} type="date" data-testid="price-valid-to" value={validTo} onChange={(e) => setValidTo(e.target.value)} />}
        </Field>
        <Field label={t('priceAdmin.multi')} className="grow">
          {(id) => (
            <select id={id} data-testid="price-multi" value={multi} onChange={(e) => setMulti(e.target.value as MultiPositionRule)}>
              <option value="nearest">{t('priceAdmin.multi.nearest')}</option>
              <option value="area_weighted">{t('priceAdmin.multi.area_weighted')}</option>
            </select>
          )}
        </Field>
      </div>
      <fieldset>
        <legend>{t('priceAdmin.rules')}</legend>
        <p className="hint">{t('priceAdmin.rulesHint')}</p>
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">{t('priceAdmin.position')}</th>
              <th scope="col">{t('priceAdmin.maxDistance')}</th>
              <th scope="col">{t('priceAdmin.minAlley')}</th>
              <th scope="col">{t('priceAdmin.ruleText')}</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule, i) => (
              <tr key={i} data-testid="price-rule">
                <th scope="row">
                  <label>
                    <input
                      type="checkbox"
                      checked={rule.enabled}
                      disabled={i === 0}
                      aria-label={t('priceAdmin.ruleUsed', { position: i + 1 })}
                      onChange={(e) => setRule(i, { enabled: e.target.checked })}
                    />{' '}
                    {`VT${i + 1}`}
                  </label>
                </th>
                <td>
                  <input type="number" min={0} max={10000} step="any" disabled={!rule.enabled} aria-label={`${t('priceAdmin.maxDistance')} VT${i + 1}`} value={rule.maxDistanceM} onChange={(e) => setRule(i, { maxDistanceM: e.target.value })} />
                </td>
                <td>
                  <input type="number" min={0} max={100} step="any" disabled={!rule.enabled} aria-label={`${t('priceAdmin.minAlley')} VT${i + 1}`} value={rule.minAlleyWidthM} onChange={(e) => setRule(i, { minAlleyWidthM: e.target.value })} />
                </td>
                <td>
                  <input maxLength={500} disabled={!rule.enabled} aria-label={`${t('priceAdmin.ruleText')} VT${i + 1}`} value={rule.descriptionVi} onChange={(e) => setRule(i, { descriptionVi: e.target.value })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      <FormError message={form.error} testId="price-form-error" />
      <FormButtons busy={form.busy} submitLabel={t('priceAdmin.create')} onCancel={onCancel} />
    </form>
  );
}
