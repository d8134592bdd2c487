// The copy of a scanned document with personal data that leaves the server (issue #9
// item 3; P4; Nghị định 13/2023/NĐ-CP, Điều 26: measures against the misuse of personal
// data): never the original bytes, but a PDF whose every page carries, diagonally and
// semi-transparent, who fetched it (full name and username), when (Asia/Ho_Chi_Minh),
// the document's id and "official use only", plus the same in a footer line. A leaked
// copy then names the account it came from.
//  - PDF: each page of the original stamped (pdf-lib), the page's /Rotate honoured so the
//    stamp reads upright; an encrypted or unreadable PDF is refused, never passed through;
//  - JPEG: the image on one page, its bytes embedded as they are (pdf-lib);
//  - PNG: decoded (pngjs), its pixels on one page;
//  - TIFF (multi-page): each page decoded (utif2), its pixels on one page each.
// Pixels go into the PDF as a Flate image (node's zlib), grey when the scan is grey: going
// through PNG and pdf-lib's embedPng took 4.7 s for one A4 page at 300 dpi, this 0.5 s.
// Pure: bytes in, PDF bytes out. The whole file is in memory (pdf-lib needs it): the upload
// limit (LIS_DOCUMENT_MAX_MB) bounds it, and TIFF pages are bounded in pixels below.
import fs from 'node:fs/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import {
  PDFDocument, concatTransformationMatrix, degrees, drawObject, popGraphicsState, pushGraphicsState, rgb,
  type PDFFont, type PDFImage, type PDFPage, type PDFRef,
} from 'pdf-lib';
import { PNG } from 'pngjs';
import { AppError } from '../../kernel/app-error.js';
import { PDF_FONTS } from '../../kernel/pdf.js';
import type { MediaType } from './media.js';

/** DejaVu Sans has every Vietnamese letter with its diacritics (Debian fonts-dejavu-core). */
export const WATERMARK_FONT = PDF_FONTS.regular;

export const NOTICE_VI = 'Bản sao có dữ liệu cá nhân — chỉ dùng cho công vụ';
export const NOTICE_EN = 'Copy with personal data — official use only';

/** a decoded page larger than this (pixels) is refused: 4 bytes each in memory */
const MAX_PIXELS = 120_000_000;
/** image pages: the longer side in points (A4 is 595 × 842 pt) */
const IMAGE_PAGE_LONG_SIDE = 842;
const deflate = promisify(zlib.deflate);

/** room under an image page for the footer line, in points */
const FOOTER_BAND = 16;

export interface WatermarkViewer {
  fullName: string;
  username: string;
}

export interface WatermarkRequest {
  bytes: Uint8Array;
  mediaType: MediaType;
  viewer: WatermarkViewer;
  documentId: string;
  at: Date;
  /** a TrueType font with Vietnamese letters (default WATERMARK_FONT) */
  fontPath?: string;
}

/** Why a copy could not be made: `reason` says which, for the log and the client. */
export function watermarkRefused(reason: 'encrypted' | 'unreadable' | 'too_large' | 'font_missing', documentId: string, cause?: unknown): AppError {
  const messages = {
    encrypted: {
      vi: 'Không tạo được bản sao có đóng dấu: tệp PDF gốc được mã hóa (có mật khẩu). Hãy báo quản trị để thay bằng bản quét không mã hóa',
      en: 'Cannot make the stamped copy: the original PDF is encrypted (password protected). Ask an administrator to replace it with an unencrypted scan',
    },
    unreadable: {
      vi: 'Không tạo được bản sao có đóng dấu: tệp gốc bị hỏng hoặc không đọc được. Hãy báo quản trị kiểm tra tệp',
      en: 'Cannot make the stamped copy: the original file is damaged or unreadable. Ask an administrator to check the file',
    },
    too_large: {
      vi: `Không tạo được bản sao có đóng dấu: một trang ảnh lớn hơn ${MAX_PIXELS / 1_000_000} triệu điểm ảnh`,
      en: `Cannot make the stamped copy: an image page has more than ${MAX_PIXELS / 1_000_000} million pixels`,
    },
    font_missing: {
      vi: 'Không tạo được bản sao có đóng dấu: thiếu phông chữ DejaVu Sans trên máy chủ (cài gói fonts-dejavu-core)',
      en: 'Cannot make the stamped copy: the DejaVu Sans font is missing on the server (install fonts-dejavu-core)',
    },
  }[reason];
  const code = reason === 'font_missing' ? 'SERVICE_UNAVAILABLE' : 'CONFLICT';
  return new AppError(code, messages, { id: documentId, watermark: reason }, { cause });
}

