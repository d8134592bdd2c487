// Use cases of the land record's content (issue #4): a parcel's purposes, assets and
// certificates as of a time, a certificate by its serial, and the code lists. Personal
// data (asset owners, certificate holders) is masked unless the caller reads personal
// data on the unit (P4); every unmasked read is logged, as getHolders does.
import type { Database, Queryable } from '../../db/database.js';
import { actAs, appendAudit, type Actor } from '../audit/index.js';
import { errors } from '../../kernel/app-error.js';
import { maskHolder, type Holder, type PersonalData } from './personal-data.js';
import { getParcel } from './parcels.service.js';
import type { CERTIFICATE_FORM_CODES } from './change-rules.js';
import type { ParcelKey } from './parcels.repo.js';
import {
  assetOwnersAt, assetsAt, certificateAssets, certificateBySerial, certificateHolders, certificateParcels, certificatesAt,
  codeListTables, parcelUidOf, parcelVersionAt, purposesOfVersion,
  type AssetRow, type CertificateParcelRow, type CertificateRow, type CodeLists, type CodeRow, type PurposeRow,
} from './records.repo.js';

export type CertificateHolder = PersonalData & { partyId: string; populationStatus: string };

export interface AssetRecord extends AssetRow {
  /** ownership rights on the asset at the time (land_right with asset_uid) */
  owners: Holder[];
}

export interface CertificateRecord extends CertificateRow {
  holders: CertificateHolder[];
}

export interface ParcelRecords {
  /** the parcel version valid at the time (null: the parcel did not exist yet) */
  versionId: string | null;
  masked: boolean;
  purposes: PurposeRow[];
  assets: AssetRecord[];
  certificates: CertificateRecord[];
}

const PERSONAL_FIELDS = ['fullName', 'idNumber', 'birthYear', 'address'];

/**
 * The record of a parcel identity (parcel_uid) as of a time: the purposes of the version
 * valid then, the assets alive then with their owners, the certificates valid then
 * (valid_from ≤ at < valid_to) with their holders. Masked unless mayReadPersonal.
 * Logs nothing: a caller that shows an unmasked result logs it with logPersonalRead
 * (partiesIn tells whose data it holds), once for all the dates it compares.
 */
export async function recordsAsOf(db: Queryable, parcelUid: string, at: Date, mayReadPersonal: boolean): Promise<ParcelRecords> {
  const [versionId, assets, certificates] = await Promise.all([
    parcelVersionAt(db, parcelUid, at),
    assetsAt(db, parcelUid, at),
    certificatesAt(db, parcelUid, at),
  ]);
  const [purposes, owners, holders] = await Promise.all([
    versionId === null ? Promise.resolve([]) : purposesOfVersion(db, versionId),
    assetOwnersAt(db, parcelUid, assets.map((a) => a.assetUid), at),
    certificateHolders(db, certificates.map((c) => c.id)),
  ]);
  const shown = <T extends PersonalData>(party: T): T => (mayReadPersonal ? party : maskHolder(party));
  return {
    versionId,
    masked: !mayReadPersonal,
    purposes,
    assets: assets.map((asset) => ({
      ...asset,
      owners: owners.filter((o) => o.assetUid === asset.assetUid).map(({ assetUid: _a, ...owner }) => shown(owner)),
    })),
    certificates: certificates.map((certificate) => ({
      ...certificate,
      holders: holders.filter((h) => h.certificateId === certificate.id).map(({ certificateId: _c, ...holder }) => shown(holder)),
    })),
  };
}

/** The parties whose personal data a record shows (none when it is masked). */
export function partiesIn(records: Pick<ParcelRecords, 'masked' | 'assets' | 'certificates'>): string[] {
  if (records.masked) return [];
  const ids = [...records.assets.flatMap((a) => a.owners), ...records.certificates.flatMap((c) => c.holders)].map((p) => p.partyId);
  return [...new Set(ids)];
}

/** Logs an unmasked read of these parties' personal data (P4); nothing when there are none. */
export async function logPersonalRead(db: Database, actor: Actor, objectType: string, objectId: string, parties: string[], extra: Record<string, unknown> = {}): Promise<void> {
  if (parties.length === 0) return;
  await actAs(db, actor, (tx) =>
    appendAudit(tx, actor, { action: 'read.personal', objectType, objectId, details: { parties, fields: PERSONAL_FIELDS, ...extra } }),
  );
}

/** GET …/records: the live parcel by its key, its record as of `at`. */
export async function getParcelRecords(
  db: Database,
  actor: Actor,
  key: ParcelKey,
  mayReadPersonal: boolean,
  at: Date,
): Promise<ParcelRecords & { parcelId: string; asOf: string }> {
  const parcel = await getParcel(db, key.unitCode, key.sheetNumber, key.parcelNumber);
  const parcelUid = await parcelUidOf(db, parcel.id);
  const records = await recordsAsOf(db, parcelUid, at, mayReadPersonal);
  await logPersonalRead(db, actor, 'parcel', parcel.id, partiesIn(records), { record: 'records', asOf: at.toISOString() });
  return { parcelId: parcel.id, asOf: at.toISOString(), ...records };
}

export interface CertificateDetail extends CertificateRow {
  formName: { vi: string; en: string };
  masked: boolean;
  parcels: Array<Omit<CertificateParcelRow, 'unitId'>>;
  assets: AssetRow[];
  holders: CertificateHolder[];
}

