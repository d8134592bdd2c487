-- Data sharing with other government systems (S-SHARE, F3, O5, U4; issue #11): the
-- consumers the Department registers, their client secrets, the catalogue of default
-- sharing services with their versions, the exchange log with its signed receipts, and
-- the per-minute request counters that hold the rate limits across processes.

insert into permission (code, name_vi, name_en) values
  ('sharing.manage', 'Quản lý chia sẻ dữ liệu với hệ thống khác', 'Manage data sharing with other systems');
insert into role_permission (role_code, permission_code) values
  ('dept_admin', 'sharing.manage');

-- A default sharing service in one version of its exchange structure. A version answers
-- until it is retired; then 410 with the version to use instead.
create table sharing_service (
  code text not null check (code ~ '^[a-z][a-z-]{2,40}$'),
  version int not null check (version between 1 and 99),
  name_vi text not null,
  name_en text not null,
  retired_at timestamptz,
  primary key (code, version)
);
insert into sharing_service (code, version, name_vi, name_en) values
  ('parcel-info', 1, 'Thông tin thửa đất', 'Parcel information'),
  ('certificate-status', 1, 'Tình trạng Giấy chứng nhận', 'Certificate status'),
  ('parcel-planning', 1, 'Thông tin quy hoạch của thửa đất', 'Land-use planning of a parcel'),
  ('parcel-price', 1, 'Giá đất của thửa đất', 'Land price of a parcel'),
  ('unit-statistics', 1, 'Thống kê đất đai theo đơn vị hành chính (01/TKKK)', 'Land statistics of a unit (01/TKKK)'),
  ('parcel-changes', 1, 'Biến động đất đai đã đăng ký từ một ngày', 'Registered land changes since a date'),
  ('holder-parcels', 1, 'Thửa đất của người sử dụng đất theo số giấy tờ', 'Parcels of a land user by ID number'),
  ('ioc-indicators', 1, 'Chỉ tiêu cho Trung tâm điều hành thông minh (IOC)', 'Indicators for the provincial operations centre (IOC)');

-- An external system allowed to call the sharing services, on the written decision that
-- granted it (number, date, issuer).
create table sharing_consumer (
  id uuid primary key default gen_random_uuid(),
  client_id text not null unique check (client_id ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  agency text not null check (length(agency) between 2 and 300),
  contact_name text not null check (length(contact_name) between 2 and 200),
  contact_email text check (length(contact_email) <= 200),
  contact_phone text check (length(contact_phone) <= 30),
  decision_number text not null check (length(decision_number) between 1 and 100),
  decision_date date not null,
  decision_issuer text not null check (length(decision_issuer) between 2 and 300),
  services text[] not null check (cardinality(services) between 1 and 50),
  personal_data boolean not null default false,
  rate_per_minute int not null check (rate_per_minute between 1 and 100000),
  valid_from timestamptz not null,
  valid_to timestamptz check (valid_to is null or valid_to > valid_from),
  status text not null default 'active' check (status in ('active', 'suspended', 'revoked')),
  created_at timestamptz not null default now()
);

-- The units a consumer may read: each covers its descendants and its reorganisation
-- lineage, as an account grant does.
create table sharing_consumer_unit (
  consumer_id uuid not null references sharing_consumer (id),
  unit_id bigint not null references admin_unit (id),
  primary key (consumer_id, unit_id)
);

-- Client secrets, as argon2id hashes. Two may be active at once so that a consumer
-- rotates without downtime: add the new one, switch, retire the old one.
create table sharing_secret (
  id uuid primary key default gen_random_uuid(),
  consumer_id uuid not null references sharing_consumer (id),
  secret_hash text not null,
  label text not null check (length(label) between 1 and 100),
  created_at timestamptz not null,
  retired_at timestamptz
);
create index sharing_secret_consumer on sharing_secret (consumer_id) where retired_at is null;

-- the audit triggers name rows by id: the unit grants and service retirements (no id)
-- are written into the audit log by the application with the consumer or service
select audit_table(t) from unnest(array['sharing_consumer', 'sharing_secret']::regclass[]) as t;

-- Requests of a consumer in a one-minute window: an upsert counts atomically, so every
-- process serving /share shares the limit.
create table sharing_rate_window (
  consumer_id uuid not null references sharing_consumer (id),
  window_start timestamptz not null,
  requests int not null,
  primary key (consumer_id, window_start)
);

-- Every /share exchange (O5): who asked what under which case, what was answered (a
-- SHA-256 of the body), and the receipt signed over it. Written in the request itself.
create table sharing_exchange (
  id uuid primary key,
  at timestamptz not null,
  consumer_id uuid references sharing_consumer (id),
  client_id text check (length(client_id) <= 64),
  service text check (length(service) <= 40),
  version int,
  method text not null check (length(method) <= 10),
  path text not null check (length(path) <= 500),
  params jsonb not null default '{}',
  status int not null,
  records int not null default 0,
  personal_data boolean not null default false,
  payload_sha256 text not null check (payload_sha256 ~ '^[0-9a-f]{64}$'),
  duration_ms int not null,
  xroad_client text check (length(xroad_client) <= 200),
  xroad_user_id text check (length(xroad_user_id) <= 200),
  xroad_issue text check (length(xroad_issue) <= 200),
  request_id text not null check (length(request_id) <= 64),
  receipt text not null
);
create index sharing_exchange_consumer_at on sharing_exchange (consumer_id, at);
create index sharing_exchange_at on sharing_exchange (at);

-- the exchange log is evidence: it is appended to, never changed
create function sharing_exchange_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'sharing_exchange is append-only';
end $$;
create trigger sharing_exchange_no_update before update or delete on sharing_exchange
  for each statement execute function sharing_exchange_append_only();

-- Special-request sharing (Art. 4.3): a dataset asked for by a consumer (through /share)
-- or for an agency by an officer (portal), decided by an officer with sharing.manage,
-- produced once, kept here, and delivered through a signed link that expires.
create table sharing_request (
  id uuid primary key default gen_random_uuid(),
  consumer_id uuid references sharing_consumer (id),
  filed_by uuid references account (id),
  agency text not null check (length(agency) between 2 and 300),
  purpose text not null check (length(purpose) between 3 and 1000),
  unit_code text not null check (unit_code ~ '^[0-9]{2,5}$'),
  as_of date not null,
  land_use_codes text[] check (cardinality(land_use_codes) <= 50),
  format text not null check (format in ('geojson', 'xlsx')),
  status text not null default 'filed' check (status in ('filed', 'refused', 'delivered')),
  filed_at timestamptz not null,
  decided_by uuid references account (id),
  decided_at timestamptz,
  conditions text check (length(conditions) <= 2000),
  decision_note text check (length(decision_note) <= 2000),
  file_content bytea,
  file_sha256 text check (file_sha256 ~ '^[0-9a-f]{64}$'),
  link_expires_at timestamptz,
  downloads int not null default 0,
  last_download_at timestamptz,
  check ((consumer_id is null) <> (filed_by is null)),
  check ((status = 'delivered') = (file_content is not null and link_expires_at is not null))
);
create index sharing_request_status on sharing_request (status, filed_at);
select audit_table('sharing_request');

-- Change notifications by webhook: the approved land changes of the consumer's units are
-- POSTed to its URL, signed with HMAC-SHA256 under its webhook secret (which the server
-- must keep to sign). The change feed is the outbox: a cursor per webhook moves only
-- when the consumer answered 2xx; failures are retried with a growing delay.
create table sharing_webhook (
  id uuid primary key default gen_random_uuid(),
  consumer_id uuid not null unique references sharing_consumer (id),
  url text not null check (url ~ '^https?://' and length(url) <= 500),
  secret text not null check (length(secret) between 32 and 200),
  active boolean not null default true,
  cursor_at timestamptz not null,
  cursor_id uuid not null default '00000000-0000-0000-0000-000000000000',
  attempts int not null default 0,
  next_attempt_at timestamptz not null,
  last_status int,
  last_error text check (length(last_error) <= 500),
  last_delivered_at timestamptz
);
