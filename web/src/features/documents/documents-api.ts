// Scanned documents of a parcel (S-SCAN, issue #9): the list (current versions), the
// document types, the upload (multipart: metadata fields first, the file last in field
// `file`, as src/modules/documents/documents.routes.ts reads them) and the content URL.
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
  readonly uploadedAt: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly links: readonly DocumentLink[];
}

export interface DocumentType {
  readonly code: string;
  readonly name: Bilingual;
}

export interface UploadFields {
  readonly documentType: string;
  readonly title: string;
  readonly number?: string | undefined;
  readonly issuedOn?: string | undefined;
  readonly issuer?: string | undefined;
  readonly containsPersonalData: boolean;
  readonly parcelUid: string;
}

export function listParcelDocuments(parcelUid: string, signal?: AbortSignal): Promise<{ documents: ScannedDocument[] }> {
  return getJson<{ documents: ScannedDocument[] }>('/documents', { parcel: parcelUid }, signal);
}

export function listDocumentTypes(signal?: AbortSignal): Promise<DocumentType[]> {
  return getJson<DocumentType[]>('/document-types', undefined, signal);
}

/** The form's fields in the order the server reads them: every text field before the file. */
export function uploadForm(fields: UploadFields, file: File): FormData {
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
