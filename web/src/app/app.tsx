// The portal shell: the header, then the screen the route and the session call for.
// Anonymous visitors get the public map; an account whose password must change gets
// only the change-password form, then (when its role requires a second factor not yet
// set up) only the set-up; administration needs the accounts.admin permission.
import { lazy, Suspense, useEffect } from 'react';
import { ChangePasswordForm } from '../features/auth/change-password-form';
import { LoginScreen } from '../features/auth/login-screen';
import { ADMIN_PERMISSION, useSession } from '../features/auth/session-context';
import { SessionsScreen } from '../features/auth/sessions-screen';
import { TotpSetupForm } from '../features/auth/totp-setup';
import { REPORTS_PERMISSION } from '../features/statistics/permission';
import { PRICES_EDIT_PERMISSION } from '../features/prices/permission';
import { PLANNING_EDIT_PERMISSION } from '../features/planning/permission';
import { BACKUP_PERMISSION } from '../features/backups/permission';
import { SHARING_PERMISSION } from '../features/sharing/permission';
import { INTAKE_PERMISSION, PROCESS_PERMISSION } from '../features/workflow/permission';
import { APPROVE_PERMISSION, IMPORT_PERMISSION } from '../features/imports/permission';
import { useI18n } from '../i18n';
import { lastMapViewHash } from '../map/use-url-state';
import { AppHeader } from './app-header';
import { NoticeBanner } from '../features/operations/notice-banner';
import { MapScreen } from './map-screen';
import { isAdminRoute, needsSignIn, type Route } from './router';
import { navigate, useRoute } from './use-route';

const AdminArea = lazy(() => import('../features/admin/admin-area').then((m) => ({ default: m.AdminArea })));
const StatisticsScreen = lazy(() => import('../features/statistics/statistics-screen').then((m) => ({ default: m.StatisticsScreen })));
const PricesScreen = lazy(() => import('../features/prices/prices-screen').then((m) => ({ default: m.PricesScreen })));
const PlanningScreen = lazy(() => import('../features/planning/planning-screen').then((m) => ({ default: m.PlanningScreen })));
const BackupsScreen = lazy(() => import('../features/backups/backups-screen').then((m) => ({ default: m.BackupsScreen })));
const SharingScreen = lazy(() => import('../features/sharing/sharing-screen').then((m) => ({ default: m.SharingScreen })));
const OperationsScreen = lazy(() => import('../features/operations/operations-screen').then((m) => ({ default: m.OperationsScreen })));
const DossiersScreen = lazy(() => import('../features/workflow/dossiers-screen').then((m) => ({ default: m.DossiersScreen })));
const ImportsScreen = lazy(() => import('../features/imports/imports-screen').then((m) => ({ default: m.ImportsScreen })));
const LookupScreen = lazy(() => import('../features/workflow/lookup-screen').then((m) => ({ default: m.LookupScreen })));

