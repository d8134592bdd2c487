-- The rest of the land record's content (S-CAD, Thông tư 10/2024/TT-BTNMT on the
-- cadastral records, LADM's shape): code lists as data, land-use purposes per parcel
-- version (area, term, origin), assets attached to land, certificates (GCN), and what
-- multi-parcel change transactions need (split, merge, boundary correction): parcel
-- versions that say which change started and ended them, lineage between versions, and
-- the parcels a change involves.
--
-- The versioning rule for everything hanging off a parcel: rows reference the parcel
-- *version* they belong to; when a change starts a new version, what carries over is
-- copied onto it (the old rows end, the copies start, at the same instant). The record
-- as of a time is then the rows alive at that time, found through parcel_uid.
-- Certificates are the exception: a GCN covers a parcel's identity (parcel_uid) across
-- its versions until it is replaced, because changes are endorsed on it (Luật Đất đai
-- 2024, Điều 133).

-- one SQL function for the statement-level audit triggers (was a repeated DO block)
create function audit_table(t regclass) returns void language plpgsql as $$
begin
  execute format('create trigger %1$s_audit_insert after insert on %2$s referencing new table as new_rows for each statement execute function audit_write()', replace(t::text, '.', '_'), t);
  execute format('create trigger %1$s_audit_update after update on %2$s referencing new table as new_rows for each statement execute function audit_write()', replace(t::text, '.', '_'), t);
  execute format('create trigger %1$s_audit_delete after delete on %2$s referencing old table as old_rows for each statement execute function audit_write()', replace(t::text, '.', '_'), t);
end $$;

-- Kinds of land users (Luật Đất đai 2024, Điều 4), the values party.kind already takes.
create table party_kind (
  code text primary key,
  name_vi text not null,
  name_en text not null,
  -- matched against the national population database by ID number
  is_person boolean not null
);
insert into party_kind (code, name_vi, name_en, is_person) values
  ('individual', 'Cá nhân trong nước', 'Individual', true),
  ('household', 'Hộ gia đình sử dụng đất', 'Household', false),
  ('couple', 'Vợ chồng', 'Married couple', false),
  ('organisation', 'Tổ chức trong nước', 'Domestic organisation', false),
  ('religious', 'Tổ chức tôn giáo, tổ chức tôn giáo trực thuộc', 'Religious organisation', false),
  ('community', 'Cộng đồng dân cư', 'Community', false),
  ('overseas_vietnamese', 'Người gốc Việt Nam định cư ở nước ngoài', 'Overseas Vietnamese', true),
  ('foreign_enterprise', 'Tổ chức kinh tế có vốn đầu tư nước ngoài', 'Foreign-invested enterprise', false),
  ('state', 'Cơ quan nhà nước, Ủy ban nhân dân quản lý đất', 'State body managing land', false);
alter table party add constraint party_kind_fk foreign key (kind) references party_kind (code);

-- the document a party is identified by (CCCD since 2021, older CMND, passport, the
-- enterprise registration or establishing decision of an organisation)
alter table party add column id_kind text check (id_kind in ('cccd', 'cmnd', 'passport', 'enterprise_registration', 'establishment_decision', 'other'));
update party set id_kind = 'cccd' where id_number ~ '^[0-9]{12}$';
update party set id_kind = 'cmnd' where id_number ~ '^[0-9]{9}$';

-- Origin of the land use (nguồn gốc sử dụng đất) as written on the certificate
-- (Thông tư 10/2024/TT-BTNMT; the codes follow the cadastral database's practice since
-- Thông tư 24/2014, verify against the current appendix).
create table land_origin (
  code text primary key check (code ~ '^[A-Z]{2,4}(-[A-Z]{2,3})?$'),
  name_vi text not null,
  name_en text not null
);
insert into land_origin (code, name_vi, name_en) values
  ('DG-KTT', 'Nhà nước giao đất không thu tiền sử dụng đất', 'Allocated by the State without land-use fee'),
  ('DG-CTT', 'Nhà nước giao đất có thu tiền sử dụng đất', 'Allocated by the State with land-use fee'),
  ('DT-THN', 'Nhà nước cho thuê đất trả tiền hằng năm', 'Leased by the State, rent paid yearly'),
  ('DT-TML', 'Nhà nước cho thuê đất trả tiền một lần cho cả thời gian thuê', 'Leased by the State, rent paid once'),
  ('CN-KTT', 'Công nhận quyền sử dụng đất như giao đất không thu tiền sử dụng đất', 'Recognised as allocated without fee'),
  ('CN-CTT', 'Công nhận quyền sử dụng đất như giao đất có thu tiền sử dụng đất', 'Recognised as allocated with fee'),
  ('CN-THN', 'Công nhận quyền sử dụng đất như cho thuê đất trả tiền hằng năm', 'Recognised as leased, rent paid yearly'),
  ('NCN', 'Nhận chuyển nhượng, thừa kế, tặng cho, góp vốn quyền sử dụng đất', 'Received by transfer, inheritance, gift or contribution'),
  ('TTN', 'Thuê đất, thuê lại đất của tổ chức, cá nhân khác', 'Sub-leased from another user'),
  ('KHAC', 'Nguồn gốc khác', 'Other origin');

-- Land-use purposes of a parcel version: a parcel may have several, each with its area,
-- term and origin (Luật Đất đai 2024, Điều 171-173 on terms). They live exactly as long
-- as the version they belong to.
create table parcel_purpose (
  id uuid primary key default gen_random_uuid(),
  parcel_id uuid not null references parcel (id),
  land_use_code text not null references land_use_code (code),
  area numeric(14, 1) not null check (area > 0),
  -- null: long-term use (sử dụng ổn định lâu dài)
  term_end date,
  origin_code text not null references land_origin (code)
);
create index parcel_purpose_parcel on parcel_purpose (parcel_id);

