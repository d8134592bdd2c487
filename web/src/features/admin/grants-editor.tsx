// Rights as role + unit pairs (A4: roles scoped to administrative units), edited as rows.
import { useId } from 'react';
import type { Grant } from '../../api';
import { useI18n } from '../../i18n';
import { useAdminReference } from './admin-reference';
import { UnitPicker } from './unit-picker';

export interface GrantsEditorProps {
  readonly grants: readonly Grant[];
  readonly onChange: (grants: Grant[]) => void;
  /** May every right be removed (a change of rights may take them all away)? */
  readonly allowEmpty?: boolean;
}

export const EMPTY_GRANT: Grant = { role: '', unitCode: '' };

export function GrantsEditor({ grants, onChange, allowEmpty = false }: GrantsEditorProps) {
  const { t, lang } = useI18n();
  const { roles } = useAdminReference();
  const ids = useId();
  const update = (index: number, change: Partial<Grant>) =>
    onChange(grants.map((grant, i) => (i === index ? { ...grant, ...change } : grant)));
  return (
    <div className="grants-editor" data-testid="grants-editor">
      <table className="table">
        <thead>
          <tr>
            <th id={`${ids}-role`}>{t('grant.role')}</th>
            <th id={`${ids}-unit`}>{t('grant.unit')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {grants.map((grant, index) => (
            <tr key={index} data-testid="grant-row">
              <td>
                <select
                  aria-labelledby={`${ids}-role`}
                  data-testid="grant-role"
                  required
                  value={grant.role}
                  onChange={(event) => update(index, { role: event.target.value })}
                >
                  <option value="">{t('grant.rolePlaceholder')}</option>
                  {roles.map((role) => (
                    <option key={role.code} value={role.code}>
                      {role.name[lang]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <UnitPicker testId="grant-unit" value={grant.unitCode} required onChange={(unitCode) => update(index, { unitCode })} />
              </td>
              <td>
                <button
                  type="button"
                  className="button small"
                  disabled={!allowEmpty && grants.length === 1}
                  onClick={() => onChange(grants.filter((_, i) => i !== index))}
                >
                  {t('grant.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button small" data-testid="grant-add" onClick={() => onChange([...grants, EMPTY_GRANT])}>
        {t('grant.add')}
      </button>
    </div>
  );
}

export function completeGrants(grants: readonly Grant[], allowEmpty = false): boolean {
  return (allowEmpty || grants.length > 0) && grants.every((grant) => grant.role !== '' && grant.unitCode !== '');
}
