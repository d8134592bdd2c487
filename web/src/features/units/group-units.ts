// Groups communes under their district for the unit picker. After the 2025 reform a
// commune's parent may be the province itself: such units form a group of their own.
import type { AdminUnit } from '../../api';

export interface UnitGroup {
  readonly code: string | null;
  readonly label: string | null;
  readonly units: readonly AdminUnit[];
}

export function unitLabel(unit: Pick<AdminUnit, 'kind' | 'name'>): string {
  return `${unit.kind} ${unit.name}`;
}

const byName = (a: AdminUnit, b: AdminUnit): number => a.name.localeCompare(b.name, 'vi');

export function groupCommunesByDistrict(communes: readonly AdminUnit[], districts: readonly AdminUnit[]): UnitGroup[] {
  const districtByCode = new Map(districts.map((d) => [d.code, d]));
  const groups = new Map<string | null, AdminUnit[]>();
  for (const commune of communes) {
    const key = commune.parentCode && districtByCode.has(commune.parentCode) ? commune.parentCode : null;
    const list = groups.get(key) ?? [];
    list.push(commune);
    groups.set(key, list);
  }
  const result: UnitGroup[] = [...districts]
    .sort(byName)
    .filter((d) => groups.has(d.code))
    .map((d) => ({ code: d.code, label: unitLabel(d), units: groups.get(d.code)!.sort(byName) }));
  const orphans = groups.get(null);
  if (orphans) result.push({ code: null, label: null, units: orphans.sort(byName) });
  return result;
}
