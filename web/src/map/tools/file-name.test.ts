import { describe, expect, it } from 'vitest';
import { asciiSlug, exportFileName } from './file-name';

describe('S-PORTAL map export: file names', () => {
  it('drops Vietnamese marks and keeps plain ASCII', () => {
    expect(asciiSlug('Xã Đồng Tâm')).toBe('xa-dong-tam');
    expect(asciiSlug('Phường Tân Phú (cũ)')).toBe('phuong-tan-phu-cu');
    expect(asciiSlug('Thị trấn Lộc Ninh – Bình Phước')).toBe('thi-tran-loc-ninh-binh-phuoc');
  });

  it('names the file by unit and date', () => {
    expect(exportFileName('Xã Tiến Hưng', '2019-07-14', 'pdf')).toBe('ban-do-xa-tien-hung-2019-07-14.pdf');
    expect(exportFileName('', '2026-11-25', 'png')).toBe('ban-do-tinh-2026-11-25.png');
  });
});
