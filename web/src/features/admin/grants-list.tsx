import type { GrantView } from '../../api';
import { useI18n } from '../../i18n';
import { useAdminReference } from './admin-reference';

/** Rights as "role — unit" lines. */
export function GrantsList({ grants }: { grants: readonly GrantView[] }) {
  const { lang } = useI18n();
  const { roleByCode } = useAdminReference();
  return (
    <ul className="grants-list">
      {grants.map((grant) => (
        <li key={`${grant.role}@${grant.unitCode}`}>
          {grant.roleName?.[lang] ?? roleByCode.get(grant.role)?.name[lang] ?? grant.role} — {grant.unitName || grant.unitCode}
        </li>
      ))}
    </ul>
  );
}
