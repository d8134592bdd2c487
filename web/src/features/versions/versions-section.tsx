// The versions of a parcel (each with the change that started it), and the parcels it
// came from or gave rise to, as links that open them as they stood at that time.
import { getParcelVersions, type LinkedParcel, type ParcelKey, type ParcelVersions } from '../../api';
import { useI18n } from '../../i18n';
import { formatArea, formatDate } from '../../ui/format';
import { Refusal } from '../parcels/parcel-records';
import { useParcelRecord } from '../parcels/use-parcel-record';

export interface VersionsSectionProps {
  readonly parcel: ParcelKey;
  readonly revision: number;
  readonly onOpen: (key: ParcelKey, asOf: string | null) => void;
}

/** Just before a parcel ended: the last moment it was in force. */
const justBefore = (iso: string): string => new Date(new Date(iso).getTime() - 1).toISOString();

export function VersionsSection({ parcel, revision, onOpen }: VersionsSectionProps) {
  const { t, lang, locale } = useI18n();
  const state = useParcelRecord<ParcelVersions>(parcel, (key, _asOf, signal) => getParcelVersions(key, signal), null, revision);
  const data = state?.data;
  const link = (relative: LinkedParcel, asOf: string | null) => (
    <li key={`${relative.unitCode}/${relative.sheetNumber}/${relative.parcelNumber}`}>
      <button type="button" className="link-button" data-testid="version-link" onClick={() => onOpen(relative, asOf)}>
        {t('versions.open', { sheet: relative.sheetNumber, parcel: relative.parcelNumber })}
      </button>
    </li>
  );
  return (
    <section className="parcel-records" data-testid="parcel-versions" aria-busy={state === null}>
      <h3>{t('versions.title')}</h3>
      {state === null && <p className="hint">{t('loading')}</p>}
      {state?.error && <Refusal error={state.error} lang={lang} testId="versions-error" />}
      {data && data.versions.length === 0 && <p className="hint">{t('versions.none')}</p>}
      {data && data.versions.length > 0 && (
        <ol className="record-list versions-list">
          {[...data.versions].reverse().map((v) => (
            <li key={v.id} data-testid="version">
              <strong>
                {t('versions.version', { n: v.version })}
                {v.validTo === null && <span className="badge status-approved"> {t('versions.current')}</span>}
              </strong>
              <span className="muted">
                {t('versions.period', { from: formatDate(v.validFrom, locale), to: v.validTo ? formatDate(v.validTo, locale) : '…' })}
                {' · '}{v.landUseCode} · {formatArea(v.officialArea, locale)}
              </span>
              <span>{v.change ? v.change.typeName[lang] : t('versions.initial')}</span>
            </li>
          ))}
        </ol>
      )}
      {data && data.parents.length > 0 && (
        <>
          <h4>{t('versions.parents')}</h4>
          <ul className="link-list">{data.parents.map((p) => link(p, p.validTo ? justBefore(p.validTo) : null))}</ul>
        </>
      )}
      {data && data.children.length > 0 && (
        <>
          <h4>{t('versions.children')}</h4>
          <ul className="link-list">{data.children.map((c) => link(c, null))}</ul>
        </>
      )}
    </section>
  );
}