/** dd/MM/yyyy HH:mm:ss in Vietnam's time (UTC+7, no daylight saving), as written on Vietnamese papers. */
export function vietnamTime(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())} (UTC+7)`;
}

/** The stamp's lines: who, when and what, then the notice in both languages. */
export function watermarkLines(viewer: WatermarkViewer, documentId: string, at: Date): string[] {
  const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 120);
  return [`${clean(viewer.fullName)} (${clean(viewer.username)})`, `${vietnamTime(at)} · ${documentId}`, NOTICE_VI, NOTICE_EN];
}

let fontCache: { path: string; bytes: Promise<Buffer> } | null = null;

function fontBytes(path: string, documentId: string): Promise<Buffer> {
  if (fontCache?.path !== path) fontCache = { path, bytes: fs.readFile(path) };
  const cached = fontCache;
  return cached.bytes.catch((error: unknown) => {
    if (fontCache === cached) fontCache = null; // try again next time (the package may be installed meanwhile)
    throw watermarkRefused('font_missing', documentId, error);
  });
}

/** A watermarked PDF of the document's bytes, for the viewer named; see the file's head. */
export async function watermarkCopy(request: WatermarkRequest): Promise<Uint8Array> {
  const font = await fontBytes(request.fontPath ?? WATERMARK_FONT, request.documentId);
  // pdf-lib's JPEG reader looks at the whole underlying ArrayBuffer, not the view: a small
  // Node Buffer is a slice of a shared pool, so the bytes are copied into their own buffer
  const own = request.bytes.byteOffset === 0 && request.bytes.byteLength === request.bytes.buffer.byteLength ? request.bytes : new Uint8Array(request.bytes);
  try {
    return await stampedPdf({ ...request, bytes: own }, font);
  } catch (error) {
    // pdf-lib meets a damaged file late (a page tree without pages, a page without a box)
    throw error instanceof AppError ? error : watermarkRefused('unreadable', request.documentId, error);
  }
}

async function stampedPdf(request: WatermarkRequest, font: Buffer): Promise<Uint8Array> {
  const lines = watermarkLines(request.viewer, request.documentId, request.at);
  const pdf = request.mediaType === 'application/pdf' ? await loadPdf(request.bytes, request.documentId) : await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const embedded = await pdf.embedFont(font, { subset: true });
  if (request.mediaType === 'image/jpeg') {
    const image = await embedOrRefuse(request.documentId, () => pdf.embedJpg(request.bytes));
    addImagePage(pdf, image.width, image.height, (page, box) => page.drawImage(image, box));
  } else if (request.mediaType === 'image/png') {
    await addRasterPage(pdf, pngPixels(request.bytes, request.documentId));
  } else if (request.mediaType === 'image/tiff') {
    await eachTiffPage(request.bytes, request.documentId, (raster) => addRasterPage(pdf, raster));
  }
  for (const page of pdf.getPages()) stamp(page, embedded, lines);
  pdf.setTitle(`${NOTICE_VI} · ${request.documentId}`);
  pdf.setProducer('LIS Bình Phước');
  return pdf.save({ useObjectStreams: true });
}

async function loadPdf(bytes: Uint8Array, documentId: string): Promise<PDFDocument> {
  let pdf: PDFDocument;
  try {
    // encrypted files are refused by pdf-lib (EncryptedPDFError): stamping them would give an unreadable copy
    pdf = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
  } catch (error) {
    const encrypted = error instanceof Error && /encrypt/i.test(`${error.name} ${error.message}`);
    throw watermarkRefused(encrypted ? 'encrypted' : 'unreadable', documentId, error);
  }
  if (pdf.isEncrypted) throw watermarkRefused('encrypted', documentId);
  if (pdf.getPageCount() === 0) throw watermarkRefused('unreadable', documentId);
  return pdf;
}

async function embedOrRefuse(documentId: string, embed: () => Promise<PDFImage>): Promise<PDFImage> {
  try {
    return await embed();
  } catch (error) {
    throw watermarkRefused('unreadable', documentId, error);
  }
}

type Box = { x: number; y: number; width: number; height: number };

/** A page sized to the image (longer side IMAGE_PAGE_LONG_SIDE), with a band below it for the footer. */
function addImagePage(pdf: PDFDocument, imageWidth: number, imageHeight: number, draw: (page: PDFPage, box: Box) => void): void {
  const scale = IMAGE_PAGE_LONG_SIDE / Math.max(imageWidth, imageHeight);
  const width = Math.max(200, imageWidth * scale);
  const height = imageHeight * scale;
  const page = pdf.addPage([width, height + FOOTER_BAND]);
  draw(page, { x: (width - imageWidth * scale) / 2, y: FOOTER_BAND, width: imageWidth * scale, height });
}

/** Decoded pixels: RGBA, 8 bits a sample. */
interface Raster {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/**
 * The pixels as a PDF image XObject (PDF 32000-1, 8.9.5): grey when every pixel is grey
 * (most scans of papers), else RGB; transparency laid on white; Flate-compressed.
 */
async function embedRaster(pdf: PDFDocument, { width, height, rgba }: Raster): Promise<PDFRef> {
  let grey = true;
  for (let i = 0; i < rgba.length && grey; i += 4) grey = rgba[i] === rgba[i + 1] && rgba[i] === rgba[i + 2];
  const channels = grey ? 1 : 3;
  const samples = Buffer.allocUnsafe(width * height * channels);
  for (let p = 0, o = 0; p < rgba.length; p += 4) {
    const alpha = rgba[p + 3]!;
    for (let c = 0; c < channels; c++) samples[o++] = alpha === 255 ? rgba[p + c]! : Math.round((rgba[p + c]! * alpha + 255 * (255 - alpha)) / 255);
  }
  // compressed on libuv's thread pool: the event loop keeps serving other requests meanwhile
  const stream = pdf.context.stream(await deflate(samples), {
    Type: 'XObject', Subtype: 'Image', Width: width, Height: height,
    ColorSpace: grey ? 'DeviceGray' : 'DeviceRGB', BitsPerComponent: 8, Filter: 'FlateDecode',
  });
  return pdf.context.register(stream);
}

async function addRasterPage(pdf: PDFDocument, raster: Raster): Promise<void> {
  const ref = await embedRaster(pdf, raster);
  addImagePage(pdf, raster.width, raster.height, (page, box) => {
    const name = page.node.newXObject('Scan', ref);
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(box.width, 0, 0, box.height, box.x, box.y), drawObject(name), popGraphicsState());
  });
}

/** A PNG's pixels (pngjs: every bit depth, palette and interlacing, rescaled to 8 bits). */
function pngPixels(bytes: Uint8Array, documentId: string): Raster {
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw watermarkRefused('unreadable', documentId, error);
  }
  if (png.width * png.height > MAX_PIXELS) throw watermarkRefused('too_large', documentId);
  return { width: png.width, height: png.height, rgba: png.data };
}

type Utif = typeof import('utif2');

/**
 * Each page of a TIFF, decoded by utif2 (every compression scanners write: none, LZW,
 * PackBits, CCITT G3/G4, JPEG, Deflate), handed over one at a time: one page's pixels are
 * in memory at once, not the whole file's.
 */
async function eachTiffPage(bytes: Uint8Array, documentId: string, use: (raster: Raster) => Promise<void>): Promise<void> {
  // utif2 is CommonJS: its functions may come as the module's default export
  const module = (await import('utif2')) as Utif & { default?: Utif };
  const UTIF = module.default ?? module;
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let pages = 0;
  try {
    for (const ifd of UTIF.decode(buffer)) {
      const width = Number(ifd['t256'] ? (ifd['t256'] as number[])[0] : 0);
      const height = Number(ifd['t257'] ? (ifd['t257'] as number[])[0] : 0);
      if (!(width > 0 && height > 0)) continue; // an IFD without an image (EXIF)
      if (width * height > MAX_PIXELS) throw watermarkRefused('too_large', documentId);
      UTIF.decodeImage(buffer, ifd);
      await use({ width: ifd.width, height: ifd.height, rgba: UTIF.toRGBA8(ifd) });
      ifd.data = new Uint8Array(0); // the decoded samples are in the PDF now
      pages += 1;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw watermarkRefused('unreadable', documentId, error);
  }
  if (pages === 0) throw watermarkRefused('unreadable', documentId);
}

/**
 * The page as the reader sees it: its visible size and a map from visible coordinates
 * (u right, v up, from the visible bottom-left corner) to the page's own, for a page
 * shown turned by /Rotate (clockwise, in quarter turns; PDF 32000-1, 7.7.3.3).
 */
function visibleFrame(page: PDFPage) {
  const box = page.getCropBox();
  const [x0, y0, x1, y1] = [box.x, box.y, box.x + box.width, box.y + box.height];
  const turn = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  const sideways = turn === 90 || turn === 270;
  const at = (u: number, v: number): { x: number; y: number } => {
    if (turn === 90) return { x: x1 - v, y: y0 + u };
    if (turn === 180) return { x: x1 - u, y: y1 - v };
    if (turn === 270) return { x: x0 + v, y: y1 - u };
    return { x: x0 + u, y: y0 + v };
  };
  return { width: sideways ? box.height : box.width, height: sideways ? box.width : box.height, turn, at };
}

const STAMP_COLOUR = rgb(0.7, 0.05, 0.05);

/** The diagonal stamp (corner to corner, lines centred) and the footer line. */
function stamp(page: PDFPage, font: PDFFont, lines: string[]): void {
  const frame = visibleFrame(page);
  const angle = Math.atan2(frame.height, frame.width);
  const diagonal = Math.hypot(frame.width, frame.height);
  const widest = Math.max(...lines.map((line) => font.widthOfTextAtSize(line, 1)));
  const size = Math.max(4, Math.min(40, (diagonal * 0.75) / widest));
  const leading = size * 1.35;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  lines.forEach((line, i) => {
    const width = font.widthOfTextAtSize(line, size);
    const up = ((lines.length - 1) / 2 - i) * leading - size * 0.35; // along the normal of the diagonal
    const u = frame.width / 2 - (width / 2) * cos - up * sin;
    const v = frame.height / 2 - (width / 2) * sin + up * cos;
    const { x, y } = frame.at(u, v);
    page.drawText(line, { x, y, size, font, color: STAMP_COLOUR, opacity: 0.28, rotate: degrees((angle * 180) / Math.PI + frame.turn) });
  });

  const footer = `${NOTICE_VI} / ${NOTICE_EN} · ${lines[0]} · ${lines[1]}`;
  const margin = 6;
  const footerSize = Math.max(2, Math.min(7, (frame.width - 2 * margin) / font.widthOfTextAtSize(footer, 1)));
  const band = frame.at(0, 0);
  page.drawRectangle({ x: band.x, y: band.y, width: frame.width, height: footerSize * 2.2, color: rgb(1, 1, 1), opacity: 0.85, rotate: degrees(frame.turn) });
  const start = frame.at(margin, footerSize * 0.7);
  page.drawText(footer, { x: start.x, y: start.y, size: footerSize, font, color: rgb(0.15, 0.15, 0.15), rotate: degrees(frame.turn) });
}
