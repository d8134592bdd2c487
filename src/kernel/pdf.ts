// One way to start a PDF with Vietnamese text (statistics forms, incident and periodic
// reports, the restore log): pdfkit with DejaVu Sans embedded, whose glyphs cover every
// Vietnamese letter with its diacritics (Debian fonts-dejavu-core; .ci/run installs it).
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from './app-error.js';

export const PDF_FONTS = {
  regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
} as const;

/** A clear refusal (503) when the fonts are not installed, rather than PDFs without diacritics. */
export function pdfFontsOrFail(): void {
  for (const file of Object.values(PDF_FONTS)) {
    if (!fs.existsSync(file)) {
      throw new AppError('SERVICE_UNAVAILABLE', {
        vi: `Thiếu phông chữ ${file} để in PDF tiếng Việt (cài gói fonts-dejavu-core)`,
        en: `Font ${file} is missing for Vietnamese PDF output (install fonts-dejavu-core)`,
      }, { font: file });
    }
  }
}

/**
 * A pdfkit document with the fonts registered as 'regular' and 'bold', and the bytes it
 * will have once `doc.end()` is called.
 */
export function openPdf(options: PDFKit.PDFDocumentOptions): { doc: PDFKit.PDFDocument; bytes: Promise<Buffer> } {
  pdfFontsOrFail();
  const doc = new PDFDocument({ ...options, info: { Author: 'Hệ thống thông tin đất đai', ...options.info } });
  doc.registerFont('regular', PDF_FONTS.regular);
  doc.registerFont('bold', PDF_FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, bytes };
}
