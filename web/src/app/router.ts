// In-app navigation through the URL hash. Paths start with "#/" (#/login,
// #/admin/accounts/42); any other hash belongs to the map (#map=…&unit=…), which keeps
// its state there as before.

export type Route =
  | { readonly name: 'map' }
  | { readonly name: 'login' }
  | { readonly name: 'password' }
  | { readonly name: 'sessions' }
  | { readonly name: 'totp' }
  | { readonly name: 'accounts' }
  | { readonly name: 'account-new' }
  | { readonly name: 'account'; readonly id: string }
  | { readonly name: 'projects' }
  | { readonly name: 'audit' }
  | { readonly name: 'report' }
  | { readonly name: 'statistics' }
  | { readonly name: 'prices' }
  | { readonly name: 'planning' }
  | { readonly name: 'backups' }
  | { readonly name: 'sharing' }
  | { readonly name: 'operations' }
  | { readonly name: 'dossiers' }
  | { readonly name: 'lookup' }
  | { readonly name: 'imports' }
  | { readonly name: 'not-found'; readonly path: string };

export type AdminRoute = Extract<Route, { name: 'accounts' | 'account-new' | 'account' | 'projects' | 'audit' | 'report' }>;

const FIXED: Readonly<Record<string, Route>> = {
  '/login': { name: 'login' },
  '/account/password': { name: 'password' },
  '/account/sessions': { name: 'sessions' },
  '/account/totp': { name: 'totp' },
  '/admin': { name: 'accounts' },
  '/admin/accounts': { name: 'accounts' },
  '/admin/accounts/new': { name: 'account-new' },
  '/admin/projects': { name: 'projects' },
  '/admin/audit': { name: 'audit' },
  '/admin/reports': { name: 'report' },
  '/statistics': { name: 'statistics' },
  '/prices': { name: 'prices' },
  '/planning': { name: 'planning' },
  '/backups': { name: 'backups' },
  '/sharing': { name: 'sharing' },
  '/operations': { name: 'operations' },
  '/dossiers': { name: 'dossiers' },
  '/tra-cuu': { name: 'lookup' },
  '/imports': { name: 'imports' },
};

/** True when the hash is an in-app path rather than map state. */
export function isRouteHash(hash: string): boolean {
  return hash.startsWith('#/');
}

export function parseRoute(hash: string): Route {
  if (!isRouteHash(hash)) return { name: 'map' };
  const path = hash.slice(1).replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'map' };
  const fixed = FIXED[path];
  if (fixed) return fixed;
  const account = /^\/admin\/accounts\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (account) return { name: 'account', id: account[1]! };
  return { name: 'not-found', path };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'map':
      return '#/';
    case 'login':
      return '#/login';
    case 'password':
      return '#/account/password';
    case 'sessions':
      return '#/account/sessions';
    case 'totp':
      return '#/account/totp';
    case 'accounts':
      return '#/admin/accounts';
    case 'account-new':
      return '#/admin/accounts/new';
    case 'account':
      return `#/admin/accounts/${encodeURIComponent(route.id)}`;
    case 'projects':
      return '#/admin/projects';
    case 'audit':
      return '#/admin/audit';
    case 'report':
      return '#/admin/reports';
    case 'statistics':
      return '#/statistics';
    case 'prices':
      return '#/prices';
    case 'planning':
      return '#/planning';
    case 'backups':
      return '#/backups';
    case 'sharing':
      return '#/sharing';
    case 'operations':
      return '#/operations';
    case 'dossiers':
      return '#/dossiers';
    case 'lookup':
      return '#/tra-cuu';
    case 'imports':
      return '#/imports';
    case 'not-found':
      return `#${route.path}`;
  }
}

export function isAdminRoute(route: Route): route is AdminRoute {
  return ['accounts', 'account-new', 'account', 'projects', 'audit', 'report'].includes(route.name);
}

export function needsSignIn(route: Route): boolean {
  return isAdminRoute(route) || route.name === 'statistics' || route.name === 'prices' || route.name === 'planning' || route.name === 'backups' || route.name === 'operations' || route.name === 'dossiers' || route.name === 'imports' || route.name === 'password' || route.name === 'sessions' || route.name === 'totp';
}
