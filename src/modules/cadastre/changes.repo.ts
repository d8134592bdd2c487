// SQL of change transactions and of the versions they start and end.
import type { Queryable } from '../../db/database.js';
import type { NewParty } from './change-rules.js';

export interface ChangeRow {
  id: string;
  changeType: string;
  typeName: { vi: string; en: string };
  status: 'pending' | 'approved' | 'cancelled';
  legalBasis: string;
  dossierRef: string | null;
  parcelId: string;
  unitId: number;
  edits: Record<string, unknown>;
  basedOn: BasedOn;
  createdBy: string | null;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  effectiveAt: string | null;
}

/**
 * What a change was prepared against: the live right and restriction ids of its parcel,
 * and the live versions of every parcel it involves (a new version in between refuses it).
 */
export interface BasedOn {
  rights: string[];
  restrictions: string[];
  parcels: string[];
}

/** A change without its edits and based_on (the inbox lists many: no need to read their JSON). */
const CHANGE_SUMMARY = `c.id, c.change_type as "changeType", json_build_object('vi', t.name_vi, 'en', t.name_en) as "typeName", c.status,
  c.legal_basis as "legalBasis", c.dossier_ref as "dossierRef", c.parcel_id as "parcelId", p.unit_id::int as "unitId",
  c.created_by as "createdBy", c.created_at as "createdAt", c.decided_by as "decidedBy",
  c.decided_at as "decidedAt", c.effective_at as "effectiveAt"`;
const CHANGE = `${CHANGE_SUMMARY}, c.edits, c.based_on as "basedOn"`;

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
const withIsoDates = <C extends Pick<ChangeRow, 'createdAt' | 'decidedAt' | 'effectiveAt'>>(c: C): C =>
  ({ ...c, createdAt: iso(c.createdAt)!, decidedAt: iso(c.decidedAt), effectiveAt: iso(c.effectiveAt) });

/** `parcelIds`: the filed parcel first, then the others the change involves. */
export async function currentState(db: Queryable, parcelIds: string[], lock: boolean): Promise<BasedOn> {
  // for update: two approvals of the same parcels queue here instead of both passing the check
  if (lock) await db.query('select 1 from parcel where id = any($1::uuid[]) order by id for update', [parcelIds]);
  const { rows } = await db.query<{ rights: string[] | null; restrictions: string[] | null; parcels: string[] | null }>(
    `select (select array_agg(id::text order by id) from land_right where parcel_id = $1 and valid_to is null) as rights,
            (select array_agg(id::text order by id) from land_restriction where parcel_id = $1 and valid_to is null) as restrictions,
            (select array_agg(id::text order by id) from parcel where id = any($2::uuid[]) and valid_to is null) as parcels`,
    [parcelIds[0], parcelIds],
  );
  return { rights: rows[0]!.rights ?? [], restrictions: rows[0]!.restrictions ?? [], parcels: rows[0]!.parcels ?? [] };
}

/** The further parcels of a change (a merge's partners). */
export async function extraParcels(db: Queryable, changeId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('select parcel_id as id from land_change_extra_parcel where change_id = $1 order by parcel_id', [changeId]);
  return rows.map((r) => r.id);
}

export async function insertExtraParcels(db: Queryable, changeId: string, parcelIds: string[]): Promise<void> {
  await db.query('insert into land_change_extra_parcel (change_id, parcel_id) select $1, unnest($2::uuid[])', [changeId, parcelIds]);
}

export async function insertChange(
  db: Queryable,
  c: { type: string; legalBasis: string; dossierRef?: string | undefined; parcelId: string; edits: unknown; basedOn: BasedOn; createdBy: string | null; now: Date },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into land_change (change_type, legal_basis, dossier_ref, parcel_id, edits, based_on, created_by, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [c.type, c.legalBasis, c.dossierRef ?? null, c.parcelId, JSON.stringify(c.edits), JSON.stringify(c.basedOn), c.createdBy, c.now],
  );
  return rows[0]!.id;
}

export async function getChange(db: Queryable, id: string): Promise<ChangeRow | undefined> {
  const { rows } = await db.query<ChangeRow>(
    `select ${CHANGE} from land_change c join change_type t on t.code = c.change_type join parcel p on p.id = c.parcel_id where c.id = $1`,
    [id],
  );
  return rows[0] ? withIsoDates(rows[0]) : undefined;
}

/**
 * The changes of a parcel across all its versions, pending ones included, oldest first:
 * its timeline. Besides the changes filed on it, those it took part in (a merge partner)
 * and the one that created it (the split or merge it came from).
 */
