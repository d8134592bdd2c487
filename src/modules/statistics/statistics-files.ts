// The statistics forms as files: Excel in the layout of the forms (exceljs) and PDF
// (pdfkit, DejaVu Sans embedded for the Vietnamese diacritics). Layout after the forms of
// Thông tư 08/2024/TT-BTNMT: form code top left, title, date, reporting unit, unit of
// measure (ha, two decimals), the table, the signatures block. verify: the exact headings
// and the signatories of each form against the circular's appendix.
import ExcelJS from 'exceljs';
import { openPdf } from '../../kernel/pdf.js';
import { NOT_IN_RECORD, USER_COLUMNS, vietnameseDate } from './statistics-forms.js';
import type { ChangeStatistics, LandUseStatistics, UnitHeading } from './statistics.service.js';

const HA = '#,##0.00';
const ha = (m2: number) => m2 / 10_000;

export const TITLES = {
  landUse: 'THỐNG KÊ, KIỂM KÊ DIỆN TÍCH ĐẤT ĐAI THEO LOẠI ĐẤT VÀ ĐỐI TƯỢNG SỬ DỤNG, QUẢN LÝ',
  users: 'THỐNG KÊ, KIỂM KÊ DIỆN TÍCH ĐẤT ĐAI THEO ĐỐI TƯỢNG SỬ DỤNG, QUẢN LÝ',
  changes: 'BIẾN ĐỘNG DIỆN TÍCH THEO MỤC ĐÍCH SỬ DỤNG ĐẤT',
} as const;

const GROUP_NAMES: Record<string, string> = { NNP: 'Nhóm đất nông nghiệp', PNN: 'Nhóm đất phi nông nghiệp', CSD: 'Nhóm đất chưa sử dụng' };

function unitLine(unit: UnitHeading): string {
  const above = unit.above.map((u) => u.name).join(', ');
  return `Đơn vị báo cáo: ${unit.name} (mã ${unit.code})${above ? ` — thuộc ${above}` : ''}`;
}

// ——— Excel ———

function heading(sheet: ExcelJS.Worksheet, form: string, title: string, dateLine: string, unit: UnitHeading, width: number): number {
  sheet.getCell('A1').value = `Biểu ${form}`;
  sheet.getCell('A1').font = { bold: true };
  const lines = [title, dateLine, unitLine(unit), 'Đơn vị tính: ha'];
  lines.forEach((text, i) => {
    const row = i + 2;
    sheet.mergeCells(row, 1, row, width);
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.alignment = { horizontal: i === 3 ? 'right' : 'center' };
    if (i === 0) cell.font = { bold: true, size: 13 };
  });
  return lines.length + 2;
}

