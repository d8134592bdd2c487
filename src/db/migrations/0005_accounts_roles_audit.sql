-- System administration (S-ADMIN): accounts identified to one person (A2, A3), roles
-- bundling fine-grained permissions, grants scoped to administrative units (A4),
-- the written documents behind every account decision (A1, A5, L4), contractor
-- projects (A6, L3), sessions (A7), and the append-only, hash-chained audit log
-- (O10, O14, P4). Quy chế Art. 7.

create table permission (
  code text primary key check (code ~ '^[a-z_]+(\.[a-z_]+)+$'),
  name_vi text not null,
  name_en text not null
);

create table role (
  code text primary key check (code ~ '^[a-z_]+$'),
  name_vi text not null,
  name_en text not null,
  -- the administrator may require a second factor per role (A7)
  require_totp boolean not null default false
);

create table role_permission (
  role_code text not null references role (code),
  permission_code text not null references permission (code),
  primary key (role_code, permission_code)
);

create table contractor_project (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 3 and 300),
  contract_number text not null check (length(contract_number) between 1 and 100),
  plan_document jsonb not null,
  unit_ids bigint[] not null check (cardinality(unit_ids) >= 1),
  valid_from date not null,
  valid_to date not null check (valid_to > valid_from),
  status text not null default 'active' check (status in ('active', 'accepted')),
  accepted_at timestamptz,
  created_at timestamptz not null default now()
);

create table account (
  id uuid primary key default gen_random_uuid(),
  username text not null unique check (username ~ '^[a-z][a-z0-9._-]{2,39}$'),
  full_name text not null check (length(full_name) between 2 and 200),
  -- one person, one account (A3): the 12-digit citizen ID is unique across all accounts
  national_id text not null unique check (national_id ~ '^[0-9]{12}$'),
  organisation text not null check (length(organisation) between 2 and 300),
  position text not null check (length(position) between 2 and 200),
  email text check (email ~ '^[^@\s]+@[^@\s]+$'),
  phone text check (phone ~ '^[0-9+ ]{8,20}$'),
  status text not null default 'requested' check (status in ('requested', 'issued', 'active', 'locked', 'closed')),
  lock_reason text check (lock_reason in ('initial_password_unchanged', 'compromised', 'departed', 'project_accepted', 'project_ended', 'other')),
  contractor_project_id uuid references contractor_project (id),
  password_hash text,
  password_changed_at timestamptz,
  must_change_password boolean not null default true,
  totp_secret text,
  totp_enabled boolean not null default false,
  failed_logins integer not null default 0,
  -- temporary lock-out after repeated wrong passwords (not an account lock)
  login_blocked_until timestamptz,
  issued_at timestamptz,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  check (status <> 'locked' or lock_reason is not null)
);

create table account_document (
  id uuid primary key default gen_random_uuid(),
  account_id uuid references account (id),
  project_id uuid references contractor_project (id),
  kind text not null check (kind in ('request', 'issue', 'rights_change', 'lock', 'unlock', 'close', 'project_plan', 'project_acceptance')),
  number text check (length(number) <= 100),
  document_date date,
  issuer text check (length(issuer) <= 300),
  note text check (length(note) <= 2000),
  -- the scanned file, once the documents subsystem exists (S-SCAN)
  file_ref text,
  recorded_by uuid references account (id),
  recorded_at timestamptz not null default now(),
  check (account_id is not null or project_id is not null)
);
create index account_document_account on account_document (account_id, recorded_at);

create table account_grant (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references account (id),
  role_code text not null references role (code),
  unit_id bigint not null references admin_unit (id),
  valid_from timestamptz not null default now(),
  valid_to timestamptz,
  document_id uuid references account_document (id)
);
create index account_grant_live on account_grant (account_id) where valid_to is null;

