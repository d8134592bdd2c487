// Pure rules of the statistics screen: the official statistics date, which units the
// account may pick, hectares, and the figures the charts draw. No React, no I/O.
import type { AdminUnit } from '../../api';
import type { LandUseReport, SubUnitTotals } from './statistics-api';

/** The land-use groups of Luật Đất đai 2024, Điều 9, in the forms' order. */
export const GROUPS = ['NNP', 'PNN', 'CSD'] as const;

/**
 * The yearly statistics are taken as of 31 December (Luật Đất đai 2024, Điều 57;
 * Thông tư 08/2024/TT-BTNMT): the default is the last 31 December before today.
 */
export function lastStatisticsDate(todayIso: string): string {
  return `${Number(todayIso.slice(0, 4)) - 1}-12-31`;
}

/** m² → ha: the forms' unit of measure (hai chữ số thập phân, verify: Thông tư 08/2024 appendix). */
export const hectares = (squareMetres: number): number => squareMetres / 10_000;

/**
 * The units under the account's grants (a grant covers the units below it), the widest
 * first. When none of the grants is among the units of that date (a unit merged away
 * since), every unit is offered and the server decides (403 otherwise).
 */
export function unitsInScope(units: readonly AdminUnit[], grantUnitCodes: readonly string[]): AdminUnit[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const granted = new Set(grantUnitCodes);
  const covered = (unit: AdminUnit): boolean => {
    for (let u: AdminUnit | undefined = unit, hops = 0; u && hops < 5; u = u.parentCode ? byCode.get(u.parentCode) : undefined, hops++) {
      if (granted.has(u.code)) return true;
    }
    return false;
  };
  const inScope = units.filter(covered);
  const rank = { province: 0, district: 1, commune: 2 } as const;
  return [...(inScope.length > 0 ? inScope : units)].sort(
    (a, b) => rank[a.level] - rank[b.level] || a.name.localeCompare(b.name, 'vi'),
  );
}

export interface Bar {
  readonly code: string;
  readonly label: string;
  /** m² */
  readonly value: number;
}

/** One bar per land-use group, or per code directly under a group (depth 1) with any area. */
export function areaBars(report: LandUseReport, by: 'group' | 'code', lang: 'vi' | 'en'): Bar[] {
  const name = (row: { nameVi: string; nameEn: string }) => (lang === 'vi' ? row.nameVi : row.nameEn);
  if (by === 'group') {
    return GROUPS.map((code) => {
      const row = report.rows.find((r) => r.code === code);
      return { code, label: row ? name(row) : code, value: row?.total ?? 0 };
    });
  }
  return report.rows.filter((r) => r.depth === 1 && r.total > 0).map((r) => ({ code: r.code, label: name(r), value: r.total }));
}

export interface StackedBar {
  readonly code: string;
  readonly label: string;
  readonly parts: readonly { readonly group: string; readonly value: number }[];
  readonly total: number;
}

/** One stacked bar per sub-unit (NNP, PNN, CSD); sub-units with nothing recorded are left out. */
export function subUnitBars(subUnits: readonly SubUnitTotals[]): StackedBar[] {
  return subUnits
    .filter((s) => s.total > 0)
    .map((s) => ({
      code: s.unitCode,
      label: s.unitName,
      parts: GROUPS.map((group) => ({ group, value: s.byGroup[group] ?? 0 })),
      total: s.total,
    }));
}

/** A round axis maximum at or above the largest value (1, 2, 2.5 or 5 × 10ⁿ). */
export function axisMax(largest: number): number {
  if (!(largest > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(largest));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= largest) return step * power;
  return 10 * power;
}

/** The total of the form: the land-use groups added up (the first line of 01/TKKK). */
export function reportTotal(report: LandUseReport): number {
  return report.rows.filter((r) => r.depth === 0).reduce((sum, r) => sum + r.total, 0);
}

/** The unit as the forms head it; the report's name may already carry the kind ("Tỉnh Đồng Nai"). */
export function unitTitle(unit: { kind: string; name: string }): string {
  return unit.name.startsWith(unit.kind) ? unit.name : `${unit.kind} ${unit.name}`;
}

/** "CLN:4436.4; ONT:300" (the extract's purposes, area in m²) → "CLN 4.436,4 m²; ONT 300,0 m²". */
export function formatPurposes(purposes: string, formatArea: (m2: number) => string): string {
  return purposes
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [code, area] = part.split(':');
      const value = Number(area);
      return area !== undefined && Number.isFinite(value) ? `${code} ${formatArea(value)}` : part;
    })
    .join('; ');
}

/**
 * A camera (as the map's URL state holds it) showing these bounds in a map of this size
 * in pixels: Web Mercator, 512 px tiles, a tenth of margin, zoom 6 to 18.
 */
export function cameraFor(bounds: readonly [number, number, number, number], width: number, height: number): { lon: number; lat: number; zoom: number } {
  const [minLon, minLat, maxLon, maxLat] = bounds;
  const mercator = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const lonSpan = Math.max(maxLon - minLon, 1e-6) / 360;
  const ySpan = Math.max(mercator(maxLat) - mercator(minLat), 1e-8) / (2 * Math.PI);
  const zoom = Math.min(Math.log2((width * 0.9) / (512 * lonSpan)), Math.log2((height * 0.9) / (512 * ySpan)));
  const lat = ((2 * Math.atan(Math.exp((mercator(minLat) + mercator(maxLat)) / 2)) - Math.PI / 2) * 180) / Math.PI;
  return { lon: (minLon + maxLon) / 2, lat, zoom: Math.min(18, Math.max(6, zoom)) };
}