function headerRow(sheet: ExcelJS.Worksheet, rowNumber: number, values: string[]): void {
  const row = sheet.getRow(rowNumber);
  values.forEach((v, i) => {
    const cell = row.getCell(i + 1);
    cell.value = v;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
}

function signatures(sheet: ExcelJS.Worksheet, rowNumber: number, width: number): void {
  const half = Math.max(2, Math.floor(width / 2));
  sheet.mergeCells(rowNumber, half + 1, rowNumber, width);
  sheet.getCell(rowNumber, half + 1).value = '……, ngày … tháng … năm …';
  sheet.getCell(rowNumber, half + 1).alignment = { horizontal: 'center' };
  const labels: Array<[number, number, string]> = [
    [1, half, 'Người lập biểu\n(Ký, ghi rõ họ tên)'],
    [half + 1, width, 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Ký tên, đóng dấu)'],
  ];
  for (const [from, to, text] of labels) {
    sheet.mergeCells(rowNumber + 1, from, rowNumber + 3, to);
    const cell = sheet.getCell(rowNumber + 1, from);
    cell.value = text;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'top', wrapText: true };
  }
}

function numberCell(cell: ExcelJS.Cell, m2: number | null): void {
  cell.value = m2 === null ? null : ha(m2);
  cell.numFmt = HA;
  cell.border = { left: { style: 'thin' }, right: { style: 'thin' }, bottom: { style: 'hair' } };
}

/** Sheet "01-TKKK": rows = natural area, the land-use hierarchy, the unmapped area; columns = total and users/managers. */
export async function landUseWorkbook(s: LandUseStatistics): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hệ thống thông tin đất đai';
  const columns = USER_COLUMNS;
  const width = 4 + columns.length;
  const sheet = workbook.addWorksheet('01-TKKK', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true } });
  sheet.columns = [{ width: 6 }, { width: 48 }, { width: 8 }, { width: 14 }, ...columns.map(() => ({ width: 12 }))];
  let r = heading(sheet, '01/TKKK', TITLES.landUse, `(Đến ngày ${vietnameseDate(s.date)})`, s.unit, width);
  headerRow(sheet, r, ['STT', 'Loại đất', 'Mã', 'Tổng diện tích', ...columns.map((c) => `${c.nameVi}`)]);
  headerRow(sheet, r + 1, ['(1)', '(2)', '(3)', '(4)=(5)+…', ...columns.map((c) => `(${c.code})`)]);
  r += 2;
  const natural = sheet.getRow(r);
  natural.getCell(1).value = 'I';
  natural.getCell(2).value = 'Tổng diện tích tự nhiên';
  natural.getCell(2).font = { bold: true };
  numberCell(natural.getCell(4), s.reconciliation.naturalArea);
  r += 1;
  let group = 0;
  let item = 0;
  for (const row of s.rows) {
    const line = sheet.getRow(r++);
    if (row.depth === 0) {
      group += 1;
      item = 0;
    } else if (row.depth === 1) item += 1;
    line.getCell(1).value = row.depth === 0 ? String(group) : row.depth === 1 ? `${group}.${item}` : '';
    line.getCell(2).value = `${'  '.repeat(row.depth)}${row.depth === 0 ? GROUP_NAMES[row.code] ?? row.nameVi : row.nameVi}`;
    line.getCell(3).value = row.code;
    if (row.depth === 0) line.font = { bold: true };
    numberCell(line.getCell(4), row.total);
    columns.forEach((c, i) => numberCell(line.getCell(5 + i), row.byUser[c.code] ?? 0));
  }
  const gap = sheet.getRow(r++);
  gap.getCell(1).value = 'II';
  gap.getCell(2).value = 'Diện tích chưa có trong cơ sở dữ liệu địa chính (tự nhiên − tổng các nhóm đất)';
  gap.getCell(3).value = 'CDL';
  numberCell(gap.getCell(4), s.reconciliation.unmappedArea);
  signatures(sheet, r + 1, width);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Sheet "02-TKKK": rows = users and managers, columns = total and the three land groups. */
export async function usersWorkbook(s: LandUseStatistics): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('02-TKKK', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true } });
  const width = 7;
  sheet.columns = [{ width: 6 }, { width: 52 }, { width: 8 }, { width: 14 }, { width: 16 }, { width: 16 }, { width: 16 }];
  let r = heading(sheet, '02/TKKK', TITLES.users, `(Đến ngày ${vietnameseDate(s.date)})`, s.unit, width);
  headerRow(sheet, r++, ['STT', 'Đối tượng sử dụng, quản lý đất', 'Mã', 'Tổng diện tích', GROUP_NAMES.NNP!, GROUP_NAMES.PNN!, GROUP_NAMES.CSD!]);
  s.users.forEach((u, i) => {
    const line = sheet.getRow(r++);
    line.getCell(1).value = i + 1;
    line.getCell(2).value = `${'  '.repeat(u.level - 1)}${u.nameVi}`;
    line.getCell(3).value = u.code;
    if (u.level === 1) line.font = { bold: true };
    numberCell(line.getCell(4), u.total);
    ['NNP', 'PNN', 'CSD'].forEach((g, j) => numberCell(line.getCell(5 + j), u.byGroup[g] ?? 0));
  });
  signatures(sheet, r + 1, width);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Sheet "05-TKKK": rows = code at the start, columns = code at the end, then the residuals. */
