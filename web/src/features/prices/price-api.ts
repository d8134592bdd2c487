// The price of a parcel on a day (S-PRICE): GET /prices/parcels/{unit}/{sheet}/{parcel}.
import { getJson } from '../../api/http-client';
import type { ParcelKey } from '../../api';

interface Decision {
  readonly number: string;
  readonly date: string;
  readonly issuer: string;
}

export interface ParcelPrice {
  /** VND per m² after the coefficient */
  readonly pricePerM2: number;
  readonly area: number;
  readonly total: number;
  readonly explanation: {
    readonly source: 'table' | 'specific';
    readonly table: { readonly name: string; readonly decision: Decision } | null;
    readonly segment: { readonly code: string; readonly roadName: string; readonly from: string; readonly to: string; readonly distanceM: number } | null;
    readonly position: { readonly position: number; readonly reason: { readonly vi: string; readonly en: string } } | null;
    readonly landUseCode: string;
    readonly coefficient: { readonly value: number; readonly decision: Decision } | null;
    readonly specificPrice: { readonly method: string; readonly decision: Decision } | null;
    /** the arithmetic, written out (Vietnamese) */
    readonly formula: string;
  };
}

const segment = (value: string | number): string => encodeURIComponent(String(value));

/** date: YYYY-MM-DD (a day in Vietnam); absent: today. */
export function getParcelPrice(key: ParcelKey, date: string | undefined, signal?: AbortSignal): Promise<ParcelPrice> {
  return getJson<ParcelPrice>(
    `/prices/parcels/${segment(key.unitCode)}/${segment(key.sheetNumber)}/${segment(key.parcelNumber)}`,
    { date },
    signal,
  );
}
