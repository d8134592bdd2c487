// Scanned documents (S-SCAN, issue #9): upload, new versions, lists, metadata and
// download, with the unit scope of the records they belong to. Who may do what:
//  - upload and new versions: cadastre.edit on the unit of the linked record (the officers
//    who keep the record keep its scans; no separate permission, so roles stay as seeded);
//  - list, metadata, download: cadastre.read on the unit of one of the document's links;
//    a document outside the caller's units is "not found" (its existence is not revealed);
//  - documents with personal data (Nghị định 13/2023; P4): the download also needs
//    cadastre.read_personal on such a unit, and every such download is written to the
//    audit log (action read.personal, object document); the bytes sent are a PDF copy
//    stamped with the viewer's name (watermark.ts), never the original.
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import type { Database } from '../../db/database.js';
import { AppError, errors } from '../../kernel/app-error.js';
import type { Clock } from '../../kernel/clock.js';
import { actAs, appendAudit, type Actor } from '../audit/index.js';
import type { DocumentStore } from './document-store.js';
import { contentDisposition, safeFileName, type MediaType } from './media.js';
import { storeFile, type StoredFile } from './stored-file.js';
import { watermarkCopy, type WatermarkViewer } from './watermark.js';
import {
  accountExists, certificateIdOfSerial, certificateUnit, changeUnit, currentDocument, currentVersionForUpdate, documentsLinkedTo,
  documentTypeExists, endVersion, findDocument, insertDocument, insertLink, linksOf, liveUnitId, parcelUnit, partyExists, unitCodeOf, versionsOf,
  type DocumentRow, type LinkKind, type LinkRow, type LinkTarget,
} from './documents.repo.js';

export interface DocumentsDeps {
  db: Database;
  clock: Clock;
  store: DocumentStore;
  /** largest accepted file, in bytes (LIS_DOCUMENT_MAX_MB) */
  maxBytes: number;
}

/** What the caller may do on a unit (from the session's grants; the route builds it). */
export interface DocumentCaller {
  actor: Actor;
  may(permission: 'cadastre.read' | 'cadastre.read_personal' | 'cadastre.edit', unitId: number): boolean;
  /** the person, as stamped on copies of documents with personal data (the actor's name when absent) */
  viewer?: WatermarkViewer | undefined;
}

/** The record a new document belongs to: exactly one of these, as the upload names it. */
export interface LinkInput {
  parcelUid?: string | undefined;
  certificateSerial?: string | undefined;
  changeId?: string | undefined;
  partyId?: string | undefined;
  accountId?: string | undefined;
  dossierRef?: string | undefined;
  /** the unit a party, account or dossier document is filed under (those records have no unit of their own) */
  unitCode?: string | undefined;
}

export interface DocumentMetadata {
  documentType: string;
  title: string;
  number?: string | undefined;
  issuedOn?: string | undefined;
  issuer?: string | undefined;
  containsPersonalData: boolean;
  fileName?: string | undefined;
}

export interface DocumentView extends Omit<DocumentRow, 'uploadedBy'> {
  uploadedBy: string | null;
  links: Array<{ kind: LinkKind; ref: string; unitCode: string }>;
}

/** bytes of a PDF or TIFF kept in memory to count its pages; a larger file's pages stay unknown */
const PAGE_COUNT_BYTES = 32 * 1024 * 1024;

const forbiddenOn = (unitCode: string) =>
  new AppError(
    'FORBIDDEN',
    { vi: `Tài khoản không có quyền "cadastre.edit" trên đơn vị ${unitCode} của hồ sơ liên kết`, en: `The account lacks "cadastre.edit" on unit ${unitCode} of the linked record` },
    { permission: 'cadastre.edit', unitCode },
  );

const documentNotFound = (id: string) => errors.notFound({ vi: `tài liệu ${id}`, en: `Document ${id}` }, { id });

