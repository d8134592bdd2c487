-- Live parcels per unit, kept by the database as parcels change: the unit list shows
-- these counts on every portal load, and counting a million parcels each time took
-- 415 ms (bench/README.md). Statement-level triggers add and subtract per unit.

create table unit_parcel_count (
  unit_id bigint primary key references admin_unit (id),
  live integer not null default 0
);

create function unit_parcel_count_apply(delta_rows jsonb) returns void language sql as $$
  insert into unit_parcel_count (unit_id, live)
  select (d ->> 'unit_id')::bigint, sum((d ->> 'n')::int) from jsonb_array_elements(delta_rows) d group by 1
  on conflict (unit_id) do update set live = unit_parcel_count.live + excluded.live
$$;

create function unit_parcel_count_track() returns trigger language plpgsql as $$
declare
  delta jsonb;
begin
  if tg_op = 'INSERT' then
    select coalesce(jsonb_agg(jsonb_build_object('unit_id', unit_id, 'n', n)), '[]') into delta
      from (select unit_id, count(*) n from new_rows where valid_to is null group by unit_id) x;
  elsif tg_op = 'DELETE' then
    select coalesce(jsonb_agg(jsonb_build_object('unit_id', unit_id, 'n', -n)), '[]') into delta
      from (select unit_id, count(*) n from old_rows where valid_to is null group by unit_id) x;
  else
    select coalesce(jsonb_agg(jsonb_build_object('unit_id', unit_id, 'n', n)), '[]') into delta
      from (select unit_id, sum(n) n from (
              select unit_id, count(*) n from new_rows where valid_to is null group by unit_id
              union all
              select unit_id, -count(*) from old_rows where valid_to is null group by unit_id) y
            group by unit_id having sum(n) <> 0) x;
  end if;
  perform unit_parcel_count_apply(delta);
  return null;
end $$;

create trigger parcel_count_insert after insert on parcel referencing new table as new_rows
  for each statement execute function unit_parcel_count_track();
create trigger parcel_count_update after update on parcel referencing old table as old_rows new table as new_rows
  for each statement execute function unit_parcel_count_track();
create trigger parcel_count_delete after delete on parcel referencing old table as old_rows
  for each statement execute function unit_parcel_count_track();

insert into unit_parcel_count (unit_id, live)
select unit_id, count(*) from parcel where valid_to is null group by unit_id;
