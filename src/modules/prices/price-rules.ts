// The price of a parcel, as pure rules over what the database found (S-PRICE). The
// province's logic is configuration (position rules, the multi-position rule and the
// coefficients are rows of the price table), so these functions only combine them:
//
//   price per m² = segment price (table, segment, land-use code or group, position)
//                  × adjustment coefficient in force at the date
//   total        = price per m² × official area of the parcel
//
// A specific price decided for the parcel (giá đất cụ thể, Luật Đất đai 2024 Điều 160)
// overrides the table. Positions (vị trí) follow the table's rules, built by the province
// under Nghị định 71/2024/NĐ-CP (verify: the article on khu vực, vị trí in bảng giá đất).
import { errors, type BilingualMessage } from '../../kernel/app-error.js';

export type MultiPositionRule = 'nearest' | 'area_weighted';

export interface PositionRule {
  position: number;
  maxDistanceM: number;
  minAlleyWidthM: number | null;
  descriptionVi: string;
}

/** Area of the parcel in one position band (m², planar VN-2000). */
export interface BandArea {
  position: number;
  area: number;
}

export interface Decision {
  number: string;
  date: string;
  issuer: string;
}

export interface PricedTable {
  id: string;
  name: string;
  decision: Decision;
  validFrom: string;
  validTo: string | null;
  multiPositionRule: MultiPositionRule;
}

export interface PricedSegment {
  code: string;
  roadName: string;
  from: string;
  to: string;
  /** distance from the parcel to the segment's line, m */
  distanceM: number;
  /** the code or group its prices were found under */
  landUseCode: string;
  /** VND/m² by position */
  prices: Partial<Record<1 | 2 | 3 | 4, number>>;
}

