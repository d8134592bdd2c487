-- Issue #6, next part. (1) Attribute tables (CSV / Excel) delivered with the geometry are
-- staged row by row (import_attribute_row) and joined to the staged features by unit +
-- sheet + parcel during validation, so the join, its unmatched rows and its duplicate keys
-- are rules like the others. (2) Data quality checks on the live record (O12): a run over a
-- unit and everything under it stores its findings, which officers clean up through change
-- transactions (docs/imports.md, "Quality of the live record").

create table import_attribute_row (
  batch_id uuid not null references import_batch (id) on delete cascade,
  -- the table's file name in the delivery and the line of the row in it (CSV line; Excel row)
  file_name text not null check (length(file_name) between 1 and 255),
  line integer not null check (line >= 1),
  unit_code text check (length(unit_code) <= 20),
  sheet_number integer,
  parcel_number integer,
  land_use_code text,
  origin_code text,
  declared_area numeric(14, 1),
  address text,
  -- every column of the row (decoded text), keyed by the table's header
  attributes jsonb not null,
  primary key (batch_id, file_name, line)
);
create index import_attribute_row_key on import_attribute_row (batch_id, sheet_number, parcel_number);

create table quality_run (
  id uuid primary key default gen_random_uuid(),
  -- the unit checked, with every unit under it
  unit_id bigint not null references admin_unit (id),
  -- null: the weekly schedule
  requested_by uuid references account (id),
  started_at timestamptz not null,
  finished_at timestamptz,
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  error_count integer,
  warning_count integer,
  error text check (length(error) <= 2000)
);
create index quality_run_unit on quality_run (unit_id, started_at);

create table quality_finding (
  id bigint generated always as identity primary key,
  run_id uuid not null references quality_run (id) on delete cascade,
  rule text not null check (rule ~ '^[a-z_.]+$'),
  severity text not null check (severity in ('error', 'warning')),
  -- the object at fault: a parcel version or a party
  object_type text not null check (object_type in ('parcel', 'party')),
  object_id uuid not null,
  unit_id bigint references admin_unit (id),
  field text,
  message_vi text not null,
  message_en text not null,
  location geometry(Point, 4326),
  details jsonb
);
create index quality_finding_run on quality_finding (run_id, rule);

select audit_table('quality_run');

insert into setting (key, value, description) values ('quality.overlap_tolerance_m2', '0.1',
  'Diện tích chồng lấn tối thiểu (m²) giữa hai thửa đang quản lý được báo khi kiểm tra chất lượng dữ liệu / smallest overlap (m²) between live parcels the quality check reports (verify)')
on conflict (key) do nothing;
