-- The parcel identification code (mã định danh thửa đất) of the 2025 land data campaign:
-- 12 characters, the GeoHash of the parcel's characteristic point in WGS84 (Thông tư
-- 09/2024/TT-BTNMT; technical guidance of Cục Quản lý đất đai, September 2025). One code
-- per parcel for its whole life: set when the parcel is first registered, copied to its
-- later versions, never recomputed when a boundary is corrected. The characteristic
-- point is taken inside the parcel (ST_PointOnSurface), so it is the parcel's own even
-- when its shape is concave.

alter table parcel add column national_code text check (national_code ~ '^[0-9b-hjkmnp-z]{12}$');

create function parcel_national_code() returns trigger language plpgsql as $$
begin
  if new.national_code is null then
    -- a new version of a known parcel keeps the code of the parcel
    select p.national_code into new.national_code from parcel p
     where p.parcel_uid = new.parcel_uid and p.national_code is not null limit 1;
  end if;
  if new.national_code is null then
    new.national_code := ST_GeoHash(ST_PointOnSurface(new.geom_4326), 12);
  end if;
  return new;
end $$;
-- runs after parcel_derive_geom_4326 (triggers of a table fire in name order)
create trigger parcel_national_code before insert on parcel for each row execute function parcel_national_code();

update parcel set national_code = ST_GeoHash(ST_PointOnSurface(geom_4326), 12) where national_code is null;
create unique index parcel_live_national_code on parcel (national_code) where valid_to is null;
