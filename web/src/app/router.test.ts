import { describe, expect, it } from 'vitest';
import { isAdminRoute, parseRoute, routeHash, type Route } from './router';

describe('portal routes in the URL hash', () => {
  it('leaves map state hashes to the map', () => {
    expect(parseRoute('')).toEqual({ name: 'map' });
    expect(parseRoute('#map=12.00/11.7/106.9&unit=25195')).toEqual({ name: 'map' });
    expect(parseRoute('#/')).toEqual({ name: 'map' });
  });

  it('reads the administration paths, with or without a trailing slash', () => {
    expect(parseRoute('#/admin/accounts')).toEqual({ name: 'accounts' });
    expect(parseRoute('#/admin/accounts/')).toEqual({ name: 'accounts' });
    expect(parseRoute('#/admin')).toEqual({ name: 'accounts' });
    expect(parseRoute('#/admin/accounts/new')).toEqual({ name: 'account-new' });
    expect(parseRoute('#/admin/accounts/42')).toEqual({ name: 'account', id: '42' });
    expect(parseRoute('#/admin/audit')).toEqual({ name: 'audit' });
  });

  it('reports unknown paths instead of guessing', () => {
    expect(parseRoute('#/admin/accounts/4 2')).toEqual({ name: 'not-found', path: '/admin/accounts/4 2' });
  });

  it('writes every route back to a hash that reads the same', () => {
    const routes: Route[] = [
      { name: 'login' }, { name: 'password' }, { name: 'sessions' }, { name: 'totp' }, { name: 'accounts' },
      { name: 'account-new' }, { name: 'account', id: 'a-7' }, { name: 'projects' }, { name: 'audit' }, { name: 'report' },
      { name: 'statistics' }, { name: 'prices' }, { name: 'planning' },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
    expect(routes.filter(isAdminRoute).map((r) => r.name)).toEqual(['accounts', 'account-new', 'account', 'projects', 'audit', 'report']);
  });
});
