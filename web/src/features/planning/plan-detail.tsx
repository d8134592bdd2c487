// One plan: its facts, its zones drawn and listed, its works and projects, and what may
// be done in its state: a draft takes zones (GeoJSON, all or nothing, every fault named
// by feature and field), projects and its approving decision (Luật Đất đai 2024 Điều 75:
// published once approved); an approved plan may be recorded as replaced.
import { useEffect, useState, type FormEvent } from 'react';
import { useApiResource, type ApiError, type LandUseCode } from '../../api';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/field';
import { FormError } from '../../ui/form-error';
import { formatArea, formatDate, todayIso } from '../../ui/format';
import { FormButtons } from '../admin/lock-form';
import { useSubmit } from '../admin/use-submit';
import { bothLanguages, Busy, MAX_UPLOAD_BYTES, readJson, refusalOf, type Bilingual } from '../prices/price-uploads';
import {
  addPlanProjects,
  approvePlan,
  getPlan,
  supersedePlan,
  uploadZones,
  zoneFindings,
  type Plan,
  type PlanDetail,
  type PlanStatus,
  type ZoneFinding,
} from './planning-api';
import { ZonesDrawing } from './zones-drawing';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface PlanDetailProps {
  readonly id: string;
  readonly codes: readonly LandUseCode[];
  /** approved plans that may replace this one */
  readonly successors: readonly Plan[];
  readonly onChanged: () => void;
  readonly onError: (error: ApiError) => void;
  readonly onClose: () => void;
}

