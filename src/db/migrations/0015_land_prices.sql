-- The land price database (S-PRICE, issue #8): provincial price tables (bảng giá đất,
-- Luật Đất đai 2024 Điều 159, issued yearly from 1 Jan 2026), road segments (đoạn đường)
-- as line geometries, prices by segment, land-use code or group and position (vị trí
-- 1-4), the rules that give a parcel its position, adjustment coefficients (hệ số điều
-- chỉnh giá đất), specific prices decided for a case (giá đất cụ thể, Điều 160) and
-- recorded market transactions. The price logic differs by province and year, so the
-- rules are rows of the table they belong to, not code (Nghị định 71/2024/NĐ-CP on
-- positions and areas of a price table; verify: article numbers of Nghị định 71/2024
-- as amended by Nghị định 151/2025).
--
-- Dates of legal force are dates; `valid_to` is the first day no longer in force (null:
-- open). Rows are not overwritten: a segment's description or geometry changes by a new
-- version (same segment_uid), a table ends by its period or by status 'revoked'.

create table price_table (
  id uuid primary key default gen_random_uuid(),
  -- the province whose People's Committee issued the table; this database serves one
  -- province, so a parcel is priced by the table in force at the date (verify on mergers)
  province_id bigint not null references admin_unit (id),
  name text not null check (length(name) between 1 and 300),
  decision_number text not null check (length(decision_number) between 1 and 60),
  decision_date date not null,
  issuer text not null check (length(issuer) between 1 and 200),
  valid_from date not null,
  valid_to date,
  status text not null default 'draft' check (status in ('draft', 'published', 'revoked')),
  -- how a parcel spanning several position bands is priced: by its nearest band
  -- ('nearest') or by the area it has in each band ('area_weighted', the rule of some
  -- provinces; verify against the province's decision)
  multi_position_rule text not null default 'nearest' check (multi_position_rule in ('nearest', 'area_weighted')),
  created_at timestamptz not null default now(),
  check (valid_to is null or valid_to > valid_from)
);
create index price_table_period on price_table (valid_from) where status = 'published';

-- Positions (vị trí) of a table: a parcel is in the first position whose distance band
-- from the segment holds it (and whose alley width, when the rule names one, is met).
create table position_rule (
  id uuid primary key default gen_random_uuid(),
  price_table_id uuid not null references price_table (id),
  position integer not null check (position between 1 and 4),
  -- the band ends at this distance (m) from the segment's line, planar in VN-2000
  max_distance_m numeric(8, 1) not null check (max_distance_m > 0),
  -- null: no condition on the alley (hẻm, kiệt, ngõ) the parcel is reached by
  min_alley_width_m numeric(5, 1) check (min_alley_width_m > 0),
  description_vi text not null check (length(description_vi) between 1 and 500),
  unique (price_table_id, position)
);

create table road_segment (
  id uuid primary key default gen_random_uuid(),
  -- identity of the segment across its versions; prices reference it
  segment_uid uuid not null default gen_random_uuid(),
  version integer not null default 1 check (version >= 1),
  code text not null check (code ~ '^[A-Za-z0-9._-]{1,40}$'),
  unit_id bigint not null references admin_unit (id),
  road_name text not null check (length(road_name) between 1 and 200),
  from_desc text not null check (length(from_desc) between 1 and 300),
  to_desc text not null check (length(to_desc) between 1 and 300),
  -- the line in the VN-2000 zone of its unit, as parcels are; drawn later than the table
  -- is typed in, so it may be missing
  srid integer not null references spatial_ref_sys (srid),
  geom geometry(MultiLineString) check (geom is null or ST_SRID(geom) = srid),
  geom_4326 geometry(MultiLineString, 4326),
  valid_from timestamptz not null default now(),
  valid_to timestamptz,
  check (valid_to is null or valid_to > valid_from),
  unique (segment_uid, version)
);
create unique index road_segment_live_code on road_segment (code) where valid_to is null;
create index road_segment_geom_4326_gix on road_segment using gist (geom_4326);

create function road_segment_derive_geom_4326() returns trigger language plpgsql as $$
begin
  new.geom_4326 := case when new.geom is null then null else ST_Multi(ST_Transform(new.geom, 4326)) end;
  return new;
end $$;
create trigger road_segment_derive_geom_4326 before insert or update of geom on road_segment
  for each row execute function road_segment_derive_geom_4326();

-- VND per m² of a segment in a table, for a land-use code or group (a parent code of
-- land_use_code: OTC covers ODT and ONT) and a position.
create table segment_price (
  id uuid primary key default gen_random_uuid(),
  price_table_id uuid not null references price_table (id),
  segment_uid uuid not null,
  land_use_code text not null references land_use_code (code),
  position integer not null check (position between 1 and 4),
  price numeric(14, 0) not null check (price > 0),
  unique (price_table_id, segment_uid, land_use_code, position)
);
create index segment_price_segment on segment_price (segment_uid);

-- Hệ số điều chỉnh giá đất (Nghị định 71/2024; Nghị quyết 254/2025/QH15: compensation
-- price = table price × coefficient): by area (a unit and what lies in it; null = the
-- whole province) and land-use code or group (null = every use), for a period.
create table adjustment_coefficient (
  id uuid primary key default gen_random_uuid(),
  price_table_id uuid not null references price_table (id),
  unit_id bigint references admin_unit (id),
  land_use_code text references land_use_code (code),
  coefficient numeric(6, 3) not null check (coefficient > 0 and coefficient <= 100),
  valid_from date not null,
  valid_to date,
  decision_number text not null check (length(decision_number) between 1 and 60),
  decision_date date not null,
  issuer text not null check (length(issuer) between 1 and 200),
  created_at timestamptz not null default now(),
  check (valid_to is null or valid_to > valid_from)
);
create index adjustment_coefficient_table on adjustment_coefficient (price_table_id);

-- Giá đất cụ thể (Luật Đất đai 2024 Điều 160) decided for one parcel and one case; the
-- four methods of Điều 158 khoản 5.
create table specific_price (
  id uuid primary key default gen_random_uuid(),
  parcel_uid uuid not null,
  land_use_code text not null references land_use_code (code),
  price_per_m2 numeric(14, 0) not null check (price_per_m2 > 0),
  method text not null check (method in ('comparison', 'income', 'residual', 'coefficient')),
  purpose text not null check (length(purpose) between 1 and 300),
  decision_number text not null check (length(decision_number) between 1 and 60),
  decision_date date not null,
  issuer text not null check (length(issuer) between 1 and 200),
  valid_from date not null,
  valid_to date,
  created_at timestamptz not null default now(),
  check (valid_to is null or valid_to > valid_from)
);
create index specific_price_parcel on specific_price (parcel_uid);

-- Transactions on the market (inputs of the comparison method): what was paid, when and
-- from which source; no names or ID numbers of the parties (Nghị định 13/2023).
create table market_transaction (
  id uuid primary key default gen_random_uuid(),
  parcel_uid uuid,
  unit_id bigint not null references admin_unit (id),
  transaction_date date not null,
  land_use_code text not null references land_use_code (code),
  area numeric(14, 1) not null check (area > 0),
  price_total numeric(16, 0) not null check (price_total > 0),
  source text not null check (source in ('notarised_contract', 'registration', 'auction', 'survey', 'other')),
  note text check (length(note) <= 500),
  created_at timestamptz not null default now()
);
create index market_transaction_unit_date on market_transaction (unit_id, transaction_date);

select audit_table(t) from unnest(array['price_table', 'position_rule', 'road_segment', 'segment_price', 'adjustment_coefficient', 'specific_price', 'market_transaction']::regclass[]) as t;

-- What the price map shows of a live segment: the residential (đất ở) position-1 price of
-- the table in force today. A view keeps the tile layer a declaration.
create view road_segment_map as
select s.id, s.code, s.road_name, s.from_desc, s.to_desc, s.geom_4326, s.valid_from, s.valid_to,
       (select max(sp.price)::float8
          from segment_price sp join price_table t on t.id = sp.price_table_id
         where sp.segment_uid = s.segment_uid and sp.position = 1 and sp.land_use_code in ('OTC', 'ODT', 'ONT')
           and t.status = 'published' and t.valid_from <= current_date and (t.valid_to is null or t.valid_to > current_date)) as vt1_price
  from road_segment s
 where s.geom_4326 is not null;

insert into permission (code, name_vi, name_en) values
  ('prices.edit', 'Cập nhật dữ liệu giá đất', 'Edit land price data');
insert into role (code, name_vi, name_en, require_totp) values
  ('dept_land_officer', 'Chuyên viên quản lý đất đai của Sở', 'Department land management specialist', false);
insert into role_permission (role_code, permission_code) values
  ('dept_admin', 'prices.edit'),
  ('dept_land_officer', 'cadastre.read'),
  ('dept_land_officer', 'reports.read'),
  ('dept_land_officer', 'prices.edit');