-- Assets attached to land (tài sản gắn liền với đất, Luật Đất đai 2024 Điều 3.27;
-- Nghị định 101/2024 Điều 31-34): versioned like the parcel they stand on.
create table asset (
  id uuid primary key default gen_random_uuid(),
  asset_uid uuid not null default gen_random_uuid(),
  parcel_id uuid not null references parcel (id),
  kind text not null check (kind in ('house', 'building', 'perennial_tree', 'production_forest', 'other')),
  description text not null check (length(description) between 1 and 500),
  -- construction footprint (diện tích xây dựng) and floor area (diện tích sàn), m²
  footprint_area numeric(12, 1) check (footprint_area > 0),
  floor_area numeric(12, 1) check (floor_area > 0),
  floors integer check (floors between 1 and 200),
  structure text check (length(structure) <= 200),
  built_year integer check (built_year between 1800 and 2200),
  -- trees and forest: planted area and species
  planted_area numeric(14, 1) check (planted_area > 0),
  -- null: ownership without a term
  ownership_term_end date,
  valid_from timestamptz not null,
  valid_to timestamptz,
  change_id uuid references land_change (id),
  ended_by_change_id uuid references land_change (id),
  check (valid_to is null or valid_to > valid_from)
);
create index asset_parcel on asset (parcel_id);
create index asset_uid on asset (asset_uid);

-- ownership of an asset is a right like the land-use right, with its holders and shares
alter table land_right add column asset_uid uuid;
alter table land_right add constraint land_right_asset_is_ownership check ((asset_uid is null) = (right_type <> 'ownership'));

-- Certificates (Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất).
-- The form of 2024 has a serial of 2 letters and 8 digits (Thông tư 10/2024 Điều 13);
-- earlier forms (2009, 2014) have 2 letters and 6 digits, and are still valid.
create table certificate (
  id uuid primary key default gen_random_uuid(),
  serial text not null check (serial ~ '^[A-Z]{2}[0-9]{6,8}$'),
  form text not null check (form in ('gcn_2024', 'gcn_2014', 'gcn_2009', 'gcn_qsdd', 'so_hong')),
  -- số vào sổ cấp Giấy chứng nhận, e.g. CS01234
  entry_number text not null check (length(entry_number) between 1 and 30),
  issued_on date not null,
  issuer text not null check (length(issuer) between 3 and 300),
  status text not null default 'valid' check (status in ('valid', 'replaced', 'revoked', 'lost')),
  valid_from timestamptz not null,
  valid_to timestamptz,
  change_id uuid references land_change (id),
  ended_by_change_id uuid references land_change (id),
  replaced_by uuid references certificate (id),
  check ((status = 'valid') = (valid_to is null)),
  check (valid_to is null or valid_to >= valid_from)
);
create unique index certificate_serial on certificate (serial);

-- what a certificate covers: parcels (by identity), assets (by identity), holders
create table certificate_parcel (
  certificate_id uuid not null references certificate (id),
  parcel_uid uuid not null,
  primary key (certificate_id, parcel_uid)
);
create index certificate_parcel_uid on certificate_parcel (parcel_uid);
create table certificate_asset (
  certificate_id uuid not null references certificate (id),
  asset_uid uuid not null,
  primary key (certificate_id, asset_uid)
);
create table certificate_holder (
  certificate_id uuid not null references certificate (id),
  party_id uuid not null references party (id),
  primary key (certificate_id, party_id)
);

-- Parcel versions: which change started and which ended each one.
alter table parcel add column change_id uuid references land_change (id);
alter table parcel add column ended_by_change_id uuid references land_change (id);
create index parcel_uid_versions on parcel (parcel_uid, valid_from);

-- Lineage: a split makes children of one parent, a merge one child of several parents;
-- a boundary correction or purpose change links a version to the next one of the same
-- parcel the same way, so the timeline of any parcel is a walk over this table.
create table parcel_lineage (
  parent_id uuid not null references parcel (id),
  child_id uuid not null references parcel (id),
  change_id uuid not null references land_change (id),
  primary key (parent_id, child_id)
);
create index parcel_lineage_child on parcel_lineage (child_id);

-- the further parcels a change involves (a merge's other parents); land_change.parcel_id
-- stays the parcel the change was filed on
create table land_change_extra_parcel (
  change_id uuid not null references land_change (id),
  parcel_id uuid not null references parcel (id),
  primary key (change_id, parcel_id)
);
create index land_change_extra_parcel_parcel on land_change_extra_parcel (parcel_id);

-- The tolerance for the area of a parcel (hạn sai diện tích): |official - computed| may
-- be at most 2·mP with mP = 0.0002·M·√P (M the scale denominator of the map sheet, P the
-- area in m²), after Thông tư 25/2014/TT-BTNMT Điều 7 kept by Thông tư 26/2024/TT-BTNMT
-- (verify). The factor is a setting so the province can follow a newer rule.
insert into setting (key, value, description) values ('cadastre.area_tolerance_factor', '0.0004',
  'Hạn sai diện tích = hệ số × mẫu số tỷ lệ × √P / area tolerance = factor × scale denominator × √area');

select audit_table(t) from unnest(array['parcel_purpose', 'asset', 'certificate']::regclass[]) as t;
