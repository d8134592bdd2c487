-- Provincial settings (data, editable by administrators later) and administrative
-- units with lifespans and successor links, so that reorganisations (the 2025 merger of
-- Bình Phước into Đồng Nai and the removal of the district level, Nghị quyết
-- 202/2025/QH15) are data, not code.

create table setting (
  key text primary key,
  value jsonb not null,
  description text not null,
  updated_at timestamptz not null default now()
);

insert into setting (key, value, description) values
  ('province.code', '"70"', 'Mã tỉnh (GSO) của cơ sở dữ liệu / GSO code of the province this database serves'),
  ('province.name', '"Bình Phước"', 'Tên tỉnh / province name'),
  ('province.default_srid', '9212', 'Múi chiếu VN-2000 mặc định của tỉnh (EPSG:9212, TM-3 106°15'', k = 0,9999) / default VN-2000 zone; a unit may override it');

create table admin_unit (
  id bigint generated always as identity primary key,
  code text not null check (code ~ '^[0-9]{2,5}$'),
  level text not null check (level in ('province', 'district', 'commune')),
  kind text not null check (kind in ('Tỉnh', 'Thành phố', 'Thị xã', 'Huyện', 'Quận', 'Phường', 'Xã', 'Thị trấn', 'Đặc khu')),
  name text not null check (length(name) between 1 and 100),
  parent_id bigint references admin_unit (id),
  valid_from date not null,
  valid_to date,
  -- VN-2000 zone the unit's cadastral data is surveyed in; null = the province default.
  srid integer references spatial_ref_sys (srid),
  boundary geometry(MultiPolygon, 4326),
  -- 'official' or 'generated-demo': demo boundaries are plausible, not real, and say so.
  boundary_source text check (boundary_source in ('official', 'generated-demo')),
  check (valid_to is null or valid_to > valid_from),
  unique (code, valid_from)
);
-- A code is reused by a successor unit after a merger, but only one unit holds it at a time.
create unique index admin_unit_live_code on admin_unit (code) where valid_to is null;
create index admin_unit_parent on admin_unit (parent_id);
create index admin_unit_boundary_gix on admin_unit using gist (boundary);

create table admin_unit_succession (
  predecessor_id bigint not null references admin_unit (id),
  successor_id bigint not null references admin_unit (id),
  effective_date date not null,
  legal_basis text,
  primary key (predecessor_id, successor_id),
  check (predecessor_id <> successor_id)
);
create index admin_unit_succession_successor on admin_unit_succession (successor_id);