/** The one record named by the upload, checked to exist, with the unit that scopes it. */
async function resolveLink(db: Database, input: LinkInput): Promise<{ target: LinkTarget; unitId: number }> {
  const given = (['parcelUid', 'certificateSerial', 'changeId', 'partyId', 'accountId', 'dossierRef'] as const).filter((k) => input[k] !== undefined);
  if (given.length !== 1) {
    throw errors.invalid(
      {
        vi: 'Cần đúng một hồ sơ liên kết: parcelUid, certificateSerial, changeId, partyId, accountId hoặc dossierRef',
        en: 'Exactly one linked record is needed: parcelUid, certificateSerial, changeId, partyId, accountId or dossierRef',
      },
      { field: 'link', given },
    );
  }
  const field = given[0]!;
  const value = input[field]!;
  const missing = () => errors.invalid({ vi: `Không tìm thấy hồ sơ liên kết ${field} = ${value}`, en: `Linked record ${field} = ${value} not found` }, { field });
  switch (field) {
    case 'parcelUid': {
      const unitId = await parcelUnit(db, value);
      if (unitId === null) throw missing();
      return { target: { kind: 'parcel', ref: value }, unitId };
    }
    case 'certificateSerial': {
      const found = await certificateUnit(db, value);
      if (!found) throw missing();
      return { target: { kind: 'certificate', ref: found.id }, unitId: found.unitId };
    }
    case 'changeId': {
      const unitId = await changeUnit(db, value);
      if (unitId === null) throw missing();
      return { target: { kind: 'change', ref: value }, unitId };
    }
    default: {
      if (field === 'partyId' && !(await partyExists(db, value))) throw missing();
      if (field === 'accountId' && !(await accountExists(db, value))) throw missing();
      if (!input.unitCode) {
        throw errors.invalid({ vi: `Cần unitCode: đơn vị lưu hồ sơ cho ${field}`, en: `unitCode is required: the unit that files a ${field} document` }, { field: 'unitCode' });
      }
      const unitId = await liveUnitId(db, input.unitCode);
      if (unitId === null) throw errors.invalid({ vi: `Không có đơn vị hành chính ${input.unitCode}`, en: `No administrative unit ${input.unitCode}` }, { field: 'unitCode' });
      const kind = ({ partyId: 'party', accountId: 'account', dossierRef: 'dossier' } as const)[field];
      return { target: { kind, ref: value }, unitId };
    }
  }
}

/** Type checked by content, bytes stored (never visible half-written), pages counted. */
function storeUpload(deps: DocumentsDeps, stream: Readable): Promise<StoredFile> {
  return storeFile(deps.store, stream, { maxBytes: deps.maxBytes, pageCountBytes: PAGE_COUNT_BYTES, onRefused: 'drain' });
}

function view(row: DocumentRow, links: LinkRow[]): DocumentView {
  return { ...row, links: links.map(({ kind, ref, unitCode }) => ({ kind, ref, unitCode })) };
}

async function checkType(deps: DocumentsDeps, code: string): Promise<void> {
  if (!(await documentTypeExists(deps.db, code))) {
    throw errors.invalid({ vi: `Loại tài liệu không có trong danh mục: ${code}`, en: `Document type not in the code list: ${code}` }, { field: 'documentType' });
  }
}

/** Checks the metadata and the caller's right on the linked record, then stores the file. */
export async function uploadDocument(
  deps: DocumentsDeps,
  caller: DocumentCaller,
  meta: DocumentMetadata & { link: LinkInput },
  file: Readable,
): Promise<DocumentView> {
  await checkType(deps, meta.documentType);
  const { target, unitId } = await resolveLink(deps.db, meta.link);
  if (!caller.may('cadastre.edit', unitId)) {
    file.resume();
    throw forbiddenOn((await unitCodeOf(deps.db, unitId)) ?? String(unitId));
  }
  const stored = await storeUpload(deps, file);
  const at = deps.clock.now();
  const documentUid = crypto.randomUUID();
  const id = await actAs(deps.db, caller.actor, async (tx) => {
    const newId = await insertDocument(tx, {
      documentUid, version: 1, documentType: meta.documentType, number: meta.number ?? null, issuedOn: meta.issuedOn ?? null,
      issuer: meta.issuer ?? null, title: meta.title, pages: stored.pages, mediaType: stored.media, sizeBytes: stored.size,
      sha256: stored.sha256, fileName: meta.fileName ?? null, containsPersonalData: meta.containsPersonalData,
      uploadedBy: caller.actor.id, at,
    });
    await insertLink(tx, documentUid, target, unitId, caller.actor.id, at);
    return newId;
  });
  return loadView(deps, id);
}

