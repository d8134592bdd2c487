// SQL that loads the official unit list (reference-units.ts reads it) into the database.
import type { Queryable } from '../../db/database.js';
import type { ReferenceUnits } from './reference-units.js';
import type { UnitLevel } from './unit.js';

const LEVEL_ORDER: Record<UnitLevel, number> = { province: 0, district: 1, commune: 2 };

/** Inserts units parents first; a parent is the unit with that code valid when the child began. */
export async function insertReferenceUnits(tx: Queryable, reference: ReferenceUnits): Promise<void> {
  const ordered = [...reference.units].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  for (const unit of ordered) {
    await tx.query(
      `insert into admin_unit (code, level, kind, name, parent_id, valid_from, valid_to)
       values ($1, $2, $3, $4,
               -- the parent is the unit with that code whose lifespan overlaps the child's
               -- (a district upgraded to a town keeps its code but starts later)
               (select p.id from admin_unit p
                 where p.code = $5 and p.valid_from < coalesce($7::date, 'infinity')
                   and (p.valid_to is null or p.valid_to > $6::date)
                 order by p.valid_from desc limit 1),
               $6, $7)`,
      [unit.code, unit.level, unit.kind, unit.name, unit.parentCode, unit.validFrom, unit.validTo],
    );
  }
  for (const s of reference.successions) {
    await tx.query(
      `insert into admin_unit_succession (predecessor_id, successor_id, effective_date, legal_basis)
       select p.id, n.id, $5, $6
         from admin_unit p, admin_unit n
        where p.code = $1 and p.valid_from = $2::date and n.code = $3 and n.valid_from = $4::date`,
      [s.predecessorCode, s.predecessorValidFrom, s.successorCode, s.successorValidFrom, s.effectiveDate, s.legalBasis ?? reference.legalBasis ?? null],
    );
  }
}
