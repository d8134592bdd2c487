// What a parcel falls into in the land-use plans in force on a day (S-PLAN): per plan,
// each zone's planned land use with the area and share of the parcel it covers, and the
// part outside every zone, so that each plan's shares add to 100 %. Public data: approved
// plans are published (Luật Đất đai 2024, Điều 75); an editor also sees plans kept from
// the public, marked as such.
import { useI18n } from '../../i18n';
import { formatArea, formatDate } from '../../ui/format';
import { Refusal } from '../parcels/parcel-records';
import { useParcelRecord } from '../parcels/use-parcel-record';
import { dayInVietnam, getParcelPlanning, type ParcelPlanningResult, type PlanOverlay } from './planning-api';

export interface ParcelPlanningProps {
  readonly unitCode: string;
  readonly sheetNumber: number;
  readonly parcelNumber: number;
  /** ISO date or date-time: the plans in force that day (in Vietnam); absent: today. */
  readonly asOf?: string | null;
}

/** Below this (m²) the uncovered rest is rounding, not land. */
const NEGLIGIBLE_M2 = 0.05;

export function ParcelPlanning({ unitCode, sheetNumber, parcelNumber, asOf }: ParcelPlanningProps) {
  const { t, lang, locale } = useI18n();
  const day = asOf ? dayInVietnam(asOf) : null;
  const state = useParcelRecord<ParcelPlanningResult>(
    { unitCode, sheetNumber, parcelNumber },
    getParcelPlanning,
    day,
  );
  const data = state?.data;
  return (
    <section className="parcel-records parcel-planning" data-testid="parcel-planning" aria-busy={state === null}>
      <h3>{t('planning.title')}</h3>
      {state === null && <p className="hint">{t('loading')}</p>}
      {state?.error && <Refusal error={state.error} lang={lang} testId="planning-error" />}
      {data && (
        <>
          <p className="muted">{t('planning.asOf', { date: formatDate(data.date, locale) })}</p>
          {data.plans.length === 0 ? (
            <p className="hint" data-testid="planning-none">{t('planning.none')}</p>
          ) : (
            data.plans.map((plan) => <PlanShares key={plan.id} plan={plan} />)
          )}
        </>
      )}
    </section>
  );
}

function PlanShares({ plan }: { plan: PlanOverlay }) {
  const { t, lang, locale } = useI18n();
  const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (
    <div className="planning-plan" data-testid="planning-plan" data-plan-id={plan.id}>
      <p>
        <strong>{plan.name}</strong>
        {!plan.isPublic && <span className="muted" data-testid="planning-not-public"> ({t('planning.notPublic')})</span>}
        <br />
        <span className="muted">
          {t(plan.kind === 'annual_plan' ? 'planning.kind.annual_plan' : 'planning.kind.planning')} ·{' '}
          {t('planning.period', { from: formatDate(plan.periodStart, locale), to: formatDate(plan.periodEnd, locale) })}
        </span>
        {plan.decisionNumber && (
          <>
            <br />
            <span className="muted">
              {t('planning.decision', {
                number: plan.decisionNumber,
                date: formatDate(plan.decisionDate, locale),
                authority: plan.decisionAuthority ?? '',
              })}
            </span>
          </>
        )}
      </p>
      <table className="planning-shares">
        <thead>
          <tr>
            <th scope="col">{t('planning.zone')}</th>
            <th scope="col">{t('planning.landUse')}</th>
            <th scope="col">{t('planning.area')}</th>
            <th scope="col">{t('planning.share')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.zones.map((zone) => (
            <tr key={zone.zoneId} data-testid="planning-zone">
              <td>{zone.zoneCode} — {zone.name}</td>
              <td>
                <abbr title={zone.landUseName[lang]}>{zone.landUseCode}</abbr> {zone.landUseName[lang]}
              </td>
              <td>{formatArea(zone.area, locale)}</td>
              <td>{percent.format(zone.share)}</td>
            </tr>
          ))}
          {plan.uncoveredArea > NEGLIGIBLE_M2 && (
            <tr data-testid="planning-uncovered">
              <td colSpan={2}>{t('planning.uncovered')}</td>
              <td>{formatArea(plan.uncoveredArea, locale)}</td>
              <td>{percent.format(plan.uncoveredShare)}</td>
            </tr>
          )}
        </tbody>
      </table>
      <p className="muted">{t('planning.parcelArea', { area: formatArea(plan.parcelArea, locale) })}</p>
    </div>
  );
}
