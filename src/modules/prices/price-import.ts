// The province's Excel layout of a price table (bảng giá đất), read and written with
// exceljs. One worksheet named "Bảng giá đất" (the first worksheet is read whatever its
// name), header in row 1, one row per road segment and land-use code or group:
//
//   Mã đoạn | Tên đường | Từ | Đến | Mã ĐVHC | Mã loại đất | VT1 | VT2 | VT3 | VT4
//
// Mã đoạn: the segment's code (letters, digits . _ -), which the GeoJSON of the road
// lines refers to; Mã ĐVHC: GSO code of the unit the segment lies in; Mã loại đất: a code
// of the land-use list (ODT) or a group (OTC covers ODT and ONT); VT1..VT4: VND per m²,
// whole numbers, VT2..VT4 may be blank where the table has no such position. A segment
// spans several rows (one per land-use code) with the same road, from, to and unit.
// Header names are matched without case or surrounding spaces.
import ExcelJS from 'exceljs';
import type { BilingualMessage } from '../../kernel/app-error.js';

export const SHEET_NAME = 'Bảng giá đất';
export const HEADERS = ['Mã đoạn', 'Tên đường', 'Từ', 'Đến', 'Mã ĐVHC', 'Mã loại đất', 'VT1', 'VT2', 'VT3', 'VT4'] as const;
export const MAX_IMPORT_ROWS = 5000;

export interface SegmentPriceRow {
  /** row number in the sheet (1 = header), null when the row came as JSON */
  row: number | null;
  code: string;
  roadName: string;
  from: string;
  to: string;
  unitCode: string;
  landUseCode: string;
  prices: Partial<Record<1 | 2 | 3 | 4, number>>;
}

export interface Finding {
  row: number | null;
  column: string | null;
  message: BilingualMessage;
}

const SEGMENT_CODE = /^[A-Za-z0-9._-]{1,40}$/;
const UNIT_CODE = /^[0-9]{2,5}$/;
const LAND_USE = /^[A-Z]{3}$/;

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value).trim();
}

/** Reads the sheet into rows and the findings of its form (the database checks come later). */
export async function readPriceWorkbook(bytes: Buffer): Promise<{ rows: SegmentPriceRow[]; findings: Finding[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { rows: [], findings: [{ row: null, column: null, message: { vi: 'Tệp không phải là bảng tính Excel (.xlsx) đọc được', en: 'The file is not a readable Excel workbook (.xlsx)' } }] };
  }
  const sheet = workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets[0];
  if (!sheet) return { rows: [], findings: [{ row: null, column: null, message: { vi: 'Tệp không có trang tính nào', en: 'The workbook has no worksheet' } }] };
  const header = sheet.getRow(1);
  const columns = new Map<string, number>();
  header.eachCell((cell, col) => columns.set(cellText(cell.value).toLowerCase(), col));
  const missing = HEADERS.filter((h) => !columns.has(h.toLowerCase()));
  if (missing.length > 0) {
    return { rows: [], findings: [{ row: 1, column: null, message: { vi: `Dòng tiêu đề thiếu cột: ${missing.join(', ')}`, en: `The header row lacks the columns: ${missing.join(', ')}` } }] };
  }
  if (sheet.actualRowCount - 1 > MAX_IMPORT_ROWS) {
    return { rows: [], findings: [{ row: null, column: null, message: { vi: `Tệp có quá ${MAX_IMPORT_ROWS} dòng`, en: `The sheet has more than ${MAX_IMPORT_ROWS} rows` } }] };
  }
  const at = (row: ExcelJS.Row, name: string) => cellText(row.getCell(columns.get(name.toLowerCase())!).value);
  const rows: SegmentPriceRow[] = [];
  const findings: Finding[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    if (HEADERS.every((h) => at(row, h) === '')) return; // blank line
    const prices: SegmentPriceRow['prices'] = {};
    for (const p of [1, 2, 3, 4] as const) {
      const text = at(row, `VT${p}`);
      if (text === '') continue;
      const value = Number(text.replace(/[.\s]/g, '').replace(',', '.'));
      if (!Number.isInteger(value) || value <= 0) {
        findings.push({ row: n, column: `VT${p}`, message: { vi: `Giá VT${p} "${text}" không phải là số nguyên dương (đồng/m²)`, en: `VT${p} price "${text}" is not a positive whole number (VND/m²)` } });
      } else prices[p] = value;
    }
    rows.push({
      row: n, code: at(row, 'Mã đoạn'), roadName: at(row, 'Tên đường'), from: at(row, 'Từ'), to: at(row, 'Đến'),
      unitCode: at(row, 'Mã ĐVHC'), landUseCode: at(row, 'Mã loại đất').toUpperCase(), prices,
    });
  });
  if (rows.length === 0 && findings.length === 0) findings.push({ row: null, column: null, message: { vi: 'Bảng giá không có dòng nào', en: 'The price sheet has no rows' } });
  return { rows, findings: [...findings, ...checkRows(rows)] };
}