/** The view of a document just written (the caller's right was checked before writing). */
async function loadView(deps: Pick<DocumentsDeps, 'db'>, id: string): Promise<DocumentView> {
  const row = (await findDocument(deps.db, id))!;
  return view(row, (await linksOf(deps.db, [row.documentUid])).get(row.documentUid) ?? []);
}

/** A new version of a document: the current one ends, the new one starts; the links carry over. */
export async function addVersion(
  deps: DocumentsDeps,
  caller: DocumentCaller,
  documentUid: string,
  meta: Partial<DocumentMetadata>,
  file: Readable,
): Promise<DocumentView> {
  const current = await currentDocument(deps.db, documentUid);
  const links = current ? (await linksOf(deps.db, [documentUid])).get(documentUid) ?? [] : [];
  if (!current || !links.some((l) => caller.may('cadastre.read', l.unitId))) {
    file.resume();
    throw documentNotFound(documentUid);
  }
  const editable = links.find((l) => caller.may('cadastre.edit', l.unitId));
  if (!editable) {
    file.resume();
    throw forbiddenOn(links[0]!.unitCode);
  }
  if (meta.documentType !== undefined) await checkType(deps, meta.documentType);
  const stored = await storeUpload(deps, file);
  const at = deps.clock.now();
  const id = await actAs(deps.db, caller.actor, async (tx) => {
    const previous = await currentVersionForUpdate(tx, documentUid);
    if (!previous) throw documentNotFound(documentUid);
    // the clock may not go back before the version it ends
    const start = new Date(Math.max(at.getTime(), Date.parse(previous.validFrom)));
    await endVersion(tx, previous.id, start);
    return insertDocument(tx, {
      documentUid, version: previous.version + 1,
      documentType: meta.documentType ?? previous.documentType,
      number: meta.number ?? previous.number, issuedOn: meta.issuedOn ?? previous.issuedOn, issuer: meta.issuer ?? previous.issuer,
      title: meta.title ?? previous.title, pages: stored.pages, mediaType: stored.media, sizeBytes: stored.size, sha256: stored.sha256,
      fileName: meta.fileName ?? null, containsPersonalData: meta.containsPersonalData ?? previous.containsPersonalData,
      uploadedBy: caller.actor.id, at: start,
    });
  });
  return loadView(deps, id);
}

/** A document's metadata (any version, by its id), when one of its links is in the caller's units. */
export async function getDocument(deps: Pick<DocumentsDeps, 'db'>, caller: DocumentCaller, id: string): Promise<DocumentView> {
  const row = await findDocument(deps.db, id);
  const links = row ? (await linksOf(deps.db, [row.documentUid])).get(row.documentUid) ?? [] : [];
  if (!row || !links.some((l) => caller.may('cadastre.read', l.unitId))) throw documentNotFound(id);
  return view(row, links);
}

/** Every version of a document (oldest first), when one of its links is in the caller's units. */
export async function listVersions(deps: Pick<DocumentsDeps, 'db'>, caller: DocumentCaller, documentUid: string): Promise<DocumentView[]> {
  const links = (await linksOf(deps.db, [documentUid])).get(documentUid) ?? [];
  if (!links.some((l) => caller.may('cadastre.read', l.unitId))) throw documentNotFound(documentUid);
  return (await versionsOf(deps.db, documentUid)).map((row) => view(row, links));
}

export type ListFilter = { parcel: string } | { certificate: string } | { change: string };

/** The current documents of a parcel (identity), a certificate (serial) or a change, within the caller's units. */
export async function listDocuments(deps: Pick<DocumentsDeps, 'db'>, caller: DocumentCaller, filter: ListFilter, limit: number): Promise<DocumentView[]> {
  let target: LinkTarget;
  if ('parcel' in filter) target = { kind: 'parcel', ref: filter.parcel };
  else if ('change' in filter) target = { kind: 'change', ref: filter.change };
  else {
    const id = await certificateIdOfSerial(deps.db, filter.certificate);
    if (!id) return [];
    target = { kind: 'certificate', ref: id };
  }
  const rows = await documentsLinkedTo(deps.db, target, limit);
  const links = await linksOf(deps.db, rows.map((r) => r.documentUid));
  return rows
    .map((row) => view(row, links.get(row.documentUid) ?? []))
    .filter((doc) => (links.get(doc.documentUid) ?? []).some((l) => caller.may('cadastre.read', l.unitId)));
}

