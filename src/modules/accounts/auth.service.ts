// Authentication (A7): argon2id passwords, optional TOTP second factor (required by
// some roles), temporary lock-out after repeated failures, sessions whose cookie token
// is stored only as a hash, forced password change at first login.
import crypto from 'node:crypto';
import argon2 from 'argon2';
import { Secret, TOTP } from 'otpauth';
import { AppError, errors } from '../../kernel/app-error.js';
import { actAs, appendAudit, type Actor } from '../audit/index.js';
import type { AccountsDeps } from './accounts.service.js';
import { HASH_OPTIONS, lockInTransaction } from './accounts.service.js';
import { initialPasswordDeadline } from './account-rules.js';
import * as repo from './accounts.repo.js';
import * as sessions from './sessions.repo.js';
import { checkPassword } from './password-policy.js';

export const SESSION_COOKIE = 'lis_session';
export const MAX_FAILED_LOGINS = 5;
export const LOGIN_BLOCK_MS = 15 * 60_000;
export const SESSION_MS = 12 * 3_600_000;
export const SESSION_IDLE_MS = 60 * 60_000;

// Verifying against a real hash when the username is unknown keeps the timing equal.
const DUMMY_HASH = argon2.hash('không có tài khoản này', HASH_OPTIONS);

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

const invalid = () =>
  new AppError('INVALID_CREDENTIALS', { vi: 'Tên đăng nhập hoặc mật khẩu không đúng', en: 'Wrong username or password' });

export interface LoginInput {
  username: string;
  password: string;
  totp?: string | undefined;
  ip: string | null;
  userAgent: string | null;
}

function totpOf(account: { username: string }, secret: string): TOTP {
  return new TOTP({ issuer: 'LIS', label: account.username, secret: Secret.fromBase32(secret), digits: 6, period: 30 });
}

function totpValid(account: repo.AccountSecrets, code: string | undefined, now: Date): boolean {
  if (!code || !account.totpSecret) return false;
  return totpOf(account, account.totpSecret).validate({ token: code, timestamp: now.getTime(), window: 1 }) !== null;
}

/** Returns the session token for the cookie; every outcome is audited. */
export async function login(deps: AccountsDeps, input: LoginInput, requestId: string): Promise<{ token: string; accountId: string }> {
  const now = deps.clock.now();
  const account = await repo.getSecrets(deps.db, { username: input.username });
  const actor: Actor = { id: account?.id ?? null, name: account?.fullName ?? input.username, requestId };
  const fail = async (reason: string, error: AppError, countAsFailure = true): Promise<never> => {
    await actAs(deps.db, actor, async (tx) => {
      if (account && countAsFailure) {
        const blocked = account.failedLogins + 1 >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOGIN_BLOCK_MS) : null;
        await repo.recordLoginFailure(tx, account.id, blocked);
      }
      await appendAudit(tx, actor, { action: 'auth.login_failed', objectType: 'account', objectId: account?.id, details: { username: input.username, reason, ip: input.ip } });
    });
    throw error;
  };

  if (!account || !account.passwordHash) {
    await argon2.verify(await DUMMY_HASH, input.password);
    return fail('unknown_username', invalid());
  }
  if (account.loginBlockedUntil && account.loginBlockedUntil > now) {
    const retryAfter = Math.ceil((account.loginBlockedUntil.getTime() - now.getTime()) / 1000);
    return fail('blocked', new AppError('RATE_LIMITED', { vi: `Đăng nhập sai quá nhiều lần, thử lại sau ${Math.ceil(retryAfter / 60)} phút`, en: `Too many failed logins; try again in ${Math.ceil(retryAfter / 60)} minutes` }, { retryAfter }), false);
  }
  if (!(await argon2.verify(account.passwordHash, input.password))) return fail('wrong_password', invalid());
  if (account.status === 'issued' && account.passwordChangedAt === null && account.issuedAt && account.issuedAt < initialPasswordDeadline(now)) {
    await actAs(deps.db, actor, (tx) => lockInTransaction(tx, { id: null, name: 'system', requestId }, account.id, 'initial_password_unchanged', { note: 'L1' }, now));
    account.status = 'locked';
  }
  if (account.status !== 'active' && account.status !== 'issued') {
    return fail(`status_${account.status}`, new AppError('ACCOUNT_LOCKED', { vi: 'Tài khoản đang bị khóa hoặc chưa được cấp', en: 'The account is locked or not issued' }, { status: account.status }), false);
  }
  if (account.totpEnabled && !input.totp) {
    return fail('totp_missing', new AppError('TOTP_REQUIRED', { vi: 'Nhập mã xác thực 6 số từ ứng dụng', en: 'Enter the 6-digit code from your authenticator app' }), false);
  }
  if (account.totpEnabled && !totpValid(account, input.totp, now)) return fail('totp_wrong', invalid());

  const token = crypto.randomBytes(32).toString('base64url');
  await actAs(deps.db, actor, async (tx) => {
    await repo.recordLoginSuccess(tx, account.id);
    const sessionId = await sessions.insertSession(tx, {
      tokenHash: hashToken(token), accountId: account.id, now, expiresAt: new Date(now.getTime() + SESSION_MS), ip: input.ip, userAgent: input.userAgent,
    });
    await appendAudit(tx, actor, { action: 'auth.login', objectType: 'account', objectId: account.id, details: { sessionId, ip: input.ip } });
  });
  return { token, accountId: account.id };
}

