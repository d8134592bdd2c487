import type { ParcelDetail, ParcelKey } from '../../api';
import { useSession } from '../auth/session-context';
import { useI18n } from '../../i18n';
import { formatArea, formatDateTime } from '../../ui/format';
import { ParcelPlanning } from '../planning/parcel-planning';
import { ParcelPrice } from '../prices/parcel-price';
import { VersionsSection } from '../versions/versions-section';
import { ParcelRecords } from './parcel-records';
import { ParcelDocuments } from '../documents/parcel-documents';

/** Land users and history are for accounts that read the cadastre (on the parcel's unit). */
export const CADASTRE_READ = 'cadastre.read';
export const CADASTRE_EDIT = 'cadastre.edit';
export const CADASTRE_APPROVE = 'cadastre.approve';

export interface ParcelPanelProps {
  readonly parcel: ParcelKey;
  readonly detail: ParcelDetail | null;
  readonly loading: boolean;
  readonly onClose: () => void;
  /** The record as of a past time (a parent parcel opened from the versions), or now. */
  readonly asOf?: string | null;
  readonly revision?: number;
  readonly onShowCurrent?: () => void;
  readonly onOpenParcel?: (key: ParcelKey, asOf: string | null) => void;
  readonly onPrepareChange?: (() => void) | undefined;
  readonly onCompare?: () => void;
}

/** The basic data of the selected parcel, from the detail endpoint; for accounts that
 * read the cadastre, its land users, record content, versions and history too. */
export function ParcelPanel(props: ParcelPanelProps) {
  const { parcel, detail, loading, onClose, asOf = null, revision = 0 } = props;
  const { t, lang, locale } = useI18n();
  const session = useSession();
  const reader = session.can(CADASTRE_READ);
  return (
    <section className="card parcel-panel" data-testid="parcel-panel" aria-labelledby="parcel-title" aria-busy={loading}>
      <header>
        <h2 id="parcel-title">{t('parcel.title')}</h2>
        <button type="button" className="link-button" onClick={onClose}>
          {t('parcel.close')}
        </button>
      </header>
      {asOf && (
        <p className="notice" data-testid="parcel-as-of">
          {t('records.asOf', { date: formatDateTime(asOf, locale) })}{' '}
          <button type="button" className="link-button" onClick={props.onShowCurrent}>{t('records.backToNow')}</button>
        </p>
      )}
      {!detail && !loading && <p className="hint">{t('parcel.unavailable')}</p>}
      {detail && (
        <dl>
          <dt>{t('parcel.commune')}</dt>
          <dd data-testid="parcel-unit">{detail.unitName}</dd>
          <dt data-testid="sheet-number-label">{t('parcel.sheet')}</dt>
          <dd data-testid="sheet-number">{detail.sheetNumber}</dd>
          <dt data-testid="parcel-number-label">{t('parcel.number')}</dt>
          <dd data-testid="parcel-number">{detail.parcelNumber}</dd>
          <dt>{t('parcel.area')}</dt>
          <dd data-testid="parcel-area">{formatArea(detail.officialArea, locale)}</dd>
          <dt>{t('parcel.landUse')}</dt>
          <dd data-testid="parcel-land-use">
            <abbr title={detail.landUseName[lang]}>{detail.landUseCode}</abbr> — {detail.landUseName[lang]}
          </dd>
          <dt>{t('parcel.address')}</dt>
          <dd data-testid="parcel-address">{detail.address || t('parcel.noAddress')}</dd>
        </dl>
      )}
      {reader && (
        <div className="form-actions parcel-actions">
          {props.onPrepareChange && !asOf && (
            <button type="button" className="button small primary" data-testid="prepare-change" onClick={props.onPrepareChange}>
              {t('actions.prepare')}
            </button>
          )}
          {props.onCompare && (
            <button type="button" className="button small" data-testid="open-compare" onClick={props.onCompare}>
              {t('actions.compare')}
            </button>
          )}
        </div>
      )}
      {/* public: approved plans and price tables are published */}
      {detail && <ParcelPlanning {...parcel} asOf={asOf} />}
      {detail && <ParcelPrice {...parcel} asOf={asOf} />}
      {reader && <ParcelRecords parcel={parcel} asOf={asOf} revision={revision} />}
      {reader && detail && <ParcelDocuments detail={detail} />}
      {reader && props.onOpenParcel && <VersionsSection parcel={parcel} revision={revision} onOpen={props.onOpenParcel} />}
    </section>
  );
}
