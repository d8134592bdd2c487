import type { ParcelDetail, ParcelKey } from '../../api';
import { useSession } from '../auth/session-context';
import { useI18n } from '../../i18n';
import { formatArea } from '../../ui/format';
import { ParcelRecords } from './parcel-records';

/** Land users and history are for accounts that read the cadastre (on the parcel's unit). */
export const CADASTRE_READ = 'cadastre.read';

export interface ParcelPanelProps {
  readonly parcel: ParcelKey;
  readonly detail: ParcelDetail | null;
  readonly loading: boolean;
  readonly onClose: () => void;
}

/** The basic data of the selected parcel, from the detail endpoint; for accounts that
 * read the cadastre, its land users and history too. */
export function ParcelPanel({ parcel, detail, loading, onClose }: ParcelPanelProps) {
  const { t, lang, locale } = useI18n();
  const session = useSession();
  return (
    <section className="card parcel-panel" data-testid="parcel-panel" aria-labelledby="parcel-title" aria-busy={loading}>
      <header>
        <h2 id="parcel-title">{t('parcel.title')}</h2>
        <button type="button" className="link-button" onClick={onClose}>
          {t('parcel.close')}
        </button>
      </header>
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
      {session.can(CADASTRE_READ) && <ParcelRecords parcel={parcel} />}
    </section>
  );
}
