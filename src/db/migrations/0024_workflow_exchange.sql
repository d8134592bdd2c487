-- Exchanges of the dossier workflow with outside parties (issue #7 items 4 and 5; P2):
-- the tax authority (phiếu chuyển thông tin địa chính → thông báo nộp nghĩa vụ tài chính →
-- payment), the one-stop systems and the National Public Service Portal (dossiers received
-- through the API, status pushed back by webhook), and a generic webhook outbox.

-- One row per round trip with a party: the request as sent, the party's receipt of it, the
-- answer (the tax notice), the payment that completes the step. Queued in the transaction
-- that puts the dossier into the party's step; a job sends it, retrying with a growing delay.
create table exchange_message (
  id uuid primary key default gen_random_uuid(),
  party text not null check (party ~ '^[a-z_]{2,30}$'),
  dossier_id uuid not null references dossier (id),
  step_seq integer not null,
  status text not null check (status in ('queued', 'sent', 'answered', 'paid')),
  request jsonb,
  -- the party's reference of the request (its receipt)
  reference text check (length(reference) <= 100),
  -- the party's answer (the tax notice: amounts, notice number, payment deadline)
  response jsonb,
  notice_number text check (length(notice_number) <= 100),
  payment jsonb,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  last_error text check (length(last_error) <= 1000),
  created_at timestamptz not null,
  sent_at timestamptz,
  answered_at timestamptz,
  paid_at timestamptz
);
create index exchange_message_dossier on exchange_message (dossier_id, created_at);
create index exchange_message_due on exchange_message (next_attempt_at) where status = 'queued';
create unique index exchange_message_notice on exchange_message (party, notice_number) where notice_number is not null;

-- A dossier received from a one-stop system (hệ thống một cửa điện tử) or the National
-- Public Service Portal: its reference there (a retried create finds the same dossier) and
-- where its status changes are pushed.
create table one_stop_link (
  id uuid primary key default gen_random_uuid(),
  dossier_id uuid not null unique references dossier (id),
  system text not null check (system ~ '^[a-z0-9_]{2,40}$'),
  reference text not null check (length(reference) between 1 and 100),
  callback_url text check (callback_url ~ '^https?://' and length(callback_url) <= 2000),
  created_at timestamptz not null,
  unique (system, reference)
);

select audit_table(t) from unnest(array['exchange_message', 'one_stop_link']::regclass[]) as t;

-- Outbound webhooks (src/modules/webhooks): written in the transaction of the event they
-- tell, delivered by a job, signed with the secret the configuration names by secret_key
-- (secrets stay out of the database), retried with exponential backoff until delivered:
-- a row is never dropped. Delivery state, like mail_outbox, is not audited.
create table webhook_outbox (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity,
  event text not null check (event ~ '^[a-z_.]{2,60}$'),
  target_url text not null check (target_url ~ '^https?://' and length(target_url) <= 2000),
  secret_key text not null check (secret_key ~ '^[a-z_]{2,40}$'),
  payload jsonb not null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  delivered_at timestamptz,
  last_status integer,
  last_error text check (length(last_error) <= 1000),
  created_at timestamptz not null
);
create index webhook_outbox_due on webhook_outbox (next_attempt_at, seq) where delivered_at is null;
