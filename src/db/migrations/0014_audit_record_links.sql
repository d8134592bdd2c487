-- The link tables of migration 0012 (what a certificate covers, the lineage of parcel
-- versions, the further parcels of a change) are written only by approved change
-- transactions, but a write made to them outside the application must be logged too
-- (O10). The statement-level audit trigger records the ids of the rows it touched: give
-- each link row an id, then audit the tables like every other table of the record.
alter table certificate_parcel add column id uuid not null default gen_random_uuid() unique;
alter table certificate_asset add column id uuid not null default gen_random_uuid() unique;
alter table certificate_holder add column id uuid not null default gen_random_uuid() unique;
alter table parcel_lineage add column id uuid not null default gen_random_uuid() unique;
alter table land_change_extra_parcel add column id uuid not null default gen_random_uuid() unique;

select audit_table(t) from unnest(array['certificate_parcel', 'certificate_asset', 'certificate_holder', 'parcel_lineage', 'land_change_extra_parcel']::regclass[]) as t;
