-- Scanned dossiers (S-SCAN, issue #9): the metadata of scanned originals kept in a
-- content-addressed object store (a local folder or an S3-compatible store; the bytes are
-- never in the database). A document is identified across its versions by document_uid;
-- a new version ends the previous one (valid_to) and is a new row: nothing is overwritten,
-- nothing is deleted (B3: the scans are backed up every six months; the store never
-- deletes an object).

-- Kinds of scanned documents, as data (the list an officer picks from).
create table document_type (
  code text primary key check (code ~ '^[a-z_]{2,40}$'),
  name_vi text not null,
  name_en text not null
);
insert into document_type (code, name_vi, name_en) values
  ('certificate', 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'Land-use right certificate (GCN)'),
  ('contract', 'Hợp đồng, văn bản giao dịch về quyền sử dụng đất', 'Contract or transaction deed'),
  ('decision', 'Quyết định của cơ quan nhà nước có thẩm quyền', 'Decision of a competent authority'),
  ('survey_drawing', 'Bản vẽ, mảnh trích đo địa chính', 'Survey drawing or cadastral extract'),
  ('application', 'Đơn (đơn đăng ký, đơn đề nghị)', 'Application form'),
  ('identity', 'Giấy tờ tùy thân', 'Identity document'),
  ('other', 'Giấy tờ khác', 'Other document');

create table document (
  id uuid primary key default gen_random_uuid(),
  -- identity of the document across its versions
  document_uid uuid not null,
  version integer not null check (version >= 1),
  document_type text not null references document_type (code),
  -- number, date and issuer as written on the paper (số, ngày, cơ quan ban hành)
  number text check (length(number) between 1 and 100),
  issued_on date,
  issuer text check (length(issuer) between 1 and 300),
  title text not null check (length(title) between 1 and 500),
  pages integer check (pages between 1 and 100000),
  media_type text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png', 'image/tiff')),
  size_bytes bigint not null check (size_bytes > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  -- the file name the uploader gave (shown and offered on download, never trusted for the type)
  file_name text check (length(file_name) between 1 and 255),
  -- personal data (Nghị định 13/2023): identity papers, contracts naming people, …
  contains_personal_data boolean not null,
  uploaded_by uuid references account (id),
  uploaded_at timestamptz not null,
  valid_from timestamptz not null,
  valid_to timestamptz,
  check (valid_to is null or valid_to >= valid_from),
  unique (document_uid, version)
);
create unique index document_current on document (document_uid) where valid_to is null;
create index document_sha256 on document (sha256);

-- What a document belongs to: exactly one record per link, and the unit whose grants
-- decide who may see it (the linked record's unit, or the unit the officer filed it under
-- for parties, accounts and dossiers). Links follow the document across its versions.
create table document_link (
  id uuid primary key default gen_random_uuid(),
  document_uid uuid not null,
  kind text not null check (kind in ('parcel', 'certificate', 'party', 'change', 'account', 'dossier')),
  parcel_uid uuid,
  certificate_id uuid references certificate (id),
  party_id uuid references party (id),
  change_id uuid references land_change (id),
  account_id uuid references account (id),
  -- the dossier (hồ sơ) reference of the one-stop intake (#7)
  dossier_ref text check (length(dossier_ref) between 1 and 100),
  unit_id bigint not null references admin_unit (id),
  created_by uuid references account (id),
  valid_from timestamptz not null,
  valid_to timestamptz,
  check ((kind = 'parcel') = (parcel_uid is not null)),
  check ((kind = 'certificate') = (certificate_id is not null)),
  check ((kind = 'party') = (party_id is not null)),
  check ((kind = 'change') = (change_id is not null)),
  check ((kind = 'account') = (account_id is not null)),
  check ((kind = 'dossier') = (dossier_ref is not null))
);
create index document_link_document on document_link (document_uid);
create index document_link_parcel on document_link (parcel_uid) where parcel_uid is not null;
create index document_link_certificate on document_link (certificate_id) where certificate_id is not null;
create index document_link_change on document_link (change_id) where change_id is not null;

select audit_table(t) from unnest(array['document_type', 'document', 'document_link']::regclass[]) as t;
