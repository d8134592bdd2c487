// Tops the bench database up to a province's number of land users (3 million parties by
// default, BENCH_PARTIES). The demo gives each private parcel one holder, so 1 million
// parcels bring about 0.9 million parties; a real register also keeps every former
// holder and the co-holders (spouses, heirs) of a parcel. The extra parties get:
//   - a co-holder right (live, share ½, the existing holder's share set to ½) on the
//     first 30 % of the private parcels, in a random order, and
//   - otherwise a historic right (ended: valid_to set) on a private parcel, about two
//     former holders per parcel,
// so the three name indexes of migration 0009 and the live-right join are at volume
// and a name search also meets the former holders its live-right filter must skip.
// Idempotent: counts first and inserts only what is missing, in chunks, each its own
// transaction (an interrupted run goes on where it stopped). Set-based SQL only.
import type { Database } from '../src/db/database.js';
import { PERSON_CCCD_SQL, PERSON_NAME_LISTS, PERSON_NAME_SQL } from '../src/modules/demo/index.js';

const CHUNK = 500_000;
/** the share of private parcels that get a live co-holder */
const CO_HOLDER_SHARE = 0.3;

export async function seedParties(db: Database, target: number, log: (line: string) => void = console.log): Promise<number> {
  const count = async () => Number((await db.query<{ n: string }>('select count(*) as n from party')).rows[0]!.n);
  let have = await count();
  if (have >= target) return 0;
  const started = Date.now();
  // private parcels (an individual live holder), in a fixed random order: rank k gets
  // the co-holder if k <= 30 %, and the former holders cycle over all of them
  await db.exec(`create table if not exists bench_private_parcel as
      select row_number() over (order by md5(p.id::text))::int as k, p.id as parcel_id, p.valid_from, r.id as right_id
        from parcel p join land_right r on r.parcel_id = p.id and r.valid_to is null
        join party y on y.id = r.party_id and y.kind = 'individual'
       where p.valid_to is null;
    create unique index if not exists bench_private_parcel_k on bench_private_parcel (k);
    create table if not exists bench_extra_party (n int primary key);`);
  const privateParcels = Number((await db.query<{ n: string }>('select count(*) as n from bench_private_parcel')).rows[0]!.n);
  if (privateParcels === 0) throw new Error('seed-parties: no private parcels with a holder (seed the demo first)');
  const coHolders = Math.floor(privateParcels * CO_HOLDER_SHARE);
  let inserted = 0;
  while (have < target) {
    const batch = Math.min(CHUNK, target - have);
    await db.transaction(async (tx) => {
      // numbering of the extra parties survives interruptions: bench_extra_party holds the ones done
      const from = Number((await tx.query<{ n: string }>('select coalesce(max(n), 0) as n from bench_extra_party')).rows[0]!.n);
      await tx.query(
        `create temp table bench_new on commit drop as
         select g as n, gen_random_uuid() as party_id, random() < 0.5 as female,
                random() as r_surname, random() as r_middle, random() as r_given, random() as r_province,
                1930 + floor(random() * 75)::int as birth_year, floor(random() * 1000000)::int as serial,
                g <= $3::int as co_holder,
                case when g <= $3::int then g else 1 + ((g::bigint * 7919) % $2::int)::int end as k
           from generate_series($1::int + 1, $1::int + $4::int) g`,
        [from, privateParcels, coHolders, batch],
      );
      await tx.query(
        `insert into party (id, kind, full_name, id_number, id_kind, birth_year, address)
         select n.party_id, 'individual', ${PERSON_NAME_SQL}, ${PERSON_CCCD_SQL}, 'cccd', birth_year, p.address
           from bench_new n join bench_private_parcel b on b.k = n.k join parcel p on p.id = b.parcel_id`,
        [...PERSON_NAME_LISTS],
      );
      // former holders: the right ended when the parcel's present version began
      await tx.query(
        `insert into land_right (parcel_id, party_id, right_type, share, valid_from, valid_to)
         select b.parcel_id, n.party_id, 'land_use',
                case when n.co_holder then 0.5 else 1 end,
                case when n.co_holder then b.valid_from else b.valid_from - make_interval(days => 1 + floor(random() * 7000)::int) end,
                case when n.co_holder then null else b.valid_from end
           from bench_new n join bench_private_parcel b on b.k = n.k`,
      );
      await tx.query(
        `update land_right r set share = 0.5
           from bench_new n join bench_private_parcel b on b.k = n.k
          where n.co_holder and r.id = b.right_id`,
      );
      await tx.query('insert into bench_extra_party (n) select n from bench_new');
    });
    have += batch;
    inserted += batch;
    log(`  parties: ${have}/${target} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await db.exec('vacuum analyze party');
  await db.exec('vacuum analyze land_right');
  log(`  added ${inserted} parties in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return inserted;
}
