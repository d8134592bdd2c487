// A survey delivery committed as ONE change transaction (type survey_import, issue #6):
// the delivery's parcels replace the live parcels with the same unit + sheet + number
// (those end, a new version of the same parcel starts with lineage from the old one, its
// rights, restrictions and assets carried over) and add the others as new parcels.
// Nothing is overwritten; everything happens in the caller's transaction, so a failure
// anywhere leaves the record as it was. The staging side (imports module) hands the
// parcels over in chunks; this module never reads staging tables.
import crypto from 'node:crypto';
import type { Queryable } from '../../db/database.js';

export interface SurveyParcel {
  sheet: number;
  parcel: number;
  /** the code of the unit whose parcel it replaces, when the lineage has several with this sheet + number */
  unitCode: string | null;
  /** hex EWKB (Multi)Polygon in the unit's zone */
  geom: string;
  /** the declared (official) area, m² */
  area: number;
  landUse: string;
  /** null: KHAC, "other origin" (the validation warned) */
  origin: string | null;
  address: string | null;
}

export interface SurveyImport {
  /** today's unit: new parcels are registered under it */
  unitId: number;
  /** the unit and those it succeeded: a parcel with the same sheet + number in any of them is replaced */
  lineageUnitIds: number[];
  srid: number;
  /** scale denominator of sheets the delivery creates */
  scale: number;
  legalBasis: string;
  /** what the change records about the delivery (batch id, file, counts) */
  edits: Record<string, unknown>;
  actorId: string | null;
  at: Date;
  chunks: AsyncIterable<SurveyParcel[]>;
}

export interface SurveyImportResult {
  changeId: string;
  created: number;
  replaced: number;
  /** EPSG:4326 extent of every version ended or started (maps redraw it), null if none */
  bbox: [number, number, number, number] | null;
}

export async function applySurveyImport(tx: Queryable, s: SurveyImport): Promise<SurveyImportResult> {
  // the change is filed on the first parcel it creates, inserted just below (migration 0023)
  await tx.query('set constraints land_change_parcel_id_fkey deferred');
  const firstId = crypto.randomUUID();
  const { rows } = await tx.query<{ id: string }>(
    `insert into land_change (change_type, status, legal_basis, parcel_id, edits, based_on, created_by, created_at, decided_by, decided_at, effective_at)
     values ('survey_import', 'approved', $1, $2::uuid, $3::jsonb, '{"rights": [], "restrictions": [], "parcels": []}'::jsonb, $4::uuid, $5, $4::uuid, $5, $5)
     returning id`,
    [s.legalBasis, firstId, JSON.stringify(s.edits), s.actorId, s.at],
  );
  const changeId = rows[0]!.id;
  let created = 0;
  let replaced = 0;
  for await (const chunk of s.chunks) {
    if (chunk.length === 0) continue;
    const ids = chunk.map((_, i) => (created === 0 && i === 0 ? firstId : crypto.randomUUID()));
    const ended = await tx.query<{ id: string; uid: string; version: number; unitId: number; sheet: number; parcel: number }>(
      `update parcel p set valid_to = $2, ended_by_change_id = $3::uuid
         from unnest($4::int[], $5::int[], $6::text[]) k(sheet, parcel, unit_code)
        where p.unit_id = any($1::bigint[]) and p.valid_to is null and p.sheet_number = k.sheet and p.parcel_number = k.parcel
          and (k.unit_code is null or k.unit_code = (select code from admin_unit where id = p.unit_id))
       returning p.id, p.parcel_uid as uid, p.version, p.unit_id::int as "unitId", p.sheet_number as sheet, p.parcel_number as parcel`,
      [s.lineageUnitIds, s.at, changeId, chunk.map((p) => p.sheet), chunk.map((p) => p.parcel), chunk.map((p) => p.unitCode)],
    );
    // the validation refuses keys held by parcels of two predecessor units (key.ambiguous)
    if (new Set(ended.rows.map((r) => `${r.sheet}/${r.parcel}`)).size !== ended.rows.length) {
      throw new Error('a sheet + parcel number of the delivery is held by parcels of two units of the lineage');
    }
    const old = new Map(ended.rows.map((r) => [`${r.sheet}/${r.parcel}`, r]));
    const previous = chunk.map((p) => old.get(`${p.sheet}/${p.parcel}`) ?? null);
    // a new version stays in the unit its parcel was surveyed under (the key stays unique); new parcels go to today's unit
    const units = previous.map((o) => o?.unitId ?? s.unitId);
    await tx.query(
      `insert into map_sheet (unit_id, sheet_number, scale, srid) select distinct u, n, $1::int, $2::int from unnest($3::bigint[], $4::int[]) t(u, n)
       on conflict (unit_id, sheet_number) do nothing`,
      [s.scale, s.srid, units, chunk.map((p) => p.sheet)],
    );
    await tx.query(
      `insert into parcel (id, parcel_uid, version, unit_id, sheet_number, parcel_number, srid, geom, official_area, land_use_code, address, valid_from, change_id)
       select t.id, coalesce(t.uid, gen_random_uuid()), t.version, t.unit, t.sheet, t.parcel, $2::int,
              ST_Multi(ST_GeomFromEWKB(decode(t.geom, 'hex'))), t.area, t.luc, t.address, $3, $4::uuid
         from unnest($1::bigint[], $5::uuid[], $6::uuid[], $7::int[], $8::int[], $9::int[], $10::text[], $11::numeric[], $12::text[], $13::text[])
              as t(unit, id, uid, version, sheet, parcel, geom, area, luc, address)`,
      [
        units, s.srid, s.at, changeId, ids, previous.map((o) => o?.uid ?? null), previous.map((o) => (o ? o.version + 1 : 1)),
        chunk.map((p) => p.sheet), chunk.map((p) => p.parcel), chunk.map((p) => p.geom), chunk.map((p) => p.area),
        chunk.map((p) => p.landUse), chunk.map((p) => p.address),
      ],
    );
    await tx.query(
      `insert into parcel_purpose (parcel_id, land_use_code, area, origin_code)
       select * from unnest($1::uuid[], $2::text[], $3::numeric[], $4::text[])`,
      [ids, chunk.map((p) => p.landUse), chunk.map((p) => p.area), chunk.map((p) => p.origin ?? 'KHAC')],
    );
    const pairs = previous.flatMap((o, i) => (o ? [[o.id, ids[i]!] as const] : []));
    if (pairs.length > 0) await carryOver(tx, pairs.map((p) => p[0]), pairs.map((p) => p[1]), changeId, s.at);
    created += chunk.length - pairs.length;
    replaced += pairs.length;
  }
  const extent = await tx.query<{ bbox: [number, number, number, number] | null }>(
    `select case when e is null then null else array[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] end as bbox
       from (select ST_Extent(geom_4326)::geometry as e from parcel where change_id = $1::uuid or ended_by_change_id = $1::uuid) x`,
    [changeId],
  );
  return { changeId, created, replaced, bbox: extent.rows[0]?.bbox ?? null };
}

