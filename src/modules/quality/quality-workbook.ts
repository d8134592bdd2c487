// A quality run's findings as an Excel workbook: the officers' work list.
import { findingsWorkbook } from '../../kernel/findings-workbook.js';
import type { QualityReport } from './quality.service.js';

export function qualityWorkbook(report: QualityReport): Promise<Buffer> {
  return findingsWorkbook('Kiểm tra chất lượng', {
    widths: { severity: 14, rule: 24 },
    subject: [
      { header: 'Đối tượng / Object', width: 10, value: (f) => f.objectType },
      { header: 'Mã đối tượng / Object id', width: 38, value: (f) => f.objectId },
      { header: 'Đơn vị / Unit', width: 8, value: (f) => f.unitCode },
      { header: 'Tờ / Sheet', width: 8, value: (f) => f.details?.sheetNumber },
      { header: 'Thửa / Parcel', width: 8, value: (f) => f.details?.parcelNumber },
    ],
    after: [{ header: 'Cách xử lý / Fix', width: 50, value: (f) => `${f.fix.changeType ? `${f.fix.changeType}: ` : ''}${f.fix.vi}` }],
  }, report.findings, [
    ['Đơn vị / Unit', report.run.unitCode],
    ['Thời điểm / Started', report.run.startedAt],
    ['Lỗi / Errors', report.run.errorCount],
    ['Cảnh báo / Warnings', report.run.warningCount],
  ]);
}
