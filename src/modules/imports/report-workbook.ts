// The validation report as an Excel workbook (one row per finding), for the contractor.
import ExcelJS from 'exceljs';
import type { Report } from './imports.service.js';

export async function reportWorkbook(report: Report): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Báo cáo kiểm tra');
  sheet.columns = [
    { header: 'STT', key: 'n', width: 6 },
    { header: 'Mức độ / Severity', key: 'severity', width: 12 },
    { header: 'Quy tắc / Rule', key: 'rule', width: 20 },
    { header: 'Đối tượng / Feature', key: 'index', width: 10 },
    { header: 'Tờ / Sheet', key: 'sheet', width: 8 },
    { header: 'Thửa / Parcel', key: 'parcel', width: 8 },
    { header: 'Trường / Field', key: 'field', width: 14 },
    { header: 'Nội dung', key: 'vi', width: 70 },
    { header: 'Message', key: 'en', width: 70 },
    { header: 'Kinh độ / Longitude', key: 'lon', width: 14 },
    { header: 'Vĩ độ / Latitude', key: 'lat', width: 14 },
  ];
  sheet.getRow(1).font = { bold: true };
  report.findings.forEach((f, i) => {
    sheet.addRow({
      n: i + 1, severity: f.severity === 'error' ? 'Lỗi / error' : 'Cảnh báo / warning', rule: f.rule, index: f.featureIndex, sheet: f.sheetNumber,
      parcel: f.parcelNumber, field: f.field, vi: f.message.vi, en: f.message.en, lon: f.location?.[0] ?? null, lat: f.location?.[1] ?? null,
    });
  });
  const summary = book.addWorksheet('Tổng hợp');
  summary.addRows([
    ['Tệp / File', report.batch.fileName],
    ['Lần nộp / Attempt', report.batch.attempt],
    ['Đơn vị / Unit', report.batch.unitCode],
    ['Lỗi / Errors', report.counts.errors],
    ['Cảnh báo / Warnings', report.counts.warnings],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
