// SQL of the sharing services that no other module answers: the key of a live parcel by
// its national identification code (the look-up itself then goes through the cadastre).
import type { Queryable } from '../../db/database.js';

export async function liveParcelKeyByNationalCode(
  db: Queryable,
  nationalCode: string,
): Promise<{ unitId: number; unitCode: string; sheetNumber: number; parcelNumber: number } | undefined> {
  const { rows } = await db.query<{ unitId: number; unitCode: string; sheetNumber: number; parcelNumber: number }>(
    `select u.id as "unitId", u.code as "unitCode", p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber"
       from parcel p join admin_unit u on u.id = p.unit_id
      where p.national_code = $1::text and p.valid_to is null`,
    [nationalCode],
  );
  return rows[0] && { ...rows[0], unitId: Number(rows[0].unitId) };
}

export interface ChangeFeedRow {
  id: string;
  changeType: string;
  effectiveAt: string;
  unitCode: string;
  sheetNumber: number;
  parcelNumber: number;
  nationalCode: string;
}

/**
 * Approved land changes (biến động) on parcels of the given units, in the order they took
 * effect, after a position (effective time, change id): a feed read page by page.
 */
export async function approvedChangesAfter(
  db: Queryable,
  q: { unitIds: readonly number[]; after: Date; afterId: string; limit: number },
): Promise<ChangeFeedRow[]> {
  const { rows } = await db.query<ChangeFeedRow>(
    `select c.id, c.change_type as "changeType", c.effective_at as "effectiveAt", u.code as "unitCode",
            p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber", p.national_code as "nationalCode"
       from land_change c
       join parcel p on p.id = c.parcel_id
       join admin_unit u on u.id = p.unit_id
      where c.status = 'approved' and p.unit_id = any($1::bigint[])
        and (c.effective_at, c.id) > ($2::timestamptz, $3::uuid)
      order by c.effective_at, c.id
      limit $4::int`,
    [q.unitIds, q.after, q.afterId, q.limit],
  );
  return rows.map((r) => ({ ...r, effectiveAt: new Date(r.effectiveAt).toISOString() }));
}

/** Land changes approved with effect in [from, to) on parcels of the given units. */
export async function countApprovedChanges(db: Queryable, unitIds: readonly number[], from: Date, to: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from land_change c join parcel p on p.id = c.parcel_id
      where c.status = 'approved' and p.unit_id = any($1::bigint[]) and c.effective_at >= $2::timestamptz and c.effective_at < $3::timestamptz`,
    [unitIds, from, to],
  );
  return Number(rows[0]!.n);
}
