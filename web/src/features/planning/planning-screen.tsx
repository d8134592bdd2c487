// "Quy hoạch" (S-PLAN, issue #8 item 2): land-use plans (quy hoạch, kế hoạch sử dụng
// đất, Luật Đất đai 2024 Chương V; verify: the articles) of a unit the account may edit,
// with their status and period; a new draft; a plan's detail, where zones and projects
// are added and the approving decision or the replacement are recorded. Loaded on demand
// from app.tsx; needs planning.edit.
import { useMemo, useState } from 'react';
import { listLandUseCodes, listUnits, useApiResource, type ApiError } from '../../api';
import { useSession } from '../auth/session-context';
import { unitLabel } from '../units/group-units';
import { unitsInScope } from '../statistics/statistics-view';
import { useI18n } from '../../i18n';
import { ApiErrorBanner } from '../../ui/api-error-banner';
import { Field } from '../../ui/field';
import { formatDate } from '../../ui/format';
import { PlanDetailView, PlanStatusBadge } from './plan-detail';
import { PlanForm } from './plan-form';
import { listPlans } from './planning-api';
import '../prices/prices.css';

export function PlanningScreen() {
  const { t, lang, locale } = useI18n();
  const { me } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const units = useApiResource('planning-units', (signal) => listUnits({}, signal), setError);
  const codes = useApiResource('land-use-codes', (signal) => listLandUseCodes(signal), setError);
  const grantCodes = useMemo(() => (me?.grants ?? []).map((g) => g.unitCode), [me]);
  const options = useMemo(() => unitsInScope(units.data?.items ?? [], grantCodes), [units.data, grantCodes]);
  const unitCode = picked && options.some((u) => u.code === picked) ? picked : (options[0]?.code ?? null);
  const plans = useApiResource(unitCode ? `plans/${unitCode}#${version}` : null, (signal) => listPlans(unitCode!, undefined, signal), setError);
  const reload = () => setVersion((v) => v + 1);

  return (
    <main className="workspace scroll planning" data-testid="planning">
      <div className="editor-screen">
        <header className="screen-header">
          <h2>{t('planAdmin.title')}</h2>
          {!creating && unitCode && (
            <button type="button" className="button primary" data-testid="plan-new" onClick={() => setCreating(true)}>
              {t('planAdmin.new')}
            </button>
          )}
        </header>
        <p className="hint">{t('planAdmin.intro')}</p>
        <ApiErrorBanner error={error} onDismiss={() => setError(null)} />
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <Field label={t('planAdmin.unit')} className="grow">
            {(id) => (
              <select
                id={id}
                data-testid="plan-unit"
                value={unitCode ?? ''}
                onChange={(e) => {
                  setPicked(e.target.value || null);
                  setOpenId(null);
                }}
              >
                {options.length === 0 && <option value="">—</option>}
                {options.map((unit) => (
                  <option key={unit.code} value={unit.code}>
                    {unit.level === 'province' ? unitLabel(unit) : `\u00a0\u00a0${unitLabel(unit)}`}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </form>
        {creating && unitCode && (
          <PlanForm
            unitCode={unitCode}
            onDone={(id) => {
              setCreating(false);
              setOpenId(id);
              reload();
            }}
            onCancel={() => setCreating(false)}
          />
        )}
        <table className="table" data-testid="plans">
          <thead>
            <tr>
              <th scope="col">{t('planAdmin.name')}</th>
              <th scope="col">{t('planAdmin.kind')}</th>
              <th scope="col">{t('planAdmin.unit')}</th>
              <th scope="col">{t('planAdmin.period')}</th>
              <th scope="col">{t('planAdmin.zones')}</th>
              <th scope="col">{t('planAdmin.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {plans.data?.items.map((plan) => (
              <tr key={plan.id} data-testid="plan-row" data-id={plan.id} aria-selected={plan.id === openId}>
                <td>
                  {plan.name}
                  {plan.decisionNumber && <small className="block">{`${plan.decisionNumber} (${formatDate(plan.decisionDate, locale)})`}</small>}
                </td>
                <td>{t(`planning.kind.${plan.kind}`)}</td>
                <td>{plan.unitName}</td>
                <td>{`${formatDate(plan.periodStart, locale)} – ${formatDate(plan.periodEnd, locale)}`}</td>
                <td>{plan.zoneCount}</td>
                <td>
                  <PlanStatusBadge status={plan.status} />
                </td>
                <td>
                  <button type="button" className="button small" data-testid="plan-open" onClick={() => setOpenId(plan.id)}>
                    {t('planAdmin.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {plans.data?.items.length === 0 && <p className="hint">{t('planAdmin.none')}</p>}
        {openId && (
          <PlanDetailView
            key={openId}
            id={openId}
            codes={codes.data?.items ?? []}
            successors={(plans.data?.items ?? []).filter((p) => p.status === 'approved')}
            onChanged={reload}
            onError={setError}
            onClose={() => setOpenId(null)}
          />
        )}
      </div>
    </main>
  );
}
