// "Giá đất" (S-PRICE, issue #8 item 1): the province's land price tables (bảng giá đất,
// Luật Đất đai 2024 Điều 159) for the Department's specialists: the list, a new draft,
// and a table's detail (position rules, coefficients, segments with VT1-VT4 prices) where
// a draft takes its Excel file and is published. Loaded on demand from app.tsx; needs
// prices.edit (reading tables is public through the API, but this screen is for editors).
import { useMemo, useState } from 'react';
import { listUnits, useApiResource, type ApiError } from '../../api';
import { useSession } from '../auth/session-context';
import { unitsInScope } from '../statistics/statistics-view';
import { useI18n } from '../../i18n';
import { ApiErrorBanner } from '../../ui/api-error-banner';
import { formatDate } from '../../ui/format';
import { PriceTableDetail } from './price-table-detail';
import { PriceTableForm } from './price-table-form';
import { listPriceTables } from './price-api';
import { periodText, TableStatusBadge } from './price-parts';
import './prices.css';

export function PricesScreen() {
  const { t, lang, locale } = useI18n();
  const { me } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const tables = useApiResource(`price-tables#${version}`, (signal) => listPriceTables(signal), setError);
  const provinces = useApiResource('price-provinces', (signal) => listUnits({ level: 'province' }, signal), setError);
  const grantCodes = useMemo(() => (me?.grants ?? []).map((g) => g.unitCode), [me]);
  const provinceOptions = useMemo(() => unitsInScope(provinces.data?.items ?? [], grantCodes), [provinces.data, grantCodes]);
  const reload = () => setVersion((v) => v + 1);

  return (
    <main className="workspace scroll prices" data-testid="prices">
      <div className="editor-screen">
        <header className="screen-header">
          <h2>{t('priceAdmin.title')}</h2>
          {!creating && (
            <button type="button" className="button primary" data-testid="price-new" onClick={() => setCreating(true)}>
              {t('priceAdmin.new')}
            </button>
          )}
        </header>
        <p className="hint">{t('priceAdmin.intro')}</p>
        <ApiErrorBanner error={error} onDismiss={() => setError(null)} />
        {creating && (
          <PriceTableForm
            provinces={provinceOptions}
            onDone={(id) => {
              setCreating(false);
              setOpenId(id);
              reload();
            }}
            onCancel={() => setCreating(false)}
          />
        )}
        <table className="table" data-testid="price-tables">
          <thead>
            <tr>
              <th scope="col">{t('priceAdmin.name')}</th>
              <th scope="col">{t('priceAdmin.decision')}</th>
              <th scope="col">{t('priceAdmin.period')}</th>
              <th scope="col">{t('priceAdmin.segments')}</th>
              <th scope="col">{t('priceAdmin.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tables.data?.map((table) => (
              <tr key={table.id} data-testid="price-table-row" data-id={table.id} aria-selected={table.id === openId}>
                <td>{table.name}</td>
                <td>
                  {table.decision.number}
                  <small className="block">{`${formatDate(table.decision.date, locale)} — ${table.decision.issuer}`}</small>
                </td>
                <td>{periodText(table, locale, t('priceAdmin.openEnded'))}</td>
                <td>{table.segments}</td>
                <td>
                  <TableStatusBadge status={table.status} />
                </td>
                <td>
                  <button type="button" className="button small" data-testid="price-table-open" onClick={() => setOpenId(table.id)}>
                    {t('priceAdmin.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {tables.data?.length === 0 && <p className="hint">{t('priceAdmin.none')}</p>}
        {openId && <PriceTableDetail key={openId} id={openId} onChanged={reload} onError={setError} onClose={() => setOpenId(null)} />}
      </div>
    </main>
  );
}
