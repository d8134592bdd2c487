// Groups the land-use code list for the map legend: one section per group
// (agricultural, non-agricultural, unused), in that order, each listing its codes.
import type { LandUseCode } from '../../api';

export type LandUseGroupCode = 'NNP' | 'PNN' | 'CSD';

/** The order of the groups in the legend (Luật Đất đai 2024 Điều 9). */
export const LAND_USE_GROUP_ORDER: readonly string[] = ['NNP', 'PNN', 'CSD'];

export interface LegendGroup {
  readonly groupCode: string;
  readonly codes: readonly LandUseCode[];
}

/**
 * The codes grouped by groupCode, known groups first in their legal order, then any other
 * group alphabetically. The group rows themselves (code equal to its groupCode) are the
 * headings, not entries; codes keep the order of the list within a group.
 */
export function groupLandUseCodes(codes: readonly LandUseCode[]): LegendGroup[] {
  const groups = new Map<string, LandUseCode[]>();
  for (const code of codes) {
    if (code.code === code.groupCode) continue;
    const list = groups.get(code.groupCode);
    if (list) list.push(code);
    else groups.set(code.groupCode, [code]);
  }
  const rank = (group: string) => {
    const index = LAND_USE_GROUP_ORDER.indexOf(group);
    return index === -1 ? LAND_USE_GROUP_ORDER.length : index;
  };
  return [...groups]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([groupCode, list]) => ({ groupCode, codes: list }));
}
