// A quality run's findings as an Excel workbook: the officers' work list.
import ExcelJS from 'exceljs';
import type { QualityReport } from './quality.service.js';

export async function qualityWorkbook(report: QualityReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Kiểm tra chất lượng');
  sheet.columns = [
    { header: 'STT', key: 'n', width: 6 },
    { header: 'Mức độ / Severity', key: 'severity', width: 14 },
    { header: 'Quy tắc / Rule', key: 'rule', width: 24 },
    { header: 'Đối tượng / Object', key: 'objectType', width: 10 },
    { header: 'Mã đối tượng / Object id', key: 'objectId', width: 38 },
    { header: 'Đơn vị / Unit', key: 'unit', width: 8 },
    { header: 'Tờ / Sheet', key: 'sheet', width: 8 },
    { header: 'Thửa / Parcel', key: 'parcel', width: 8 },
    { header: 'Trường / Field', key: 'field', width: 14 },
    { header: 'Nội dung', key: 'vi', width: 70 },
    { header: 'Message', key: 'en', width: 70 },
    { header: 'Cách xử lý / Fix', key: 'fix', width: 50 },
    { header: 'Kinh độ / Longitude', key: 'lon', width: 14 },
    { header: 'Vĩ độ / Latitude', key: 'lat', width: 14 },
  ];
  sheet.getRow(1).font = { bold: true };
  report.findings.forEach((f, i) => {
    sheet.addRow({
      n: i + 1, severity: f.severity === 'error' ? 'Lỗi / error' : 'Cảnh báo / warning', rule: f.rule, objectType: f.objectType, objectId: f.objectId,
      unit: f.unitCode, sheet: f.details?.sheetNumber ?? null, parcel: f.details?.parcelNumber ?? null, field: f.field, vi: f.message.vi, en: f.message.en,
      fix: `${f.fix.changeType ? `${f.fix.changeType}: ` : ''}${f.fix.vi}`, lon: f.location?.[0] ?? null, lat: f.location?.[1] ?? null,
    });
  });
  const summary = book.addWorksheet('Tổng hợp');
  summary.addRows([
    ['Đơn vị / Unit', report.run.unitCode],
    ['Thời điểm / Started', report.run.startedAt],
    ['Lỗi / Errors', report.run.errorCount],
    ['Cảnh báo / Warnings', report.run.warningCount],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
