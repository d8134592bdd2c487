// Accounts for tests, made through the real use cases (request → issue → first
// password change), and a signed-in cookie for app.inject.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.js';
import type { Clock } from '../../src/kernel/clock.js';
import { Secret, TOTP } from 'otpauth';
import { bootstrapAdministrator, changePassword, issueAccount, requestAccount } from '../../src/modules/accounts/index.js';

export const TEST_PASSWORD = 'Thửa-đất-số-15!';
const SYSTEM = { id: null, name: 'test' };
let serial = 0;

export function nextNationalId(): string {
  serial += 1;
  return `0701990${String(serial).padStart(5, '0')}`;
}

export interface TestAccount {
  id: string;
  username: string;
  password: string;
}

/** An active account holding these grants, its password already changed to TEST_PASSWORD. */
export async function createActiveAccount(
  db: Database,
  clock: Clock,
  grants: Array<{ role: string; unitCode: string }>,
  username = `user${Date.now().toString(36)}${serial}`,
): Promise<TestAccount> {
  const deps = { db, clock };
  const account = await requestAccount(deps, SYSTEM, {
    username,
    fullName: 'Nguyễn Văn Kiểm',
    nationalId: nextNationalId(),
    organisation: 'Văn phòng Đăng ký đất đai',
    position: 'Chuyên viên',
    request: { number: `${serial}/TT`, date: '2026-11-01', issuer: 'Văn phòng Đăng ký đất đai' },
    grants,
  });
  const { initialPassword } = await issueAccount(deps, SYSTEM, account.id);
  await changePassword(deps, { id: account.id, name: 'test' }, account.id, initialPassword, TEST_PASSWORD);
  return { id: account.id, username: account.username, password: TEST_PASSWORD };
}

/** Signs in through the API and returns the Cookie header for later requests. */
export async function signIn(app: FastifyInstance, username: string, password: string, totp?: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, ...(totp ? { totp } : {}) } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'lis_session');
  return `lis_session=${cookie!.value}`;
}

/** A Department administrator with TOTP enrolled (the role requires it); signs in with a fresh code. */
export async function signInAsAdministrator(app: FastifyInstance, db: Database, clock: Clock): Promise<{ id: string; cookie: string; totp: TOTP }> {
  const secret = new Secret({ size: 20 });
  const username = `admin${serial++}${Date.now().toString(36)}`;
  const id = await bootstrapAdministrator(db, { username, password: TEST_PASSWORD, fullName: 'Trần Thị Quản Trị', nationalId: nextNationalId(), totpSecret: secret.base32 }, clock.now());
  const totp = new TOTP({ secret, digits: 6, period: 30 });
  const cookie = await signIn(app, username, TEST_PASSWORD, totp.generate({ timestamp: clock.now().getTime() }));
  return { id, cookie, totp };
}
