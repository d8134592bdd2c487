// Picks one administrative unit of any level: the province, its districts (before
// 2025), its communes grouped under their parent.
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { groupCommunesByParent, unitLabel } from '../units/group-units';
import { useAdminReference } from './admin-reference';

export interface UnitPickerProps {
  readonly id?: string;
  readonly value: string;
  readonly onChange: (code: string) => void;
  readonly testId?: string;
  readonly required?: boolean;
}

export function UnitPicker({ id, value, onChange, testId, required }: UnitPickerProps) {
  const { t } = useI18n();
  const { provinces, districts, communes } = useAdminReference();
  const groups = useMemo(
    () => groupCommunesByParent(communes, [...districts, ...provinces]),
    [communes, districts, provinces],
  );
  return (
    <select id={id} data-testid={testId} value={value} required={required} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t('unitPicker.placeholder')}</option>
      {provinces.length > 0 && (
        <optgroup label={t('unitPicker.province')}>
          {provinces.map((unit) => (
            <option key={unit.code} value={unit.code}>
              {unitLabel(unit)}
            </option>
          ))}
        </optgroup>
      )}
      {districts.length > 0 && (
        <optgroup label={t('unitPicker.district')}>
          {districts.map((unit) => (
            <option key={unit.code} value={unit.code}>
              {unitLabel(unit)}
            </option>
          ))}
        </optgroup>
      )}
      {groups.map((group) => (
        <optgroup key={group.code ?? 'other'} label={`${t('unitPicker.communesOf')} ${group.label ?? t('unit.otherGroup')}`}>
          {group.units.map((unit) => (
            <option key={unit.code} value={unit.code}>
              {`${unitLabel(unit)} (${unit.code})`}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
