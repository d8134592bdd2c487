// The periodic report as files: Excel (a cover sheet, then one sheet per section, the
// section's key as the sheet name so that readers and tests find it) and PDF.
import ExcelJS from 'exceljs';
import { createPdf } from './pdf.js';
import type { PeriodicReport } from './periodic-report.js';

const KIND = { monthly: 'tháng', quarterly: 'quý', yearly: 'năm' } as const;

export function periodLine(r: PeriodicReport): string {
  const [y, part] = r.period.label.split('-');
  const name = r.period.kind === 'monthly' ? `tháng ${Number(part)} năm ${y}` : r.period.kind === 'quarterly' ? `quý ${part!.slice(1)} năm ${y}` : `năm ${y}`;
  return `Kỳ báo cáo: ${name} (báo cáo ${KIND[r.period.kind]}, từ ${r.period.start} đến ${r.period.end})`;
}

export async function reportWorkbook(r: PeriodicReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Hệ thống thông tin đất đai';
  const cover = book.addWorksheet('bao_cao');
  cover.getColumn(1).width = 110;
  [r.titleVi, periodLine(r), `Đơn vị: ${r.unit.name} (mã ${r.unit.code})`, `Lập lúc ${r.generatedAt} bởi ${r.generatedBy}`].forEach((text, i) => {
    const cell = cover.getCell(i + 1, 1);
    cell.value = text;
    if (i === 0) cell.font = { bold: true, size: 13 };
  });
  r.sections.forEach((s, i) => { cover.getCell(6 + i, 1).value = `${i + 1}. ${s.titleVi} — sheet "${s.key}"`; });

  for (const s of r.sections) {
    const sheet = book.addWorksheet(s.key);
    sheet.getCell('A1').value = s.titleVi;
    sheet.getCell('A1').font = { bold: true };
    sheet.getCell('A2').value = s.titleEn;
    const header = sheet.getRow(4);
    s.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = `${c.vi} / ${c.en}`;
      cell.font = { bold: true };
      cell.border = { bottom: { style: 'thin' } };
      sheet.getColumn(i + 1).width = c.numeric ? 16 : Math.min(60, Math.max(14, c.key === 'indicator' ? 60 : 24));
    });
    s.rows.forEach((row, r0) => {
      const line = sheet.getRow(5 + r0);
      s.columns.forEach((c, i) => { line.getCell(i + 1).value = row[c.key] ?? null; });
    });
    if (s.note) sheet.getCell(5 + s.rows.length + 1, 1).value = `${s.note.vi} / ${s.note.en}`;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function reportPdf(r: PeriodicReport): Promise<Buffer> {
  const pdf = createPdf({ title: `${r.titleVi} — ${r.period.label}` });
  pdf.line(r.unit.name.toUpperCase(), { bold: true });
  pdf.line(' ');
  pdf.title(r.titleVi);
  pdf.line(periodLine(r), { align: 'center' });
  pdf.line(`Lập lúc ${r.generatedAt} — ${r.generatedBy}`, { align: 'center' });
  r.sections.forEach((s, i) => {
    pdf.heading(`${i + 1}. ${s.titleVi}`);
    if (s.rows.length) pdf.table(s.columns.map((c) => ({ header: c.vi, width: c.numeric ? 14 : c.key === 'indicator' ? 70 : 22, numeric: c.numeric ?? false })), s.rows.map((row) => s.columns.map((c) => row[c.key] ?? null)));
    if (s.note) pdf.line(`${s.note.vi} / ${s.note.en}`);
  });
  pdf.signatures('NGƯỜI LẬP BÁO CÁO', 'THỦ TRƯỞNG ĐƠN VỊ');
  return pdf.finish();
}