export function PlanDetailView({ id, codes, successors, onChanged, onError, onClose }: PlanDetailProps) {
  const { t, lang, locale } = useI18n();
  const [version, setVersion] = useState(0);
  const plan = useApiResource(`plan/${id}#${version}`, (signal) => getPlan(id, signal), onError);
  const changed = () => {
    setVersion((v) => v + 1);
    onChanged();
  };
  // the last plan loaded stays on screen while it reloads after a change
  const [data, setData] = useState<PlanDetail | null>(null);
  useEffect(() => {
    if (plan.data) setData(plan.data);
  }, [plan.data]);
  if (!data) return <section className="card editor-detail" aria-busy="true" data-testid="plan-loading" />;
  const nameOf = (code: string) => {
    const known = codes.find((c) => c.code === code);
    return known ? (lang === 'vi' ? known.nameVi : known.nameEn) : code;
  };
  return (
    <section className="card editor-detail" data-testid="plan" data-id={data.id} data-status={data.status} aria-busy={plan.loading}>
      <header className="screen-header">
        <h3>{data.name}</h3>
        <PlanStatusBadge status={data.status} />
        <span className="spacer" />
        <button type="button" className="button" onClick={onClose}>
          {t('priceAdmin.close')}
        </button>
      </header>
      <dl className="editor-facts">
        <dt>{t('planAdmin.kind')}</dt>
        <dd>{t(`planning.kind.${data.kind}`)}</dd>
        <dt>{t('planAdmin.unit')}</dt>
        <dd>{`${data.unitName} (${data.unitCode})`}</dd>
        <dt>{t('planAdmin.period')}</dt>
        <dd>{`${formatDate(data.periodStart, locale)} – ${formatDate(data.periodEnd, locale)}`}</dd>
        <dt>{t('planAdmin.public')}</dt>
        <dd>{data.isPublic ? t('planAdmin.yes') : t('planning.notPublic')}</dd>
        {data.decisionNumber && (
          <>
            <dt>{t('planAdmin.decision')}</dt>
            <dd data-testid="plan-decision">
              {t('planning.decision', { number: data.decisionNumber, date: formatDate(data.decisionDate, locale), authority: data.decisionAuthority ?? '' })}
            </dd>
            <dt>{t('planAdmin.inForce')}</dt>
            <dd>{formatDate(data.inForceFrom, locale)}</dd>
          </>
        )}
        {data.supersededOn && (
          <>
            <dt>{t('planAdmin.supersededOn')}</dt>
            <dd>{formatDate(data.supersededOn, locale)}</dd>
          </>
        )}
      </dl>

      <div className="editor-actions">
        {data.status === 'draft' && <ZoneUpload planId={data.id} onUploaded={changed} />}
        {data.status === 'draft' && <ProjectForm planId={data.id} onAdded={changed} />}
        {data.status === 'draft' && <ApproveForm planId={data.id} onApproved={changed} />}
        {data.status === 'approved' && <SupersedeForm plan={data} successors={successors.filter((p) => p.id !== data.id)} onDone={changed} />}
      </div>

      <h4>{t('planAdmin.zonesTitle', { count: data.zones.features.length })}</h4>
      <div className="plan-zones">
        <ZonesDrawing features={data.zones.features} codes={codes} />
        {data.zones.features.length > 0 && (
          <table className="table compact" data-testid="plan-zones">
            <thead>
              <tr>
                <th scope="col">{t('planning.zone')}</th>
                <th scope="col">{t('planning.landUse')}</th>
                <th scope="col" className="number">{t('planning.area')}</th>
              </tr>
            </thead>
            <tbody>
              {data.zones.features.map((f, i) => (
                <tr key={i} data-testid="plan-zone-row">
                  <td>{`${f.properties.zoneCode ?? ''} — ${f.properties.name ?? ''}`}</td>
                  <td>{`${f.properties.landUseCode ?? ''} ${nameOf(f.properties.landUseCode ?? '')}`}</td>
                  <td className="number">{typeof f.properties.area === 'number' ? formatArea(f.properties.area, locale) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>

      <h4>{t('planAdmin.projects')}</h4>
      {data.projects.length === 0 ? (
        <p className="hint">{t('planAdmin.noProjects')}</p>
      ) : (
        <table className="table compact" data-testid="plan-projects">
          <thead>
            <tr>
              <th scope="col">{t('planAdmin.projectName')}</th>
              <th scope="col">{t('planning.landUse')}</th>
              <th scope="col" className="number">{t('planning.area')}</th>
              <th scope="col">{t('planAdmin.year')}</th>
              <th scope="col">{t('planAdmin.location')}</th>
            </tr>
          </thead>
          <tbody>
            {data.projects.map((p) => (
              <tr key={p.id} data-testid="plan-project">
                <td>{p.name}</td>
                <td>{`${p.landUseCode} ${nameOf(p.landUseCode)}`}</td>
                <td className="number">{formatArea(p.area, locale)}</td>
                <td>{p.plannedYear ?? ''}</td>
                <td>{p.locationText ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge plan-status-${status}`} data-testid="plan-status" data-status={status}>
      {t(`planAdmin.status.${status}`)}
    </span>
  );
}

function ZoneUpload({ planId, onUploaded }: { planId: string; onUploaded: () => void }) {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Bilingual | null>(null);
  const [findings, setFindings] = useState<readonly ZoneFinding[]>([]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFindings([]);
    if (!file) return setError(bothLanguages('priceAdmin.pickFile'));
    if (file.size > MAX_UPLOAD_BYTES) return setError(bothLanguages('priceAdmin.tooLarge', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }));
    setError(null);
    setBusy(true);
    readJson(file)
      .then((collection) => (collection === undefined ? Promise.reject(new Error('json')) : uploadZones(planId, collection)))
      .then(
        () => {
          setBusy(false);
          onUploaded();
        },
        (caught: unknown) => {
          setBusy(false);
          setError(refusalOf(caught, 'priceAdmin.notJson'));
          setFindings(zoneFindings(caught));
        },
      );
  };

  return (
    <form className="editor-upload" data-testid="zone-upload" onSubmit={submit} aria-busy={busy} noValidate>
      <h4>{t('planAdmin.uploadZones')}</h4>
      <p className="hint">{t('planAdmin.zonesHint')}</p>
      <Field label={t('priceAdmin.geojsonFile')}>
        {(id) => <input id={id} type="file" data-testid="zone-file" accept=".geojson,.json,application/geo+json,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
      </Field>
      <button type="submit" className="button primary" data-testid="zone-submit" disabled={busy}>
        {busy ? t('priceAdmin.uploading') : t('planAdmin.uploadZones')}
      </button>
      {busy && <Busy />}
      <FormError message={error?.[lang] ?? null} testId="zone-error" />
      {findings.length > 0 && (
        <table className="table compact findings" data-testid="zone-findings">
          <thead>
            <tr>
              <th scope="col">{t('planAdmin.feature')}</th>
              <th scope="col">{t('planAdmin.field')}</th>
              <th scope="col">{t('priceAdmin.message')}</th>
            </tr>
          </thead>
          <tbody>
            {findings.map((f, i) => (
              <tr key={i} data-testid="zone-finding" data-feature={f.feature} data-field={f.field}>
                <td>{f.feature >= 0 ? f.feature : t('planAdmin.wholeFile')}</td>
                <td>{f.field}</td>
                <td>{f[lang]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </form>
  );
}

function ProjectForm({ planId, onAdded }: { planId: string; onAdded: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [landUseCode, setLandUseCode] = useState('');
  const [area, setArea] = useState('');
  const [year, setYear] = useState('');
  const [location, setLocation] = useState('');
  const form = useSubmit(
    () => {
      if (!name.trim()) return t('planAdmin.check.name');
      if (!/^[A-Z]{3}$/.test(landUseCode)) return t('priceAdmin.check.landUse');
      if (!(Number(area) > 0)) return t('planAdmin.check.area');
      if (year && !(Number.isInteger(Number(year)) && Number(year) >= 1990 && Number(year) <= 2100)) return t('planAdmin.check.year');
      return null;
    },
    () =>
      addPlanProjects(planId, [
        { name: name.trim(), landUseCode, area: Number(area), plannedYear: year ? Number(year) : null, locationText: location.trim() || null },
      ]),
    () => {
      setOpen(false);
      setName('');
      setArea('');
      onAdded();
    },
  );
  if (!open) {
    return (
      <div className="editor-upload">
        <h4>{t('planAdmin.projects')}</h4>
        <button type="button" className="button" data-testid="project-add" onClick={() => setOpen(true)}>
          {t('planAdmin.addProject')}
        </button>
      </div>
    );
  }
  return (
    <form className="editor-upload" data-testid="project-form" onSubmit={form.submit} noValidate>
      <h4>{t('planAdmin.addProject')}</h4>
      <Field label={t('planAdmin.projectName')}>
        {(id) => <input id={id} maxLength={300} data-testid="project-name" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <div className="editor-grid">
        <Field label={t('planning.landUse')}>
          {(id) => <input id={id} maxLength={3} data-testid="project-land-use" value={landUseCode} onChange={(e) => setLandUseCode(e.target.value.trim().toUpperCase())} />}
        </Field>
        <Field label={t('planAdmin.areaM2')}>
          {(id) => <input id={id} type="number" min={0} step="any" data-testid="project-area" value={area} onChange={(e) => setArea(e.target.value)} />}
        </Field>
        <Field label={t('planAdmin.year')}>
          {(id) => <input id={id} type="number" min={1990} max={2100} data-testid="project-year" value={year} onChange={(e) => setYear(e.target.value)} />}
        </Field>
      </div>
      <Field label={t('planAdmin.location')}>
        {(id) => <input id={id} maxLength={300} value={location} onChange={(e) => setLocation(e.target.value)} />}
      </Field>
      <FormError message={form.error} testId="project-error" />
      <FormButtons busy={form.busy} submitLabel={t('planAdmin.addProject')} onCancel={() => setOpen(false)} />
    </form>
  );
}

function ApproveForm({ planId, onApproved }: { planId: string; onApproved: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(todayIso());
  const [authority, setAuthority] = useState('Ủy ban nhân dân tỉnh');
  const [inForceFrom, setInForceFrom] = useState('');
  const form = useSubmit(
    () => {
      if (!number.trim() || !authority.trim()) return t('priceAdmin.check.required');
      if (!DATE.test(date)) return t('priceAdmin.check.dates');
      if (inForceFrom && (!DATE.test(inForceFrom) || inForceFrom < date)) return t('planAdmin.check.inForce');
      return null;
    },
    () => approvePlan(planId, { decisionNumber: number.trim(), decisionDate: date, decisionAuthority: authority.trim(), ...(inForceFrom ? { inForceFrom } : {}) }),
    () => {
      setOpen(false);
      onApproved();
    },
  );
  if (!open) {
    return (
      <div className="editor-upload">
        <h4>{t('planAdmin.approve')}</h4>
        <button type="button" className="button primary" data-testid="plan-approve" onClick={() => setOpen(true)}>
          {t('planAdmin.approve')}
        </button>
      </div>
    );
  }
  return (
    <form className="editor-upload" data-testid="approve-form" onSubmit={form.submit} noValidate>
      <h4>{t('planAdmin.approve')}</h4>
      <p className="notice">{t('planAdmin.approveWarning')}</p>
      <div className="editor-grid">
        <Field label={t('doc.number')}>
          {(id) => <input id={id} maxLength={50} data-testid="approve-number" value={number} onChange={(e) => setNumber(e.target.value)} />}
        </Field>
        <Field label={t('doc.date')}>
          {(id) => <input id={id} type="date" data-testid="approve-date" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
        <Field label={t('planAdmin.inForce')} hint={t('planAdmin.inForceHint')}>
          {(id) => <input id={id} type="date" data-testid="approve-in-force" value={inForceFrom} onChange={(e) => setInForceFrom(e.target.value)} />}
        </Field>
      </div>
      <Field label={t('planAdmin.authority')}>
        {(id) => <input id={id} maxLength={200} data-testid="approve-authority" value={authority} onChange={(e) => setAuthority(e.target.value)} />}
      </Field>
      <FormError message={form.error} testId="approve-error" />
      <FormButtons busy={form.busy} submitLabel={t('planAdmin.approveConfirm')} onCancel={() => setOpen(false)} />
    </form>
  );
}

function SupersedeForm({ plan, successors, onDone }: { plan: Plan; successors: readonly Plan[]; onDone: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [on, setOn] = useState(todayIso());
  const [by, setBy] = useState('');
  const form = useSubmit(
    () => (!DATE.test(on) || (plan.inForceFrom !== null && on < plan.inForceFrom) ? t('planAdmin.check.supersededOn') : null),
    () => supersedePlan(plan.id, { supersededOn: on, ...(by ? { supersededBy: by } : {}) }),
    () => {
      setOpen(false);
      onDone();
    },
  );
  if (!open) {
    return (
      <div className="editor-upload">
        <h4>{t('planAdmin.supersede')}</h4>
        <button type="button" className="button" data-testid="plan-supersede" onClick={() => setOpen(true)}>
          {t('planAdmin.supersede')}
        </button>
      </div>
    );
  }
  return (
    <form className="editor-upload" data-testid="supersede-form" onSubmit={form.submit} noValidate>
      <h4>{t('planAdmin.supersede')}</h4>
      <p className="notice">{t('planAdmin.supersedeWarning')}</p>
      <Field label={t('planAdmin.supersededOn')}>
        {(id) => <input id={id} type="date" data-testid="supersede-on" value={on} onChange={(e) => setOn(e.target.value)} />}
      </Field>
      <Field label={t('planAdmin.supersededBy')}>
        {(id) => (
          <select id={id} data-testid="supersede-by" value={by} onChange={(e) => setBy(e.target.value)}>
            <option value="">{t('planAdmin.noSuccessor')}</option>
            {successors.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormError message={form.error} testId="supersede-error" />
      <FormButtons busy={form.busy} submitLabel={t('planAdmin.supersede')} danger onCancel={() => setOpen(false)} />
    </form>
  );
}
