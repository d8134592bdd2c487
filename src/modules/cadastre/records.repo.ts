// SQL of the land record's content (issue #4): land-use purposes, assets attached to land
// and their owners, certificates (GCN) and the code lists. Everything hanging off a
// parcel is read "as of" a time across the parcel's versions (parcel_uid, migration 0012):
// the rows alive then. Personal data comes out whole here: the service masks it.
import type { Queryable } from '../../db/database.js';
import type { Holder, PersonalData } from './personal-data.js';

type Bilingual = { vi: string; en: string };

export interface PurposeRow {
  landUseCode: string;
  landUseName: Bilingual;
  area: number;
  /** YYYY-MM-DD; null: long-term use (sử dụng ổn định lâu dài) */
  termEnd: string | null;
  originCode: string;
  originName: Bilingual;
}

export interface AssetRow {
  id: string;
  assetUid: string;
  kind: string;
  description: string;
  footprintArea: number | null;
  floorArea: number | null;
  floors: number | null;
  structure: string | null;
  builtYear: number | null;
  plantedArea: number | null;
  ownershipTermEnd: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface AssetOwnerRow extends Holder {
  assetUid: string;
}

export interface CertificateRow {
  id: string;
  serial: string;
  form: string;
  entryNumber: string;
  issuedOn: string;
  issuer: string;
  status: string;
  validFrom: string;
  validTo: string | null;
  replacedBySerial: string | null;
}

export interface CertificateHolderRow extends PersonalData {
  certificateId: string;
  partyId: string;
  populationStatus: string;
}

const iso = (value: unknown): string => new Date(value as string).toISOString();
const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : iso(value));

export async function parcelUidOf(db: Queryable, parcelId: string): Promise<string> {
  const { rows } = await db.query<{ parcel_uid: string }>('select parcel_uid from parcel where id = $1', [parcelId]);
  return rows[0]!.parcel_uid;
}

/** The version of a parcel valid at a time: $1 parcel_uid, $2 time. */
export async function parcelVersionAt(db: Queryable, parcelUid: string, at: Date): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `select id from parcel where parcel_uid = $1 and valid_from <= $2 and (valid_to is null or valid_to > $2) order by valid_from desc limit 1`,
    [parcelUid, at],
  );
  return rows[0]?.id ?? null;
}

/** The purposes of one parcel version (they live as long as the version). */
export async function purposesOfVersion(db: Queryable, parcelId: string): Promise<PurposeRow[]> {
  const { rows } = await db.query<PurposeRow>(
    `select pp.land_use_code as "landUseCode", json_build_object('vi', c.name_vi, 'en', c.name_en) as "landUseName",
            pp.area::float8 as area, to_char(pp.term_end, 'YYYY-MM-DD') as "termEnd",
            pp.origin_code as "originCode", json_build_object('vi', o.name_vi, 'en', o.name_en) as "originName"
       from parcel_purpose pp
       join land_use_code c on c.code = pp.land_use_code
       join land_origin o on o.code = pp.origin_code
      where pp.parcel_id = $1
      order by pp.area desc, pp.land_use_code`,
    [parcelId],
  );
  return rows;
}

const ASSET_COLUMNS = `
  a.id, a.asset_uid as "assetUid", a.kind, a.description, a.footprint_area::float8 as "footprintArea",
  a.floor_area::float8 as "floorArea", a.floors, a.structure, a.built_year as "builtYear",
  a.planted_area::float8 as "plantedArea", to_char(a.ownership_term_end, 'YYYY-MM-DD') as "ownershipTermEnd",
  a.valid_from as "validFrom", a.valid_to as "validTo"`;

const asAsset = (row: AssetRow): AssetRow => ({ ...row, validFrom: iso(row.validFrom), validTo: isoOrNull(row.validTo) });

/** The assets on any version of the parcel that are alive at the time: $1 parcel_uid, $2 time. */
export async function assetsAt(db: Queryable, parcelUid: string, at: Date): Promise<AssetRow[]> {
  const { rows } = await db.query<AssetRow>(
    `select ${ASSET_COLUMNS}
       from parcel p join asset a on a.parcel_id = p.id
      where p.parcel_uid = $1 and a.valid_from <= $2 and (a.valid_to is null or a.valid_to > $2)
      order by a.kind, a.valid_from, a.id`,
    [parcelUid, at],
  );
  return rows.map(asAsset);
}

const HOLDER_COLUMNS = `
  y.id as "partyId", y.kind, y.full_name as "fullName", y.id_number as "idNumber", y.birth_year as "birthYear",
  y.address, y.population_status as "populationStatus"`;

/**
 * The owners of these assets at the time: ownership rights (land_right.asset_uid) on the
 * versions of the parcel. $1 parcel_uid, $2 asset uids, $3 time. Served by land_right's
 * parcel index (ownership rights belong to the parcel version the asset stands on).
 */
export async function assetOwnersAt(db: Queryable, parcelUid: string, assetUids: string[], at: Date): Promise<AssetOwnerRow[]> {
  if (assetUids.length === 0) return [];
  const { rows } = await db.query<AssetOwnerRow>(
    `select r.asset_uid as "assetUid", ${HOLDER_COLUMNS}, r.right_type as "rightType", r.share::float8 as share
       from parcel p
       join land_right r on r.parcel_id = p.id
       join party y on y.id = r.party_id
      where p.parcel_uid = $1 and r.asset_uid = any($2::uuid[])
        and r.valid_from <= $3 and (r.valid_to is null or r.valid_to > $3)
      order by r.asset_uid, r.share desc, y.full_name`,
    [parcelUid, assetUids, at],
  );
  return rows;
}

