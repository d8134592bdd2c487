// The restore log, printable (R2): who restored which backup, why, when, and every step
// with its outcome and details; signed on paper by the operator and the approver.
import { openPdf } from '../../kernel/pdf.js';
import type { BackupRunRow, RestoreRunRow, RestoreStepRow } from './backups.repo.js';

export const STEP_NAMES: Record<string, string> = {
  choose_backup: 'Chọn bản sao lưu / choose the backup',
  download: 'Tải về từ nơi sao lưu / download from the target',
  checksum: 'Kiểm tra mã băm SHA-256 / checksum',
  restore: 'Phục hồi vào cơ sở dữ liệu mới / restore into a fresh database',
  verify_row_counts: 'Kiểm tra số bản ghi từng bảng / row counts per table',
  verify_checksums: 'Kiểm tra mã kiểm tra từng bảng / checksums per table',
  verify_audit_chain: 'Kiểm tra chuỗi nhật ký / audit chain',
  verify_documents: 'Kiểm tra tệp hồ sơ quét / document files',
  carry_log: 'Ghi nhật ký vào cơ sở dữ liệu đã phục hồi / log carried into the restored database',
  switch: 'Chuẩn bị chuyển đổi / switch-over prepared',
  switched: 'Đã chuyển sang cơ sở dữ liệu phục hồi / switched over',
  drop_scratch: 'Xóa cơ sở dữ liệu diễn tập / scratch database dropped',
};

const OUTCOME: Record<string, string> = { ok: 'Đạt / OK', failed: 'KHÔNG ĐẠT / FAILED', skipped: 'Bỏ qua / skipped', running: 'Đang chạy / running' };

/** Vietnam time, as printed on the log: 20/11/2026 08:00:00 (UTC+7) */
export function vnTime(at: Date | string | null): string {
  if (!at) return '—';
  const d = new Date(new Date(at).getTime() + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

function detailText(details: Record<string, unknown>): string {
  const text = JSON.stringify(details);
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

export function restoreLogPdf(log: { run: RestoreRunRow; steps: RestoreStepRow[]; backup: BackupRunRow | null }, printedAt: Date): Promise<Buffer> {
  const { run, steps, backup } = log;
  const title = run.drill ? 'BIÊN BẢN DIỄN TẬP PHỤC HỒI DỮ LIỆU' : 'NHẬT KÝ PHỤC HỒI DỮ LIỆU';
  const { doc, bytes: done } = openPdf({ size: 'A4', margin: 40, info: { Title: `${title} — ${run.id}` } });

  doc.font('bold').fontSize(14).text(title, { align: 'center' });
  doc.font('regular').fontSize(9).text(run.drill ? 'Restore drill record' : 'Restore log', { align: 'center' }).moveDown();
  const line = (label: string, value: string) => doc.font('bold').text(`${label}: `, { continued: true }).font('regular').text(value);
  doc.fontSize(10);
  line('Mã lần phục hồi / restore id', run.id);
  line('Người yêu cầu / requested by', run.requestedByName ?? '—');
  line('Lý do / reason', run.reason ?? '—');
  line('Thời điểm sự cố / incident time', vnTime(run.incidentAt));
  line('Bản sao lưu / backup', backup ? `${backup.id} (${vnTime(backup.startedAt)}, ${backup.bytes ?? 0} bytes, SHA-256 ${backup.sha256 ?? '—'})` : '—');
  line('Cơ sở dữ liệu / engine', run.engine);
  line('Phục hồi vào / restored into', run.restoredInto ?? '—');
  line('Bản cũ giữ lại / previous kept as', run.previousKeptAs ?? '—');
  line('Bắt đầu / started', vnTime(run.startedAt));
  line('Kết thúc / finished', vnTime(run.finishedAt));
  line('Thời gian / duration', run.durationMs === null ? '—' : `${(run.durationMs / 1000).toFixed(1)} s`);
  line('Kết quả / result', run.status === 'succeeded' ? 'Thành công / succeeded' : run.status === 'failed' ? `KHÔNG THÀNH CÔNG / FAILED: ${run.error ?? ''}` : 'Đang chạy / running');
  doc.moveDown();
  doc.font('bold').fontSize(11).text('Các bước / steps');
  doc.moveDown(0.3);
  for (const s of steps) {
    doc.font('bold').fontSize(10).text(`${s.position}. ${STEP_NAMES[s.step] ?? s.step} — ${OUTCOME[s.outcome] ?? s.outcome}`);
    doc.font('regular').fontSize(8).text(`${vnTime(s.startedAt)} → ${vnTime(s.finishedAt)}`);
    doc.text(detailText(s.details), { width: 515 });
    doc.moveDown(0.4);
  }
  doc.moveDown();
  doc.fontSize(9).text(`In lúc / printed: ${vnTime(printedAt)} (giờ Việt Nam, UTC+7)`);
  doc.moveDown(2);
  const y = doc.y;
  doc.font('bold').text('NGƯỜI THỰC HIỆN', 60, y, { width: 200, align: 'center' });
  doc.text('NGƯỜI PHÊ DUYỆT', 330, y, { width: 200, align: 'center' });
  doc.font('regular').text('(Ký, ghi rõ họ tên)', 60, doc.y, { width: 200, align: 'center' });
  doc.end();
  return done;
}
