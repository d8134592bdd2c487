// What a scanned file is, decided by its bytes (magic numbers via file-type), never by
// the name or extension the uploader gave: only PDF, JPEG, PNG and TIFF are kept. Pure.
import { fileTypeFromBuffer } from 'file-type';
import { PDFDocument } from 'pdf-lib';
import { AppError } from '../../kernel/app-error.js';

export const ACCEPTED_MEDIA = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'] as const;
export type MediaType = (typeof ACCEPTED_MEDIA)[number];

/** bytes read from the start of an upload to decide its type */
export const SNIFF_BYTES = 64 * 1024;

export const EXTENSION: Record<MediaType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/tiff': 'tif',
};

/** The accepted media type of these first bytes, or a bilingual refusal naming what was found. */
export async function detectMedia(head: Buffer): Promise<MediaType> {
  const found = head.length > 0 ? await fileTypeFromBuffer(head) : undefined;
  if (found && (ACCEPTED_MEDIA as readonly string[]).includes(found.mime)) return found.mime as MediaType;
  const what = found ? `${found.mime} (.${found.ext})` : head.length === 0 ? 'tệp rỗng / empty file' : 'không nhận ra / unrecognised (text or unknown binary)';
  throw new AppError(
    'VALIDATION_FAILED',
    {
      vi: `Tệp không phải PDF, JPEG, PNG hoặc TIFF (nhận diện theo nội dung: ${what}); tên tệp không quyết định loại tệp`,
      en: `The file is not a PDF, JPEG, PNG or TIFF (detected from its content: ${what}); the file name does not decide the type`,
    },
    { field: 'file', detected: found?.mime ?? null },
  );
}

/**
 * Pages of a TIFF: the length of its chain of image file directories (TIFF 6.0, section 2:
 * the header names the first IFD; each IFD is a 2-byte entry count, 12-byte entries, then
 * the 4-byte offset of the next IFD, 0 at the end). BigTIFF (version 43) uses 8-byte
 * offsets and 20-byte entries. Null when the chain leaves the buffer or loops.
 */
export function countTiffPages(bytes: Buffer): number | null {
  if (bytes.length < 8) return null;
  const order = bytes.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (at: number) => (le ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number) => (le ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const u64 = (at: number) => Number(le ? bytes.readBigUInt64LE(at) : bytes.readBigUInt64BE(at));
  const version = u16(2);
  const big = version === 43;
  if (!big && version !== 42) return null;
  let offset = big ? (bytes.length >= 16 ? u64(8) : 0) : u32(4);
  const seen = new Set<number>();
  let pages = 0;
  while (offset !== 0) {
    if (seen.has(offset) || pages > 100_000) return null; // a loop: a damaged or hostile file
    seen.add(offset);
    const countSize = big ? 8 : 2;
    const entrySize = big ? 20 : 12;
    const nextSize = big ? 8 : 4;
    if (offset + countSize > bytes.length) return null;
    const entries = big ? u64(offset) : u16(offset);
    const nextAt = offset + countSize + entries * entrySize;
    if (nextAt + nextSize > bytes.length) return null;
    pages += 1;
    offset = big ? u64(nextAt) : u32(nextAt);
  }
  return pages > 0 ? pages : null;
}

/**
 * Pages of a PDF without a PDF library: the page objects ("/Type /Page", not "/Pages")
 * written in clear. A PDF that keeps its objects in compressed object streams (PDF 1.5+)
 * shows none: null then, and countPdfPagesParsed reads its page tree instead.
 */
export function countPdfPages(bytes: Buffer): number | null {
  const text = bytes.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  return pages > 0 ? pages : null;
}

/**
 * Pages of a PDF from its page tree, parsed by pdf-lib (object streams and cross-reference
 * streams included); null when it cannot be parsed (damaged, or encrypted object streams).
 */
export async function countPdfPagesParsed(bytes: Uint8Array): Promise<number | null> {
  try {
    const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    const pages = pdf.getPageCount();
    return pages > 0 ? pages : null;
  } catch {
    return null;
  }
}

/** Pages of a stored file of this type, when they can be counted from its bytes. */
export function countPages(media: MediaType, bytes: Buffer): number | null {
  if (media === 'image/jpeg' || media === 'image/png') return 1;
  if (media === 'image/tiff') return countTiffPages(bytes);
  return countPdfPages(bytes);
}

/** countPages, with the PDF's page tree parsed when the quick scan finds no page in clear (compressed PDFs). */
export async function countPagesFully(media: MediaType, bytes: Buffer): Promise<number | null> {
  const quick = countPages(media, bytes);
  return quick === null && media === 'application/pdf' ? countPdfPagesParsed(bytes) : quick;
}

/** A file name safe to offer in Content-Disposition: no path, no control or quote characters. */
export function safeFileName(name: string | null, fallbackBase: string, media: MediaType): string {
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"\\;]/g, '').trim().slice(0, 150);
  const stem = (base || fallbackBase).replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return `${stem}.${EXTENSION[media]}`;
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266, RFC 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