export interface Coefficient {
  value: number;
  decision: Decision;
  unitCode: string | null;
  landUseCode: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface ParcelPriceExplanation {
  source: 'table' | 'specific';
  table: PricedTable | null;
  segment: Omit<PricedSegment, 'prices'> | null;
  position: { position: number; reason: BilingualMessage; bands: Array<BandArea & { price: number }> } | null;
  landUseCode: string;
  coefficient: Coefficient | null;
  specificPrice: { method: string; purpose: string; decision: Decision; validFrom: string; validTo: string | null } | null;
  formula: string;
}

export interface ParcelPrice {
  pricePerM2: number;
  area: number;
  total: number;
  explanation: ParcelPriceExplanation;
}

const vnd = (n: number) => `${Math.round(n).toLocaleString('en-US').replace(/,/g, '.')}`;

/**
 * The position of a parcel at a distance from the segment: the first rule (by position)
 * whose band holds the distance and whose alley condition, if any, is met. An alley
 * condition is met only by a known width: without one the parcel falls to the next rule.
 */
export function positionByRules(distanceM: number, alleyWidthM: number | null, rules: readonly PositionRule[]): PositionRule | null {
  const ordered = [...rules].sort((a, b) => a.position - b.position);
  return (
    ordered.find((r) => distanceM <= r.maxDistanceM && (r.minAlleyWidthM === null || (alleyWidthM !== null && alleyWidthM >= r.minAlleyWidthM))) ?? null
  );
}

/** The distance bands of the rules, as [from, to) intervals by position (for the area-weighted rule). */
export function distanceBands(rules: readonly PositionRule[]): Array<{ position: number; from: number; to: number }> {
  const ordered = [...rules].sort((a, b) => a.position - b.position);
  let from = 0;
  return ordered.map((r) => {
    const band = { position: r.position, from, to: Math.max(from, r.maxDistanceM) };
    from = band.to;
    return band;
  });
}

/** A price for a position, falling back to the nearest lower position priced (VT4 missing → VT3; verify: the province may leave such a position unpriced instead). */
function priceAt(prices: PricedSegment['prices'], position: number): number | null {
  for (let p = position; p >= 1; p--) {
    const v = prices[p as 1 | 2 | 3 | 4];
    if (v !== undefined) return v;
  }
  return null;
}

export interface TablePriceInput {
  table: PricedTable;
  segment: PricedSegment;
  rules: readonly PositionRule[];
  alleyWidthM: number | null;
  /** the parcel's area in each band of the rules (area-weighted tables only) */
  bandAreas: readonly BandArea[];
  coefficient: Coefficient | null;
  area: number;
}

/** Price from the table: position (nearest band, or area-weighted), segment price, coefficient. */
export function tablePrice(input: TablePriceInput): ParcelPrice {
  const { table, segment, rules, coefficient, area } = input;
  const nearest = positionByRules(segment.distanceM, input.alleyWidthM, rules);
  if (!nearest) {
    throw errors.notFound(
      { vi: `vị trí của thửa: cách đoạn ${segment.code} ${segment.distanceM.toFixed(1)} m, ngoài mọi vị trí của bảng giá`, en: `a position for the parcel: ${segment.distanceM.toFixed(1)} m from segment ${segment.code}, outside every position of the table` },
      { segment: segment.code, distanceM: segment.distanceM },
    );
  }
  const k = coefficient?.value ?? 1;
  let base: number;
  let position: NonNullable<ParcelPriceExplanation['position']>;
  const weighted = table.multiPositionRule === 'area_weighted' && input.bandAreas.filter((b) => b.area > 0).length > 1;
  if (weighted) {
    const bands = input.bandAreas.filter((b) => b.area > 0).map((b) => ({ ...b, price: priceAt(segment.prices, b.position) ?? 0 }));
    const sum = bands.reduce((s, b) => s + b.area, 0);
    base = bands.reduce((s, b) => s + b.area * b.price, 0) / sum;
    const parts = bands.map((b) => `${b.area.toFixed(1)} m² × ${vnd(b.price)}`).join(' + ');
    position = {
      position: nearest.position,
      reason: {
        vi: `Thửa nằm trên nhiều vị trí: giá bình quân theo diện tích (${parts}) / ${sum.toFixed(1)} m²`,
        en: `The parcel spans several positions: price weighted by area (${parts}) / ${sum.toFixed(1)} m²`,
      },
      bands,
    };
  } else {
    const price = priceAt(segment.prices, nearest.position);
    if (price === null) {
      throw errors.notFound({ vi: `giá vị trí ${nearest.position} của đoạn ${segment.code}`, en: `a position ${nearest.position} price for segment ${segment.code}` });
    }
    base = price;
    position = {
      position: nearest.position,
      reason: {
        vi: `Cách đoạn đường ${segment.distanceM.toFixed(1)} m ≤ ${nearest.maxDistanceM} m: vị trí ${nearest.position} (${nearest.descriptionVi})`,
        en: `${segment.distanceM.toFixed(1)} m from the segment ≤ ${nearest.maxDistanceM} m: position ${nearest.position}`,
      },
      bands: [{ position: nearest.position, area, price }],
    };
  }
  const pricePerM2 = Math.round(base * k);
  const formula = weighted
    ? `(${position.bands.map((b) => `${b.area.toFixed(1)} × ${vnd(b.price)}`).join(' + ')}) / ${position.bands.reduce((s, b) => s + b.area, 0).toFixed(1)} × ${k} = ${vnd(pricePerM2)} đ/m²; × ${area} m² = ${vnd(pricePerM2 * area)} đ`
    : `${vnd(base)} đ/m² (VT${nearest.position}) × ${k} = ${vnd(pricePerM2)} đ/m²; × ${area} m² = ${vnd(pricePerM2 * area)} đ`;
  const { prices: _prices, ...segmentOut } = segment;
  return {
    pricePerM2,
    area,
    total: Math.round(pricePerM2 * area),
    explanation: { source: 'table', table, segment: segmentOut, position, landUseCode: segment.landUseCode, coefficient, specificPrice: null, formula },
  };
}

export interface SpecificPriceInput {
  pricePerM2: number;
  landUseCode: string;
  method: string;
  purpose: string;
  decision: Decision;
  validFrom: string;
  validTo: string | null;
}

/** A specific price decided for the parcel overrides the table (Luật Đất đai 2024 Điều 160). */
export function specificPrice(input: SpecificPriceInput, area: number, table: PricedTable | null): ParcelPrice {
  const { pricePerM2, landUseCode, decision, ...rest } = input;
  return {
    pricePerM2,
    area,
    total: Math.round(pricePerM2 * area),
    explanation: {
      source: 'specific',
      table,
      segment: null,
      position: null,
      landUseCode,
      coefficient: null,
      specificPrice: { ...rest, decision },
      formula: `${vnd(pricePerM2)} đ/m² (giá đất cụ thể, QĐ ${decision.number}) × ${area} m² = ${vnd(pricePerM2 * area)} đ`,
    },
  };
}

/** Choose among the segments near a parcel: any in position 1 → the dearest of those (a corner
 * parcel on two roads takes the higher road; verify against the province's rule), else the nearest. */
export function chooseSegment(candidates: readonly PricedSegment[], rules: readonly PositionRule[]): PricedSegment | null {
  if (candidates.length === 0) return null;
  const first = [...rules].sort((a, b) => a.position - b.position)[0];
  const fronting = first ? candidates.filter((c) => c.distanceM <= first.maxDistanceM && c.prices[1] !== undefined) : [];
  if (fronting.length > 0) return [...fronting].sort((a, b) => b.prices[1]! - a.prices[1]! || a.distanceM - b.distanceM)[0]!;
  return [...candidates].sort((a, b) => a.distanceM - b.distanceM)[0]!;
}