export async function changesOfParcel(db: Queryable, parcelId: string): Promise<ChangeRow[]> {
  const { rows } = await db.query<ChangeRow>(
    `with mine as (select id, change_id from parcel where parcel_uid = (select parcel_uid from parcel where id = $1))
     select ${CHANGE} from land_change c join change_type t on t.code = c.change_type join parcel p on p.id = c.parcel_id
      where c.parcel_id in (select id from mine)
         or c.id in (select change_id from land_change_extra_parcel where parcel_id in (select id from mine))
         or c.id in (select change_id from mine)
      order by coalesce(c.effective_at, c.created_at), c.created_at`,
    [parcelId],
  );
  return rows.map(withIsoDates);
}

export interface ChangeListItem extends Omit<ChangeRow, 'edits' | 'basedOn'> {
  parcel: { unitCode: string; sheetNumber: number; parcelNumber: number };
}

/** Changes filed on parcels of some units, newest first (the approvers' inbox when status is pending). */
export async function listChanges(db: Queryable, q: { unitIds: number[]; status: string | null; limit: number }): Promise<ChangeListItem[]> {
  const { rows } = await db.query<ChangeListItem>(
    `select ${CHANGE_SUMMARY}, json_build_object('unitCode', u.code, 'sheetNumber', p.sheet_number, 'parcelNumber', p.parcel_number) as parcel
       from land_change c join change_type t on t.code = c.change_type join parcel p on p.id = c.parcel_id join admin_unit u on u.id = p.unit_id
      where p.unit_id = any($1::bigint[]) and ($2::text is null or c.status = $2)
      order by c.created_at desc limit $3`,
    [q.unitIds, q.status, q.limit],
  );
  return rows.map(withIsoDates);
}

export interface CertificateRef {
  id: string;
  status: string;
}

/** A certificate by serial, if it covers the parcel (identity). */
export async function certificateOfParcel(db: Queryable, serial: string, parcelId: string): Promise<CertificateRef | undefined> {
  const { rows } = await db.query<CertificateRef>(
    `select c.id, c.status from certificate c join certificate_parcel cp on cp.certificate_id = c.id
      where c.serial = $1 and cp.parcel_uid = (select parcel_uid from parcel where id = $2)`,
    [serial, parcelId],
  );
  return rows[0];
}

export async function serialTaken(db: Queryable, serial: string): Promise<boolean> {
  return (await db.query('select 1 from certificate where serial = $1', [serial])).rows.length > 0;
}

export interface CertificateIssue {
  serial: string;
  form: string;
  entryNumber: string;
  issuedOn: string;
  issuer: string;
  parcelId: string;
  changeId: string;
  at: Date;
}

/**
 * A new certificate for a parcel (by identity), its live assets and its live holders
 * (land users and asset owners). Returns its id.
 */
export async function issueCertificate(db: Queryable, c: CertificateIssue): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into certificate (serial, form, entry_number, issued_on, issuer, valid_from, change_id)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [c.serial, c.form, c.entryNumber, c.issuedOn, c.issuer, c.at, c.changeId],
  );
  const id = rows[0]!.id;
  await db.query('insert into certificate_parcel (certificate_id, parcel_uid) select $2, parcel_uid from parcel where id = $1', [c.parcelId, id]);
  await db.query('insert into certificate_asset (certificate_id, asset_uid) select $2, asset_uid from asset where parcel_id = $1 and valid_to is null', [c.parcelId, id]);
  await db.query(
    `insert into certificate_holder (certificate_id, party_id)
     select distinct $2::uuid, party_id from land_right where parcel_id = $1 and valid_to is null`,
    [c.parcelId, id],
  );
  return id;
}

/**
 * Cấp đổi / cấp lại: a new certificate for the parcel, its assets and live holders; the
 * old one ends as replaced (or lost) and points to it.
 */
export async function reissueCertificate(db: Queryable, r: CertificateIssue & { oldId: string; reason: 'exchange' | 'lost' }): Promise<void> {
  const id = await issueCertificate(db, r);
  await db.query(
    `update certificate set status = $2, valid_to = $3, ended_by_change_id = $4, replaced_by = $5 where id = $1`,
    [r.oldId, r.reason === 'lost' ? 'lost' : 'replaced', r.at, r.changeId, id],
  );
}

