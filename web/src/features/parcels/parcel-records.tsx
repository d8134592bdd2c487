// What an account with cadastre.read sees of a parcel beyond its public data: its land
// users (masked unless the account reads personal data on the unit) and its history of
// change transactions, pending ones included, with the mortgages in force. A refusal
// (a unit outside the account's scope) shows the API's own words in place of a section.
import {
  getParcelHistory,
  getParcelHolders,
  getParcelRecordContent,
  type ApiError,
  type Holder,
  type ParcelChange,
  type ParcelHistory,
  type ParcelHolders,
  type ParcelKey,
  type ParcelRecordContent,
} from '../../api';
import { useI18n, type Language } from '../../i18n';
import { formatCount, formatDate } from '../../ui/format';
import { LandRecordSections } from './land-records';
import { useParcelRecord, type Loaded } from './use-parcel-record';

export interface ParcelRecordsProps {
  readonly parcel: ParcelKey;
  /** ISO date-time: the record as it was then; absent: now. */
  readonly asOf?: string | null;
  /** Bumped when a change was approved or cancelled: read again. */
  readonly revision?: number;
}

export function ParcelRecords({ parcel, asOf, revision = 0 }: ParcelRecordsProps) {
  const holders = useParcelRecord<ParcelHolders>(parcel, getParcelHolders, asOf, revision);
  const content = useParcelRecord<ParcelRecordContent>(parcel, getParcelRecordContent, asOf, revision);
  const history = useParcelRecord<ParcelHistory>(parcel, getParcelHistory, asOf, revision);
  return (
    <>
      <HoldersSection state={holders} />
      <LandRecordSections state={content} />
      <HistorySection state={history} />
    </>
  );
}

export function Refusal({ error, lang, testId }: { error: ApiError; lang: Language; testId: string }) {
  return (
    <p className="form-error" role="alert" data-testid={testId} data-code={error.code}>
      {error.messages[lang]}
    </p>
  );
}

function HoldersSection({ state }: { state: Loaded<ParcelHolders> | null }) {
  const { t, lang } = useI18n();
  return (
    <section className="parcel-records" data-testid="parcel-holders" aria-busy={state === null}>
      <h3>
        {t('holders.title')}
        {state?.data?.masked && (
          <span className="muted" data-testid="holders-masked">
            {' '}
            {t('records.masked')}
          </span>
        )}
      </h3>
      {state === null && <p className="hint">{t('loading')}</p>}
      {state?.error && <Refusal error={state.error} lang={lang} testId="holders-error" />}
      {state?.data && state.data.holders.length === 0 && <p className="hint">{t('holders.none')}</p>}
      {state?.data && state.data.holders.length > 0 && (
        <ul className="record-list">
          {state.data.holders.map((holder) => (
            <HolderItem key={holder.partyId} holder={holder} />
          ))}
        </ul>
      )}
    </section>
  );
}

function HolderItem({ holder }: { holder: Holder }) {
  const { t, locale } = useI18n();
  const details = [
    holder.idNumber ? `${t('holders.idNumber')}: ${holder.idNumber}` : null,
    holder.birthYear ? `${t('holders.birthYear')}: ${holder.birthYear}` : null,
    holder.share < 1 ? `${t('holders.share')}: ${formatCount(Math.round(holder.share * 1000) / 10, locale)}%` : null,
  ].filter((part): part is string => part !== null);
  return (
    <li data-testid="holder">
      <strong data-testid="holder-name">{holder.fullName}</strong>
      {details.length > 0 && <span className="muted">{details.join(' · ')}</span>}
      {holder.address && <span className="muted">{holder.address}</span>}
    </li>
  );
}

function HistorySection({ state }: { state: Loaded<ParcelHistory> | null }) {
  const { t, lang, locale } = useI18n();
  const changes = state?.data ? [...state.data.changes].reverse() : []; // newest first
  return (
    <section className="parcel-records" data-testid="parcel-history" aria-busy={state === null}>
      <h3>{t('history.title')}</h3>
      {state === null && <p className="hint">{t('loading')}</p>}
      {state?.error && <Refusal error={state.error} lang={lang} testId="history-error" />}
      {state?.data && changes.length === 0 && <p className="hint">{t('history.none')}</p>}
      {changes.length > 0 && (
        <ol className="timeline">
          {changes.map((change) => (
            <ChangeItem key={change.id} change={change} />
          ))}
        </ol>
      )}
      {state?.data && (
        <>
          <h4>{t('history.restrictions')}</h4>
          {state.data.restrictions.length === 0 ? (
            <p className="hint">{t('history.noRestrictions')}</p>
          ) : (
            <ul className="record-list" data-testid="restrictions">
              {state.data.restrictions.map((restriction) => (
                <li key={restriction.id} data-testid="restriction">
                  <strong>{t('history.mortgage', { holder: restriction.holderName })}</strong>
                  <span className="muted">
                    {[
                      restriction.amount !== null
                        ? `${t('history.amount')}: ${formatCount(Number(restriction.amount), locale)} đ`
                        : null,
                      restriction.contractRef ? `${t('history.contract')}: ${restriction.contractRef}` : null,
                      t('history.since', { date: formatDate(restriction.validFrom, locale) }),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function ChangeItem({ change }: { change: ParcelChange }) {
  const { t, lang, locale } = useI18n();
  return (
    <li className={`timeline-item status-${change.status}`} data-testid="history-change" data-status={change.status}>
      <strong data-testid="history-type">{change.typeName[lang]}</strong>
      <span className={`badge status-${change.status}`} data-testid="history-status">
        {t(`history.status.${change.status}`)}
      </span>
      <span className="muted">
        {change.effectiveAt
          ? t('history.effective', { date: formatDate(change.effectiveAt, locale) })
          : t('history.created', { date: formatDate(change.createdAt, locale) })}
      </span>
      <span>
        {t('history.legalBasis')}: {change.legalBasis}
      </span>
      {change.dossierRef && (
        <span className="muted">
          {t('history.dossier')}: {change.dossierRef}
        </span>
      )}
    </li>
  );
}