create table session (
  id uuid primary key default gen_random_uuid(),
  -- sha-256 of the cookie token: a stolen table does not give live sessions
  token_hash text not null unique,
  account_id uuid not null references account (id),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text check (length(user_agent) <= 500),
  revoked_at timestamptz
);
create index session_account_live on session (account_id) where revoked_at is null;

-- The audit log: every write, login, permission change and read of personal data.
-- Append-only (the triggers below refuse update and delete) and hash-chained: each row's
-- hash covers its content and the previous row's hash, so a verifier finds a row changed
-- or deleted behind the application's back (even by someone who can disable triggers).
create table audit_log (
  seq bigint primary key,
  at timestamptz not null default clock_timestamp(),
  actor_id uuid,
  actor_name text,
  action text not null,
  object_type text,
  object_id text,
  unit_id bigint,
  request_id text,
  details jsonb not null default '{}',
  prev_hash text not null,
  hash text not null
);
create index audit_log_at on audit_log (at);
create index audit_log_actor on audit_log (actor_id, at);

create function audit_log_canonical(r audit_log) returns text language sql immutable as $$
  select concat_ws('|', r.seq::text, to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                   coalesce(r.actor_id::text, ''), coalesce(r.actor_name, ''), r.action,
                   coalesce(r.object_type, ''), coalesce(r.object_id, ''), coalesce(r.unit_id::text, ''),
                   coalesce(r.request_id, ''), r.details::text, r.prev_hash)
$$;

create function audit_log_chain() returns trigger language plpgsql as $$
declare
  last audit_log;
begin
  -- one appender at a time: the chain has no forks and seq no gaps
  perform pg_advisory_xact_lock(7012026);
  select * into last from audit_log order by seq desc limit 1;
  new.seq := coalesce(last.seq, 0) + 1;
  new.prev_hash := coalesce(last.hash, repeat('0', 64));
  new.at := clock_timestamp();
  new.hash := encode(sha256(convert_to(audit_log_canonical(new), 'UTF8')), 'hex');
  return new;
end $$;
create trigger audit_log_chain before insert on audit_log for each row execute function audit_log_chain();

create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_no_update before update or delete on audit_log for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_refuse_change();

-- Writes to the land record and to administration are logged by the database itself,
-- one entry per statement with the ids it touched, attributed to the actor the
-- application set for the transaction (set_config('lis.actor_id', …, true)); a write
-- made outside the application is logged as 'database'.
create function audit_write() returns trigger language plpgsql as $$
declare
  ids text[];
  n integer;
begin
  if tg_op = 'DELETE' then
    select array_agg(x.id::text), count(*) into ids, n from (select id from old_rows limit 10000) x;
  else
    select array_agg(x.id::text), count(*) into ids, n from (select id from new_rows limit 10000) x;
  end if;
  if n = 0 then return null; end if;
  insert into audit_log (actor_id, actor_name, action, object_type, object_id, request_id, details)
  values (nullif(current_setting('lis.actor_id', true), '')::uuid,
          coalesce(nullif(current_setting('lis.actor_name', true), ''), 'database'),
          'write.' || lower(tg_op), tg_table_name, case when n = 1 then ids[1] end,
          nullif(current_setting('lis.request_id', true), ''),
          jsonb_build_object('rows', n, 'ids', to_jsonb(ids)));
  return null;
end $$;

-- every table with an id column whose writes must be attributed (sessions are logged as
-- logins and revocations by the application instead: last_seen_at changes every request)
do $$
declare t text;
begin
  foreach t in array array['parcel', 'party', 'land_right', 'map_sheet', 'account', 'account_grant', 'account_document', 'contractor_project'] loop
    execute format('create trigger %1$s_audit_insert after insert on %1$I referencing new table as new_rows for each statement execute function audit_write()', t);
    execute format('create trigger %1$s_audit_update after update on %1$I referencing new table as new_rows for each statement execute function audit_write()', t);
    execute format('create trigger %1$s_audit_delete after delete on %1$I referencing old table as old_rows for each statement execute function audit_write()', t);
  end loop;
end $$;
