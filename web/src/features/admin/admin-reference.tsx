// What every administration screen looks things up in: the roles and the current
// administrative units (for pickers and for showing names), loaded once.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { listRoles, listUnits, useApiResource, type AdminUnit, type ApiError, type Role } from '../../api';
import { unitLabel } from '../units/group-units';

export interface AdminReference {
  readonly roles: readonly Role[];
  readonly provinces: readonly AdminUnit[];
  readonly districts: readonly AdminUnit[];
  readonly communes: readonly AdminUnit[];
  readonly roleByCode: ReadonlyMap<string, Role>;
  readonly unitName: (code: string) => string;
}

const NONE: readonly never[] = [];
const current = (units: readonly AdminUnit[] | undefined): readonly AdminUnit[] =>
  (units ?? NONE).filter((unit) => unit.validTo === null);

const AdminReferenceContext = createContext<AdminReference | null>(null);

export function AdminReferenceProvider({ onError, children }: { onError: (error: ApiError) => void; children: ReactNode }) {
  const roles = useApiResource('admin-roles', (s) => listRoles(s), onError);
  const provinces = useApiResource('admin-provinces', (s) => listUnits({ level: 'province' }, s), onError);
  const districts = useApiResource('admin-districts', (s) => listUnits({ level: 'district' }, s), onError);
  const communes = useApiResource('admin-communes', (s) => listUnits({ level: 'commune' }, s), onError);

  const value = useMemo<AdminReference>(() => {
    const all = [...(provinces.data?.items ?? NONE), ...(districts.data?.items ?? NONE), ...(communes.data?.items ?? NONE)];
    const names = new Map(all.map((unit) => [unit.code, unitLabel(unit)]));
    const roleList = roles.data?.items ?? NONE;
    return {
      roles: roleList,
      provinces: current(provinces.data?.items),
      districts: current(districts.data?.items),
      communes: current(communes.data?.items),
      roleByCode: new Map(roleList.map((role) => [role.code, role])),
      unitName: (code) => names.get(code) ?? code,
    };
  }, [roles.data, provinces.data, districts.data, communes.data]);

  return <AdminReferenceContext.Provider value={value}>{children}</AdminReferenceContext.Provider>;
}

export function useAdminReference(): AdminReference {
  const value = useContext(AdminReferenceContext);
  if (!value) throw new Error('useAdminReference outside AdminReferenceProvider');
  return value;
}
