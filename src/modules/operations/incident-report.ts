// The quick incident report (báo cáo nhanh sự cố, I4): one printable page with the
// incident's facts, impact, timeline, actions and the interruption against the 12-hour
// limit (O9).
import { createPdf } from './pdf.js';
import { INTERRUPTION_LIMIT_HOURS, type IncidentDetail } from './incidents.service.js';
import { SUBSYSTEM_NAMES } from './subsystems.js';

const SEVERITY = { low: 'Thấp', medium: 'Trung bình', high: 'Cao', critical: 'Nghiêm trọng' } as const;
const SOURCE = { monitoring: 'Giám sát tự động', user: 'Người dùng báo lỗi', officer: 'Cán bộ vận hành ghi nhận' } as const;
const STATUS = { open: 'Mới ghi nhận', in_progress: 'Đang xử lý', resolved: 'Đã khắc phục' } as const;

/** dd/mm/yyyy hh:mm in Vietnam time (UTC+7). */
export function vietnamTime(isoTime: string | null): string {
  if (!isoTime) return '—';
  const d = new Date(new Date(isoTime).getTime() + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export async function quickIncidentReport(i: IncidentDetail, printedAt: Date): Promise<Buffer> {
  const pdf = createPdf({ title: `Báo cáo nhanh sự cố ${i.code}` });
  pdf.line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, align: 'center' });
  pdf.line('Độc lập - Tự do - Hạnh phúc', { align: 'center' });
  pdf.line(' ');
  pdf.title('BÁO CÁO NHANH SỰ CỐ HỆ THỐNG THÔNG TIN ĐẤT ĐAI');
  pdf.line(`Số hiệu sự cố: ${i.code} — lập lúc ${vietnamTime(printedAt.toISOString())} (giờ Việt Nam)`, { align: 'center' });

  pdf.heading('1. Thông tin sự cố');
  pdf.table([{ header: 'Mục', width: 30 }, { header: 'Nội dung', width: 70 }], [
    ['Tên sự cố', i.title],
    ['Mô tả', i.description],
    ['Nguồn phát hiện', SOURCE[i.source]],
    ['Mức độ', SEVERITY[i.severity]],
    ['Trạng thái', STATUS[i.status]],
    ['Bắt đầu', vietnamTime(i.startedAt)],
    ['Phát hiện', vietnamTime(i.detectedAt)],
    ['Dự kiến khắc phục', vietnamTime(i.expectedFixAt)],
    ['Đã khắc phục lúc', vietnamTime(i.resolvedAt)],
    ['Người báo / ghi nhận', i.reportedByName],
  ]);

  pdf.heading('2. Phạm vi ảnh hưởng');
  pdf.table([{ header: 'Mục', width: 30 }, { header: 'Nội dung', width: 70 }], [
    ['Phân hệ', i.subsystems.map((s) => SUBSYSTEM_NAMES[s].vi).join(', ')],
    ['Đơn vị', i.units.length ? i.units.map((u) => `${u.name} (${u.code})`).join(', ') : 'Tất cả đơn vị'],
    ['Gián đoạn dịch vụ', i.interruptsService ? 'Có' : 'Không'],
    ['Thời gian gián đoạn', i.interruptsService ? `${i.interruptionHours.toLocaleString('vi-VN')} giờ (giới hạn ${INTERRUPTION_LIMIT_HOURS} giờ)` : '—'],
    ['Đánh giá giới hạn 12 giờ', !i.interruptsService ? 'Không áp dụng' : i.pastLimit ? `VƯỢT giới hạn ${INTERRUPTION_LIMIT_HOURS} giờ` : `Trong giới hạn ${INTERRUPTION_LIMIT_HOURS} giờ`],
  ]);

  pdf.heading('3. Diễn biến và biện pháp xử lý');
  pdf.table(
    [{ header: 'Thời điểm', width: 20 }, { header: 'Người thực hiện', width: 22 }, { header: 'Nội dung', width: 58 }],
    i.timeline.map((a) => [vietnamTime(a.at), a.actorName, a.text]),
  );

  pdf.heading('4. Thông báo đã gửi');
  const mails = i.mails ?? [];
  pdf.line(i.noticeVi ? `Thông báo trên cổng thông tin: ${i.noticeVi}` : 'Chưa đăng thông báo trên cổng thông tin.');
  pdf.line(`Thư điện tử: ${mails.length} người nhận${mails.length ? ` (${mails.map((m) => m.toAddress).slice(0, 30).join(', ')}${mails.length > 30 ? ', …' : ''})` : ''}.`);

  pdf.heading('5. Nguyên nhân và kết quả khắc phục');
  pdf.line(`Nguyên nhân: ${i.cause ?? 'đang xác định'}`);
  pdf.line(`Kết quả khắc phục: ${i.resolution ?? 'đang xử lý'}`);

  pdf.signatures('NGƯỜI LẬP BÁO CÁO', 'THỦ TRƯỞNG ĐƠN VỊ VẬN HÀNH');
  return pdf.finish();
}
