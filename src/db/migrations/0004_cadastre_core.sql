-- The core of the cadastral record (S-CAD): map sheets, parcels, parties and the rights
-- that link them. Geometry is stored in the VN-2000 zone of the unit the parcel was
-- surveyed in (official areas are planar in that zone) and a derived EPSG:4326 copy
-- feeds the spatial index, maps and queries across zones. Rows carry a lifespan
-- (valid_from / valid_to): a change ends a version and starts a new one, never
-- overwrites it. The cadastre issue extends these tables (purposes, certificates,
-- change transactions); this is the shape they grow from.

create table map_sheet (
  id bigint generated always as identity primary key,
  -- the unit the sheet was surveyed under: old communes numbered their sheets from 1,
  -- so after a merger unit + sheet number is still unique.
  unit_id bigint not null references admin_unit (id),
  sheet_number integer not null check (sheet_number between 1 and 9999),
  scale integer not null check (scale in (200, 500, 1000, 2000, 5000, 10000)),
  srid integer not null references spatial_ref_sys (srid),
  frame geometry(Polygon) check (frame is null or ST_SRID(frame) = srid),
  unique (unit_id, sheet_number)
);

create table parcel (
  id uuid primary key default gen_random_uuid(),
  -- identity of the parcel across its versions
  parcel_uid uuid not null default gen_random_uuid(),
  version integer not null default 1 check (version >= 1),
  unit_id bigint not null references admin_unit (id),
  sheet_number integer not null check (sheet_number between 1 and 9999),
  parcel_number integer not null check (parcel_number between 1 and 99999),
  srid integer not null references spatial_ref_sys (srid),
  geom geometry(MultiPolygon) not null check (ST_SRID(geom) = srid),
  geom_4326 geometry(MultiPolygon, 4326) not null,
  official_area numeric(14, 1) not null check (official_area > 0),
  land_use_code text not null references land_use_code (code),
  address text check (length(address) <= 300),
  valid_from timestamptz not null default now(),
  valid_to timestamptz,
  check (valid_to is null or valid_to > valid_from),
  unique (parcel_uid, version),
  foreign key (unit_id, sheet_number) references map_sheet (unit_id, sheet_number)
);
create unique index parcel_live_number on parcel (unit_id, sheet_number, parcel_number) where valid_to is null;
create index parcel_geom_4326_gix on parcel using gist (geom_4326);
create index parcel_unit_live on parcel (unit_id) where valid_to is null;

-- geom_4326 is derived, never written by hand: one rule, in the database.
create function parcel_derive_geom_4326() returns trigger language plpgsql as $$
begin
  new.geom_4326 := ST_Multi(ST_Transform(new.geom, 4326));
  return new;
end $$;
create trigger parcel_derive_geom_4326 before insert or update of geom on parcel
  for each row execute function parcel_derive_geom_4326();

create table party (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('individual', 'household', 'couple', 'organisation', 'religious', 'community', 'overseas_vietnamese', 'foreign_enterprise', 'state')),
  full_name text not null check (length(full_name) between 1 and 300),
  -- personal data (Nghị định 13/2023): shown masked unless the role needs it
  id_number text check (id_number ~ '^[0-9A-Z]{6,20}$'),
  birth_year integer check (birth_year between 1880 and 2100),
  address text check (length(address) <= 300),
  created_at timestamptz not null default now()
);
create index party_id_number on party (id_number);

create table land_right (
  id uuid primary key default gen_random_uuid(),
  parcel_id uuid not null references parcel (id),
  party_id uuid not null references party (id),
  right_type text not null default 'land_use' check (right_type in ('land_use', 'ownership', 'lease', 'management')),
  share numeric(7, 6) not null default 1 check (share > 0 and share <= 1),
  valid_from timestamptz not null default now(),
  valid_to timestamptz
);
create index land_right_parcel on land_right (parcel_id);
create index land_right_party on land_right (party_id);
