// Which administrative units a grant covers. A grant on a unit covers its descendants
// (a district role covers its communes) and follows reorganisations both ways: the
// units it was merged into and the units merged into it, and theirs in turn (a commune
// officer of Tân Phú covers the whole Phường Bình Phước after 1 July 2025, whose parcels
// were surveyed under six old units; a grant on today's province covers the old one's).
import type { Queryable } from '../../db/database.js';

export interface PermissionScope {
  permission: string;
  unitIds: number[];
}

/** For each permission the account holds now, the unit ids it may act on. */
export async function permissionScopes(db: Queryable, accountId: string, now: Date): Promise<PermissionScope[]> {
  const { rows } = await db.query<{ permission: string; unit_ids: number[] }>(
    `with recursive granted as (
       select rp.permission_code, g.unit_id
         from account_grant g join role_permission rp on rp.role_code = g.role_code
        where g.account_id = $1 and g.valid_from <= $2 and (g.valid_to is null or g.valid_to > $2)
     ),
     covered(root, id) as (
       select distinct unit_id, unit_id from granted
       union
       select c.root, x.id from covered c
       cross join lateral (
         select u.id from admin_unit u where u.parent_id = c.id
         union all select s.successor_id from admin_unit_succession s where s.predecessor_id = c.id
         union all select s.predecessor_id from admin_unit_succession s where s.successor_id = c.id
       ) x
     )
     select g.permission_code as permission, array_agg(distinct c.id) as unit_ids
       from granted g join covered c on c.root = g.unit_id
      group by g.permission_code`,
    [accountId, now],
  );
  return rows.map((r) => ({ permission: r.permission, unitIds: r.unit_ids.map(Number) }));
}

/** Every unit that ever held this code (codes are reused after mergers). */
export async function unitIdsOfCode(db: Queryable, code: string): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>('select id from admin_unit where code = $1', [code]);
  return rows.map((r) => r.id);
}

/**
 * The unit ids a set of units covers as a grant does: themselves, their descendants and
 * their reorganisation lineage both ways (used for the unit scope of sharing consumers).
 */
export async function unitsCoveredBy(db: Queryable, rootIds: readonly number[]): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `with recursive covered(id) as (
       select unnest($1::bigint[])
       union
       select x.id from covered c
       cross join lateral (
         select u.id from admin_unit u where u.parent_id = c.id
         union all select s.successor_id from admin_unit_succession s where s.predecessor_id = c.id
         union all select s.predecessor_id from admin_unit_succession s where s.successor_id = c.id
       ) x
     )
     select id from covered`,
    [rootIds],
  );
  return rows.map((r) => Number(r.id));
}
