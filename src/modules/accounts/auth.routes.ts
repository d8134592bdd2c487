import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorResponses } from '../../http/schemas.js';
import { errors } from '../../kernel/app-error.js';
import type { AccountsDeps } from './accounts.service.js';
import { getAccount } from './accounts.repo.js';
import { changePassword, confirmTotp, login, logout, revokeOwnSession, SESSION_COOKIE, SESSION_MS, startTotp } from './auth.service.js';
import { resolveSession, type AuthContext } from './auth-context.js';
import { listLiveSessions } from './sessions.repo.js';

const Id = Type.String({ format: 'uuid' });
const Grant = Type.Object({ role: Type.String(), roleName: Type.Object({ vi: Type.String(), en: Type.String() }), unitCode: Type.String(), unitName: Type.String() });
const Me = Type.Object({
  id: Id,
  username: Type.String(),
  fullName: Type.String(),
  status: Type.String(),
  mustChangePassword: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  totpRequired: Type.Boolean(),
  grants: Type.Array(Grant),
  permissions: Type.Array(Type.String()),
});
const pending = { allowPending: true } as const;

function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: SESSION_MS / 1000 });
}

async function me(deps: AccountsDeps, auth: AuthContext) {
  const account = (await getAccount(deps.db, auth.accountId, deps.clock.now()))!;
  return {
    id: auth.accountId, username: auth.username, fullName: auth.fullName, status: auth.status,
    mustChangePassword: auth.mustChangePassword, totpEnabled: auth.totpEnabled, totpRequired: auth.totpRequired,
    grants: account.grants, permissions: [...auth.scopes.keys()].sort(),
  };
}

const requireAuth = (auth: AuthContext | null): AuthContext => {
  if (!auth) throw errors.invalid({ vi: 'Chưa đăng nhập', en: 'Not signed in' });
  return auth;
};

export function registerAuthRoutes(app: FastifyInstance, deps: AccountsDeps & { loginRatePerMinute: number }): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.post('/auth/login', {
    // per address; each account also locks out after repeated failures (auth.service)
    config: { permission: 'public', rateLimit: { max: deps.loginRatePerMinute, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'], summary: 'Đăng nhập / sign in',
      body: Type.Object({
        username: Type.String({ minLength: 1, maxLength: 40 }),
        password: Type.String({ minLength: 1, maxLength: 256 }),
        totp: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ account: Me }), 401: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse'), 429: Type.Ref('ErrorResponse'), ...errorResponses },
    },
  }, async (request, reply) => {
    const { token } = await login(deps, { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] ?? null }, request.id);
    setSessionCookie(reply, token, request.protocol === 'https');
    return { account: await me(deps, (await resolveSession(deps, token))!) };
  });
  typed.post('/auth/logout', { config: { permission: 'authenticated', ...pending }, schema: { tags: ['auth'], summary: 'Đăng xuất / sign out' } }, async (request, reply) => {
    await logout(deps, request.actor, requireAuth(request.auth));
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
  typed.get('/auth/me', { config: { permission: 'authenticated', ...pending }, schema: { tags: ['auth'], summary: 'Tài khoản đang đăng nhập / the signed-in account', response: { 200: Me, 401: Type.Ref('ErrorResponse') } } },
    async (request) => me(deps, requireAuth(request.auth)));
  typed.post('/auth/password', {
    config: { permission: 'authenticated', ...pending },
    schema: {
      tags: ['auth'], summary: 'Đổi mật khẩu / change password',
      body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const auth = requireAuth(request.auth);
    await changePassword(deps, request.actor, auth.accountId, request.body.currentPassword, request.body.newPassword);
    return reply.status(204).send();
  });
  typed.get('/auth/sessions', {
    config: { permission: 'authenticated', ...pending },
    schema: { tags: ['auth'], summary: 'Các phiên đăng nhập / my sessions', response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Id, createdAt: Type.String(), lastSeenAt: Type.String(), ip: Type.Union([Type.String(), Type.Null()]), userAgent: Type.Union([Type.String(), Type.Null()]), current: Type.Boolean() })) }) } },
  }, async (request) => {
    const auth = requireAuth(request.auth);
    const items = await listLiveSessions(deps.db, auth.accountId, deps.clock.now());
    return { items: items.map((s) => ({ ...s, current: s.id === auth.sessionId })) };
  });
  typed.delete('/auth/sessions/:id', {
    config: { permission: 'authenticated', ...pending },
    schema: { tags: ['auth'], summary: 'Thu hồi một phiên / revoke a session', params: Type.Object({ id: Id }) },
  }, async (request, reply) => {
    await revokeOwnSession(deps, request.actor, requireAuth(request.auth), request.params.id);
    return reply.status(204).send();
  });
  typed.post('/auth/totp/setup', {
    config: { permission: 'authenticated', ...pending },
    schema: { tags: ['auth'], summary: 'Bắt đầu thiết lập xác thực hai lớp / start TOTP set-up', response: { 200: Type.Object({ otpauthUri: Type.String(), secret: Type.String() }) } },
  }, async (request) => startTotp(deps, request.actor, requireAuth(request.auth).accountId));
  typed.post('/auth/totp/confirm', {
    config: { permission: 'authenticated', ...pending },
    schema: { tags: ['auth'], summary: 'Xác nhận xác thực hai lớp / confirm TOTP', body: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false }) },
  }, async (request, reply) => {
    await confirmTotp(deps, request.actor, requireAuth(request.auth).accountId, request.body.code);
    return reply.status(204).send();
  });
}
