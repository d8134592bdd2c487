// SQL of scanned documents (migration 0018). Rows are appended; the only update ends a
// version (valid_to) when the next one starts.
import type { Queryable } from '../../db/database.js';

export type LinkKind = 'parcel' | 'certificate' | 'party' | 'change' | 'account' | 'dossier';

export interface LinkTarget {
  kind: LinkKind;
  /** parcel_uid, certificate id, party id, change id, account id, or the dossier reference */
  ref: string;
}

export interface DocumentRow {
  id: string;
  documentUid: string;
  version: number;
  documentType: string;
  number: string | null;
  issuedOn: string | null;
  issuer: string | null;
  title: string;
  pages: number | null;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  fileName: string | null;
  containsPersonalData: boolean;
  uploadedBy: string | null;
  /** the uploader's full name (an officer, not a land user: shown to readers of the record) */
  uploadedByName: string | null;
  uploadedAt: string;
  validFrom: string;
  validTo: string | null;
}

export interface LinkRow {
  kind: LinkKind;
  ref: string;
  unitId: number;
  unitCode: string;
}

export type NewDocument = Omit<DocumentRow, 'id' | 'uploadedByName' | 'uploadedAt' | 'validFrom' | 'validTo'> & { at: Date };

const COLUMNS = `d.id, d.document_uid as "documentUid", d.version, d.document_type as "documentType", d.number,
  d.issued_on as "issuedOn", d.issuer, d.title, d.pages, d.media_type as "mediaType", d.size_bytes as "sizeBytes",
  d.sha256, d.file_name as "fileName", d.contains_personal_data as "containsPersonalData", d.uploaded_by as "uploadedBy",
  (select a.full_name from account a where a.id = d.uploaded_by) as "uploadedByName",
  to_char(d.uploaded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "uploadedAt",
  to_char(d.valid_from at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "validFrom",
  to_char(d.valid_to at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "validTo"`;

export async function documentTypeExists(db: Queryable, code: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from document_type where code = $1', [code]);
  return rows.length > 0;
}

export async function listDocumentTypes(db: Queryable): Promise<Array<{ code: string; nameVi: string; nameEn: string }>> {
  const { rows } = await db.query<{ code: string; nameVi: string; nameEn: string }>(
    'select code, name_vi as "nameVi", name_en as "nameEn" from document_type order by code',
  );
  return rows;
}

/** The unit of a parcel identity: its newest version's unit. */
export async function parcelUnit(db: Queryable, parcelUid: string): Promise<number | null> {
  const { rows } = await db.query<{ unit_id: number }>(
    'select unit_id from parcel where parcel_uid = $1::uuid order by valid_from desc limit 1',
    [parcelUid],
  );
  return rows[0]?.unit_id ?? null;
}

/** A certificate by serial and the unit of the first parcel it covers. */
export async function certificateUnit(db: Queryable, serial: string): Promise<{ id: string; unitId: number } | null> {
  const { rows } = await db.query<{ id: string; unit_id: number }>(
    `select c.id, (select p.unit_id from certificate_parcel cp join parcel p on p.parcel_uid = cp.parcel_uid
                    where cp.certificate_id = c.id order by cp.parcel_uid, p.valid_from desc limit 1) as unit_id
       from certificate c where c.serial = $1`,
    [serial],
  );
  const row = rows[0];
  return row && row.unit_id !== null ? { id: row.id, unitId: row.unit_id } : null;
}

export async function certificateIdOfSerial(db: Queryable, serial: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>('select id from certificate where serial = $1', [serial]);
  return rows[0]?.id ?? null;
}

/** The unit of a change transaction: its parcel's unit. */
export async function changeUnit(db: Queryable, changeId: string): Promise<number | null> {
  const { rows } = await db.query<{ unit_id: number }>(
    'select p.unit_id from land_change c join parcel p on p.id = c.parcel_id where c.id = $1::uuid',
    [changeId],
  );
  return rows[0]?.unit_id ?? null;
}

export async function partyExists(db: Queryable, partyId: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from party where id = $1::uuid', [partyId]);
  return rows.length > 0;
}

export async function accountExists(db: Queryable, accountId: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from account where id = $1::uuid', [accountId]);
  return rows.length > 0;
}

/** The unit holding this code today. */
export async function liveUnitId(db: Queryable, code: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('select id from admin_unit where code = $1 and valid_to is null', [code]);
  return rows[0]?.id ?? null;
}

