// A price table for the demo province (S-PRICE): the live province's 2026 table, published,
// with four road segments in each demo commune that has parcels (an east-west and a
// north-south road through the commune, each cut in two halves) and prices for the
// residential group (OTC covers ODT and ONT), business land (CSK), other non-agricultural
// land (PNN) and agricultural land (NNP), so that every demo parcel near a road has a
// price. Names, decision and prices are plausible, not the province's real table.
import type { Queryable } from '../../db/database.js';

export const DEMO_PRICE_DECISION = '99/2025/QĐ-UBND';

/** Position bands of the demo table (m from the road line). */
const DEMO_POSITIONS = [
  [1, 25, 'Mặt tiền đường (thửa đất tiếp giáp đoạn đường)'],
  [2, 100, 'Hẻm rộng từ 3,5 m, cách đường đến 100 m'],
  [3, 300, 'Hẻm còn lại, cách đường đến 300 m'],
  [4, 1500, 'Các vị trí còn lại'],
] as const;

/** VT1 of OTC by kind of commune (VND/m²); the other groups and positions are shares of it. */
const SHARES = { CSK: 0.6, PNN: 0.5, NNP: 0.08 } as const;
const POSITION_SHARES = [1, 0.6, 0.4, 0.25];

export async function addDemoPrices(tx: Queryable): Promise<number> {
  const { rows: existing } = await tx.query('select 1 from price_table where decision_number = $1', [DEMO_PRICE_DECISION]);
  if (existing.length > 0) return 0;
  const { rows: tables } = await tx.query<{ id: string }>(
    `insert into price_table (province_id, name, decision_number, decision_date, issuer, valid_from, status, multi_position_rule)
     select id, 'Bảng giá đất năm 2026 (dữ liệu mẫu) / demo price table 2026', $1, date '2025-12-20', 'Ủy ban nhân dân tỉnh ' || name, date '2026-01-01', 'published', 'nearest'
       from admin_unit where level = 'province' and valid_to is null order by code limit 1
     returning id`,
    [DEMO_PRICE_DECISION],
  );
  const tableId = tables[0]?.id;
  if (!tableId) return 0;
  await tx.query(
    `insert into position_rule (price_table_id, position, max_distance_m, description_vi)
     select $1::uuid, p, d, t from unnest($2::int[], $3::float8[], $4::text[]) as r(p, d, t)`,
    [tableId, DEMO_POSITIONS.map((r) => r[0]), DEMO_POSITIONS.map((r) => r[1]), DEMO_POSITIONS.map((r) => r[2])],
  );
  // two roads through each commune with parcels, cut in halves; the segment belongs to the
  // unit live today (the commune's successor after the 2025 merger)
  const { rowCount } = await tx.query(
    `with commune as (
       select u.id, u.code, u.kind, coalesce(u.srid, (select (value #>> '{}')::int from setting where key = 'province.default_srid')) as srid,
              u.boundary b, ST_PointOnSurface(u.boundary) c,
              coalesce((select s.successor_id from admin_unit_succession s join admin_unit l on l.id = s.successor_id and l.valid_to is null
                         where s.predecessor_id = u.id limit 1), u.id) as live_id
         from admin_unit u
        where u.level = 'commune' and exists (select 1 from parcel p where p.unit_id = u.id)),
     road as (
       select c.*, r.n, r.name, (select d.geom from ST_Dump(ST_CollectionExtract(ST_Intersection(c.b, r.line), 2)) d order by ST_Length(d.geom) desc limit 1) as line
         from commune c
         cross join lateral (values
           (1, 'Đường ĐT.741', ST_SetSRID(ST_MakeLine(ST_MakePoint(ST_XMin(c.b) - 0.01, ST_Y(c.c)), ST_MakePoint(ST_XMax(c.b) + 0.01, ST_Y(c.c))), 4326)),
           (2, 'Đường Phú Riềng Đỏ', ST_SetSRID(ST_MakeLine(ST_MakePoint(ST_X(c.c), ST_YMin(c.b) - 0.01), ST_MakePoint(ST_X(c.c), ST_YMax(c.b) + 0.01)), 4326))
         ) as r(n, name, line)),
     half as (
       select r.*, h.k, ST_LineSubstring(r.line, h.a, h.z) as part
         from road r cross join (values (1, 0.0, 0.5), (2, 0.5, 1.0)) as h(k, a, z)
        where r.line is not null)
     insert into road_segment (code, unit_id, road_name, from_desc, to_desc, srid, geom, valid_from)
     select 'DEMO-' || h.code || '-' || h.n || h.k, h.live_id, h.name,
            case h.k when 1 then 'Ranh giới ' || h.kind || ' (' || case h.n when 1 then 'phía tây' else 'phía nam' end || ')' else 'Ngã tư trung tâm' end,
            case h.k when 1 then 'Ngã tư trung tâm' else 'Ranh giới ' || h.kind || ' (' || case h.n when 1 then 'phía đông' else 'phía bắc' end || ')' end,
            h.srid, ST_Multi(ST_Transform(h.part, h.srid)), timestamptz '2025-12-20'
       from half h`,
  );
  await tx.query(
    `insert into segment_price (price_table_id, segment_uid, land_use_code, position, price)
     select $1::uuid, s.segment_uid, g.code, p.position,
            round(case when u.kind in ('Phường', 'Thị trấn') then 12000000 else 3500000 end * g.share * p.share / 1000) * 1000
       from road_segment s join admin_unit u on u.id = s.unit_id
       cross join unnest($2::text[], $3::float8[]) as g(code, share)
       cross join unnest($4::int[], $5::float8[]) as p(position, share)
      where s.code like 'DEMO-%' and s.valid_to is null`,
    [tableId, ['OTC', ...Object.keys(SHARES)], [1, ...Object.values(SHARES)], [1, 2, 3, 4], POSITION_SHARES],
  );
  await tx.query(
    `insert into adjustment_coefficient (price_table_id, land_use_code, coefficient, valid_from, decision_number, decision_date, issuer)
     select $1::uuid, 'OTC', 1.1, date '2026-01-01', '100/2025/QĐ-UBND', date '2025-12-22', issuer from price_table where id = $1::uuid`,
    [tableId],
  );
  return rowCount;
}
