-- Backups, restores and the removable-copy register (issue #10, O1, B1-B4, R1-R4).
-- The regulation's chapter IV asks for a daily backup to another server, fortnightly
-- copies on removable disks kept in an archive, a six-monthly copy of the scans and a
-- logged restore by authorised people only. These tables are the record of all of it;
-- the backups themselves live on the backup target (a mounted folder or an S3 bucket),
-- never in the data directory.
--
-- The four tables are "operations" records: a restore brings back an older state of the
-- land record, but must not forget backups and restores made after that state, so the
-- restore copies these rows from the database it replaces into the restored one.

-- One backup written to a target: the whole database, the documents copy, or a copy on
-- a removable disk (which repeats a database backup, source_backup_id).
create table backup_run (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('database', 'documents', 'removable')),
  trigger text not null check (trigger in ('schedule', 'manual', 'drill')),
  started_at timestamptz not null,
  finished_at timestamptz,
  status text not null check (status in ('running', 'succeeded', 'failed')),
  -- the integrity check after writing passed (read back, SHA-256 equal)
  verified boolean not null default false,
  -- where it was written (a folder or s3://bucket/prefix; never credentials)
  target text not null check (length(target) between 1 and 1000),
  file_name text check (length(file_name) between 1 and 500),
  bytes bigint check (bytes >= 0),
  sha256 text check (sha256 ~ '^[0-9a-f]{64}$'),
  -- 'postgres' (pg_dump custom format) or 'pglite' (its data dump, tar.gz)
  engine text check (engine in ('postgres', 'pglite')),
  error text check (length(error) <= 4000),
  -- null for the scheduler
  started_by uuid references account (id),
  -- a removable copy repeats this database backup
  source_backup_id uuid references backup_run (id),
  -- retention class: a daily backup is kept LIS_BACKUP_KEEP_DAILY days, the first of a
  -- month LIS_BACKUP_KEEP_MONTHLY months
  retention text not null default 'daily' check (retention in ('daily', 'monthly', 'none')),
  -- the files were deleted from the target by the retention policy
  deleted_at timestamptz,
  -- the manifest written with the backup: per-table row counts and checksums, the
  -- document store's objects count and bytes (the full list is a file on the target)
  manifest jsonb,
  check (status = 'running' or finished_at is not null),
  check (not verified or status = 'succeeded')
);
create index backup_run_latest on backup_run (kind, started_at desc) where status = 'succeeded';

-- A restore or a restore drill, and its log (R2): every step is a restore_step row.
create table restore_run (
  id uuid primary key default gen_random_uuid(),
  -- a drill restores into a scratch database and drops it
  drill boolean not null default false,
  backup_id uuid references backup_run (id),
  -- the incident time the backup was chosen by (the latest verified backup before it, R3)
  incident_at timestamptz,
  started_at timestamptz not null,
  finished_at timestamptz,
  status text not null check (status in ('running', 'succeeded', 'failed')),
  engine text not null check (engine in ('postgres', 'pglite')),
  -- the fresh database (or data folder) restored into, and what the replaced one became
  restored_into text check (length(restored_into) <= 1000),
  previous_kept_as text check (length(previous_kept_as) <= 1000),
  duration_ms bigint check (duration_ms >= 0),
  error text check (length(error) <= 4000),
  -- null when run from the command line by the operator (the OS account is in details)
  requested_by uuid references account (id),
  requested_by_name text check (length(requested_by_name) <= 200),
  reason text check (length(reason) <= 2000),
  check (status = 'running' or finished_at is not null)
);
create index restore_run_started on restore_run (started_at desc);

create table restore_step (
  id uuid primary key default gen_random_uuid(),
  restore_run_id uuid not null references restore_run (id),
  position integer not null check (position between 1 and 1000),
  -- choose_backup, download, checksum, restore, verify_row_counts, verify_checksums,
  -- verify_audit_chain, verify_documents, switch, drop_scratch, carry_log
  step text not null check (step ~ '^[a-z_]{2,40}$'),
  started_at timestamptz not null,
  finished_at timestamptz,
  outcome text not null check (outcome in ('running', 'ok', 'failed', 'skipped')),
  details jsonb not null default '{}',
  unique (restore_run_id, position)
);

-- Removable copies (B2, B4): who took which backup to which medium, where it is kept,
-- to whom it was handed, and when it came back or was destroyed.
create table removable_copy (
  id uuid primary key default gen_random_uuid(),
  -- the backup_run of kind 'removable' that wrote the copy
  backup_run_id uuid not null references backup_run (id),
  medium_label text not null check (length(medium_label) between 1 and 200),
  destination text not null check (length(destination) between 1 and 1000),
  taken_by uuid references account (id),
  taken_by_name text not null check (length(taken_by_name) between 1 and 200),
  taken_at timestamptz not null,
  handed_to text check (length(handed_to) between 1 and 200),
  archive_location text check (length(archive_location) between 1 and 300),
  status text not null default 'issued' check (status in ('issued', 'archived', 'returned', 'destroyed')),
  status_at timestamptz,
  note text check (length(note) <= 2000)
);
create index removable_copy_taken on removable_copy (taken_at desc);

select audit_table(t) from unnest(array['backup_run', 'restore_run', 'restore_step', 'removable_copy']::regclass[]) as t;
