import { describe, expect, it } from 'vitest';
import type { LandUseCode } from '../../api';
import { buildLandUseColorExpression, legendEntriesOf, UNKNOWN_LAND_USE_COLOR } from './land-use-colors';

const code = (c: string, mapColor: string): LandUseCode => ({
  code: c,
  groupCode: 'NNP',
  parentCode: 'NNP',
  nameVi: `Đất ${c}`,
  nameEn: `${c} land`,
  mapColor,
});

describe('land-use colours', () => {
  it('builds a match expression from the code list, with a fallback colour', () => {
    expect(buildLandUseColorExpression([code('CLN', '#ffd2a0'), code('ODT', '#ffa0ff')])).toEqual([
      'match', ['get', 'landUseCode'], 'CLN', '#ffd2a0', 'ODT', '#ffa0ff', UNKNOWN_LAND_USE_COLOR,
    ]);
    expect(buildLandUseColorExpression([])).toBe(UNKNOWN_LAND_USE_COLOR);
  });

  it('lists the codes present, most frequent first, unknown codes included', () => {
    const entries = legendEntriesOf(new Map([['CLN', 1], ['ODT', 2], ['XYZ', 1]]), [code('CLN', '#ffd2a0'), code('ODT', '#ffa0ff')]);
    expect(entries.map((e) => [e.code, e.count, e.color])).toEqual([
      ['ODT', 2, '#ffa0ff'],
      ['CLN', 1, '#ffd2a0'],
      ['XYZ', 1, UNKNOWN_LAND_USE_COLOR],
    ]);
  });
});
