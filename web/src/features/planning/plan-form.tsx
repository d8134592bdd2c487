// A new draft plan of the unit picked: a land-use planning (quy hoạch, a period of years)
// or a yearly plan (kế hoạch sử dụng đất hằng năm: one calendar year, Luật Đất đai 2024
// Điều 64-67; verify: the server enforces this too).
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/field';
import { FormError } from '../../ui/form-error';
import { FormButtons } from '../admin/lock-form';
import { useSubmit } from '../admin/use-submit';
import { createPlan, type PlanKind } from './planning-api';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function PlanForm({ unitCode, onDone, onCancel }: { unitCode: string; onDone: (id: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<PlanKind>('planning');
  const [name, setName] = useState('');
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [isPublic, setIsPublic] = useState(true);
  const form = useSubmit(
    () => {
      if (!name.trim()) return t('planAdmin.check.name');
      if (!DATE.test(periodStart) || !DATE.test(periodEnd) || periodEnd < periodStart) return t('planAdmin.check.period');
      if (kind === 'annual_plan' && periodStart.slice(0, 4) !== periodEnd.slice(0, 4)) return t('planAdmin.check.oneYear');
      return null;
    },
    () => createPlan({ kind, unitCode, name: name.trim(), periodStart, periodEnd, isPublic }),
    (plan) => onDone(plan.id),
  );
  return (
    <form className="card action-form editor-form" data-testid="plan-form" onSubmit={form.submit} noValidate>
      <h3>{t('planAdmin.newTitle', { unit: unitCode })}</h3>
      <div className="editor-grid">
        <Field label={t('planAdmin.kind')}>
          {(id) => (
            <select id={id} data-testid="plan-kind" value={kind} onChange={(e) => setKind(e.target.value as PlanKind)}>
              <option value="planning">{t('planning.kind.planning')}</option>
              <option value="annual_plan">{t('planning.kind.annual_plan')}</option>
            </select>
          )}
        </Field>
        <Field label={t('planAdmin.name')} className="grow">
          {(id) => <input id={id} data-testid="plan-name" maxLength={300} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
      </div>
      <div className="editor-grid">
        <Field label={t('planAdmin.periodStart')}>
          {(id) => <input id={id} type="date" data-testid="plan-start" value={periodStart} onChange={(e) => setPeriodStart(e.target.value)} />}
        </Field>
        <Field label={t('planAdmin.periodEnd')}>
          {(id) => <input id={id} type="date" data-testid="plan-end" value={periodEnd} onChange={(e) => setPeriodEnd(e.target.value)} />}
        </Field>
        <label className="checkbox">
          <input type="checkbox" data-testid="plan-public" checked={isPublic} onChange={(e) => setIsPublic(e.target.checked)} /> {t('planAdmin.public')}
        </label>
      </div>
      <FormError message={form.error} testId="plan-form-error" />
      <FormButtons busy={form.busy} submitLabel={t('planAdmin.create')} onCancel={onCancel} />
    </form>
  );
}