export async function changesWorkbook(s: ChangeStatistics): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const m = s.matrix;
  const width = 4 + m.codes.length + 1;
  const sheet = workbook.addWorksheet('05-TKKK', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true } });
  sheet.columns = [{ width: 6 }, { width: 40 }, { width: 8 }, { width: 14 }, ...m.codes.map(() => ({ width: 11 })), { width: 14 }];
  let r = heading(sheet, '05/TKKK', TITLES.changes, `(Từ ngày ${vietnameseDate(s.from)} đến ngày ${vietnameseDate(s.to)})`, s.unit, width);
  headerRow(sheet, r++, ['STT', 'Loại đất đầu kỳ \\ cuối kỳ', 'Mã', 'Diện tích đầu kỳ', ...m.codes, 'Không chuyển sang kỳ sau (*)']);
  m.codes.forEach((code, i) => {
    const line = sheet.getRow(r++);
    line.getCell(1).value = i + 1;
    line.getCell(2).value = s.names[code]?.vi ?? code;
    line.getCell(3).value = code;
    numberCell(line.getCell(4), m.totalFrom[code] ?? 0);
    m.codes.forEach((to, j) => numberCell(line.getCell(5 + j), m.cells[code]?.[to] ?? 0));
    numberCell(line.getCell(5 + m.codes.length), m.notCarried[code] ?? 0);
  });
  const fresh = sheet.getRow(r++);
  fresh.getCell(2).value = 'Diện tích mới có ở cuối kỳ (*)';
  fresh.getCell(3).value = NOT_IN_RECORD;
  m.codes.forEach((code, j) => numberCell(fresh.getCell(5 + j), m.newArea[code] ?? 0));
  const totals = sheet.getRow(r++);
  totals.getCell(2).value = 'Diện tích cuối kỳ';
  totals.font = { bold: true };
  m.codes.forEach((code, j) => numberCell(totals.getCell(5 + j), m.totalTo[code] ?? 0));
  sheet.getCell(r, 2).value = '(*) thửa đất kết thúc không có thửa kế tiếp, thửa mới, chênh lệch đo đạc khi tách, hợp, chỉnh lý ranh giới';
  signatures(sheet, r + 2, width);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ——— PDF ———

interface PdfTable {
  form: string;
  title: string;
  dateLine: string;
  unit: UnitHeading;
  header: string[];
  /** column widths in points; the first `textColumns` columns are text, the rest numbers in ha */
  widths: number[];
  textColumns: number;
  rows: Array<{ cells: Array<string | number | null>; bold?: boolean }>;
  note?: string;
}