/** What the certificate look-up needs of the caller, per unit id of the certificate's parcels. */
export interface CertificateCaller {
  actor: Actor;
  mayRead: (unitId: number) => boolean;
  mayReadPersonal: (unitId: number) => boolean;
}

/**
 * A certificate by its serial. Not found, and found only on units the caller does not
 * read, answer the same 404 (the answer must not tell that the serial exists). Holders
 * are unmasked only when the caller reads personal data on every unit it covers.
 */
export async function getCertificate(db: Database, caller: CertificateCaller, serial: string): Promise<CertificateDetail> {
  const notFound = () => errors.notFound({ vi: `Giấy chứng nhận số phát hành ${serial}`, en: `Certificate with serial ${serial}` }, { field: 'serial', serial });
  const certificate = await certificateBySerial(db, serial);
  if (!certificate) throw notFound();
  const parcels = await certificateParcels(db, certificate.id);
  if (!parcels.some((p) => caller.mayRead(p.unitId))) throw notFound();
  const mayReadPersonal = parcels.every((p) => caller.mayReadPersonal(p.unitId));
  const [assets, holders] = await Promise.all([certificateAssets(db, certificate.id), certificateHolders(db, [certificate.id])]);
  const shown = holders.map(({ certificateId: _c, ...h }) => (mayReadPersonal ? h : maskHolder(h)));
  if (mayReadPersonal) await logPersonalRead(db, caller.actor, 'certificate', certificate.id, shown.map((h) => h.partyId), { serial });
  return {
    ...certificate,
    formName: CERTIFICATE_FORMS.find((f) => f.code === certificate.form)?.name ?? { vi: certificate.form, en: certificate.form },
    masked: !mayReadPersonal,
    parcels: parcels.map(({ unitId: _u, ...p }) => p),
    assets,
    holders: shown,
  };
}

/** Kinds of assets attached to land (Luật Đất đai 2024 Điều 3.27; Nghị định 101/2024 Điều 31-34): asset.kind. */
export const ASSET_KINDS: CodeRow[] = [
  { code: 'house', name: { vi: 'Nhà ở riêng lẻ', en: 'Detached house' } },
  { code: 'building', name: { vi: 'Công trình xây dựng không phải là nhà ở', en: 'Building other than housing' } },
  { code: 'perennial_tree', name: { vi: 'Cây lâu năm', en: 'Perennial trees' } },
  { code: 'production_forest', name: { vi: 'Rừng sản xuất là rừng trồng', en: 'Planted production forest' } },
  { code: 'other', name: { vi: 'Tài sản khác gắn liền với đất', en: 'Other asset attached to land' } },
];

/** Certificate forms: earlier certificates stay valid (Luật Đất đai 2024, transitional provisions, Điều 256 (verify)): certificate.form. */
export const CERTIFICATE_FORMS: Array<CodeRow & { code: (typeof CERTIFICATE_FORM_CODES)[number] }> = [
  { code: 'gcn_2024', name: { vi: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất (mẫu Thông tư 10/2024/TT-BTNMT)', en: 'Certificate of land-use rights and ownership of attached assets (2024 form)' } },
  { code: 'gcn_2014', name: { vi: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất (mẫu Thông tư 23/2014/TT-BTNMT)', en: 'Certificate of land-use rights, ownership of houses and other attached assets (2014 form)' } },
  { code: 'gcn_2009', name: { vi: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất (mẫu Thông tư 17/2009/TT-BTNMT)', en: 'Certificate of land-use rights, ownership of houses and other attached assets (2009 form)' } },
  { code: 'gcn_qsdd', name: { vi: 'Giấy chứng nhận quyền sử dụng đất (trước ngày 10/12/2009)', en: 'Land-use right certificate (before 10 Dec 2009)' } },
  { code: 'so_hong', name: { vi: 'Giấy chứng nhận quyền sở hữu nhà ở và quyền sử dụng đất ở (trước ngày 10/12/2009)', en: 'Certificate of house ownership and residential land-use rights (before 10 Dec 2009)' } },
];

/** The documents a party is identified by: party.id_kind (migration 0012). */
export const ID_KINDS: CodeRow[] = [
  { code: 'cccd', name: { vi: 'Căn cước công dân, thẻ căn cước', en: 'Citizen identity card' } },
  { code: 'cmnd', name: { vi: 'Chứng minh nhân dân', en: "People's identity card (former)" } },
  { code: 'passport', name: { vi: 'Hộ chiếu', en: 'Passport' } },
  { code: 'enterprise_registration', name: { vi: 'Giấy chứng nhận đăng ký doanh nghiệp', en: 'Enterprise registration certificate' } },
  { code: 'establishment_decision', name: { vi: 'Quyết định thành lập', en: 'Establishment decision' } },
  { code: 'other', name: { vi: 'Giấy tờ khác', en: 'Other document' } },
];

export interface AllCodeLists extends CodeLists {
  assetKinds: CodeRow[];
  certificateForms: CodeRow[];
  idKinds: CodeRow[];
}

export async function getCodeLists(db: Queryable): Promise<AllCodeLists> {
  return { ...(await codeListTables(db)), assetKinds: ASSET_KINDS, certificateForms: CERTIFICATE_FORMS, idKinds: ID_KINDS };
}
