// SQL that completes the land record of every demo parcel of a commune (issue #4):
// its land-use purpose (area, term, origin), a certificate (GCN) for most privately held
// parcels, a house on most residential parcels and perennial trees on some CLN parcels,
// each asset with ownership rights of the land users. Set-based, a dozen statements per
// commune whatever its size: about 2 s more per commune of 10 000 parcels on the server
// (50 000 parcels: 18-21 s before, 22-29 s with the records, on a shared machine).
//
// Draws are a hash of (seed, unit, sheet, parcel, purpose of the draw) rather than
// random(): the same seed gives the same record whatever order the rows are read in.
// The statistics do not know the rows just inserted (the planner believes a commune has
// one parcel), so every per-parcel look-up is written to have one plan only: by the
// parcel's rights index, then the party's primary key. A join to party there hashed the
// whole party table for every parcel, and a "valid_to is null" let it walk the partial
// index land_right_party_live (30-70 s a commune instead of 0.3 s). The commune's rights
// were all created in this transaction: none has ended, valid_to need not be asked.
import type { Queryable } from '../../db/database.js';

/** The GCN form of 2024 (Thông tư 10/2024/TT-BTNMT) is used for parcels registered from this day. */
const NEW_FORM_FROM = '2025-01-01';
const ISSUER_BEFORE = 'Sở Tài nguyên và Môi trường tỉnh Bình Phước';
const ISSUER_FROM_2025 = 'Văn phòng đăng ký đất đai tỉnh Bình Phước';

/** Shares of the draws (by parcel count). */
const CERTIFIED_SHARE = 0.85;
const HOUSE_SHARE = 0.7;
const TREE_SHARE = 0.35;

/** A uniform number in [0, 1) from the parcel's key, the seed ($2) and a salt. */
const draw = (salt: string) =>
  `(('x' || substr(md5($2::text || ':' || p.unit_id || ':' || p.sheet_number || ':' || p.parcel_number || ':${salt}'), 1, 8))::bit(32)::bigint / 4294967296.0)::float8`;

/** The element of a text[] parameter picked by a number in [0, 1). */
const pick = (param: string, r: string) => `(${param}::text[])[1 + floor(${r} * cardinality(${param}::text[]))::int]`;

const URBAN_STRUCTURES = ['Bê tông cốt thép', 'Khung bê tông cốt thép, tường gạch, mái bằng', 'Khung bê tông cốt thép, tường gạch, mái ngói'];
const RURAL_STRUCTURES = ['Tường gạch, mái tôn', 'Tường gạch, mái ngói', 'Khung thép, tường gạch, mái tôn', 'Bê tông cốt thép'];
/** Bình Phước's perennial crops: rubber, cashew, pepper, durian, coffee. */
const ORCHARDS = ['Vườn cao su', 'Vườn cao su', 'Vườn điều', 'Vườn điều', 'Vườn hồ tiêu', 'Vườn sầu riêng', 'Vườn cà phê'];