/** The checks that need no database: fields, positions in order, one description per segment, no duplicates. */
export function checkRows(rows: readonly SegmentPriceRow[]): Finding[] {
  const findings: Finding[] = [];
  const bad = (row: number | null, column: string, vi: string, en: string) => findings.push({ row, column, message: { vi, en } });
  const described = new Map<string, SegmentPriceRow>();
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const row = r.row ?? i + 1;
    if (!SEGMENT_CODE.test(r.code)) bad(row, 'Mã đoạn', `Mã đoạn "${r.code}" không hợp lệ (chữ, số, . _ -; tối đa 40 ký tự)`, `Segment code "${r.code}" is invalid (letters, digits, . _ -; at most 40)`);
    for (const [column, value, max] of [['Tên đường', r.roadName, 200], ['Từ', r.from, 300], ['Đến', r.to, 300]] as const) {
      if (value.length === 0 || value.length > max) bad(row, column, `Cột "${column}" trống hoặc quá ${max} ký tự`, `Column "${column}" is empty or longer than ${max}`);
    }
    if (!UNIT_CODE.test(r.unitCode)) bad(row, 'Mã ĐVHC', `Mã ĐVHC "${r.unitCode}" không hợp lệ`, `Unit code "${r.unitCode}" is invalid`);
    if (!LAND_USE.test(r.landUseCode)) bad(row, 'Mã loại đất', `Mã loại đất "${r.landUseCode}" không hợp lệ`, `Land-use code "${r.landUseCode}" is invalid`);
    if (r.prices[1] === undefined) bad(row, 'VT1', 'Thiếu giá VT1', 'The VT1 price is missing');
    // positions further from the road are not dearer (verify: the province's table may say otherwise)
    for (const p of [2, 3, 4] as const) {
      const here = r.prices[p];
      const before = r.prices[(p - 1) as 1 | 2 | 3];
      if (here !== undefined && before === undefined) bad(row, `VT${p}`, `Có giá VT${p} nhưng thiếu VT${p - 1}`, `VT${p} is given but VT${p - 1} is missing`);
      if (here !== undefined && before !== undefined && here > before) bad(row, `VT${p}`, `Giá VT${p} (${here}) cao hơn VT${p - 1} (${before})`, `VT${p} (${here}) is higher than VT${p - 1} (${before})`);
    }
    const key = `${r.code}|${r.landUseCode}`;
    if (seen.has(key)) bad(row, 'Mã loại đất', `Đoạn ${r.code} đã có giá cho loại đất ${r.landUseCode} ở dòng trên`, `Segment ${r.code} already has a ${r.landUseCode} price above`);
    seen.add(key);
    const first = described.get(r.code);
    if (!first) described.set(r.code, r);
    else if (first.roadName !== r.roadName || first.from !== r.from || first.to !== r.to || first.unitCode !== r.unitCode) {
      bad(row, 'Tên đường', `Đoạn ${r.code} được mô tả khác với dòng ${first.row ?? '?'}`, `Segment ${r.code} is described differently from row ${first.row ?? '?'}`);
    }
  });
  return findings;
}

/** The same layout, written: a table's rows back to a workbook (what an import reads). */
export async function writePriceWorkbook(title: string, rows: readonly SegmentPriceRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.title = title;
  const sheet = workbook.addWorksheet(SHEET_NAME);
  sheet.addRow([...HEADERS]);
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow([r.code, r.roadName, r.from, r.to, r.unitCode, r.landUseCode, r.prices[1] ?? null, r.prices[2] ?? null, r.prices[3] ?? null, r.prices[4] ?? null]);
  sheet.columns.forEach((column, i) => { column.width = i === 1 || i === 2 || i === 3 ? 30 : 12; });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
