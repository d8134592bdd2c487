// SQL of the cadastre search (F4). Party names and addresses are compared folded by
// lis_fold() (migration 0009); names by prefix of the full name or of the given name,
// both served by an expression index. Unset criteria are passed as null. The statements
// are planned with their values on every call (PLAN_EACH_CALL, an exception to ADR 0004:
// a generic plan cannot use the LIKE prefix indexes), so the "null or …" branches fold away.
import { PLAN_EACH_CALL, type Queryable } from '../../db/database.js';
import type { Holder } from './personal-data.js';

export interface SearchCriteria {
  /** units whose parcels may be returned (the caller's scope) */
  unitIds: number[];
  unitCode?: string | undefined;
  sheetNumber?: number | undefined;
  parcelNumber?: number | undefined;
  /** LIKE-escaped, whitespace-collapsed; folded in SQL */
  name?: string | undefined;
  /** the name when it is one word (matched against given names) */
  givenName?: string | undefined;
  /** the name when it is several words (matched against the name after the family name) */
  restName?: string | undefined;
  idNumber?: string | undefined;
  /** LIKE-escaped; folded in SQL, matched anywhere in the address */
  address?: string | undefined;
  /** the serial of a certificate valid now: the live parcels it covers */
  certificateSerial?: string | undefined;
  /** keyset: parcels with an id after this one */
  afterId?: string | undefined;
  limit: number;
}

export interface SearchParcelRow {
  id: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  sheetNumber: number;
  parcelNumber: number;
  landUseCode: string;
  officialArea: number;
  address: string | null;
}

/**
 * The party criteria of both queries, given the numbers of their parameters. A name
 * matches a folded full name by prefix; one word also matches a given name by prefix
 * ("an" finds "Nguyễn Văn An"), several words also the name after the family name
 * ("van an" finds him). Each alternative has its expression index (migration 0009), so
 * the planner ORs three index scans; a contains-match would need pg_trgm.
 */
const partyMatches = (p: { name: string; given: string; rest: string; id: string }) => `
  (${p.name}::text is null or lis_fold(y.full_name) like lis_fold(${p.name}) || '%'
     or (${p.given}::text is not null and lis_fold_given_name(y.full_name) like lis_fold(${p.given}) || '%')
     or (${p.rest}::text is not null and lis_fold_without_family_name(y.full_name) like lis_fold(${p.rest}) || '%'))
  and (${p.id}::text is null or y.id_number = ${p.id})`;

/**
 * The search, given how the party criteria enter it. With a name or an ID number they are
 * an EXISTS on the parcel's live rights: PostgreSQL turns it into a semi-join it can start
 * from the name indexes. The form "(no name) or p.id in (…)" kept the subquery as a filter
 * evaluated while walking every parcel in id order (0.8-5 s at 3 M parties, against 18 ms;
 * bench/README.md). Without party criteria the parameters are still referenced, typed, so
 * both statements take the same twelve.
 * $1 unit ids bigint[], $2 unit code, $3 sheet, $4 parcel number, $5 address,
 * $6 name, $7 given name, $8 id number, $9 after parcel id, $10 limit, $11 name after the family name,
 * $12 certificate serial (a certificate valid now; its parcels by identity, served by the
 * unique serial index and certificate_parcel → parcel_uid_versions).
 */
const searchParcelsSql = (partyCriteria: string) => `${PLAN_EACH_CALL}
  select p.id, p.unit_id as "unitId", u.code as "unitCode", u.kind || ' ' || u.name as "unitName",
         p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber",
         p.land_use_code as "landUseCode", p.official_area as "officialArea", p.address
    from parcel p join admin_unit u on u.id = p.unit_id
   where p.valid_to is null and p.unit_id = any($1::bigint[])
     and ($2::text is null or u.code = $2)
     and ($3::int is null or p.sheet_number = $3)
     and ($4::int is null or p.parcel_number = $4)
     and ($5::text is null or lis_fold(p.address) like '%' || lis_fold($5) || '%')
     ${partyCriteria}
     and ($9::uuid is null or p.id > $9::uuid)
     and ($12::text is null or p.parcel_uid in (
           select cp.parcel_uid from certificate c join certificate_parcel cp on cp.certificate_id = c.id
            where c.serial = $12 and c.status = 'valid' and c.valid_to is null))
   order by p.id
   limit $10`;

/** With a name or an ID number. Exported for bench/ (the same SQL through pgbench). */
export const SEARCH_PARCELS_SQL = searchParcelsSql(`
     and exists (select from land_right r join party y on y.id = r.party_id
                  where r.parcel_id = p.id and r.valid_to is null and ${partyMatches({ name: '$6', given: '$7', rest: '$11', id: '$8' })})`);

/** Without party criteria ($6, $7, $8 and $11 are null). */
const SEARCH_PARCELS_WITHOUT_PARTY_SQL = searchParcelsSql(`
     and $6::text is null and $7::text is null and $8::text is null and $11::text is null`);

export async function searchParcels(db: Queryable, c: SearchCriteria): Promise<SearchParcelRow[]> {
  const byParty = c.name !== undefined || c.idNumber !== undefined;
  const { rows } = await db.query<SearchParcelRow>(byParty ? SEARCH_PARCELS_SQL : SEARCH_PARCELS_WITHOUT_PARTY_SQL, [
    c.unitIds, c.unitCode ?? null, c.sheetNumber ?? null, c.parcelNumber ?? null, c.address ?? null,
    c.name ?? null, c.givenName ?? null, c.idNumber ?? null, c.afterId ?? null, c.limit, c.restName ?? null,
    c.certificateSerial ?? null,
  ]);
  return rows.map((row) => ({ ...row, unitId: Number(row.unitId), officialArea: Number(row.officialArea) }));
}

export interface HolderOfParcel extends Holder {
  parcelId: string;
}

/**
 * The live holders of these parcels that match the party criteria (all of them when
 * there are none): the rights on the land, not the ownership of assets on it (the same
 * people, shown with the assets by …/records). $1 parcel ids uuid[], $2 name, $3 given
 * name, $4 id number, $5 name after the family name.
 */
const HOLDERS_SQL = `${PLAN_EACH_CALL}
  select r.parcel_id as "parcelId", y.id as "partyId", y.kind, y.full_name as "fullName", y.id_number as "idNumber",
         y.birth_year as "birthYear", y.address, r.right_type as "rightType", r.share, y.population_status as "populationStatus"
    from land_right r join party y on y.id = r.party_id
   where r.parcel_id = any($1::uuid[]) and r.valid_to is null and r.asset_uid is null
     and ${partyMatches({ name: '$2', given: '$3', rest: '$5', id: '$4' })}
   order by r.parcel_id, r.share desc, y.full_name`;

export async function matchingHolders(db: Queryable, parcelIds: string[], c: Pick<SearchCriteria, 'name' | 'givenName' | 'restName' | 'idNumber'>): Promise<HolderOfParcel[]> {
  if (parcelIds.length === 0) return [];
  const { rows } = await db.query<HolderOfParcel>(HOLDERS_SQL, [parcelIds, c.name ?? null, c.givenName ?? null, c.idNumber ?? null, c.restName ?? null]);
  return rows.map((row) => ({ ...row, share: Number(row.share) }));
}
