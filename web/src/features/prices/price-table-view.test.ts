import { describe, expect, it } from 'vitest';
import type { PriceSegment } from './price-api';
import { priceRows } from './price-table-detail';
import { periodText } from './price-parts';

const segment = (code: string, prices: PriceSegment['prices']): PriceSegment => ({
  code, roadName: 'Quốc lộ 14', from: 'A', to: 'B', unitCode: '25195', hasGeometry: false, prices,
});

describe('S-PRICE portal: a price table shown as in its Excel layout', () => {
  it('gives one row per segment and land-use code with its VT1-VT4 prices', () => {
    const rows = priceRows([
      segment('X-1', [
        { landUseCode: 'ODT', position: 1, price: 20_000_000 },
        { landUseCode: 'TMD', position: 1, price: 16_000_000 },
        { landUseCode: 'ODT', position: 2, price: 12_000_000 },
      ]),
      segment('X-2', []),
    ]);
    expect(rows.map((r) => [r.segment.code, r.landUseCode, r.prices, r.first])).toEqual([
      ['X-1', 'ODT', { 1: 20_000_000, 2: 12_000_000 }, true],
      ['X-1', 'TMD', { 1: 16_000_000 }, false],
      ['X-2', '', {}, true],
    ]);
  });

  it('shows the last day in force, the day before the first day no longer in force', () => {
    expect(periodText({ validFrom: '2026-01-01', validTo: '2027-01-01' }, 'vi-VN', '…')).toBe('01/01/2026 – 31/12/2026');
    expect(periodText({ validFrom: '2026-01-01', validTo: null }, 'vi-VN', 'đến khi có bảng giá mới')).toBe('01/01/2026 – đến khi có bảng giá mới');
  });
});
