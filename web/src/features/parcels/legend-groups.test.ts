import { describe, expect, it } from 'vitest';
import type { LandUseCode } from '../../api';
import { groupLandUseCodes } from './legend-groups';

const code = (c: string, groupCode: string): LandUseCode => ({
  code: c,
  groupCode,
  parentCode: c === groupCode ? null : groupCode,
  nameVi: `Đất ${c}`,
  nameEn: `${c} land`,
  mapColor: '#ffffff',
});

describe('legend groups', () => {
  it('groups codes in legal group order, keeping list order and dropping the group rows', () => {
    const groups = groupLandUseCodes([
      code('CSD', 'CSD'),
      code('BCS', 'CSD'),
      code('PNN', 'PNN'),
      code('ODT', 'PNN'),
      code('NNP', 'NNP'),
      code('LUC', 'NNP'),
      code('CLN', 'NNP'),
      code('ONT', 'PNN'),
    ]);
    expect(groups.map((g) => g.groupCode)).toEqual(['NNP', 'PNN', 'CSD']);
    expect(groups.map((g) => g.codes.map((c) => c.code))).toEqual([['LUC', 'CLN'], ['ODT', 'ONT'], ['BCS']]);
  });

  it('puts unknown groups last and gives nothing for an empty list', () => {
    expect(groupLandUseCodes([code('XYZ', 'ZZZ'), code('LUC', 'NNP')]).map((g) => g.groupCode)).toEqual(['NNP', 'ZZZ']);
    expect(groupLandUseCodes([])).toEqual([]);
  });
});
