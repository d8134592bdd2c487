// The validation report as an Excel workbook (one row per finding), for the contractor.
import { findingsWorkbook } from '../../kernel/findings-workbook.js';
import type { Report } from './imports.service.js';

export function reportWorkbook(report: Report): Promise<Buffer> {
  return findingsWorkbook('Báo cáo kiểm tra', {
    subject: [
      { header: 'Đối tượng / Feature', width: 10, value: (f) => f.featureIndex },
      { header: 'Tờ / Sheet', width: 8, value: (f) => f.sheetNumber },
      { header: 'Thửa / Parcel', width: 8, value: (f) => f.parcelNumber },
    ],
  }, report.findings, [
    ['Tệp / File', report.batch.fileName],
    ['Lần nộp / Attempt', report.batch.attempt],
    ['Đơn vị / Unit', report.batch.unitCode],
    ['Lỗi / Errors', report.counts.errors],
    ['Cảnh báo / Warnings', report.counts.warnings],
  ]);
}
