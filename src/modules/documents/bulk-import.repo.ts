// SQL of the bulk scan import (S-SCAN, issue #9 item 5): finding the record a scan's name
// points to, and whether the same bytes are already linked to it. Writes go through
// documents.repo.ts (insertDocument, insertLink).
import type { Queryable } from '../../db/database.js';

export interface ParcelMatch {
  parcelUid: string;
  unitId: number;
}

/**
 * The live parcels with this sheet and number under the units that held the code (a code
 * is reused after a merger: every era of it) and, through admin_unit_succession, the units
 * they took in (migration 0002), nearest first: a name may use today's commune code for a
 * parcel still surveyed under an old commune. Depth 0 (the code itself) wins; several at
 * the same depth are ambiguous (the caller reports them).
 */
export async function liveParcelsByKey(db: Queryable, unitCode: string, sheetNumber: number, parcelNumber: number): Promise<Array<ParcelMatch & { depth: number }>> {
  const { rows } = await db.query<{ parcelUid: string; unitId: number; depth: number }>(
    `with recursive lineage(id, depth) as (
       select id, 0 from admin_unit where code = $1::text
       union
       select s.predecessor_id, l.depth + 1 from admin_unit_succession s join lineage l on s.successor_id = l.id where l.depth < 5
     )
     select p.parcel_uid as "parcelUid", p.unit_id::int as "unitId", min(l.depth)::int as depth
       from lineage l
       join parcel p on p.unit_id = l.id and p.sheet_number = $2::int and p.parcel_number = $3::int and p.valid_to is null
      group by p.parcel_uid, p.unit_id
      order by depth
      limit 5`,
    [unitCode, sheetNumber, parcelNumber],
  );
  return rows;
}

/** The current document with these bytes already linked to this parcel or certificate, if any. */
export async function documentWithBytesLinkedTo(db: Queryable, sha256: string, target: { kind: 'parcel' | 'certificate'; ref: string }): Promise<string | null> {
  const column = target.kind === 'parcel' ? 'parcel_uid' : 'certificate_id';
  const { rows } = await db.query<{ id: string }>(
    `select d.id from document d
       join document_link l on l.document_uid = d.document_uid and l.valid_to is null and l.${column} = $2::uuid
      where d.sha256 = $1::text and d.valid_to is null
      limit 1`,
    [sha256, target.ref],
  );
  return rows[0]?.id ?? null;
}

/**
 * Serialises imports of the same bytes to the same record (two imports at once would both
 * see "not linked yet"): a transaction-level advisory lock on the pair, released at commit.
 */
export async function lockBytesForRecord(db: Queryable, sha256: string, ref: string): Promise<void> {
  await db.query('select pg_advisory_xact_lock(hashtextextended($1::text, 0))', [`document-bulk:${sha256}:${ref}`]);
}
