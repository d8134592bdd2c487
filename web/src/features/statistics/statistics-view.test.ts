import { describe, expect, it } from 'vitest';
import type { AdminUnit } from '../../api';
import { formatHectares } from './hectares';
import type { LandUseReport } from './statistics-api';
import { areaBars, axisMax, cameraFor, formatPurposes, lastStatisticsDate, reportTotal, subUnitBars, unitsInScope, unitTitle } from './statistics-view';

const unit = (code: string, level: AdminUnit['level'], parentCode: string | null, name = code): AdminUnit => ({
  code, level, parentCode, name, kind: level === 'province' ? 'Tỉnh' : 'Xã', validFrom: '2025-07-01', validTo: null, parcelCount: 0,
});

const report = {
  rows: [
    { code: 'NNP', nameVi: 'Nhóm đất nông nghiệp', nameEn: 'Agricultural', depth: 0, total: 30_000, byUser: {} },
    { code: 'CLN', nameVi: 'Đất trồng cây lâu năm', nameEn: 'Perennial crops', depth: 1, total: 30_000, byUser: {} },
    { code: 'PNN', nameVi: 'Nhóm đất phi nông nghiệp', nameEn: 'Non-agricultural', depth: 0, total: 12_345, byUser: {} },
    { code: 'OTC', nameVi: 'Đất ở', nameEn: 'Residential', depth: 1, total: 12_345, byUser: {} },
    { code: 'ONT', nameVi: 'Đất ở tại nông thôn', nameEn: 'Rural residential', depth: 2, total: 12_345, byUser: {} },
    { code: 'DGT', nameVi: 'Đất giao thông', nameEn: 'Roads', depth: 1, total: 0, byUser: {} },
    { code: 'CSD', nameVi: 'Nhóm đất chưa sử dụng', nameEn: 'Unused', depth: 0, total: 0, byUser: {} },
  ],
  subUnits: [
    { unitCode: 'A', unitName: 'Xã A', naturalArea: null, byGroup: { NNP: 30_000, PNN: 12_345 }, total: 42_345 },
    { unitCode: 'B', unitName: 'Xã B', naturalArea: null, byGroup: {}, total: 0 },
  ],
} as unknown as LandUseReport;

describe('S-STAT statistics screen rules', () => {
  it('defaults to 31 December of the year before (the yearly statistics date)', () => {
    expect(lastStatisticsDate('2026-11-25')).toBe('2025-12-31');
    expect(lastStatisticsDate('2026-01-01')).toBe('2025-12-31');
  });

  it('offers the units under the grants, the widest first; all units when no grant is among them', () => {
    const units = [unit('75', 'province', null), unit('25195', 'commune', '75', 'Bình Phước'), unit('26000', 'commune', '99'), unit('99', 'province', null)];
    expect(unitsInScope(units, ['75']).map((u) => u.code)).toEqual(['75', '25195']);
    expect(unitsInScope(units, ['25195']).map((u) => u.code)).toEqual(['25195']);
    expect(unitsInScope(units, ['70']).map((u) => u.code).sort()).toEqual(['25195', '26000', '75', '99']);
  });

  it('totals the form as its three groups, and draws one bar per group or per code with area', () => {
    expect(reportTotal(report)).toBe(42_345);
    expect(areaBars(report, 'group', 'vi').map((b) => [b.code, b.value])).toEqual([['NNP', 30_000], ['PNN', 12_345], ['CSD', 0]]);
    expect(areaBars(report, 'code', 'en').map((b) => b.label)).toEqual(['Perennial crops', 'Residential']);
    expect(subUnitBars(report.subUnits).map((b) => b.code)).toEqual(['A']);
    expect(subUnitBars(report.subUnits)[0]!.parts).toEqual([{ group: 'NNP', value: 30_000 }, { group: 'PNN', value: 12_345 }, { group: 'CSD', value: 0 }]);
  });

  it('F4 writes the purposes of a parcel with their areas, and heads a unit without repeating its kind', () => {
    const m2 = (value: number) => `${value.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} m²`;
    expect(formatPurposes('CLN:4436.4; ONT:300', m2)).toBe('CLN 4.436,4 m²; ONT 300,0 m²');
    expect(formatPurposes('', m2)).toBe('');
    expect(unitTitle({ kind: 'Tỉnh', name: 'Tỉnh Đồng Nai' })).toBe('Tỉnh Đồng Nai');
    expect(unitTitle({ kind: 'Phường', name: 'Tân Phú' })).toBe('Phường Tân Phú');
  });

  it('F4 opens the map on the extract: centred on its bounds, zoomed so that they fit', () => {
    // 0.1° of longitude at 11.5°N in a 1000 × 800 map: 1000·0.9 px = 0.1/360 · 512 · 2^z → z ≈ 12.63
    const camera = cameraFor([106.85, 11.5, 106.95, 11.55], 1000, 800);
    expect(camera.lon).toBeCloseTo(106.9, 6);
    expect(camera.lat).toBeCloseTo(11.525, 3);
    expect(camera.zoom).toBeCloseTo(Math.log2((900 * 360) / (512 * 0.1)), 6);
    expect(cameraFor([106.9, 11.5, 106.9, 11.5], 1000, 800).zoom).toBe(18); // one point: as close as allowed
    expect(cameraFor([100, 5, 115, 25], 400, 300).zoom).toBe(6);
  });

  it('rounds the axis up to 1, 2, 2.5 or 5 × 10ⁿ', () => {
    expect(axisMax(0)).toBe(1);
    expect(axisMax(3.2)).toBe(5);
    expect(axisMax(1234)).toBe(2000);
    expect(axisMax(2400)).toBe(2500);
    expect(axisMax(10)).toBe(10);
  });

  it('writes areas in hectares, two decimals, in the Vietnamese number format', () => {
    expect(formatHectares(12_345_678, 'vi-VN')).toBe('1.234,57');
    expect(formatHectares(12_345_678, 'en-GB')).toBe('1,234.57');
    expect(formatHectares(-10, 'vi-VN')).toBe('0,00');
  });
});
