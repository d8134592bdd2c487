// One layout for lists of findings as Excel (a delivery's validation report, a quality
// run's work list): number, severity, rule, the columns of the kind of finding, field,
// message in Vietnamese and English, location; then a summary sheet.
import ExcelJS from 'exceljs';

export interface Finding {
  severity: 'error' | 'warning';
  rule: string;
  field: string | null;
  message: { vi: string; en: string };
  location?: [number, number] | null;
}

export interface FindingColumn<F> {
  header: string;
  width: number;
  value: (finding: F) => unknown;
}

export async function findingsWorkbook<F extends Finding>(sheetName: string, layout: {
  /** between the rule and the field: what the finding is about */
  subject: FindingColumn<F>[];
  /** after the messages (e.g. how to fix it) */
  after?: FindingColumn<F>[];
  widths?: { severity: number; rule: number };
}, findings: F[], summary: Array<[string, unknown]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  const columns: FindingColumn<F>[] = [
    { header: 'Mức độ / Severity', width: layout.widths?.severity ?? 12, value: (f) => (f.severity === 'error' ? 'Lỗi / error' : 'Cảnh báo / warning') },
    { header: 'Quy tắc / Rule', width: layout.widths?.rule ?? 20, value: (f) => f.rule },
    ...layout.subject,
    { header: 'Trường / Field', width: 14, value: (f) => f.field },
    { header: 'Nội dung', width: 70, value: (f) => f.message.vi },
    { header: 'Message', width: 70, value: (f) => f.message.en },
    ...(layout.after ?? []),
    { header: 'Kinh độ / Longitude', width: 14, value: (f) => f.location?.[0] ?? null },
    { header: 'Vĩ độ / Latitude', width: 14, value: (f) => f.location?.[1] ?? null },
  ];
  sheet.columns = [{ header: 'STT', width: 6 }, ...columns.map(({ header, width }) => ({ header, width }))];
  sheet.getRow(1).font = { bold: true };
  findings.forEach((f, i) => sheet.addRow([i + 1, ...columns.map((c) => c.value(f) ?? null)]));
  book.addWorksheet('Tổng hợp').addRows(summary);
  return Buffer.from(await book.xlsx.writeBuffer());
}
