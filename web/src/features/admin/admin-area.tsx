// The administration area (accounts.admin): its own navigation and the screen the
// route names. Loaded on demand: anonymous visitors never download it.
import { useState } from 'react';
import type { ApiError } from '../../api';
import type { AdminRoute } from '../../app/router';
import { routeHash } from '../../app/router';
import { useI18n, type MessageKey } from '../../i18n';
import { ApiErrorBanner } from '../../ui/api-error-banner';
import { AccountDetailScreen } from './account-detail';
import { AccountRequestForm } from './account-request-form';
import { AccountsList } from './accounts-list';
import { AccountsReportScreen } from './accounts-report';
import { AdminReferenceProvider } from './admin-reference';
import { AuditScreen } from './audit-screen';
import { ProjectsScreen } from './projects-screen';
import './admin.css';

const NAV: readonly { route: AdminRoute; label: MessageKey; testId: string }[] = [
  { route: { name: 'accounts' }, label: 'admin.nav.accounts', testId: 'admin-nav-accounts' },
  { route: { name: 'account-new' }, label: 'admin.nav.request', testId: 'admin-nav-request' },
  { route: { name: 'projects' }, label: 'admin.nav.projects', testId: 'admin-nav-projects' },
  { route: { name: 'audit' }, label: 'admin.nav.audit', testId: 'admin-nav-audit' },
  { route: { name: 'report' }, label: 'admin.nav.report', testId: 'admin-nav-report' },
];

const isCurrent = (item: AdminRoute, route: AdminRoute): boolean =>
  item.name === route.name || (item.name === 'accounts' && route.name === 'account');

export function AdminArea({ route }: { route: AdminRoute }) {
  const { t, lang } = useI18n();
  const [error, setError] = useState<ApiError | null>(null);
  return (
    <AdminReferenceProvider onError={setError}>
      <main className="workspace admin">
        <nav className="admin-nav" aria-label={t('admin.nav.label')}>
          <h2>{t('admin.title')}</h2>
          {NAV.map((item) => (
            <a
              key={item.route.name}
              href={routeHash(item.route)}
              data-testid={item.testId}
              aria-current={isCurrent(item.route, route) ? 'page' : undefined}
            >
              {t(item.label)}
            </a>
          ))}
        </nav>
        <div className="admin-content">
          <ApiErrorBanner error={error} onDismiss={() => setError(null)} />
          <AdminScreen route={route} onError={setError} />
        </div>
      </main>
    </AdminReferenceProvider>
  );
}

function AdminScreen({ route, onError }: { route: AdminRoute; onError: (error: ApiError) => void }) {
  switch (route.name) {
    case 'accounts':
      return <AccountsList onError={onError} />;
    case 'account-new':
      return <AccountRequestForm onError={onError} />;
    case 'account':
      return <AccountDetailScreen key={route.id} id={route.id} onError={onError} />;
    case 'projects':
      return <ProjectsScreen onError={onError} />;
    case 'audit':
      return <AuditScreen onError={onError} />;
    case 'report':
      return <AccountsReportScreen onError={onError} />;
  }
}
