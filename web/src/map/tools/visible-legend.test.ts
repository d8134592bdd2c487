import { describe, expect, it } from 'vitest';
import type { LandUseCode } from '../../api';
import { UNKNOWN_LAND_USE_COLOR } from '../../features/parcels/land-use-colors';
import { legendSections, visibleLegendEntries } from './visible-legend';

const codes: LandUseCode[] = [
  { code: 'ONT', groupCode: 'PNN', parentCode: null, nameVi: 'Đất ở tại nông thôn', nameEn: 'Rural residential land', mapColor: '#ffd0ff' },
  { code: 'CLN', groupCode: 'NNP', parentCode: null, nameVi: 'Đất trồng cây lâu năm', nameEn: 'Perennial crop land', mapColor: '#ffd2a0' },
];

describe('S-PORTAL one legend: the land uses of the parcels drawn', () => {
  it('counts each drawn parcel once, most frequent first, unknown codes in grey', () => {
    const drawn = [
      { unitCode: '25195', sheetNumber: 1, parcelNumber: 1, landUseCode: 'ONT' },
      { unitCode: '25195', sheetNumber: 1, parcelNumber: 1, landUseCode: 'ONT' }, // same parcel, other tile
      { unitCode: '25195', sheetNumber: 1, parcelNumber: 2, landUseCode: 'CLN' },
      { unitCode: '25195', sheetNumber: 1, parcelNumber: 3, landUseCode: 'CLN' },
      { unitCode: '25195', sheetNumber: 1, parcelNumber: 4, landUseCode: 'XYZ' },
      { unitCode: '25195', sheetNumber: 1, parcelNumber: 5 },
    ];
    expect(visibleLegendEntries(drawn, codes)).toEqual([
      { code: 'CLN', count: 2, color: '#ffd2a0', nameVi: 'Đất trồng cây lâu năm', nameEn: 'Perennial crop land' },
      { code: 'ONT', count: 1, color: '#ffd0ff', nameVi: 'Đất ở tại nông thôn', nameEn: 'Rural residential land' },
      { code: 'XYZ', count: 1, color: UNKNOWN_LAND_USE_COLOR, nameVi: 'XYZ', nameEn: 'XYZ' },
    ]);
    expect(visibleLegendEntries([], codes)).toEqual([]);
  });

  it('orders the legend by land-use group (NNP, PNN, CSD), unknown codes last', () => {
    const entries = visibleLegendEntries(
      [
        { unitCode: '1', sheetNumber: 1, parcelNumber: 1, landUseCode: 'ONT' },
        { unitCode: '1', sheetNumber: 1, parcelNumber: 2, landUseCode: 'XYZ' },
        { unitCode: '1', sheetNumber: 1, parcelNumber: 3, landUseCode: 'CLN' },
      ],
      codes,
    );
    expect(legendSections(entries, codes).map((s) => [s.groupCode, s.entries.map((e) => e.code)])).toEqual([
      ['NNP', ['CLN']],
      ['PNN', ['ONT']],
      [null, ['XYZ']],
    ]);
  });
});
