// SQL of a parcel's timeline: its versions (parcel_uid), the change that started each,
// and the other parcels it came from or gave rise to through parcel_lineage.
import type { Queryable } from '../../db/database.js';

export interface VersionChange {
  id: string;
  type: string;
  typeName: { vi: string; en: string };
  legalBasis: string;
  effectiveAt: string | null;
}

export interface VersionRow {
  id: string;
  version: number;
  sheetNumber: number;
  parcelNumber: number;
  officialArea: number;
  landUseCode: string;
  validFrom: string;
  validTo: string | null;
  /** the change that started the version; null for a first registration loaded as it was */
  change: VersionChange | null;
}

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

/** Every version of a parcel, oldest first. */
export async function versionsOfParcel(db: Queryable, parcelUid: string): Promise<VersionRow[]> {
  const { rows } = await db.query<VersionRow>(
    `select p.id, p.version, p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber",
            p.official_area as "officialArea", p.land_use_code as "landUseCode", p.valid_from as "validFrom", p.valid_to as "validTo",
            case when c.id is null then null else json_build_object(
              'id', c.id, 'type', c.change_type, 'typeName', json_build_object('vi', t.name_vi, 'en', t.name_en),
              'legalBasis', c.legal_basis, 'effectiveAt', c.effective_at) end as change
       from parcel p
       left join land_change c on c.id = p.change_id
       left join change_type t on t.code = c.change_type
      where p.parcel_uid = $1
      order by p.version`,
    [parcelUid],
  );
  return rows.map((r) => ({
    ...r,
    officialArea: Number(r.officialArea),
    validFrom: iso(r.validFrom)!,
    validTo: iso(r.validTo),
    change: r.change === null ? null : { ...r.change, effectiveAt: iso(r.change.effectiveAt) },
  }));
}

export interface RelatedParcel {
  relation: 'parent' | 'child';
  /** the version of the other parcel the lineage row names */
  id: string;
  unitCode: string;
  sheetNumber: number;
  parcelNumber: number;
  validFrom: string;
  validTo: string | null;
}

/**
 * The versions of other parcels that any version of this one came from (parents) or gave
 * rise to (children). Lineage rows between two versions of the same parcel are its own
 * timeline, not relatives.
 */
export async function relativesOfParcel(db: Queryable, parcelUid: string): Promise<RelatedParcel[]> {
  const { rows } = await db.query<RelatedParcel>(
    `select distinct r.relation, o.id, u.code as "unitCode", o.sheet_number as "sheetNumber", o.parcel_number as "parcelNumber",
            o.valid_from as "validFrom", o.valid_to as "validTo"
       from parcel me
       join lateral (
         select 'parent' as relation, l.parent_id as other_id from parcel_lineage l where l.child_id = me.id
         union all
         select 'child', l.child_id from parcel_lineage l where l.parent_id = me.id
       ) r on true
       join parcel o on o.id = r.other_id and o.parcel_uid <> me.parcel_uid
       join admin_unit u on u.id = o.unit_id
      where me.parcel_uid = $1
      order by r.relation desc, "unitCode", "sheetNumber", "parcelNumber"`,
    [parcelUid],
  );
  return rows.map((r) => ({ ...r, validFrom: iso(r.validFrom)!, validTo: iso(r.validTo) }));
}
