// Shares of land-use codes in the demo, by parcel count. Bình Phước is a province of
// perennial industrial crops (rubber, cashew, pepper: CLN), production forest and
// scattered rural housing; wards are denser and residential.

export type LandUseMix = ReadonlyArray<readonly [code: string, weight: number]>;

export const RURAL_MIX: LandUseMix = [
  ['CLN', 60], ['HNK', 8], ['RSX', 7], ['ONT', 10], ['LUC', 2], ['LUK', 2], ['NTS', 1], ['DGT', 4],
  ['SON', 1], ['TMD', 1], ['NTD', 1], ['DGD', 0.5], ['DYT', 0.3], ['TSC', 0.2], ['BCS', 1], ['DCS', 1],
];

export const URBAN_MIX: LandUseMix = [
  ['ODT', 45], ['CLN', 22], ['HNK', 5], ['DGT', 8], ['TMD', 6], ['SKC', 3], ['TSC', 2], ['DGD', 2],
  ['DYT', 1], ['DTT', 1], ['DCH', 1], ['MNC', 1], ['NTD', 1], ['TON', 1], ['SCC', 1],
];

/** Codes and cumulative shares in [0, 1], the form the SQL picks from with random(). */
export function cumulative(mix: LandUseMix): { codes: string[]; bounds: number[] } {
  const total = mix.reduce((sum, [, weight]) => sum + weight, 0);
  let running = 0;
  const bounds = mix.map(([, weight]) => (running += weight) / total);
  bounds[bounds.length - 1] = 1;
  return { codes: mix.map(([code]) => code), bounds };
}

/** Land held by the state (the commune People's Committee manages it), not by households. */
export const PUBLIC_LAND = ['DGT', 'SON', 'MNC', 'TSC', 'DGD', 'DYT', 'DTT', 'DCH', 'NTD', 'BCS', 'DCS'];
