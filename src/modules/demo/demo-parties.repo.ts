// SQL that gives every demo parcel of a commune its land user: a household member
// with a Vietnamese name and a well-formed 12-digit citizen ID (CCCD: province of
// birth registration, century-and-sex digit, year of birth, six digits) for private
// land, and the commune People's Committee for the land the state manages.
import type { Queryable } from '../../db/database.js';
import { FEMALE_GIVEN, FEMALE_MIDDLE, ID_PROVINCE_CODES, MALE_GIVEN, MALE_MIDDLE, SURNAMES } from './vietnamese-names.js';

const pick = (param: string, r: string) => `(${param}::text[])[1 + floor(${r} * cardinality(${param}::text[]))::int]`;

/**
 * A demo person's full name and CCCD, as SQL over the random columns r_surname, r_middle,
 * r_given, female, r_province, birth_year and serial of the row, with the name lists
 * PERSON_NAME_LISTS as parameters $1-$6. Shared with bench/seed-parties.ts.
 */
export const PERSON_NAME_LISTS = [SURNAMES, MALE_MIDDLE, FEMALE_MIDDLE, MALE_GIVEN, FEMALE_GIVEN, ID_PROVINCE_CODES] as const;
export const PERSON_NAME_SQL = `${pick('$1', 'r_surname')} || ' ' ||
            case when female then ${pick('$3', 'r_middle')} || ' ' || ${pick('$5', 'r_given')}
                 else ${pick('$2', 'r_middle')} || ' ' || ${pick('$4', 'r_given')} end`;
export const PERSON_CCCD_SQL = `${pick('$6', 'r_province')}
              || (case when birth_year < 2000 then 0 else 2 end + case when female then 1 else 0 end)::text
              || lpad((birth_year % 100)::text, 2, '0') || lpad(serial::text, 6, '0')`;

export async function assignDemoParties(tx: Queryable, unitId: number, publicLand: string[]): Promise<void> {
  await tx.query(
    `create temp table demo_holder on commit drop as
     select p.id parcel_id, gen_random_uuid() party_id, p.address,
            random() < 0.45 female, random() r_surname, random() r_middle, random() r_given,
            1945 + floor(random() * 60)::int birth_year, random() r_province, floor(random() * 1000000)::int serial
       from parcel p where p.unit_id = $1 and p.valid_to is null and not (p.land_use_code = any($2::text[]))
      order by p.sheet_number, p.parcel_number`,
    [unitId, publicLand],
  );
  await tx.query(
    `insert into party (id, kind, full_name, id_number, birth_year, address)
     select party_id, 'individual', ${PERSON_NAME_SQL}, ${PERSON_CCCD_SQL}, birth_year, address
       from demo_holder`,
    [...PERSON_NAME_LISTS],
  );
  await tx.query(
    `insert into land_right (parcel_id, party_id, right_type, share, valid_from)
     select h.parcel_id, h.party_id, 'land_use', 1, p.valid_from from demo_holder h join parcel p on p.id = h.parcel_id`,
  );
  // The commune People's Committee manages public land (roads, rivers, schools, …).
  await tx.query(
    `with committee as (
       insert into party (kind, full_name, address)
       select 'state', 'Ủy ban nhân dân ' || lower(left(kind, 1)) || substr(kind, 2) || ' ' || name, kind || ' ' || name
         from admin_unit where id = $1
       returning id)
     insert into land_right (parcel_id, party_id, right_type, share, valid_from)
     select p.id, committee.id, 'management', 1, p.valid_from
       from parcel p, committee where p.unit_id = $1 and p.valid_to is null and p.land_use_code = any($2::text[])`,
    [unitId, publicLand],
  );
}
