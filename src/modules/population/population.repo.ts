// SQL of the population-database match of parties.
import type { Queryable } from '../../db/database.js';
import type { MatchStatus } from './population-registry.js';

export interface PartyIdentity {
  id: string;
  kind: string;
  fullName: string;
  idNumber: string | null;
  birthYear: number | null;
  /** units of the parcels the party holds a live right on (for the caller's scope) */
  unitIds: number[];
}

export async function partyIdentity(db: Queryable, partyId: string): Promise<PartyIdentity | undefined> {
  const { rows } = await db.query<PartyIdentity>(
    `select y.id, y.kind, y.full_name as "fullName", y.id_number as "idNumber", y.birth_year as "birthYear",
            coalesce((select array_agg(distinct p.unit_id) from land_right r join parcel p on p.id = r.parcel_id
                       where r.party_id = y.id and r.valid_to is null), '{}') as "unitIds"
       from party y where y.id = $1`,
    [partyId],
  );
  return rows[0] ? { ...rows[0], unitIds: rows[0].unitIds.map(Number) } : undefined;
}

export async function recordMatch(db: Queryable, partyId: string, status: MatchStatus, at: Date): Promise<void> {
  await db.query('update party set population_status = $2, population_checked_at = $3 where id = $1', [partyId, status, at]);
}
