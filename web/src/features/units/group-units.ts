// Groups communes under their parent unit for the unit picker: the district before the
// 2025 reform, the province itself after it (districts were removed). Communes whose
// parent is not known form a group of their own.
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

export function groupCommunesByParent(communes: readonly AdminUnit[], parents: readonly AdminUnit[]): UnitGroup[] {
  const parentByCode = new Map(parents.map((d) => [d.code, d]));
  const groups = new Map<string | null, AdminUnit[]>();
  for (const commune of communes) {
    const key = commune.parentCode && parentByCode.has(commune.parentCode) ? commune.parentCode : null;
    const list = groups.get(key) ?? [];
    list.push(commune);
    groups.set(key, list);
  }
  const result: UnitGroup[] = [...parentByCode.values()]
    .sort(byName)
    .filter((d) => groups.has(d.code))
    .map((d) => ({ code: d.code, label: unitLabel(d), units: groups.get(d.code)!.sort(byName) }));
  const orphans = groups.get(null);
  if (orphans) result.push({ code: null, label: null, units: orphans.sort(byName) });
  return result;
}
