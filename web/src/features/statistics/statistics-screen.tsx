// "Thống kê, báo cáo" (S-STAT, F4): pick a unit the account may read reports on and a
// day (31 December of last year: the yearly statistics date, Luật Đất đai 2024 Điều 57),
// then the forms 01/TKKK and 02/TKKK with charts, the change matrix between two days and
// the parcel extract. Loaded on demand from app.tsx; needs reports.read.
import { useMemo, useState, type KeyboardEvent } from 'react';
import { listUnits, useApiResource, type AdminUnit, type ApiError } from '../../api';
import { useSession } from '../auth/session-context';
import { unitLabel } from '../units/group-units';
import { useI18n, type MessageKey } from '../../i18n';
import { ApiErrorBanner } from '../../ui/api-error-banner';
import { Field } from '../../ui/field';
import { formatDate, todayIso } from '../../ui/format';
import { AreaBarChart, StackedBarChart } from './area-chart';
import { ChangesTab } from './changes-tab';
import { Downloads } from './downloads';
import { ExtractTab } from './extract-tab';
import { LandUseTable, ReconciliationBlock, UsersTable } from './land-use-tables';
import { getLandUseReport, landUseFileUrl, usersFileUrl, type LandUseReport } from './statistics-api';
import { areaBars, lastStatisticsDate, subUnitBars, unitsInScope, unitTitle } from './statistics-view';
import { Waiting } from './waiting';
import './statistics.css';

type Tab = 'land-use' | 'users' | 'changes' | 'extract';
const TABS: readonly { id: Tab; label: MessageKey }[] = [
  { id: 'land-use', label: 'stats.tab.landUse' },
  { id: 'users', label: 'stats.tab.users' },
  { id: 'changes', label: 'stats.tab.changes' },
  { id: 'extract', label: 'stats.tab.extract' },
];