export function App() {
  const route = useRoute();
  return (
    <div className="app">
      <AppHeader route={route} />
      <NoticeBanner />
      <Screen route={route} />
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  const { t } = useI18n();
  const session = useSession();
  const { me, status } = session;

  // Signed in on the login page (another tab, the back button): go on to the map.
  useEffect(() => {
    if (route.name === 'login' && me && !me.mustChangePassword) window.location.hash = lastMapViewHash();
  }, [route.name, me]);

  if (status === 'loading') return <main className="workspace" aria-busy="true" />;

  if (me?.mustChangePassword) {
    return (
      <main className="page-centre">
        <ChangePasswordForm username={me.username} forced onChanged={() => void session.refresh()} />
      </main>
    );
  }

  if (me && me.totpRequired && !me.totpEnabled) {
    return (
      <main className="page-centre">
        <TotpSetupForm forced enabled={false} onEnabled={() => void session.refresh()} />
      </main>
    );
  }

  if (route.name === 'login' || (!me && needsSignIn(route))) {
    const back = route.name === 'login' ? null : route;
    return (
      <main className="page-centre">
        <LoginScreen onSignedIn={() => (back ? navigate(back) : (window.location.hash = lastMapViewHash()))} />
      </main>
    );
  }

  switch (route.name) {
    case 'map':
      return <MapScreen />;
    case 'password':
      return (
        <main className="page-centre">
          <ChangePasswordForm username={me!.username} forced={false} onChanged={() => void session.refresh()} />
        </main>
      );
    case 'totp':
      return (
        <main className="page-centre">
          <TotpSetupForm forced={false} enabled={me!.totpEnabled} onEnabled={() => void session.refresh()} />
        </main>
      );
    case 'sessions':
      return (
        <main className="workspace scroll">
          <SessionsScreen />
        </main>
      );
    case 'not-found':
      return <Message text={t('route.notFound')} />;
    case 'statistics':
      if (!session.can(REPORTS_PERMISSION)) return <Message text={t('route.forbidden')} testId="forbidden" />;
      return (
        <Suspense fallback={<main className="workspace" aria-busy="true" />}>
          <StatisticsScreen />
        </Suspense>
      );
    case 'prices':
      if (!session.can(PRICES_EDIT_PERMISSION)) return <Message text={t('route.forbidden')} testId="forbidden" />;
      return (
        <Suspense fallback={<main className="workspace" aria-busy="true" />}>
          <PricesScreen />
        </Suspense>
      );
    case 'planning':
      if (!session.can(PLANNING_EDIT_PERMISSION)) return <Message text={t('route.forbidden')} testId="forbidden" />;
      return (
        <Suspense fallback={<main className="workspace" aria-busy="true" />}>
          <PlanningScreen />
        </Suspense>
      );
    case 'backups':
      if (!session.can(BACKUP_PERMISSION)) return <Message text={t('route.forbidden')} testId="forbidden" />;
      return (
        <Suspense fallback={<main className="workspace" aria-busy="true" />}>
          <BackupsScreen />
        </Suspense>
      );
    case 'sharing':
      if (!session.can(SHARING_PERMISSION)) return <Message text={t('route.forbidden')} testId="forbidden" />;
      return (
        <Suspense fallback={<main className="workspace" aria-busy="true" />}>
          <SharingScreen />
        </Suspense>
      );
    case 'dossiers':
      if (!session.can(INTAKE_PERMISSION) && !session.can(PROCESS_PERMISSION)) return <Message text={t('route.forbidden')} testId="forbidden" />;
      return (
        <Suspense fallback={<main className="workspace" aria-busy="true" />}>
          <DossiersScreen />
        </Suspense>
      );
    case 'imports':
      if (!session.can(IMPORT_PERMISSION) && !session.can(APPROVE_PERMISSION)) return <Message text={t('route.forbidden')} testId="forbidden" />;
      return (
        <Suspense fallback={<main className="workspace" aria-busy="true" />}>
          <ImportsScreen />
        </Suspense>
      );
    case 'lookup':
      // public: the citizen's look-up by receipt code
      return (
        <Suspense fallback={<main className="workspace" aria-busy="true" />}>
          <LookupScreen />
        </Suspense>
      );
    case 'operations':
      // any signed-in user reports problems here (O6); the rest of the screen follows the permissions
      return (
        <Suspense fallback={<main className="workspace" aria-busy="true" />}>
          <OperationsScreen />
        </Suspense>
      );
    default:
      if (!isAdminRoute(route)) return null;
      if (!session.can(ADMIN_PERMISSION)) return <Message text={t('route.forbidden')} testId="forbidden" />;
      return (
        <Suspense fallback={<main className="workspace" aria-busy="true" />}>
          <AdminArea route={route} />
        </Suspense>
      );
  }
}

function Message({ text, testId }: { text: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <main className="page-centre">
      <section className="card auth-card" data-testid={testId}>
        <p>{text}</p>
        <a href={lastMapViewHash()}>{t('nav.backToMap')}</a>
      </section>
    </main>
  );
}
