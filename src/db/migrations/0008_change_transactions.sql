-- Change transactions (biến động): every change to the land record is registered with
-- its type, legal basis and dossier, prepared as pending (visible, not in force),
-- and applied atomically on approval, ending the replaced versions and starting new
-- ones (valid_from / valid_to) so the record as of any date stays queryable.
-- Types follow the registration procedures of Nghị định 101/2024/NĐ-CP (Điều 22 ff.).

create table change_type (
  code text primary key check (code ~ '^[a-z_]+$'),
  name_vi text not null,
  name_en text not null
);

insert into change_type (code, name_vi, name_en) values
  ('first_registration', 'Đăng ký lần đầu', 'First registration'),
  ('transfer', 'Chuyển nhượng quyền sử dụng đất', 'Transfer of land-use right'),
  ('inheritance', 'Thừa kế quyền sử dụng đất', 'Inheritance'),
  ('gift', 'Tặng cho quyền sử dụng đất', 'Gift'),
  ('capital_contribution', 'Góp vốn bằng quyền sử dụng đất', 'Contribution as capital'),
  ('mortgage', 'Thế chấp quyền sử dụng đất', 'Mortgage registration'),
  ('mortgage_release', 'Xóa đăng ký thế chấp', 'Mortgage release'),
  ('split', 'Tách thửa', 'Parcel split'),
  ('merge', 'Hợp thửa', 'Parcel merge'),
  ('purpose_change', 'Chuyển mục đích sử dụng đất', 'Change of land-use purpose'),
  ('boundary_correction', 'Đính chính, chỉnh lý ranh giới', 'Boundary correction'),
  ('certificate_reissue', 'Cấp đổi, cấp lại Giấy chứng nhận', 'Certificate reissue');

create table land_change (
  id uuid primary key default gen_random_uuid(),
  change_type text not null references change_type (code),
  status text not null default 'pending' check (status in ('pending', 'approved', 'cancelled')),
  -- the legal basis (contract, will, court decision, …) and the dossier it came with
  legal_basis text not null check (length(legal_basis) between 3 and 500),
  dossier_ref text check (length(dossier_ref) <= 100),
  parcel_id uuid not null references parcel (id),
  edits jsonb not null,
  -- the live rights and restrictions the change was prepared against: approval refuses
  -- a change whose parcel moved on meanwhile (no lost update)
  based_on jsonb not null,
  created_by uuid references account (id),
  created_at timestamptz not null,
  decided_by uuid references account (id),
  decided_at timestamptz,
  effective_at timestamptz,
  note text check (length(note) <= 2000),
  check ((status = 'approved') = (effective_at is not null))
);
create index land_change_parcel on land_change (parcel_id, created_at);

alter table land_right add column change_id uuid references land_change (id);
alter table land_right add column ended_by_change_id uuid references land_change (id);

-- restrictions on a parcel (LADM "RRR"): mortgages for now; planning restrictions and
-- protection corridors come with their subsystems
create table land_restriction (
  id uuid primary key default gen_random_uuid(),
  parcel_id uuid not null references parcel (id),
  kind text not null check (kind in ('mortgage')),
  holder_party_id uuid not null references party (id),
  amount numeric(18, 0) check (amount > 0),
  contract_ref text check (length(contract_ref) <= 200),
  valid_from timestamptz not null,
  valid_to timestamptz,
  change_id uuid references land_change (id),
  ended_by_change_id uuid references land_change (id),
  check (valid_to is null or valid_to > valid_from)
);
create index land_restriction_parcel on land_restriction (parcel_id);

do $$
declare t text;
begin
  foreach t in array array['land_change', 'land_restriction'] loop
    execute format('create trigger %1$s_audit_insert after insert on %1$I referencing new table as new_rows for each statement execute function audit_write()', t);
    execute format('create trigger %1$s_audit_update after update on %1$I referencing new table as new_rows for each statement execute function audit_write()', t);
    execute format('create trigger %1$s_audit_delete after delete on %1$I referencing old table as old_rows for each statement execute function audit_write()', t);
  end loop;
end $$;
