// Authentication and authorisation for every route, in one place. Each /api/v1 route
// must declare config.permission (a route without one stops start-up, and the
// authorisation matrix test lists them all): 'public', 'authenticated', or a
// permission code, optionally scoped to the administrative unit named in the request.
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import { AppError } from '../kernel/app-error.js';
import type { Clock } from '../kernel/clock.js';
import { actorOf, allowed, resolveSession, SESSION_COOKIE, type AuthContext } from '../modules/accounts/index.js';
import { appendAudit, type Actor } from '../modules/audit/index.js';

export type RoutePermission = 'public' | 'authenticated' | (string & {});

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
    /** the unit the request acts on, checked against the permission's scope */
    unitCode?: (request: FastifyRequest) => string | undefined;
    /** reachable while a password change or a second-factor set-up is due (me, password, logout) */
    allowPending?: boolean;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
    actor: Actor;
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  permission: RoutePermission;
  scoped: boolean;
}

const unauthenticated = () =>
  new AppError('UNAUTHENTICATED', { vi: 'Cần đăng nhập để dùng chức năng này', en: 'Sign in to use this function' });

function forbidden(permission: string, unitCode: string | undefined): AppError {
  return new AppError(
    'FORBIDDEN',
    {
      vi: unitCode ? `Tài khoản không có quyền "${permission}" trên đơn vị ${unitCode}` : `Tài khoản không có quyền "${permission}"`,
      en: unitCode ? `The account lacks "${permission}" on unit ${unitCode}` : `The account lacks "${permission}"`,
    },
    { permission, ...(unitCode ? { unitCode } : {}) },
  );
}

export async function registerAuth(app: FastifyInstance, deps: { db: Database; clock: Clock }): Promise<DeclaredRoute[]> {
  const declared: DeclaredRoute[] = [];
  await app.register(cookie);
  app.decorateRequest('auth', null);
  app.decorateRequest('actor', null as unknown as Actor);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const permission = route.config?.permission;
    if (!permission) throw new Error(`route ${route.method} ${route.url} declares no permission (config.permission)`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') declared.push({ method, url: route.url, permission, scoped: Boolean(route.config?.unitCode) });
    }
  });

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    request.auth = token ? await resolveSession(deps, token) : null;
    request.actor = actorOf(request.auth, request.id);
  });

  // before validation: a caller without the right learns nothing about the input format
  app.addHook('preValidation', async (request) => {
    const config = request.routeOptions.config;
    const permission = config?.permission;
    if (!permission || permission === 'public') return;
    const auth = request.auth;
    if (!auth) throw unauthenticated();
    if (!config.allowPending) {
      if (auth.mustChangePassword) {
        throw new AppError('PASSWORD_CHANGE_REQUIRED', { vi: 'Cần đổi mật khẩu trước khi tiếp tục', en: 'Change your password before continuing' });
      }
      if (auth.totpRequired && !auth.totpEnabled) {
        throw new AppError('TOTP_SETUP_REQUIRED', { vi: 'Vai trò của bạn yêu cầu xác thực hai lớp: hãy thiết lập trước', en: 'Your role requires a second factor: set it up first' });
      }
    }
    if (permission === 'authenticated') return;
    const unitCode = config.unitCode?.(request);
    if (!(await allowed(deps, auth, permission, unitCode))) {
      // a refusal is audited (R4: attempts at restricted functions, e.g. a restore, are traceable)
      await appendAudit(deps.db, request.actor, {
        action: 'access.denied', objectType: 'route', objectId: `${request.method} ${request.routeOptions.url ?? request.url}`,
        details: { permission, ...(unitCode ? { unitCode } : {}) },
      });
      throw forbidden(permission, unitCode);
    }
  });
  return declared;
}
