-- The record as of a time (issue #4) looks parcels up by unit + sheet + number among all
-- their versions, ended ones included: the parcel by its key as of a time, and the parcels
-- of a unit at the end of a day. The indexes of migration 0004 on these columns are
-- partial (valid_to is null, the live parcels) and cannot serve those look-ups; this one
-- does both (its prefix unit_id serves the parcels of a unit). The live look-ups keep
-- their smaller partial indexes. Parcels at a point use the GiST index on geom_4326,
-- which already holds every version.
create index parcel_number_versions on parcel (unit_id, sheet_number, parcel_number, valid_from);
