// The content of a parcel's record beyond its land users: land-use purposes (with term
// and origin), certificates (status as a coloured badge, holders masked as the role
// requires) and assets attached to the land (houses, trees).
import type { Certificate, CertificateHolder, ParcelAsset, ParcelPurpose, ParcelRecordContent } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { formatArea, formatDate } from '../../ui/format';
import { Refusal } from './parcel-records';
import { LinkedDocuments } from '../documents/linked-documents';
import type { Loaded } from './use-parcel-record';

export function LandRecordSections({ state }: { state: Loaded<ParcelRecordContent> | null }) {
  const { t, lang } = useI18n();
  const data = state?.data;
  return (
    <section className="parcel-records record-content" data-testid="parcel-content" aria-busy={state === null}>
      {state === null && <p className="hint">{t('loading')}</p>}
      {state?.error && <Refusal error={state.error} lang={lang} testId="content-error" />}
      {data && (
        <>
          <h3>{t('purposes.title')}</h3>
          {data.purposes.length === 0 ? <p className="hint">{t('purposes.none')}</p> : <Purposes purposes={data.purposes} />}
          <h3>
            {t('certificates.title')}
            {data.masked && <span className="muted" data-testid="content-masked"> {t('records.masked')}</span>}
          </h3>
          {data.certificates.length === 0 ? (
            <p className="hint">{t('certificates.none')}</p>
          ) : (
            <ul className="record-list" data-testid="certificates">
              {data.certificates.map((c) => <CertificateItem key={c.id} certificate={c} />)}
            </ul>
          )}
          <h3>{t('assets.title')}</h3>
          {data.assets.length === 0 ? (
            <p className="hint">{t('assets.none')}</p>
          ) : (
            <ul className="record-list" data-testid="assets">
              {data.assets.map((a) => <AssetItem key={a.id} asset={a} />)}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function Purposes({ purposes }: { purposes: readonly ParcelPurpose[] }) {
  const { t, lang, locale } = useI18n();
  return (
    <ul className="record-list" data-testid="purposes">
      {purposes.map((p, i) => (
        <li key={`${p.landUseCode}-${i}`} data-testid="purpose">
          <strong>
            <abbr title={p.landUseName[lang]}>{p.landUseCode}</abbr> — {p.landUseName[lang]}: {formatArea(p.area, locale)}
          </strong>
          <span className="muted">
            {t('purposes.term')}: {p.termEnd ? t('purposes.until', { date: formatDate(p.termEnd, locale) }) : t('purposes.longTerm')}
          </span>
          <span className="muted">
            {t('purposes.origin')}: <abbr title={p.originCode}>{p.originName[lang]}</abbr>
          </span>
        </li>
      ))}
    </ul>
  );
}

const holderName = (holder: CertificateHolder): string => (typeof holder === 'string' ? holder : holder.fullName);

function CertificateItem({ certificate: c }: { certificate: Certificate }) {
  const { t, locale } = useI18n();
  return (
    <li data-testid="certificate" data-status={c.status}>
      <span>
        <strong data-testid="certificate-serial">{c.serial}</strong>{' '}
        <span className={`badge cert-${c.status}`} data-testid="certificate-status">
          {t(`certificate.status.${c.status}` as MessageKey)}
        </span>
      </span>
      <span className="muted">
        {t('certificates.form')}: {c.form} · {t('certificates.entry')}: {c.entryNumber}
      </span>
      <span className="muted">
        {t('certificates.issuedOn')}: {formatDate(c.issuedOn, locale)} · {c.issuer}
      </span>
      {c.holders.length > 0 && (
        <span>
          {t('certificates.holders')}: {c.holders.map(holderName).join('; ')}
        </span>
      )}
      {c.replacedBySerial && <span className="muted">{t('certificates.replacedBy', { serial: c.replacedBySerial })}</span>}
      <LinkedDocuments target={{ kind: 'certificate', serial: c.serial }} title={t('documents.certificateTitle')} emptyText={t('documents.certificateNone')}
        nested defaultType="certificate" testId="certificate-documents" />
    </li>
  );
}

function AssetItem({ asset: a }: { asset: ParcelAsset }) {
  const { t, locale } = useI18n();
  const parts = [
    a.footprintArea !== null ? `${t('assets.footprint')}: ${formatArea(a.footprintArea, locale)}` : null,
    a.floorArea !== null ? `${t('assets.floorArea')}: ${formatArea(a.floorArea, locale)}` : null,
    a.floors !== null ? `${t('assets.floors')}: ${a.floors}` : null,
    a.structure ? `${t('assets.structure')}: ${a.structure}` : null,
    a.builtYear !== null ? `${t('assets.builtYear')}: ${a.builtYear}` : null,
    a.plantedArea !== null ? `${t('assets.planted')}: ${formatArea(a.plantedArea, locale)}` : null,
  ].filter((part): part is string => part !== null);
  return (
    <li data-testid="asset" data-kind={a.kind}>
      <strong>{t(`assets.kind.${a.kind}` as MessageKey)}</strong>
      <span>{a.description}</span>
      {parts.length > 0 && <span className="muted">{parts.join(' · ')}</span>}
      {a.owners && a.owners.length > 0 && <span className="muted">{a.owners.map((o) => o.fullName).join('; ')}</span>}
    </li>
  );
}