/** How many land-use rights a parcel has in force (first registration needs none). */
export async function liveLandUseRights(db: Queryable, parcelId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from land_right where parcel_id = $1 and valid_to is null and right_type = 'land_use'`, [parcelId]);
  return rows[0]!.n;
}

export async function decide(db: Queryable, id: string, status: 'approved' | 'cancelled', by: string | null, now: Date): Promise<void> {
  await db.query(
    `update land_change set status = $2, decided_by = $3, decided_at = $4::timestamptz,
            effective_at = case when $2::text = 'approved' then $4::timestamptz end where id = $1`,
    [id, status, by, now],
  );
}

/** Tells every process on this database (tile caches), once the transaction commits. */
export async function notify(db: Queryable, channel: string, payload: string): Promise<void> {
  await db.query('select pg_notify($1::text, $2::text)', [channel, payload]);
}

export async function insertParty(db: Queryable, p: NewParty): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into party (kind, full_name, id_number, birth_year, address) values ($1, $2, $3, $4, $5) returning id`,
    [p.kind, p.fullName, p.idNumber ?? null, p.birthYear ?? null, p.address ?? null],
  );
  return rows[0]!.id;
}

export async function partyExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('select 1 from party where id = $1', [id])).rows.length > 0;
}

/**
 * Ends the live land-use rights of a parcel at `at`, on behalf of a change, and the
 * ownership of the assets on it: a transfer, inheritance, gift or contribution of the
 * land carries the houses and trees on it with it (the holders receive both).
 */
export async function endRights(db: Queryable, parcelId: string, changeId: string, at: Date): Promise<void> {
  await db.query(
    `update land_right set valid_to = $3, ended_by_change_id = $2
      where parcel_id = $1 and valid_to is null and (right_type = 'land_use' or asset_uid is not null)`,
    [parcelId, changeId, at],
  );
}

/** A new holder's land-use right, and ownership with the same share of every live asset on the parcel. */
export async function insertRight(db: Queryable, r: { parcelId: string; partyId: string; share: number; changeId: string; at: Date }): Promise<void> {
  await db.query(
    `insert into land_right (parcel_id, party_id, right_type, share, valid_from, change_id) values ($1, $2, 'land_use', $3, $4, $5)`,
    [r.parcelId, r.partyId, r.share, r.at, r.changeId],
  );
  await db.query(
    `insert into land_right (parcel_id, party_id, right_type, share, valid_from, change_id, asset_uid)
     select $1, $2, 'ownership', $3, $4, $5, a.asset_uid from asset a where a.parcel_id = $1 and a.valid_to is null`,
    [r.parcelId, r.partyId, r.share, r.at, r.changeId],
  );
}

export async function insertMortgage(
  db: Queryable,
  m: { parcelId: string; lenderId: string; amount: number | null; contractRef: string; changeId: string; at: Date },
): Promise<void> {
  await db.query(
    `insert into land_restriction (parcel_id, kind, holder_party_id, amount, contract_ref, valid_from, change_id)
     values ($1, 'mortgage', $2, $3, $4, $5, $6)`,
    [m.parcelId, m.lenderId, m.amount, m.contractRef, m.at, m.changeId],
  );
}

/** false when there is no live mortgage with this id on the parcel. */
export async function endRestriction(db: Queryable, parcelId: string, restrictionId: string, changeId: string, at: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `update land_restriction set valid_to = $4, ended_by_change_id = $3 where id = $2 and parcel_id = $1 and valid_to is null`,
    [parcelId, restrictionId, changeId, at],
  );
  return rowCount > 0;
}

export interface RestrictionRow {
  id: string;
  kind: string;
  holderName: string;
  amount: number | null;
  contractRef: string | null;
  validFrom: string;
  validTo: string | null;
}

/** Restrictions of a parcel at a time, across its versions (they are copied onto each new one). */
export async function restrictionsAsOf(db: Queryable, parcelId: string, at: Date): Promise<RestrictionRow[]> {
  const { rows } = await db.query<RestrictionRow>(
    `select r.id, r.kind, y.full_name as "holderName", r.amount, r.contract_ref as "contractRef", r.valid_from as "validFrom", r.valid_to as "validTo"
       from land_restriction r join party y on y.id = r.holder_party_id
      where r.parcel_id in (select id from parcel where parcel_uid = (select parcel_uid from parcel where id = $1))
        and r.valid_from <= $2 and (r.valid_to is null or r.valid_to > $2) order by r.valid_from`,
    [parcelId, at],
  );
  return rows.map((r) => ({ ...r, validFrom: iso(r.validFrom)!, validTo: iso(r.validTo) }));
}