export interface DocumentContent {
  stream: Readable;
  mediaType: string;
  size: number;
  /** the hash of the bytes sent: the original's, or the stamped copy's */
  sha256: string;
  disposition: string;
  /** set when the bytes are a stamped PDF copy: the original's hash */
  watermarkedFrom?: string;
}

/** The bytes of a document for download; personal data needs cadastre.read_personal and is logged. */
export async function openContent(deps: DocumentsDeps, caller: DocumentCaller, id: string): Promise<DocumentContent> {
  const doc = await getDocument(deps, caller, id);
  const links = (await linksOf(deps.db, [doc.documentUid])).get(doc.documentUid) ?? [];
  if (doc.containsPersonalData) {
    const unit = links.find((l) => caller.may('cadastre.read_personal', l.unitId));
    if (!unit) {
      throw new AppError(
        'FORBIDDEN',
        {
          vi: 'Tài liệu có thông tin cá nhân: cần quyền "cadastre.read_personal" trên đơn vị của hồ sơ (Nghị định 13/2023)',
          en: 'The document holds personal data: "cadastre.read_personal" on the record\'s unit is needed (Decree 13/2023)',
        },
        { permission: 'cadastre.read_personal', id },
      );
    }
    // P4: access to personal data is logged, before a byte leaves
    await actAs(deps.db, caller.actor, (tx) =>
      appendAudit(tx, caller.actor, {
        action: 'read.personal', objectType: 'document', objectId: doc.id, unitId: unit.unitId,
        details: { documentUid: doc.documentUid, version: doc.version, sha256: doc.sha256, download: true },
      }),
    );
  }
  const stream = await deps.store.get(doc.sha256);
  if (!stream) throw fileMissing(id, doc.sha256);
  const fileName = safeFileName(doc.fileName, `tai-lieu-${doc.documentUid.slice(0, 8)}-v${doc.version}`, doc.mediaType as MediaType);
  if (doc.containsPersonalData) return stampedCopy(deps, caller, doc, stream, fileName);
  return { stream, mediaType: doc.mediaType, size: doc.sizeBytes, sha256: doc.sha256, disposition: contentDisposition(fileName) };
}

const fileMissing = (id: string, sha256: string) =>
  new AppError(
    'SERVICE_UNAVAILABLE',
    { vi: 'Tệp của tài liệu không có trong kho lưu trữ: báo quản trị kiểm tra toàn vẹn', en: 'The document\'s file is missing from the store: ask an administrator to run the integrity check' },
    { id, sha256 },
  );

/**
 * The PDF copy stamped with the viewer's name (P4). The original is read whole into
 * memory (pdf-lib needs it; its size was bounded by LIS_DOCUMENT_MAX_MB at upload) and
 * checked against its hash first: an altered file is not passed off as the document.
 */
async function stampedCopy(deps: DocumentsDeps, caller: DocumentCaller, doc: DocumentView, stream: Readable, fileName: string): Promise<DocumentContent> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > Math.max(doc.sizeBytes, deps.maxBytes)) break;
    chunks.push(chunk as Buffer);
  }
  stream.destroy();
  const original = Buffer.concat(chunks);
  if (crypto.createHash('sha256').update(original).digest('hex') !== doc.sha256) {
    throw new AppError(
      'SERVICE_UNAVAILABLE',
      { vi: 'Tệp của tài liệu trong kho không khớp mã băm đã lưu: báo quản trị kiểm tra toàn vẹn', en: 'The document\'s file in the store does not match its recorded hash: ask an administrator to run the integrity check' },
      { id: doc.id, sha256: doc.sha256 },
    );
  }
  const viewer = caller.viewer ?? { fullName: caller.actor.name, username: caller.actor.id ?? '' };
  const pdf = Buffer.from(await watermarkCopy({ bytes: original, mediaType: doc.mediaType as MediaType, viewer, documentId: doc.id, at: deps.clock.now() }));
  return {
    stream: Readable.from([pdf]),
    mediaType: 'application/pdf',
    size: pdf.length,
    sha256: crypto.createHash('sha256').update(pdf).digest('hex'),
    disposition: contentDisposition(safeFileName(fileName, 'tai-lieu', 'application/pdf')),
    watermarkedFrom: doc.sha256,
  };
}
