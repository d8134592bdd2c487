-- Contractor deliveries (issue #6, S-IO): a delivery (import_batch) of a contractor
-- project for one unit is loaded into staging (import_feature), never the live record,
-- checked by the validation rules (import_finding), and committed by an officer as one
-- change transaction of type survey_import, or rejected. Loading and validation run as a
-- job (import_job) whose progress, heartbeat and last loaded feature are in the database,
-- so that a job left running by a dead process is picked up again from its last chunk.

insert into change_type (code, name_vi, name_en) values
  ('survey_import', 'Cập nhật kết quả đo đạc địa chính (nhập dữ liệu nhà thầu)', 'Survey delivery import');

-- A survey import creates parcels: its change row is filed on the first parcel it creates,
-- which is inserted after the change (parcels point to their change) in the same
-- transaction. The reference is therefore checked at commit when that transaction asks so
-- (set constraints … deferred); every other statement keeps the immediate check.
alter table land_change alter constraint land_change_parcel_id_fkey deferrable initially immediate;

create table import_batch (
  id uuid primary key default gen_random_uuid(),
  -- the contractor project the delivery belongs to (null: loaded by the Office itself)
  project_id uuid references contractor_project (id),
  unit_id bigint not null references admin_unit (id),
  uploaded_by uuid references account (id),
  file_name text not null check (length(file_name) between 1 and 255),
  -- told once the file is opened
  format text check (format in ('shapefile', 'geojson', 'gpkg')),
  -- the text encoding named by the uploader or detected (shapefile attributes)
  encoding text check (encoding in ('utf8', 'cp1258', 'tcvn3', 'vni')),
  source_srid integer references spatial_ref_sys (srid),
  -- the unit's VN-2000 zone: staged geometry is stored in it, as the parcels are
  target_srid integer not null references spatial_ref_sys (srid),
  -- column mapping, map scale, tolerances (see docs/imports.md)
  options jsonb not null default '{}',
  -- the uploaded file, kept under LIS_DATA_DIR/imports until the batch is decided
  stored_path text not null check (length(stored_path) <= 1000),
  attempt integer not null default 1 check (attempt >= 1),
  status text not null default 'uploaded'
    check (status in ('uploaded', 'loading', 'validated', 'committed', 'rejected', 'failed', 'cancelled')),
  error_count integer,
  warning_count integer,
  created_at timestamptz not null,
  validated_at timestamptz,
  decided_by uuid references account (id),
  decided_at timestamptz,
  decision_note text check (length(decision_note) <= 2000),
  change_id uuid references land_change (id)
);
create index import_batch_project on import_batch (project_id, created_at);
create index import_batch_unit on import_batch (unit_id, created_at);

-- Staged features of the batch's current attempt (a new attempt replaces them).
create table import_feature (
  batch_id uuid not null references import_batch (id) on delete cascade,
  -- position of the feature in the source file, from 0
  source_index integer not null check (source_index >= 0),
  sheet_number integer,
  parcel_number integer,
  land_use_code text,
  origin_code text,
  declared_area numeric(14, 1),
  address text,
  -- every source attribute as read (decoded text), keyed by the source field name
  attributes jsonb not null,
  -- in the batch's target_srid; null when the source geometry could not be read
  geom geometry,
  geom_error text,
  primary key (batch_id, source_index)
);
create index import_feature_geom on import_feature using gist (geom);
create index import_feature_key on import_feature (batch_id, sheet_number, parcel_number);

-- A source geometry (GeoJSON text or hex WKB) in the target system, or the reason it cannot
-- be read: one bad feature must not abort the chunk it is loaded with.
create function import_geometry(geojson text, wkb text, source_srid integer, target_srid integer,
                                out geom geometry, out error text) language plpgsql as $$
begin
  if geojson is null and wkb is null then
    error := 'no geometry';
    return;
  end if;
  geom := case when geojson is not null then ST_GeomFromGeoJSON(geojson) else ST_GeomFromWKB(decode(wkb, 'hex')) end;
  geom := ST_Transform(ST_SetSRID(ST_Force2D(geom), source_srid), target_srid);
exception when others then
  geom := null;
  error := left(sqlerrm, 500);
end $$;

-- Findings of every attempt (the history of what the contractor was asked to fix).
create table import_finding (
  id bigint generated always as identity primary key,
  batch_id uuid not null references import_batch (id) on delete cascade,
  attempt integer not null,
  rule text not null check (rule ~ '^[a-z_.]+$'),
  severity text not null check (severity in ('error', 'warning')),
  -- the feature at fault (null: the batch as a whole)
  source_index integer,
  field text,
  message_vi text not null,
  message_en text not null,
  location geometry(Point, 4326),
  details jsonb
);
create index import_finding_batch on import_finding (batch_id, attempt, source_index);

create table import_job (
  id uuid primary key default gen_random_uuid(),
  batch_id uuid not null references import_batch (id) on delete cascade,
  attempt integer not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed', 'cancelled')),
  phase text not null default 'loading' check (phase in ('loading', 'validating', 'done')),
  -- features loaded (committed chunks): a resumed job reads on from here
  done integer not null default 0,
  total integer,
  created_at timestamptz not null,
  started_at timestamptz,
  heartbeat_at timestamptz,
  finished_at timestamptz,
  -- which process holds it (host:pid), for the operator
  worker text,
  cancel_requested boolean not null default false,
  error text check (length(error) <= 2000)
);
create index import_job_open on import_job (status) where status in ('queued', 'running');

-- the batch's decisions are audited; staging rows and job progress are working data
select audit_table('import_batch');

insert into setting (key, value, description) values ('imports.overlap_tolerance_m2', '0.1',
  'Diện tích chồng lấn tối thiểu (m²) được báo là lỗi khi kiểm tra dữ liệu nhập / smallest overlap (m²) an import reports (verify)')
on conflict (key) do nothing;
