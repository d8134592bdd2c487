// Scanned documents (S-SCAN, issue #9) of a parcel, a certificate or a change: the list
// (current versions), the versions of one document, the document types, the upload and a
// new version (multipart: metadata fields first, the file last in field `file`, as
// src/modules/documents/documents.routes.ts reads them) and the content.
import { ApiError } from '../../api/api-error';
import { buildUrl, getJson, requestJson } from '../../api/http-client';
import type { Bilingual } from '../../api/types';

export interface DocumentLink {
  readonly kind: string;
  readonly ref: string;
  readonly unitCode: string;
}

export interface ScannedDocument {
  readonly id: string;
  readonly documentUid: string;
  readonly version: number;
  readonly documentType: string;
  readonly number: string | null;
  readonly issuedOn: string | null;
  readonly issuer: string | null;
  readonly title: string;
  /** null: the server could not count them */
  readonly pages: number | null;
  /** from the file's content, not its name */
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly fileName: string | null;
  readonly containsPersonalData: boolean;
  readonly uploadedBy: string | null;
  /** the uploader's full name */
  readonly uploadedByName?: string | null;
  readonly uploadedAt: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly links: readonly DocumentLink[];
}

export interface DocumentType {
  readonly code: string;
  readonly name: Bilingual;
}

/** The record documents are listed for and attached to. */
export type DocumentTarget =
  | { readonly kind: 'parcel'; readonly parcelUid: string }
  | { readonly kind: 'certificate'; readonly serial: string }
  | { readonly kind: 'change'; readonly changeId: string };

/** The upload's link field for the target (the names documents.routes.ts reads). */
export function linkFields(target: DocumentTarget): { parcelUid?: string; certificateSerial?: string; changeId?: string } {
  if (target.kind === 'parcel') return { parcelUid: target.parcelUid };
  if (target.kind === 'certificate') return { certificateSerial: target.serial };
  return { changeId: target.changeId };
}

/** The list's query for the target. */
export function listQuery(target: DocumentTarget): Record<string, string> {
  if (target.kind === 'parcel') return { parcel: target.parcelUid };
  if (target.kind === 'certificate') return { certificate: target.serial };
  return { change: target.changeId };
}

export interface VersionFields {
  readonly documentType?: string | undefined;
  readonly title?: string | undefined;
  readonly number?: string | undefined;
  readonly issuedOn?: string | undefined;
  readonly issuer?: string | undefined;
  readonly containsPersonalData?: boolean | undefined;
}

export interface UploadFields extends VersionFields {
  readonly documentType: string;
  readonly title: string;
  readonly containsPersonalData: boolean;
  readonly parcelUid?: string | undefined;
  readonly certificateSerial?: string | undefined;
  readonly changeId?: string | undefined;
}

export function listDocuments(target: DocumentTarget, signal?: AbortSignal): Promise<{ documents: ScannedDocument[] }> {
  return getJson<{ documents: ScannedDocument[] }>('/documents', listQuery(target), signal);
}

/** Every version of a document, oldest first. */
export function listVersions(documentUid: string, signal?: AbortSignal): Promise<{ versions: ScannedDocument[] }> {
  return getJson<{ versions: ScannedDocument[] }>(`/documents/${encodeURIComponent(documentUid)}/versions`, undefined, signal);
}

export function listDocumentTypes(signal?: AbortSignal): Promise<DocumentType[]> {
  return getJson<DocumentType[]>('/document-types', undefined, signal);
}

/** The form's fields in the order the server reads them: every text field before the file. */
export function uploadForm(fields: UploadFields | VersionFields, file: File): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === '') continue;
    form.append(name, typeof value === 'boolean' ? String(value) : value);
  }
  form.append('file', file, file.name);
  return form;
}

export function uploadDocument(fields: UploadFields, file: File): Promise<ScannedDocument> {
  return requestJson<ScannedDocument>('POST', '/documents', { body: uploadForm(fields, file) });
}

/** A new version of the document: the current one ends; unset fields keep their values. */
export function uploadVersion(documentUid: string, fields: VersionFields, file: File): Promise<ScannedDocument> {
  return requestJson<ScannedDocument>('POST', `/documents/${encodeURIComponent(documentUid)}/versions`, { body: uploadForm(fields, file) });
}

/** The name to save the bytes received under: a stamped copy is a PDF whatever the original was. */
export function downloadName(doc: ScannedDocument, receivedType: string): string {
  const base = doc.fileName ?? `${doc.documentType}-${doc.id}`;
  if (receivedType.split(';')[0]!.trim() !== 'application/pdf' || doc.mediaType === 'application/pdf') return base;
  return `${base.replace(/\.[A-Za-z0-9]{1,5}$/, '')}.pdf`;
}

export function contentUrl(id: string): string {
  return buildUrl(`/documents/${encodeURIComponent(id)}/content`);
}

/**
 * The file's bytes, or the server's refusal as an ApiError (a document with personal data
 * needs cadastre.read_personal; the message is the server's own, in both languages).
 */
export async function fetchContent(id: string, signal?: AbortSignal): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(contentUrl(id), { credentials: 'same-origin', signal: signal ?? null });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('NETWORK', { vi: 'Không kết nối được với máy chủ.', en: 'Cannot reach the server.' }, 0);
  }
  if (response.ok) return response.blob();
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: a proxy's page
  }
  const error = (body as { error?: { code?: string; message?: Bilingual } } | null)?.error;
  if (error?.code && error.message) throw new ApiError(error.code, error.message, response.status);
  throw new ApiError('UNEXPECTED_RESPONSE', { vi: `Máy chủ trả lời không đúng định dạng (HTTP ${response.status}).`, en: `The server sent an unexpected response (HTTP ${response.status}).` }, response.status);
}
