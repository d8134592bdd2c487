// Vietnamese is the portal's first language: this dictionary defines the keys, and
// every other language must provide the same ones (see Dictionary). The screens of the
// signed-in areas keep their texts in parts beside this file.
import { viAccounts } from './vi-accounts';
import { viAuth } from './vi-auth';
import { viOversight } from './vi-oversight';

const viPortal = {
  'app.title': 'Hệ thống thông tin đất đai tỉnh Bình Phước',
  'app.subtitle': 'Cổng thông tin bản đồ địa chính',
  'lang.switch': 'English',
  'lang.switchLabel': 'Chuyển sang tiếng Anh',
  'loading': 'Đang tải dữ liệu…',
  'error.title': 'Có lỗi xảy ra',
  'error.dismiss': 'Đóng',
  'unit.label': 'Xã, phường, thị trấn',
  'unit.placeholder': '— Chọn đơn vị hành chính —',
  'unit.otherGroup': 'Đơn vị khác',
  'unit.parcels': '{count} thửa',
  'unit.noParcels': 'Chưa có dữ liệu thửa đất cho đơn vị này.',
  'unit.shown': 'Đang hiển thị {shown} / {total} thửa đất.',
  'unit.clear': 'Bỏ chọn',
  'unit.hint': 'Chọn một xã trong danh sách hoặc nhấp vào bản đồ để xem các thửa đất.',
  'parcel.title': 'Thông tin thửa đất',
  'parcel.commune': 'Xã/phường',
  'parcel.sheet': 'Tờ bản đồ số',
  'parcel.number': 'Thửa đất số',
  'parcel.area': 'Diện tích',
  'parcel.landUse': 'Loại đất',
  'parcel.address': 'Địa chỉ',
  'parcel.validFrom': 'Hiệu lực từ',
  'parcel.noAddress': 'Chưa có',
  'parcel.close': 'Đóng',
  'parcel.unavailable': 'Không có thông tin của thửa đất này.',
  'parcel.hint': 'Nhấp vào một thửa đất trên bản đồ để xem thông tin.',
  'legend.title': 'Chú giải loại đất',
  'map.label': 'Bản đồ địa chính',
  'map.unavailable': 'Trình duyệt không hiển thị được bản đồ (cần WebGL).',
} as const;

export const vi = { ...viPortal, ...viAuth, ...viAccounts, ...viOversight } as const;

export type MessageKey = keyof typeof vi;
export type Dictionary = { readonly [K in MessageKey]: string };