/** Lineage old → new, and what hangs off the old versions moves to the new ones (migration 0012's rule). */
async function carryOver(tx: Queryable, oldIds: string[], newIds: string[], changeId: string, at: Date): Promise<void> {
  const params = [oldIds, newIds, at, changeId];
  await tx.query('insert into parcel_lineage (parent_id, child_id, change_id) select o, n, $3::uuid from unnest($1::uuid[], $2::uuid[]) t(o, n)', [oldIds, newIds, changeId]);
  await tx.query(
    `insert into land_right (parcel_id, party_id, right_type, share, valid_from, change_id)
     select t.n, r.party_id, r.right_type, r.share, $3, $4::uuid from unnest($1::uuid[], $2::uuid[]) t(o, n)
       join land_right r on r.parcel_id = t.o and r.valid_to is null and r.asset_uid is null`,
    params,
  );
  await tx.query(
    `insert into land_restriction (parcel_id, kind, holder_party_id, amount, contract_ref, valid_from, change_id)
     select t.n, r.kind, r.holder_party_id, r.amount, r.contract_ref, $3, $4::uuid from unnest($1::uuid[], $2::uuid[]) t(o, n)
       join land_restriction r on r.parcel_id = t.o and r.valid_to is null`,
    params,
  );
  await tx.query(
    `insert into asset (asset_uid, parcel_id, kind, description, footprint_area, floor_area, floors, structure, built_year, planted_area, ownership_term_end, valid_from, change_id)
     select a.asset_uid, t.n, a.kind, a.description, a.footprint_area, a.floor_area, a.floors, a.structure, a.built_year, a.planted_area, a.ownership_term_end, $3, $4::uuid
       from unnest($1::uuid[], $2::uuid[]) t(o, n) join asset a on a.parcel_id = t.o and a.valid_to is null`,
    params,
  );
  await tx.query(
    `insert into land_right (parcel_id, party_id, right_type, share, valid_from, change_id, asset_uid)
     select t.n, r.party_id, r.right_type, r.share, $3, $4::uuid, r.asset_uid from unnest($1::uuid[], $2::uuid[]) t(o, n)
       join land_right r on r.parcel_id = t.o and r.valid_to is null and r.asset_uid is not null`,
    params,
  );
  for (const table of ['land_right', 'land_restriction', 'asset'] as const) {
    await tx.query(
      `update ${table} set valid_to = $2, ended_by_change_id = $3::uuid where parcel_id = any($1::uuid[]) and valid_to is null`,
      [oldIds, at, changeId],
    );
  }
}