export function StatisticsScreen() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const [date, setDate] = useState(() => lastStatisticsDate(todayIso()));
  const [picked, setPicked] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('land-use');

  // The units of that day (the 2025 reorganisation removed the districts), within the grants.
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
  const units = useApiResource(validDate ? `units/${validDate}` : null, (signal) => listUnits({ asOf: validDate! }, signal), setError);
  const grantCodes = useMemo(() => (me?.grants ?? []).map((g) => g.unitCode), [me]);
  const options = useMemo(() => unitsInScope(units.data?.items ?? [], grantCodes), [units.data, grantCodes]);
  const unitCode = picked && options.some((u) => u.code === picked) ? picked : (options[0]?.code ?? null);

  const reportKey = unitCode && validDate ? `${unitCode}/${validDate}` : null;
  const report = useApiResource(reportKey, (signal) => getLandUseReport(unitCode!, validDate!, signal), setError);

  const moveTab = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const next = TABS[(index + step + TABS.length) % TABS.length]!;
    setTab(next.id);
    document.getElementById(`stats-tab-${next.id}`)?.focus();
  };

  return (
    <main className="workspace scroll stats" data-testid="statistics">
      <div className="stats-screen">
        <header className="screen-header">
          <h2>{t('stats.title')}</h2>
        </header>
        <ApiErrorBanner error={error} onDismiss={() => setError(null)} />
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <Field label={t('stats.unit')} className="grow">
            {(id) => (
              <select id={id} data-testid="stats-unit" value={unitCode ?? ''} onChange={(e) => setPicked(e.target.value || null)}>
                {options.length === 0 && <option value="">{t('stats.unitPlaceholder')}</option>}
                {options.map((unit) => (
                  <option key={unit.code} value={unit.code}>
                    {unit.level === 'commune' ? `\u00a0\u00a0${unitLabel(unit)}` : unitLabel(unit)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('stats.date')} hint={t('stats.dateHint')}>
            {(id) => <input id={id} type="date" data-testid="stats-date" value={date} max={todayIso()} required onChange={(e) => setDate(e.target.value)} />}
          </Field>
        </form>

        {!unitCode && !units.loading && <p className="hint">{t('stats.pickUnit')}</p>}

        {unitCode && validDate && (
          <>
            <div role="tablist" aria-label={t('stats.tabs')} className="stats-tabs">
              {TABS.map((item, index) => (
                <button
                  key={item.id}
                  type="button"
                  role="tab"
                  id={`stats-tab-${item.id}`}
                  aria-selected={tab === item.id}
                  aria-controls={`stats-panel-${item.id}`}
                  tabIndex={tab === item.id ? 0 : -1}
                  data-testid={`stats-tab-${item.id}`}
                  onClick={() => setTab(item.id)}
                  onKeyDown={(event) => moveTab(event, index)}
                >
                  {t(item.label)}
                </button>
              ))}
            </div>
            <section role="tabpanel" id={`stats-panel-${tab}`} aria-labelledby={`stats-tab-${tab}`} className="stats-panel">
              {(tab === 'land-use' || tab === 'users') &&
                (report.loading ? <Waiting /> : report.data && <FormPanel report={report.data} tab={tab} />)}
              {tab === 'changes' && <ChangesTab key={unitCode} unitCode={unitCode} date={validDate} onError={setError} />}
              {tab === 'extract' && (
                <ExtractTab
                  unitCode={unitCode}
                  isCommune={options.find((u) => u.code === unitCode)?.level === 'commune'}
                  unitName={unitLabelOf(options, unitCode)}
                  date={validDate}
                  onError={setError}
                />
              )}
            </section>
          </>
        )}
      </div>
    </main>
  );
}

function unitLabelOf(units: readonly AdminUnit[], code: string): string {
  const unit = units.find((u) => u.code === code);
  return unit ? unitLabel(unit) : code;
}

function FormPanel({ report, tab }: { report: LandUseReport; tab: 'land-use' | 'users' }) {
  const { t, lang, locale } = useI18n();
  const [chartBy, setChartBy] = useState<'group' | 'code'>('group');
  const unitName = unitTitle(report.unit);
  const fileUrl = tab === 'land-use' ? landUseFileUrl : usersFileUrl;
  const subUnits = subUnitBars(report.subUnits);
  return (
    <div className="stats-tab-body" data-testid={`panel-${tab}`}>
      <div className="stats-heading">
        <p>
          <strong>{t('stats.asOf', { unit: unitName, date: formatDate(report.date, locale) })}</strong>
          {' · '}
          {t('stats.unitOfMeasure')}
        </p>
        <Downloads
          testId={`download-${tab}`}
          links={[
            { format: 'xlsx', href: fileUrl(report.unit.code, report.date, 'xlsx') },
            { format: 'pdf', href: fileUrl(report.unit.code, report.date, 'pdf') },
          ]}
        />
      </div>
      {tab === 'land-use' ? <LandUseTable report={report} /> : <UsersTable report={report} />}
      <ReconciliationBlock reconciliation={report.reconciliation} />
      <div className="stats-charts">
        <div className="stats-chart-switch" role="group" aria-label={t('stats.chart.by')}>
          {(['group', 'code'] as const).map((by) => (
            <button key={by} type="button" className="button" aria-pressed={chartBy === by} data-testid={`chart-by-${by}`} onClick={() => setChartBy(by)}>
              {t(by === 'group' ? 'stats.chart.byGroup' : 'stats.chart.byCode')}
            </button>
          ))}
        </div>
        <AreaBarChart
          testId="chart-area"
          title={t(chartBy === 'group' ? 'stats.chart.title' : 'stats.chart.codeTitle', { unit: unitName })}
          bars={areaBars(report, chartBy, lang)}
        />
        {subUnits.length > 0 && (
          <StackedBarChart
            title={t('stats.chart.subUnitsTitle')}
            bars={subUnits}
            groupName={(group) => t(`stats.group.${group as 'NNP' | 'PNN' | 'CSD'}`)}
          />
        )}
      </div>
    </div>
  );
}