function renderPdf(t: PdfTable): Promise<Buffer> {
  const { doc, bytes: done } = openPdf({ size: 'A3', layout: 'landscape', margin: 30, info: { Title: `Biểu ${t.form} — ${t.title}` } });
  const left = doc.page.margins.left;
  const full = doc.page.width - left - doc.page.margins.right;
  doc.font('bold').fontSize(9).text(`Biểu ${t.form}`, left, 30);
  doc.font('bold').fontSize(13).text(t.title, left, 48, { width: full, align: 'center' });
  doc.font('regular').fontSize(9).text(t.dateLine, { width: full, align: 'center' });
  doc.text(unitLine(t.unit), { width: full, align: 'center' });
  doc.text('Đơn vị tính: ha', { width: full, align: 'right' });
  const rowHeight = 11;
  let y = doc.y + 6;
  const drawRow = (cells: Array<string | number | null>, bold: boolean, height: number) => {
    let x = left;
    doc.font(bold ? 'bold' : 'regular').fontSize(6.5);
    cells.forEach((value, i) => {
      const w = t.widths[i]!;
      const numeric = i >= t.textColumns;
      const text = value === null ? '' : typeof value === 'number' ? (value / 10_000).toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : value;
      doc.rect(x, y, w, height).lineWidth(0.3).stroke();
      doc.text(text, x + 2, y + 2, { width: w - 4, height: height - 2, align: numeric ? 'right' : 'left', ellipsis: true, lineBreak: !numeric });
      x += w;
    });
    y += height;
  };
  drawRow(t.header, true, 30);
  for (const row of t.rows) {
    if (y + rowHeight > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      y = doc.page.margins.top;
      drawRow(t.header, true, 30);
    }
    drawRow(row.cells, row.bold ?? false, rowHeight);
  }
  if (t.note) doc.font('regular').fontSize(7).text(t.note, left, y + 4, { width: full });
  if (y + 90 > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  const sigY = Math.max(doc.y, y) + 14;
  doc.font('regular').fontSize(9).text('……, ngày … tháng … năm …', left + full / 2, sigY, { width: full / 2, align: 'center' });
  doc.font('bold').text('Người lập biểu', left, sigY + 14, { width: full / 2, align: 'center' });
  doc.font('bold').text('TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH', left + full / 2, sigY + 14, { width: full / 2, align: 'center' });
  doc.end();
  return done;
}

export function landUsePdf(s: LandUseStatistics): Promise<Buffer> {
  const columns = USER_COLUMNS;
  return renderPdf({
    form: '01/TKKK', title: TITLES.landUse, dateLine: `(Đến ngày ${vietnameseDate(s.date)})`, unit: s.unit,
    header: ['Loại đất', 'Mã', 'Tổng diện tích', ...columns.map((c) => `${c.nameVi} (${c.code})`)],
    widths: [190, 30, 55, ...columns.map(() => (1130 - 275) / columns.length)],
    textColumns: 2,
    rows: [
      { cells: ['Tổng diện tích tự nhiên', '', s.reconciliation.naturalArea, ...columns.map(() => null)], bold: true },
      ...s.rows.map((row) => ({
        cells: [`${'   '.repeat(row.depth)}${row.depth === 0 ? GROUP_NAMES[row.code] ?? row.nameVi : row.nameVi}`, row.code, row.total, ...columns.map((c) => row.byUser[c.code] ?? 0)],
        bold: row.depth === 0,
      })),
      { cells: ['Diện tích chưa có trong cơ sở dữ liệu địa chính', 'CDL', s.reconciliation.unmappedArea, ...columns.map(() => null)], bold: true },
    ],
  });
}

export function usersPdf(s: LandUseStatistics): Promise<Buffer> {
  return renderPdf({
    form: '02/TKKK', title: TITLES.users, dateLine: `(Đến ngày ${vietnameseDate(s.date)})`, unit: s.unit,
    header: ['Đối tượng sử dụng, quản lý đất', 'Mã', 'Tổng diện tích', GROUP_NAMES.NNP!, GROUP_NAMES.PNN!, GROUP_NAMES.CSD!],
    widths: [420, 50, 165, 165, 165, 165],
    textColumns: 2,
    rows: s.users.map((u) => ({ cells: [`${'   '.repeat(u.level - 1)}${u.nameVi}`, u.code, u.total, u.byGroup.NNP ?? 0, u.byGroup.PNN ?? 0, u.byGroup.CSD ?? 0], bold: u.level === 1 })),
  });
}

export function changesPdf(s: ChangeStatistics): Promise<Buffer> {
  const m = s.matrix;
  const rest = 1130 - 160 - 30 - 55 - 55;
  return renderPdf({
    form: '05/TKKK', title: TITLES.changes, dateLine: `(Từ ngày ${vietnameseDate(s.from)} đến ngày ${vietnameseDate(s.to)})`, unit: s.unit,
    header: ['Loại đất đầu kỳ', 'Mã', 'Đầu kỳ', ...m.codes, 'Không chuyển (*)'],
    widths: [160, 30, 55, ...m.codes.map(() => rest / Math.max(1, m.codes.length)), 55],
    textColumns: 2,
    rows: [
      ...m.codes.map((code) => ({ cells: [s.names[code]?.vi ?? code, code, m.totalFrom[code] ?? 0, ...m.codes.map((to) => m.cells[code]?.[to] ?? 0), m.notCarried[code] ?? 0] })),
      { cells: ['Mới có ở cuối kỳ (*)', NOT_IN_RECORD, null, ...m.codes.map((c) => m.newArea[c] ?? 0), null] },
      { cells: ['Diện tích cuối kỳ', '', null, ...m.codes.map((c) => m.totalTo[c] ?? 0), null], bold: true },
    ],
    note: '(*) thửa đất kết thúc không có thửa kế tiếp, thửa mới, chênh lệch đo đạc khi tách, hợp, chỉnh lý ranh giới',
  });
}
