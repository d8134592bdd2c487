import { describe, expect, it } from 'vitest';
import { chooseSegment, distanceBands, positionByRules, tablePrice, type PositionRule, type PricedSegment } from './price-rules.js';

// The pure rules of S-PRICE: positions from configured bands, the segment a parcel takes,
// the formula. The database cases are in prices.test.ts.
const RULES: PositionRule[] = [
  { position: 1, maxDistanceM: 20, minAlleyWidthM: null, descriptionVi: 'Mặt tiền' },
  { position: 2, maxDistanceM: 60, minAlleyWidthM: 3.5, descriptionVi: 'Hẻm từ 3,5 m' },
  { position: 3, maxDistanceM: 100, minAlleyWidthM: null, descriptionVi: 'Hẻm còn lại' },
  { position: 4, maxDistanceM: 300, minAlleyWidthM: null, descriptionVi: 'Còn lại' },
];
const segment = (code: string, distanceM: number, vt1: number): PricedSegment => ({
  code, roadName: code, from: 'A', to: 'B', distanceM, landUseCode: 'OTC', prices: { 1: vt1, 2: vt1 / 2, 3: vt1 / 4 },
});

describe('S-PRICE position and segment rules', () => {
  it('a position is the first band holding the distance whose alley condition is met', () => {
    expect(positionByRules(0, null, RULES)?.position).toBe(1);
    expect(positionByRules(20, null, RULES)?.position).toBe(1); // the band's end belongs to it
    expect(positionByRules(40, null, RULES)?.position).toBe(3); // alley unknown: VT2 does not hold
    expect(positionByRules(40, 3, RULES)?.position).toBe(3);
    expect(positionByRules(40, 4, RULES)?.position).toBe(2);
    expect(positionByRules(300.1, null, RULES)).toBeNull();
    expect(distanceBands(RULES)).toEqual([
      { position: 1, from: 0, to: 20 }, { position: 2, from: 20, to: 60 }, { position: 3, from: 60, to: 100 }, { position: 4, from: 100, to: 300 },
    ]);
  });

  it('a parcel fronting two roads takes the dearer; otherwise the nearest', () => {
    expect(chooseSegment([segment('near', 2, 5_000_000), segment('dear', 15, 9_000_000), segment('far', 50, 20_000_000)], RULES)?.code).toBe('dear');
    expect(chooseSegment([segment('b', 45, 9_000_000), segment('a', 30, 5_000_000)], RULES)?.code).toBe('a');
    expect(chooseSegment([], RULES)).toBeNull();
  });

  it('a missing VT4 price falls back to VT3; the formula reads as computed', () => {
    // 150 m → VT4, not priced → VT3 = 8 000 000 / 4 = 2 000 000; × 1.5 = 3 000 000 đ/m²; × 120.5 m² = 361 500 000 đ
    const p = tablePrice({
      table: { id: 't', name: 'T', decision: { number: '1/QĐ', date: '2026-01-01', issuer: 'UBND' }, validFrom: '2026-01-01', validTo: null, multiPositionRule: 'nearest' },
      segment: segment('s', 150, 8_000_000), rules: RULES, alleyWidthM: null, bandAreas: [],
      coefficient: { value: 1.5, decision: { number: '2/QĐ', date: '2026-01-01', issuer: 'UBND' }, unitCode: null, landUseCode: null, validFrom: '2026-01-01', validTo: null },
      area: 120.5,
    });
    expect([p.pricePerM2, p.total, p.explanation.position?.position]).toEqual([3_000_000, 361_500_000, 4]);
    expect(p.explanation.formula).toBe('2.000.000 đ/m² (VT4) × 1.5 = 3.000.000 đ/m²; × 120.5 m² = 361.500.000 đ');
  });
});
