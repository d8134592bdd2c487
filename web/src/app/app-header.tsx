// The header: title, the screens this account may open, loading, language, and the
// sign-in button or the user menu.
import { pendingRequests } from '../api';
import { ADMIN_PERMISSION, isPending, useSession } from '../features/auth/session-context';
import { UserMenu } from '../features/auth/user-menu';
import { REPORTS_PERMISSION } from '../features/statistics/permission';
import { PRICES_EDIT_PERMISSION } from '../features/prices/permission';
import { PLANNING_EDIT_PERMISSION } from '../features/planning/permission';
import { BACKUP_PERMISSION } from '../features/backups/permission';
import { SHARING_PERMISSION } from '../features/sharing/permission';
import { INTAKE_PERMISSION, PROCESS_PERMISSION } from '../features/workflow/permission';
import { APPROVE_PERMISSION, IMPORT_PERMISSION } from '../features/imports/permission';
import { useI18n } from '../i18n';
import { lastMapViewHash } from '../map/use-url-state';
import { LoadingIndicator } from '../ui/loading-indicator';
import { isAdminRoute, needsSignIn, type Route } from './router';
import { navigate } from './use-route';

export interface AppHeaderProps {
  readonly route: Route;
}

export function AppHeader({ route }: AppHeaderProps) {
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  const { me } = session;
  const restricted = !!me && isPending(me);
  const isAdmin = session.can(ADMIN_PERMISSION);
  const readsReports = session.can(REPORTS_PERMISSION);
  const editsPrices = session.can(PRICES_EDIT_PERMISSION);
  const editsPlanning = session.can(PLANNING_EDIT_PERMISSION);
  const restoresBackups = session.can(BACKUP_PERMISSION);
  const managesSharing = session.can(SHARING_PERMISSION);
  const handlesDossiers = session.can(INTAKE_PERMISSION) || session.can(PROCESS_PERMISSION);
  const imports = session.can(IMPORT_PERMISSION) || session.can(APPROVE_PERMISSION);

  const logout = async () => {
    await session.logout();
    window.location.hash = lastMapViewHash();
  };

  return (
    <header className="top-bar">
      <div className="brand">
        <h1>{t('app.title')}</h1>
        <span className="subtitle">{t('app.subtitle')}</span>
      </div>
      {!restricted && (
        <nav className="main-nav" aria-label={t('nav.label')}>
          <a href={lastMapViewHash()} data-testid="nav-map" aria-current={route.name === 'map' ? 'page' : undefined}>
            {t('nav.map')}
          </a>
          {readsReports && (
            <a href="#/statistics" data-testid="nav-statistics" aria-current={route.name === 'statistics' ? 'page' : undefined}>
              {t('nav.statistics')}
            </a>
          )}
          {editsPrices && (
            <a href="#/prices" data-testid="nav-prices" aria-current={route.name === 'prices' ? 'page' : undefined}>
              {t('nav.prices')}
            </a>
          )}
          {editsPlanning && (
            <a href="#/planning" data-testid="nav-planning" aria-current={route.name === 'planning' ? 'page' : undefined}>
              {t('nav.planning')}
            </a>
          )}
          {restoresBackups && (
            <a href="#/backups" data-testid="nav-backups" aria-current={route.name === 'backups' ? 'page' : undefined}>
              {t('nav.backups')}
            </a>
          )}
          {managesSharing && (
            <a href="#/sharing" data-testid="nav-sharing" aria-current={route.name === 'sharing' ? 'page' : undefined}>
              {t('nav.sharing')}
            </a>
          )}
          {handlesDossiers && (
            <a href="#/dossiers" data-testid="nav-dossiers" aria-current={route.name === 'dossiers' ? 'page' : undefined}>
              {t('nav.dossiers')}
            </a>
          )}
          {imports && (
            <a href="#/imports" data-testid="nav-imports" aria-current={route.name === 'imports' ? 'page' : undefined}>
              {t('nav.imports')}
            </a>
          )}
          <a href="#/tra-cuu" data-testid="nav-lookup" aria-current={route.name === 'lookup' ? 'page' : undefined}>
            {t('nav.lookup')}
          </a>
          {me && (
            <a href="#/operations" data-testid="nav-operations" aria-current={route.name === 'operations' ? 'page' : undefined}>
              {t('nav.operations')}
            </a>
          )}
          {isAdmin && (
            <a href="#/admin/accounts" data-testid="nav-admin" aria-current={isAdminRoute(route) ? 'page' : undefined}>
              {t('nav.admin')}
            </a>
          )}
        </nav>
      )}
      <LoadingIndicator source={pendingRequests} label={t('loading')} />
      <button
        type="button"
        className="lang-switch"
        data-testid="lang-switch"
        lang={lang === 'vi' ? 'en' : 'vi'}
        aria-label={t('lang.switchLabel')}
        onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
      >
        {t('lang.switch')}
      </button>
      {me ? (
        <UserMenu
          me={me}
          restricted={restricted}
          onChangePassword={() => navigate({ name: 'password' })}
          onSessions={() => navigate({ name: 'sessions' })}
          onTotp={() => navigate({ name: 'totp' })}
          onLogout={() => void logout()}
        />
      ) : (
        session.status === 'anonymous' &&
        route.name !== 'login' &&
        !needsSignIn(route) && (
          <button type="button" className="header-button" data-testid="login-button" onClick={() => navigate({ name: 'login' })}>
            {t('login.open')}
          </button>
        )
      )}
    </header>
  );
}
