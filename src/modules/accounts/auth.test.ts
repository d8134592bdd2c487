import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import type { Database } from '../../db/database.js';
import { sharedTestDatabase } from '../../../test/support/test-database.js';
import { buildTestApp } from '../../../test/support/test-app.js';
import { MutableClock } from '../../../test/support/mutable-clock.js';
import { createActiveAccount, signIn, TEST_PASSWORD } from '../../../test/support/accounts.js';
import { checkPassword } from './password-policy.js';

const clock = new MutableClock(new Date('2026-11-25T02:00:00Z'));
let db: Database;
let app: FastifyInstance;
const login = (username: string, password: string, totp?: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, ...(totp ? { totp } : {}) } });

beforeAll(async () => {
  db = await sharedTestDatabase();
  app = await buildTestApp(db, {}, clock);
});
afterAll(() => app.close());

describe('A7 the holder keeps the account safe', () => {
  it('password policy: length, mixed classes, no username or national ID, not common', () => {
    const who = { username: 'nguyenvana', nationalId: '070190605773' };
    expect(checkPassword('Ngắn-1', who)?.en).toMatch(/at least 12/);
    expect(checkPassword('chữthườngdàiquáđi', who)?.en).toMatch(/3 of/);
    expect(checkPassword('NguyenVanA-2026!', who)?.en).toMatch(/username/);
    expect(checkPassword('Số 070190605773 x', who)?.en).toMatch(/national ID/);
    expect(checkPassword('Matkhau-Cua-Toi-1', who)?.en).toMatch(/common/);
    expect(checkPassword('Cây-điều-Bù-Đăng-2026', who)).toBeNull();
  });

  it('stores passwords as argon2id hashes, never in clear', async () => {
    const account = await createActiveAccount(db, clock, [{ role: 'auditor', unitCode: '75' }]);
    const { rows } = await db.query<{ password_hash: string }>('select password_hash from account where id = $1', [account.id]);
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0]!.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('throttles guessing: after 5 wrong passwords the account is blocked for 15 minutes, even for the right one', async () => {
    const account = await createActiveAccount(db, clock, [{ role: 'auditor', unitCode: '75' }]);
    for (let i = 0; i < 5; i++) expect((await login(account.username, `Sai-mật-khẩu-${i}`)).json().error.code).toBe('INVALID_CREDENTIALS');
    const blocked = await login(account.username, account.password);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('RATE_LIMITED');
    clock.advanceDays(1 / 96 + 1 / 1440); // 16 minutes
    expect((await login(account.username, account.password)).statusCode).toBe(200);
    const failures = await db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'auth.login_failed' and actor_id = $1`, [account.id]);
    expect(failures.rows[0]!.n).toBeGreaterThanOrEqual(6);
  });

  it('limits sign-in attempts per address', async () => {
    const limited = await buildTestApp(db, { LIS_LOGIN_RATE_PER_MINUTE: '3' }, clock);
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await limited.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'khongco', password: 'x' } })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    await limited.close();
  });

  it('an unknown username answers exactly like a wrong password', async () => {
    const res = await login('khong.ton.tai', 'Bất-kỳ-mật-khẩu-1');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('forces a password change at first login; nothing else works until it is done', async () => {
    const { requestAccount, issueAccount } = await import('./index.js');
    const system = { id: null, name: 'test' };
    const created = await requestAccount({ db, clock }, system, {
      username: `moi${Date.now().toString(36)}`, fullName: 'Phạm Minh Tuấn', nationalId: '070199012345', organisation: 'UBND xã Tiến Hưng',
      position: 'Công chức địa chính', request: { number: '3/ĐN', date: '2026-11-20', issuer: 'UBND xã Tiến Hưng' },
      grants: [{ role: 'commune_officer', unitCode: '25195' }],
    });
    const { initialPassword } = await issueAccount({ db, clock }, system, created.id);
    const cookie = await signIn(app, created.username, initialPassword);
    const me = await app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ mustChangePassword: true, status: 'issued' });
    const blocked = await app.inject({ url: '/api/v1/parcels/25195/1/1/holders', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie }, payload: { currentPassword: initialPassword, newPassword: 'ngắn' } });
    expect(weak.statusCode).toBe(400);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie }, payload: { currentPassword: initialPassword, newPassword: 'Rừng-cao-su-Lộc-Ninh-9' } });
    expect(ok.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/parcels/25195/1/1/holders', headers: { cookie } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).json().status).toBe('active');
  });

  it('a role that requires a second factor: TOTP set-up, then sign-in needs the code', async () => {
    const account = await createActiveAccount(db, clock, [{ role: 'dept_admin', unitCode: '75' }]);
    const cookie = await signIn(app, account.username, account.password);
    expect((await app.inject({ url: '/api/v1/admin/accounts', headers: { cookie } })).json().error.code).toBe('TOTP_SETUP_REQUIRED');
    const setup = (await app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: { cookie } })).json();
    expect(setup.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const totp = new TOTP({ secret: Secret.fromBase32(setup.secret), digits: 6, period: 30 });
    const code = () => totp.generate({ timestamp: clock.now().getTime() });
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirm', headers: { cookie }, payload: { code: '000000' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirm', headers: { cookie }, payload: { code: code() } })).statusCode).toBe(204);
    expect((await login(account.username, account.password)).json().error.code).toBe('TOTP_REQUIRED');
    expect((await login(account.username, account.password, '123456')).json().error.code).toBe('INVALID_CREDENTIALS');
    const second = await signIn(app, account.username, account.password, code());
    expect((await app.inject({ url: '/api/v1/admin/accounts', headers: { cookie: second } })).statusCode).toBe(200);
  });

  it('the holder lists their sessions and revokes one; a revoked session stops at once', async () => {
    const account = await createActiveAccount(db, clock, [{ role: 'auditor', unitCode: '75' }]);
    const phone = await signIn(app, account.username, account.password);
    const desk = await signIn(app, account.username, account.password);
    const sessions = (await app.inject({ url: '/api/v1/auth/sessions', headers: { cookie: desk } })).json().items;
    expect(sessions).toHaveLength(2);
    const other = sessions.find((s: { current: boolean }) => !s.current);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${other.id}`, headers: { cookie: desk } })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie: phone } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie: desk } })).statusCode).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: desk } });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie: desk } })).statusCode).toBe(401);
  });

  it('session cookies are httpOnly and SameSite=Strict', async () => {
    const account = await createActiveAccount(db, clock, [{ role: 'auditor', unitCode: '75' }]);
    const res = await login(account.username, account.password);
    const cookie = res.cookies.find((c) => c.name === 'lis_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
  });
});
