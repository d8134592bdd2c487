// Matching a land user against the national population database (issue #4 item 1).
// Sending a citizen's ID to another system is a use of personal data: it is logged (P4).
import type { Database } from '../../db/database.js';
import { AppError, errors } from '../../kernel/app-error.js';
import type { Clock } from '../../kernel/clock.js';
import { actAs, appendAudit, type Actor } from '../audit/index.js';
import type { MatchResult, PopulationRegistry } from './population-registry.js';
import { partyIdentity, recordMatch } from './population.repo.js';

export interface PopulationDeps {
  db: Database;
  clock: Clock;
  registry: PopulationRegistry;
}

export async function matchParty(
  deps: PopulationDeps,
  actor: Actor,
  partyId: string,
  mayEditUnit: (unitId: number) => boolean,
): Promise<MatchResult & { checkedAt: string; registry: string }> {
  const party = await partyIdentity(deps.db, partyId);
  if (!party) throw errors.notFound({ vi: 'người sử dụng đất', en: 'Party' }, { partyId });
  if (!party.unitIds.some(mayEditUnit)) {
    throw new AppError('FORBIDDEN', { vi: 'Người này không có thửa đất trong đơn vị bạn quản lý', en: 'This party holds no parcel in your units' });
  }
  if (party.kind !== 'individual' || !party.idNumber) {
    throw errors.invalid({ vi: 'Chỉ đối chiếu được cá nhân có số định danh', en: 'Only individuals with a citizen ID can be matched' }, { field: 'idNumber' });
  }
  const result = await deps.registry.match({ idNumber: party.idNumber, fullName: party.fullName, birthYear: party.birthYear });
  const at = deps.clock.now();
  await actAs(deps.db, actor, async (tx) => {
    await recordMatch(tx, partyId, result.status, at);
    await appendAudit(tx, actor, {
      action: 'population.match', objectType: 'party', objectId: partyId,
      details: { registry: deps.registry.name, status: result.status, differences: result.differences },
    });
  });
  return { ...result, checkedAt: at.toISOString(), registry: deps.registry.name };
}
