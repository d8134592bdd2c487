// Several units picked from a list that can be narrowed by typing.
import { useMemo, useState } from 'react';
import type { AdminUnit } from '../../api';
import { useI18n } from '../../i18n';
import { unitLabel } from '../units/group-units';

export interface UnitChecklistProps {
  readonly units: readonly AdminUnit[];
  readonly value: readonly string[];
  readonly onChange: (codes: string[]) => void;
}

/** Lower case without diacritics (đ included, which NFD leaves alone). */
export function foldVietnamese(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

export function UnitChecklist({ units, value, onChange }: UnitChecklistProps) {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const wanted = foldVietnamese(filter.trim());
    return units.filter((unit) => !wanted || foldVietnamese(`${unitLabel(unit)} ${unit.code}`).includes(wanted));
  }, [units, filter]);
  const toggle = (code: string, on: boolean) => onChange(on ? [...value, code] : value.filter((c) => c !== code));
  return (
    <div className="unit-checklist">
      <input type="search" aria-label={t('unitPicker.filter')} placeholder={t('unitPicker.filter')} value={filter}
        onChange={(event) => setFilter(event.target.value)} />
      <div className="unit-checklist-items" data-testid="unit-checklist">
        {shown.map((unit) => (
          <label key={unit.code}>
            <input type="checkbox" value={unit.code} checked={value.includes(unit.code)} onChange={(event) => toggle(unit.code, event.target.checked)} />
            {`${unitLabel(unit)} (${unit.code})`}
          </label>
        ))}
      </div>
      <small className="field-hint">{t('unitPicker.chosen', { count: value.length })}</small>
    </div>
  );
}
