// Parcel colours come from the land-use code list (its mapColor), never from the client:
// a new code or colour is a data change on the server.
import type { ExpressionSpecification } from 'maplibre-gl';
import type { LandUseCode } from '../../api';

export const UNKNOWN_LAND_USE_COLOR = '#c8c8c8';

/** A MapLibre 'match' on landUseCode; a plain colour while the list is not loaded. */
export function buildLandUseColorExpression(codes: readonly LandUseCode[]): ExpressionSpecification | string {
  if (codes.length === 0) return UNKNOWN_LAND_USE_COLOR;
  const pairs: string[] = [];
  for (const code of codes) pairs.push(code.code, code.mapColor);
  // The style spec's tuple type cannot express "pairs of label and output".
  return ['match', ['get', 'landUseCode'], ...pairs, UNKNOWN_LAND_USE_COLOR] as unknown as ExpressionSpecification;
}

export interface LegendEntry {
  readonly code: string;
  readonly color: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly count: number;
}

/** Legend entries of counted land-use codes, most frequent first; unknown codes in grey. */
export function legendEntriesOf(counts: ReadonlyMap<string, number>, codes: readonly LandUseCode[]): LegendEntry[] {
  const byCode = new Map(codes.map((c) => [c.code, c]));
  return [...counts]
    .map(([code, count]) => {
      const known = byCode.get(code);
      return {
        code,
        count,
        color: known?.mapColor ?? UNKNOWN_LAND_USE_COLOR,
        nameVi: known?.nameVi ?? code,
        nameEn: known?.nameEn ?? code,
      };
    })
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
