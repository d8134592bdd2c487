-- Land-use planning (S-PLAN, issue #8): quy hoạch sử dụng đất and kế hoạch sử dụng đất
-- hằng năm (Luật Đất đai 2024, Chương V, Điều 60-77, verify the range; verify: since the
-- 2025 reform that removed the district level, plans are made at province and commune
-- level), their zones with a planned land-use code, and the works and projects (công
-- trình, dự án) they list. What a parcel falls into is an overlay in the database
-- (overlay.repo.ts), computed in the parcel's VN-2000 zone where official areas are
-- planar.
--
-- Versioned like the cadastre: a plan's row is never overwritten; approving or
-- superseding it ends its version and starts the next one (same plan_uid). Zones and
-- projects belong to the plan's identity (plan_uid) and have lifespans of their own.

create table land_use_plan (
  id uuid primary key default gen_random_uuid(),
  -- identity of the plan across its versions
  plan_uid uuid not null default gen_random_uuid(),
  version integer not null default 1 check (version >= 1),
  -- quy hoạch (a period of years) or kế hoạch sử dụng đất hằng năm (one year)
  kind text not null check (kind in ('planning', 'annual_plan')),
  -- the level of the unit it covers (Luật Đất đai 2024, Điều 61: national, provincial,
  -- district; verify: commune plans after the 2025 reform); national plans are not
  -- kept in a provincial database
  level text not null check (level in ('province', 'district', 'commune')),
  unit_id bigint not null references admin_unit (id),
  name text not null check (length(name) between 1 and 300),
  period_start date not null,
  period_end date not null,
  status text not null default 'draft' check (status in ('draft', 'approved', 'superseded')),
  -- Điều 75: approved plans are published; a plan may be kept from the public portal
  -- (e.g. its defence and security parts, verify) by clearing this flag
  is_public boolean not null default false,
  -- the approving decision (quyết định phê duyệt)
  decision_number text check (length(decision_number) between 1 and 50),
  decision_date date,
  decision_authority text check (length(decision_authority) between 1 and 200),
  -- the first day the plan applies (the decision's effective date)
  in_force_from date,
  -- the first day it no longer applies, when a later decision replaced it
  superseded_on date,
  superseded_by uuid,
  -- the first day it no longer applies: a yearly plan ends with its year; a quy hoạch
  -- applies until it is replaced (verify: Điều 76 on plans whose period has ended)
  in_force_to date generated always as (
    case when kind = 'annual_plan' then least(superseded_on, period_end + 1) else superseded_on end
  ) stored,
  valid_from timestamptz not null default now(),
  valid_to timestamptz,
  check (period_end >= period_start),
  check (kind <> 'annual_plan' or (extract(year from period_start) = extract(year from period_end))),
  check (status = 'draft' or (decision_number is not null and decision_date is not null
                              and decision_authority is not null and in_force_from is not null)),
  check ((status = 'superseded') = (superseded_on is not null)),
  check (superseded_on is null or superseded_on >= in_force_from),
  check (valid_to is null or valid_to > valid_from),
  unique (plan_uid, version)
);
create unique index land_use_plan_live on land_use_plan (plan_uid) where valid_to is null;
create index land_use_plan_unit_live on land_use_plan (unit_id) where valid_to is null;

-- zones and projects name a plan identity (plan_uid is unique only among live versions,
-- so a foreign key cannot name it): the database checks it exists
create function plan_part_check_plan() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from land_use_plan where plan_uid = new.plan_uid) then
    raise exception 'no land_use_plan with plan_uid %', new.plan_uid using errcode = 'foreign_key_violation';
  end if;
  return new;
end $$;

-- khu vực quy hoạch: a zone of one planned land-use code, stored like parcels in the
-- VN-2000 zone of the plan's unit, with a derived EPSG:4326 copy for the index and maps
create table plan_zone (
  id uuid primary key default gen_random_uuid(),
  plan_uid uuid not null,
  zone_code text not null check (zone_code ~ '^[A-Za-z0-9._/-]{1,30}$'),
  name text not null check (length(name) between 1 and 200),
  land_use_code text not null references land_use_code (code),
  srid integer not null references spatial_ref_sys (srid),
  geom geometry(MultiPolygon) not null check (ST_SRID(geom) = srid and ST_IsValid(geom)),
  geom_4326 geometry(MultiPolygon, 4326) not null,
  -- planar area in its VN-2000 zone, m²
  area numeric(16, 1) not null check (area > 0),
  valid_from timestamptz not null default now(),
  valid_to timestamptz,
  check (valid_to is null or valid_to > valid_from)
);
create unique index plan_zone_live_code on plan_zone (plan_uid, zone_code) where valid_to is null;
create index plan_zone_plan on plan_zone (plan_uid);
create index plan_zone_geom_4326_gix on plan_zone using gist (geom_4326);
-- the same derivation rule as parcels (migration 0004): geom_4326 := ST_Multi(ST_Transform(geom, 4326))
create trigger plan_zone_derive_geom_4326 before insert or update of geom on plan_zone
  for each row execute function parcel_derive_geom_4326();
create trigger plan_zone_check_plan before insert or update of plan_uid on plan_zone
  for each row execute function plan_part_check_plan();

-- công trình, dự án in the plan (Điều 67 on the content of plans, verify)
create table plan_project (
  id uuid primary key default gen_random_uuid(),
  plan_uid uuid not null,
  name text not null check (length(name) between 1 and 300),
  land_use_code text not null references land_use_code (code),
  -- planned area, m²
  area numeric(16, 1) not null check (area > 0),
  planned_year integer check (planned_year between 1990 and 2100),
  status text not null default 'planned' check (status in ('planned', 'in_progress', 'completed', 'cancelled', 'carried_over')),
  location_text text check (length(location_text) <= 300),
  srid integer references spatial_ref_sys (srid),
  geom geometry check (geom is null or ST_SRID(geom) = srid),
  geom_4326 geometry(Geometry, 4326),
  valid_from timestamptz not null default now(),
  valid_to timestamptz,
  check (valid_to is null or valid_to > valid_from)
);
create index plan_project_plan on plan_project (plan_uid);
create index plan_project_geom_4326_gix on plan_project using gist (geom_4326);
create function plan_project_derive_geom_4326() returns trigger language plpgsql as $$
begin
  new.geom_4326 := case when new.geom is null then null else ST_Transform(new.geom, 4326) end;
  return new;
end $$;
create trigger plan_project_derive_geom_4326 before insert or update of geom on plan_project
  for each row execute function plan_project_derive_geom_4326();
create trigger plan_project_check_plan before insert or update of plan_uid on plan_project
  for each row execute function plan_part_check_plan();

select audit_table(t) from unnest(array['land_use_plan', 'plan_zone', 'plan_project']::regclass[]) as t;

-- who may write plans: the Department (Sở Nông nghiệp và Môi trường prepares the plans;
-- the People's Committee decides them, Điều 72, verify)
insert into permission (code, name_vi, name_en) values
  ('planning.edit', 'Cập nhật quy hoạch, kế hoạch sử dụng đất', 'Edit land-use planning');
insert into role_permission (role_code, permission_code)
select code, 'planning.edit' from role where code in ('dept_admin', 'dept_land_officer');
