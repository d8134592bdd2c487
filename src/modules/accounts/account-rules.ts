// The account rules a scheduled job enforces (and login enforces again for L1):
// L1 lock a new account whose initial password was not changed within one week;
// A6 lock contractor accounts once their project's period is over. Quy chế Art. 7.
import { actAs, SYSTEM_ACTOR } from '../audit/index.js';
import type { AccountsDeps } from './accounts.service.js';
import { lockInTransaction } from './accounts.service.js';
import { staleInitialPasswords } from './accounts.repo.js';
import { accountsOfEndedProjects } from './projects.repo.js';

export const INITIAL_PASSWORD_DAYS = 7;
const DAY_MS = 86_400_000;

export function initialPasswordDeadline(now: Date): Date {
  return new Date(now.getTime() - INITIAL_PASSWORD_DAYS * DAY_MS);
}

export interface RulesResult {
  lockedInitialPassword: string[];
  lockedProjectEnded: string[];
}

export async function enforceAccountRules(deps: AccountsDeps): Promise<RulesResult> {
  const now = deps.clock.now();
  return actAs(deps.db, SYSTEM_ACTOR, async (tx) => {
    const stale = await staleInitialPasswords(tx, initialPasswordDeadline(now));
    for (const id of stale) {
      await lockInTransaction(tx, SYSTEM_ACTOR, id, 'initial_password_unchanged', { note: 'L1: mật khẩu ban đầu không được đổi trong 7 ngày' }, now);
    }
    const ended = await accountsOfEndedProjects(tx, now.toISOString().slice(0, 10));
    for (const id of ended) {
      await lockInTransaction(tx, SYSTEM_ACTOR, id, 'project_ended', { note: 'A6: hết thời hạn dự án' }, now);
    }
    return { lockedInitialPassword: stale, lockedProjectEnded: ended };
  });
}