export async function changePassword(deps: AccountsDeps, actor: Actor, accountId: string, current: string, next: string): Promise<void> {
  const account = (await repo.getSecrets(deps.db, { id: accountId }))!;
  if (!account.passwordHash || !(await argon2.verify(account.passwordHash, current))) {
    throw new AppError('INVALID_CREDENTIALS', { vi: 'Mật khẩu hiện tại không đúng', en: 'The current password is wrong' }, { field: 'body/currentPassword' });
  }
  const policy = checkPassword(next, account);
  if (policy) throw new AppError('VALIDATION_FAILED', policy, { field: 'body/newPassword' });
  if (await argon2.verify(account.passwordHash, next)) {
    throw new AppError('VALIDATION_FAILED', { vi: 'Mật khẩu mới phải khác mật khẩu cũ', en: 'The new password must differ from the old one' }, { field: 'body/newPassword' });
  }
  const hash = await argon2.hash(next, HASH_OPTIONS);
  await actAs(deps.db, actor, async (tx) => {
    await repo.setPassword(tx, accountId, hash, false, deps.clock.now());
    await appendAudit(tx, actor, { action: 'auth.password_changed', objectType: 'account', objectId: accountId });
  });
}

/** Starts TOTP enrolment: a new secret, enabled only once a code from it is confirmed. */
export async function startTotp(deps: AccountsDeps, actor: Actor, accountId: string): Promise<{ otpauthUri: string; secret: string }> {
  const account = (await repo.getSecrets(deps.db, { id: accountId }))!;
  if (account.totpEnabled) {
    throw new AppError('CONFLICT', { vi: 'Xác thực hai lớp đã được bật', en: 'The second factor is already enabled' });
  }
  const secret = new Secret({ size: 20 }).base32;
  await actAs(deps.db, actor, (tx) => repo.setTotp(tx, accountId, secret, false));
  return { otpauthUri: totpOf(account, secret).toString(), secret };
}

export async function confirmTotp(deps: AccountsDeps, actor: Actor, accountId: string, code: string): Promise<void> {
  const account = (await repo.getSecrets(deps.db, { id: accountId }))!;
  if (!totpValid(account, code, deps.clock.now())) {
    throw new AppError('VALIDATION_FAILED', { vi: 'Mã xác thực không đúng', en: 'Wrong verification code' }, { field: 'body/code' });
  }
  await actAs(deps.db, actor, async (tx) => {
    await repo.setTotp(tx, accountId, account.totpSecret, true);
    await appendAudit(tx, actor, { action: 'auth.totp_enabled', objectType: 'account', objectId: accountId });
  });
}

export async function logout(deps: AccountsDeps, actor: Actor, session: { sessionId: string; accountId: string }): Promise<void> {
  await actAs(deps.db, actor, async (tx) => {
    await sessions.revokeSession(tx, session.sessionId, session.accountId, deps.clock.now());
    await appendAudit(tx, actor, { action: 'auth.logout', objectType: 'account', objectId: session.accountId });
  });
}

/** A7: the holder sees their sessions and ends any of them. */
export async function revokeOwnSession(deps: AccountsDeps, actor: Actor, session: { accountId: string }, sessionId: string): Promise<void> {
  const done = await actAs(deps.db, actor, async (tx) => {
    const revoked = await sessions.revokeSession(tx, sessionId, session.accountId, deps.clock.now());
    if (revoked) await appendAudit(tx, actor, { action: 'auth.session_revoked', objectType: 'session', objectId: sessionId });
    return revoked;
  });
  if (!done) throw errors.notFound({ vi: 'phiên đăng nhập', en: 'Session' }, { sessionId });
}
