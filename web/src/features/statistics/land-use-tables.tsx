// Forms 01/TKKK and 02/TKKK as tables (Thông tư 08/2024/TT-BTNMT; verify: the exact rows
// and columns against its appendix), and the reconciliation of the unit's areas.
import { useI18n } from '../../i18n';
import { formatCount } from '../../ui/format';
import { formatHectares } from './hectares';
import type { LandUseReport, Reconciliation } from './statistics-api';
import { GROUPS, reportTotal } from './statistics-view';

const indent = (depth: number) => ({ paddingLeft: `${0.5 + depth * 1.2}rem` });

/** 01/TKKK: rows = land-use hierarchy (groups bold), columns = total then users and managers. */
export function LandUseTable({ report }: { report: LandUseReport }) {
  const { t, lang, locale } = useI18n();
  const ha = (m2: number) => formatHectares(m2, locale);
  const groups = report.rows.filter((r) => r.depth === 0);
  const columnTotal = (code: string) => groups.reduce((sum, r) => sum + (r.byUser[code] ?? 0), 0);
  const total = reportTotal(report);
  return (
    <div className="stats-table-wrap">
      <table className="table stats-table" data-testid="table-01">
        <caption>{t('stats.landUse.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stats.code')}</th>
            <th scope="col">{t('stats.landUseType')}</th>
            <th scope="col" className="number">{t('stats.total')}</th>
            {report.users.map((u) => (
              <th key={u.code} scope="col" className={`number user-level-${u.level}`} title={lang === 'vi' ? u.nameVi : u.nameEn}>
                {u.code}
                <small>{lang === 'vi' ? u.nameVi : u.nameEn}</small>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="stats-total" data-testid="row-total">
            <td />
            <th scope="row">{t('stats.totalRow')}</th>
            <td className="number" data-testid="total-01" data-value={total}>{ha(total)}</td>
            {report.users.map((u) => (
              <td key={u.code} className="number">{ha(columnTotal(u.code))}</td>
            ))}
          </tr>
          {report.rows.map((row) => (
            <tr key={row.code} className={row.depth === 0 ? 'stats-group' : undefined} data-testid="row-01" data-code={row.code}>
              <td>{row.code}</td>
              <th scope="row" style={indent(row.depth)}>{lang === 'vi' ? row.nameVi : row.nameEn}</th>
              <td className="number" data-value={row.total}>{ha(row.total)}</td>
              {report.users.map((u) => (
                <td key={u.code} className="number">{ha(row.byUser[u.code] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 02/TKKK: rows = users and managers (subtotals bold), columns = total then the three groups. */
export function UsersTable({ report }: { report: LandUseReport }) {
  const { t, lang, locale } = useI18n();
  const ha = (m2: number) => formatHectares(m2, locale);
  const total = reportTotal(report);
  const groupTotal = (group: string) => report.rows.find((r) => r.code === group)?.total ?? 0;
  return (
    <div className="stats-table-wrap">
      <table className="table stats-table" data-testid="table-02">
        <caption>{t('stats.users.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stats.code')}</th>
            <th scope="col">{t('stats.userType')}</th>
            <th scope="col" className="number">{t('stats.total')}</th>
            {GROUPS.map((group) => (
              <th key={group} scope="col" className="number">
                {group}
                <small>{t(`stats.group.${group}`)}</small>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="stats-total">
            <td />
            <th scope="row">{t('stats.totalRow')}</th>
            <td className="number" data-testid="total-02" data-value={total}>{ha(total)}</td>
            {GROUPS.map((group) => (
              <td key={group} className="number">{ha(groupTotal(group))}</td>
            ))}
          </tr>
          {report.users.map((u) => (
            <tr key={u.code} className={u.level === 1 ? 'stats-group' : undefined} data-testid="row-02" data-code={u.code}>
              <td>{u.code}</td>
              <th scope="row" style={indent(u.level - 1)}>{lang === 'vi' ? u.nameVi : u.nameEn}</th>
              <td className="number">{ha(u.total)}</td>
              {GROUPS.map((group) => (
                <td key={group} className="number">{ha(u.byGroup[group] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Natural area against what the cadastre records: the gap is said, not hidden. */
export function ReconciliationBlock({ reconciliation: r }: { reconciliation: Reconciliation }) {
  const { t, locale } = useI18n();
  const ha = (m2: number) => `${formatHectares(m2, locale)} ha`;
  return (
    <section className="card stats-recon" data-testid="reconciliation">
      <h3>{t('stats.recon.title')}</h3>
      <dl className="stats-facts">
        <dt>{t('stats.recon.natural')}</dt>
        <dd data-testid="recon-natural">{r.naturalArea === null ? t('stats.recon.naturalUnknown') : ha(r.naturalArea)}</dd>
        <dt>{t('stats.recon.recorded')}</dt>
        <dd data-testid="recon-recorded" data-value={r.recordedArea}>{ha(r.recordedArea)}</dd>
        <dt>{t('stats.recon.unmapped')}</dt>
        <dd data-testid="recon-unmapped">{r.unmappedArea === null ? '—' : ha(r.unmappedArea)}</dd>
        <dt>{t('stats.recon.parcelArea')}</dt>
        <dd>{ha(r.parcelArea)}</dd>
        <dt>{t('stats.recon.difference')}</dt>
        <dd>{ha(r.purposeDifference)}</dd>
        <dt>{t('stats.recon.parcels')}</dt>
        <dd data-testid="recon-parcels">{formatCount(r.parcelCount, locale)}</dd>
      </dl>
    </section>
  );
}
