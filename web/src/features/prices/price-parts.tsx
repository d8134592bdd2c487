// Small pieces the price screens share: a table's period and its status badge.
import { useI18n } from '../../i18n';
import { formatDate } from '../../ui/format';
import type { PriceTableSummary } from './price-api';

/** validTo is the first day no longer in force: the last day shown is the day before. */
export function periodText(table: { validFrom: string; validTo: string | null }, locale: string, openEnded: string): string {
  const last = table.validTo ? formatDate(dayBefore(table.validTo), locale) : openEnded;
  return `${formatDate(table.validFrom, locale)} – ${last}`;
}

function dayBefore(iso: string): string {
  const day = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

export function TableStatusBadge({ status }: { status: PriceTableSummary['status'] }) {
  const { t } = useI18n();
  return (
    <span className={`badge price-status-${status}`} data-testid="price-table-status" data-status={status}>
      {t(`priceAdmin.status.${status}`)}
    </span>
  );
}
