import { useId, useMemo } from 'react';
import type { AdminUnit } from '../../api';
import { useI18n } from '../../i18n';
import { formatCount } from '../../ui/format';
import { groupCommunesByParent, unitLabel } from './group-units';

export interface UnitSelectProps {
  readonly communes: readonly AdminUnit[];
  /** Units communes may belong to: districts (before 2025) and provinces. */
  readonly parents: readonly AdminUnit[];
  readonly value: string | null;
  readonly onChange: (code: string | null) => void;
}

/** Picks a commune, grouped by district or province; units with parcels show how many. */
export function UnitSelect({ communes, parents, value, onChange }: UnitSelectProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const groups = useMemo(() => groupCommunesByParent(communes, parents), [communes, parents]);
  const option = (unit: AdminUnit) => (
    <option key={unit.code} value={unit.code}>
      {unitLabel(unit)}
      {unit.parcelCount > 0 ? ` (${t('unit.parcels', { count: formatCount(unit.parcelCount, locale) })})` : ''}
    </option>
  );
  return (
    <div className="field">
      <label htmlFor={id}>{t('unit.label')}</label>
      <select
        id={id}
        data-testid="unit-select"
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value || null)}
      >
        <option value="">{t('unit.placeholder')}</option>
        {/* A unit picked through the URL may not be in the list (e.g. no longer valid). */}
        {value && !communes.some((c) => c.code === value) && <option value={value}>{value}</option>}
        {groups.map((group) =>
          group.label === null ? (
            <optgroup key="other" label={t('unit.otherGroup')}>
              {group.units.map(option)}
            </optgroup>
          ) : (
            <optgroup key={group.code} label={group.label}>
              {group.units.map(option)}
            </optgroup>
          ),
        )}
      </select>
    </div>
  );
}