const CERTIFICATE_COLUMNS = `
  c.id, c.serial, c.form, c.entry_number as "entryNumber", to_char(c.issued_on, 'YYYY-MM-DD') as "issuedOn", c.issuer,
  c.status, c.valid_from as "validFrom", c.valid_to as "validTo", r.serial as "replacedBySerial"`;

const asCertificate = (row: CertificateRow): CertificateRow => ({ ...row, validFrom: iso(row.validFrom), validTo: isoOrNull(row.validTo) });

/** The certificates covering a parcel's identity valid at the time: $1 parcel_uid, $2 time. */
export async function certificatesAt(db: Queryable, parcelUid: string, at: Date): Promise<CertificateRow[]> {
  const { rows } = await db.query<CertificateRow>(
    `select ${CERTIFICATE_COLUMNS}
       from certificate_parcel cp
       join certificate c on c.id = cp.certificate_id
       left join certificate r on r.id = c.replaced_by
      where cp.parcel_uid = $1 and c.valid_from <= $2 and (c.valid_to is null or c.valid_to > $2)
      order by c.valid_from, c.serial`,
    [parcelUid, at],
  );
  return rows.map(asCertificate);
}

/** The holders written on these certificates. */
export async function certificateHolders(db: Queryable, certificateIds: string[]): Promise<CertificateHolderRow[]> {
  if (certificateIds.length === 0) return [];
  const { rows } = await db.query<CertificateHolderRow>(
    `select h.certificate_id as "certificateId", ${HOLDER_COLUMNS}
       from certificate_holder h join party y on y.id = h.party_id
      where h.certificate_id = any($1::uuid[])
      order by h.certificate_id, y.full_name`,
    [certificateIds],
  );
  return rows;
}

export async function certificateBySerial(db: Queryable, serial: string): Promise<CertificateRow | null> {
  const { rows } = await db.query<CertificateRow>(
    `select ${CERTIFICATE_COLUMNS}
       from certificate c left join certificate r on r.id = c.replaced_by
      where c.serial = $1`,
    [serial],
  );
  return rows[0] ? asCertificate(rows[0]) : null;
}

export interface CertificateParcelRow {
  parcelUid: string;
  /** the unit the parcel was registered under (scope is checked on it) */
  unitId: number;
  unitCode: string;
  unitName: string;
  sheetNumber: number;
  parcelNumber: number;
  /** false when the latest version has ended (the parcel was split, merged, …) */
  live: boolean;
}

/** The parcels a certificate covers, each by its latest version, live or not. */
export async function certificateParcels(db: Queryable, certificateId: string): Promise<CertificateParcelRow[]> {
  const { rows } = await db.query<CertificateParcelRow>(
    `select distinct on (p.parcel_uid)
            p.parcel_uid as "parcelUid", p.unit_id as "unitId", u.code as "unitCode", u.kind || ' ' || u.name as "unitName",
            p.sheet_number as "sheetNumber", p.parcel_number as "parcelNumber", p.valid_to is null as live
       from certificate_parcel cp
       join parcel p on p.parcel_uid = cp.parcel_uid
       join admin_unit u on u.id = p.unit_id
      where cp.certificate_id = $1
      order by p.parcel_uid, p.valid_from desc`,
    [certificateId],
  );
  return rows.map((row) => ({ ...row, unitId: Number(row.unitId) }))
    .sort((a, b) => a.unitCode.localeCompare(b.unitCode) || a.sheetNumber - b.sheetNumber || a.parcelNumber - b.parcelNumber);
}

/** The assets a certificate covers, each by its latest version. */
export async function certificateAssets(db: Queryable, certificateId: string): Promise<AssetRow[]> {
  const { rows } = await db.query<AssetRow>(
    `select distinct on (a.asset_uid) ${ASSET_COLUMNS}
       from certificate_asset ca join asset a on a.asset_uid = ca.asset_uid
      where ca.certificate_id = $1
      order by a.asset_uid, a.valid_from desc`,
    [certificateId],
  );
  return rows.map(asAsset);
}

export interface CodeRow {
  code: string;
  name: Bilingual;
}

export interface CodeLists {
  partyKinds: Array<CodeRow & { isPerson: boolean }>;
  landOrigins: CodeRow[];
  changeTypes: CodeRow[];
}

/** The code lists kept as tables (migrations 0008, 0012), in one round trip. */
export async function codeListTables(db: Queryable): Promise<CodeLists> {
  const { rows } = await db.query<CodeLists>(
    `select
       (select json_agg(json_build_object('code', code, 'name', json_build_object('vi', name_vi, 'en', name_en), 'isPerson', is_person) order by code) from party_kind) as "partyKinds",
       (select json_agg(json_build_object('code', code, 'name', json_build_object('vi', name_vi, 'en', name_en)) order by code) from land_origin) as "landOrigins",
       (select json_agg(json_build_object('code', code, 'name', json_build_object('vi', name_vi, 'en', name_en)) order by code) from change_type) as "changeTypes"`,
  );
  const row = rows[0]!;
  return { partyKinds: row.partyKinds ?? [], landOrigins: row.landOrigins ?? [], changeTypes: row.changeTypes ?? [] };
}