export async function addDemoRecords(tx: Queryable, unitId: number, seed: number): Promise<void> {
  await tx.query(
    `create temp table demo_record on commit drop as
     select p.id parcel_id, p.parcel_uid, p.sheet_number, p.parcel_number, p.land_use_code, p.official_area, p.valid_from,
            (p.valid_from at time zone 'Asia/Ho_Chi_Minh')::date registered_on,
            c.group_code = 'NNP' agricultural,
            p.land_use_code in ('ODT', 'ONT') residential,
            exists (select 1 from land_right r
                     where r.parcel_id = p.id and (select y.kind from party y where y.id = r.party_id) = 'state') state_land,
            ${draw('certificate')} r_certificate, ${draw('asset')} r_asset, ${draw('size')} r_size,
            ${draw('floors')} r_floors, ${draw('kind')} r_kind, ${draw('year')} r_year
       from parcel p join land_use_code c on c.code = p.land_use_code
      where p.unit_id = $1 and p.valid_to is null`,
    [unitId, seed],
  );
  await tx.query('analyze demo_record');
  // One purpose per parcel: its land-use code on its whole official area. Agricultural
  // land is allocated for 50 years (Luật Đất đai 2024, Điều 172), residential and other
  // non-agricultural land of households for long-term use (Điều 171).
  await tx.query(
    `insert into parcel_purpose (parcel_id, land_use_code, area, term_end, origin_code)
     select parcel_id, land_use_code, official_area,
            case when agricultural and not residential then (registered_on + interval '50 years')::date end,
            case when state_land then 'DG-KTT' when agricultural then 'CN-KTT' else 'CN-CTT' end
       from demo_record`,
  );
  // Certificates: numbered in the order they were issued, the serials continuing those
  // already in the database (one series for the whole demo, so they stay unique).
  await tx.query(
    `create temp table demo_certificate on commit drop as
     select gen_random_uuid() id, d.parcel_id, d.parcel_uid, d.valid_from, d.registered_on,
            d.registered_on >= $1::date new_form,
            row_number() over (order by d.valid_from, d.sheet_number, d.parcel_number) n
       from demo_record d
      where not d.state_land and d.r_certificate < $2`,
    [NEW_FORM_FROM, CERTIFIED_SHARE],
  );
  await tx.query('analyze demo_certificate');
  await tx.query(
    `with base as (select count(*) b from certificate)
     insert into certificate (id, serial, form, entry_number, issued_on, issuer, status, valid_from)
     select c.id,
            case when c.new_form then 'A' || chr(65 + (($1::bigint + (b + n) / 100000000) % 26)::int) || lpad(((b + n) % 100000000)::text, 8, '0')
                 else 'C' || chr(65 + (($1::bigint + (b + n) / 1000000) % 26)::int) || lpad(((b + n) % 1000000)::text, 6, '0') end,
            case when c.new_form then 'gcn_2024' else 'gcn_2014' end,
            'CS' || case when n < 100000 then lpad(n::text, 5, '0') else n::text end,
            c.registered_on,
            case when c.new_form then $2 else $3 end,
            'valid', c.valid_from
       from demo_certificate c, base`,
    [seed, ISSUER_FROM_2025, ISSUER_BEFORE],
  );
  await tx.query(`insert into certificate_parcel (certificate_id, parcel_uid) select id, parcel_uid from demo_certificate`);
  await tx.query(
    `insert into certificate_holder (certificate_id, party_id)
     select distinct c.id, r.party_id
       from demo_certificate c join land_right r on r.parcel_id = c.parcel_id and r.right_type = 'land_use'`,
  );
  // Assets: a house on most private residential parcels (footprint at most 60 % of the
  // parcel), perennial trees on some private CLN parcels.
  await tx.query(
    `create temp table demo_asset on commit drop as
     with house as (
       select d.*, case when d.land_use_code = 'ODT' then 1 + floor(d.r_floors * 4)::int else 1 + floor(d.r_floors * d.r_floors * 2)::int end floors,
              round(least(d.official_area * 0.6, 40 + d.r_size * 160)::numeric, 1) footprint
         from demo_record d
        where d.residential and not d.state_land and d.r_asset < $1 and d.official_area >= 20)
     select gen_random_uuid() id, gen_random_uuid() asset_uid, parcel_id, valid_from, 'house' kind,
            'Nhà ở riêng lẻ ' || floors || ' tầng' description,
            footprint footprint_area, footprint * floors floor_area, floors,
            case when land_use_code = 'ODT' and floors > 1 then ${pick('$3', 'r_kind')} else ${pick('$4', 'r_kind')} end structure,
            extract(year from registered_on)::int - floor(r_year * 15)::int built_year,
            null::numeric planted_area
       from house
     union all
     select gen_random_uuid(), gen_random_uuid(), d.parcel_id, d.valid_from, 'perennial_tree',
            ${pick('$5', 'd.r_kind')} || ' trồng năm ' || (extract(year from d.registered_on)::int - floor(d.r_year * 12)::int),
            null, null, null, null, null,
            round((d.official_area * (0.7 + 0.3 * d.r_size))::numeric, 1)
       from demo_record d
      where d.land_use_code = 'CLN' and not d.state_land and d.r_asset < $2 and d.official_area >= 1`,
    [HOUSE_SHARE, TREE_SHARE, URBAN_STRUCTURES, RURAL_STRUCTURES, ORCHARDS],
  );
  await tx.query('analyze demo_asset');
  await tx.query(
    `insert into asset (id, asset_uid, parcel_id, kind, description, footprint_area, floor_area, floors, structure, built_year, planted_area, valid_from)
     select id, asset_uid, parcel_id, kind, description, footprint_area, floor_area, floors, structure, built_year, planted_area, valid_from
       from demo_asset`,
  );
  // The land users own what stands on their land, in the same shares.
  await tx.query(
    `insert into land_right (parcel_id, party_id, right_type, share, valid_from, asset_uid)
     select a.parcel_id, r.party_id, 'ownership', r.share, a.valid_from, a.asset_uid
       from demo_asset a join land_right r on r.parcel_id = a.parcel_id and r.right_type = 'land_use'`,
  );
  await tx.query(
    `insert into certificate_asset (certificate_id, asset_uid)
     select c.id, a.asset_uid from demo_asset a join demo_certificate c on c.parcel_id = a.parcel_id`,
  );
}