export async function insertDocument(db: Queryable, doc: NewDocument): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into document (document_uid, version, document_type, number, issued_on, issuer, title, pages, media_type,
                           size_bytes, sha256, file_name, contains_personal_data, uploaded_by, uploaded_at, valid_from)
     values ($1::uuid, $2::int, $3, $4, $5::date, $6, $7, $8::int, $9, $10::bigint, $11, $12, $13::boolean, $14::uuid, $15::timestamptz, $15::timestamptz)
     returning id`,
    [doc.documentUid, doc.version, doc.documentType, doc.number, doc.issuedOn, doc.issuer, doc.title, doc.pages, doc.mediaType,
     doc.sizeBytes, doc.sha256, doc.fileName, doc.containsPersonalData, doc.uploadedBy, doc.at.toISOString()],
  );
  return rows[0]!.id;
}

/** The column of document_link that names each kind of record (fixed names: never from input). */
const LINK_COLUMN = { parcel: 'parcel_uid', certificate: 'certificate_id', party: 'party_id', change: 'change_id', account: 'account_id', dossier: 'dossier_ref' } as const;

export async function insertLink(db: Queryable, documentUid: string, target: LinkTarget, unitId: number, createdBy: string | null, at: Date): Promise<void> {
  const column = LINK_COLUMN[target.kind];
  const cast = target.kind === 'dossier' ? '$3::text' : '$3::uuid';
  await db.query(
    `insert into document_link (document_uid, kind, ${column}, unit_id, created_by, valid_from)
     values ($1::uuid, $2, ${cast}, $4::bigint, $5::uuid, $6::timestamptz)`,
    [documentUid, target.kind, target.ref, unitId, createdBy, at.toISOString()],
  );
}

/** The current version of a document, locked until the transaction ends (the next version waits). */
export async function currentVersionForUpdate(db: Queryable, documentUid: string): Promise<DocumentRow | null> {
  const { rows } = await db.query<DocumentRow>(
    `select ${COLUMNS} from document d where d.document_uid = $1::uuid and d.valid_to is null for update`,
    [documentUid],
  );
  return rows[0] ?? null;
}

export async function endVersion(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('update document set valid_to = $2::timestamptz where id = $1::uuid and valid_to is null', [id, at.toISOString()]);
}

export async function findDocument(db: Queryable, id: string): Promise<DocumentRow | null> {
  const { rows } = await db.query<DocumentRow>(`select ${COLUMNS} from document d where d.id = $1::uuid`, [id]);
  return rows[0] ?? null;
}

export async function currentDocument(db: Queryable, documentUid: string): Promise<DocumentRow | null> {
  const { rows } = await db.query<DocumentRow>(`select ${COLUMNS} from document d where d.document_uid = $1::uuid and d.valid_to is null`, [documentUid]);
  return rows[0] ?? null;
}

export async function versionsOf(db: Queryable, documentUid: string): Promise<DocumentRow[]> {
  const { rows } = await db.query<DocumentRow>(`select ${COLUMNS} from document d where d.document_uid = $1::uuid order by d.version`, [documentUid]);
  return rows;
}

/** The live links of documents. */
export async function linksOf(db: Queryable, documentUids: string[]): Promise<Map<string, LinkRow[]>> {
  const map = new Map<string, LinkRow[]>();
  if (documentUids.length === 0) return map;
  const { rows } = await db.query<LinkRow & { documentUid: string }>(
    `select l.document_uid as "documentUid", l.kind,
            coalesce(l.parcel_uid::text, l.certificate_id::text, l.party_id::text, l.change_id::text, l.account_id::text, l.dossier_ref) as ref,
            l.unit_id as "unitId", u.code as "unitCode"
       from document_link l join admin_unit u on u.id = l.unit_id
      where l.document_uid = any($1::uuid[]) and l.valid_to is null
      order by l.valid_from, l.id`,
    [documentUids],
  );
  for (const { documentUid, ...link } of rows) {
    const list = map.get(documentUid) ?? [];
    list.push(link);
    map.set(documentUid, list);
  }
  return map;
}

/** Current versions of the documents linked to one record. */
export async function documentsLinkedTo(db: Queryable, target: LinkTarget, limit: number): Promise<DocumentRow[]> {
  const column = LINK_COLUMN[target.kind];
  const cast = target.kind === 'dossier' ? '$1::text' : '$1::uuid';
  const { rows } = await db.query<DocumentRow>(
    `select ${COLUMNS} from document d
      where d.valid_to is null
        and d.document_uid in (select l.document_uid from document_link l where l.${column} = ${cast} and l.valid_to is null)
      order by d.uploaded_at desc, d.id limit $2::int`,
    [target.ref, limit],
  );
  return rows;
}

/** Every object the metadata references (all versions: old versions are kept too). */
export async function referencedObjects(db: Queryable): Promise<Array<{ sha256: string; sizeBytes: number; documents: number }>> {
  const { rows } = await db.query<{ sha256: string; sizeBytes: number; documents: number }>(
    'select sha256, max(size_bytes) as "sizeBytes", count(*)::int as documents from document group by sha256 order by sha256',
  );
  return rows;
}

export async function unitCodeOf(db: Queryable, unitId: number): Promise<string | null> {
  const { rows } = await db.query<{ code: string }>('select code from admin_unit where id = $1::bigint', [unitId]);
  return rows[0]?.code ?? null;
}
