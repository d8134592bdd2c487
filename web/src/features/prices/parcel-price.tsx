// The price of the parcel on the day shown, with how it was derived (S-PRICE): the price
// table and its decision, the road segment and position, the coefficient, the formula.
// Public: price tables are published decisions (Luật Đất đai 2024, Điều 159).
import { useI18n } from '../../i18n';
import { formatDate } from '../../ui/format';
import { dayInVietnam } from '../planning/planning-api';
import { Refusal } from '../parcels/parcel-records';
import { useParcelRecord } from '../parcels/use-parcel-record';
import { getParcelPrice, type ParcelPrice as Price } from './price-api';

export interface ParcelPriceProps {
  readonly unitCode: string;
  readonly sheetNumber: number;
  readonly parcelNumber: number;
  /** ISO date or date-time: the price on that day (in Vietnam); absent: today. */
  readonly asOf?: string | null;
}

export function ParcelPrice({ unitCode, sheetNumber, parcelNumber, asOf }: ParcelPriceProps) {
  const { t, lang, locale } = useI18n();
  const state = useParcelRecord<Price>({ unitCode, sheetNumber, parcelNumber }, getParcelPrice, asOf ? dayInVietnam(asOf) : null);
  const vnd = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const data = state?.data;
  const why = data?.explanation;
  return (
    <section className="parcel-records parcel-price" data-testid="parcel-price" aria-busy={state === null}>
      <h3>{t('prices.title')}</h3>
      {state === null && <p className="hint">{t('loading')}</p>}
      {state?.error && <Refusal error={state.error} lang={lang} testId="price-error" />}
      {data && why && (
        <>
          <dl>
            <dt>{t('prices.perM2')}</dt>
            <dd data-testid="price-per-m2">{vnd.format(data.pricePerM2)} đ/m²</dd>
            <dt>{t('prices.total')}</dt>
            <dd data-testid="price-total">{vnd.format(data.total)} đ</dd>
            {why.table && (
              <>
                <dt>{t('prices.table')}</dt>
                <dd>{t('prices.decision', { number: why.table.decision.number, date: formatDate(why.table.decision.date, locale), issuer: why.table.decision.issuer })}</dd>
              </>
            )}
            {why.segment && (
              <>
                <dt>{t('prices.segment')}</dt>
                <dd data-testid="price-segment">{t('prices.segmentText', { road: why.segment.roadName, from: why.segment.from, to: why.segment.to })}</dd>
              </>
            )}
            {why.position && (
              <>
                <dt>{t('prices.position', { position: why.position.position })}</dt>
                <dd>{why.position.reason[lang]}</dd>
              </>
            )}
            {why.coefficient && (
              <>
                <dt>{t('prices.coefficient')}</dt>
                <dd>{why.coefficient.value} ({t('prices.decisionShort', { number: why.coefficient.decision.number })})</dd>
              </>
            )}
            {why.specificPrice && (
              <>
                <dt>{t('prices.specific')}</dt>
                <dd>{t('prices.decisionShort', { number: why.specificPrice.decision.number })}</dd>
              </>
            )}
          </dl>
          <p className="muted" data-testid="price-formula">{why.formula}</p>
        </>
      )}
    </section>
  );
}
