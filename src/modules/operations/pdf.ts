// A small PDF writer for the operations documents (incident and periodic reports):
// headings, paragraphs, tables, signature lines; fonts as every PDF of the system has them.
import { openPdf } from '../../kernel/pdf.js';

export interface PdfWriter {
  title(text: string): void;
  heading(text: string): void;
  line(text: string, options?: { bold?: boolean; align?: 'left' | 'center' | 'right' }): void;
  table(columns: Array<{ header: string; width: number; numeric?: boolean }>, rows: Array<Array<string | number | null>>): void;
  signatures(left: string, right: string): void;
  finish(): Promise<Buffer>;
}

export function createPdf(info: { title: string }): PdfWriter {
  const { doc, bytes: done } = openPdf({ size: 'A4', margin: 40, info: { Title: info.title } });
  const left = doc.page.margins.left;
  const full = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const room = (height: number) => { if (doc.y + height > bottom()) doc.addPage(); };
  return {
    title(text) { doc.font('bold').fontSize(13).text(text, left, doc.y, { width: full, align: 'center' }); doc.moveDown(0.5); },
    heading(text) { room(40); doc.moveDown(0.6); doc.font('bold').fontSize(10.5).text(text, left, doc.y, { width: full }); doc.moveDown(0.2); },
    line(text, options = {}) { doc.font(options.bold ? 'bold' : 'regular').fontSize(9.5).text(text, left, doc.y, { width: full, align: options.align ?? 'left' }); },
    table(columns, rows) {
      const scale = full / columns.reduce((s, c) => s + c.width, 0);
      const widths = columns.map((c) => c.width * scale);
      const draw = (cells: Array<string | number | null>, bold: boolean) => {
        doc.font(bold ? 'bold' : 'regular').fontSize(8);
        const texts = cells.map((c) => (c === null || c === undefined ? '' : typeof c === 'number' ? c.toLocaleString('vi-VN') : c));
        const height = Math.max(14, ...texts.map((t, i) => doc.heightOfString(t, { width: widths[i]! - 4 }) + 4));
        room(height);
        const y = doc.y;
        let x = left;
        texts.forEach((t, i) => {
          doc.rect(x, y, widths[i]!, height).lineWidth(0.3).stroke();
          doc.text(t, x + 2, y + 2, { width: widths[i]! - 4, align: columns[i]!.numeric && !bold ? 'right' : 'left' });
          x += widths[i]!;
        });
        doc.x = left;
        doc.y = y + height;
      };
      draw(columns.map((c) => c.header), true);
      for (const r of rows) draw(r, false);
    },
    signatures(l, r) {
      room(90);
      doc.moveDown(1.5);
      const y = doc.y;
      doc.font('bold').fontSize(9.5).text(l, left, y, { width: full / 2, align: 'center' });
      doc.font('bold').fontSize(9.5).text(r, left + full / 2, y, { width: full / 2, align: 'center' });
    },
    finish() { doc.end(); return done; },
  };
}
