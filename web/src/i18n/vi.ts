// Vietnamese is the portal's first language: this dictionary defines the keys, and
// every other language must provide the same ones (see Dictionary). The screens of the
// signed-in areas keep their texts in parts beside this file.
import { viAccounts } from './vi-accounts';
import { viAuth } from './vi-auth';
import { viOversight } from './vi-oversight';
import { viRecords } from './vi-records';
import { viPlanning } from './vi-planning';
import { viMap } from './vi-map';
import { viPrices } from './vi-prices';
import { viDocuments } from './vi-documents';
import { viStatistics } from './vi-statistics';
import { viBackups } from './vi-backups';
import { viSharing } from './vi-sharing';
import { viOperations } from './vi-operations';
import { viWorkflow } from './vi-workflow';
import { viImports } from './vi-imports';

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
  'mapLegend.title': 'Chú giải',
  'mapLegend.layers': 'Lớp bản đồ',
  'mapLegend.layer.parcels': 'Thửa đất',
  'mapLegend.layer.boundaries': 'Ranh giới hành chính',
  'mapLegend.layer.planning': 'Quy hoạch sử dụng đất',
  'mapLegend.layer.prices': 'Giá đất (đoạn đường, vị trí 1)',
  'mapLegend.group.NNP': 'Nông nghiệp',
  'mapLegend.group.PNN': 'Phi nông nghiệp',
  'mapLegend.group.CSD': 'Chưa sử dụng',
  'map.label': 'Bản đồ địa chính',
  'map.unavailable': 'Trình duyệt không hiển thị được bản đồ (cần WebGL).',
  'search.title': 'Tìm kiếm thửa đất',
  'search.label': 'Tên người sử dụng đất, số CCCD hoặc tờ/thửa',
  'search.placeholder': 'VD: Nguyễn Văn An, 12/345',
  'search.unit': 'Trong đơn vị',
  'search.allUnits': '— Mọi đơn vị được phân quyền —',
  'search.submit': 'Tìm',
  'search.searching': 'Đang tìm…',
  'search.empty': 'Không tìm thấy thửa đất phù hợp.',
  'search.tooShort': 'Nhập ít nhất 2 ký tự, hoặc chọn một đơn vị.',
  'search.more': 'Xem thêm kết quả',
  'search.result': 'Tờ {sheet}, thửa {parcel}',
  'records.masked': '(đã che thông tin cá nhân)',
  'holders.title': 'Người sử dụng đất',
  'holders.none': 'Chưa có người sử dụng đất được đăng ký.',
  'holders.idNumber': 'Số giấy tờ',
  'holders.birthYear': 'Năm sinh',
  'holders.share': 'Phần quyền',
  'history.title': 'Lịch sử biến động',
  'history.none': 'Chưa có biến động nào.',
  'history.status.pending': 'Đang chờ duyệt',
  'history.status.approved': 'Đã duyệt',
  'history.status.cancelled': 'Đã hủy',
  'history.legalBasis': 'Căn cứ',
  'history.dossier': 'Hồ sơ',
  'history.created': 'Lập ngày {date}',
  'history.effective': 'Có hiệu lực ngày {date}',
  'history.restrictions': 'Thế chấp đang có hiệu lực',
  'history.noRestrictions': 'Không có thế chấp đang có hiệu lực.',
  'history.mortgage': 'Thế chấp tại {holder}',
  'history.amount': 'Số tiền',
  'history.contract': 'Hợp đồng',
  'history.since': 'từ ngày {date}',
} as const;

export const vi = { ...viPortal, ...viAuth, ...viAccounts, ...viOversight, ...viRecords, ...viPlanning, ...viMap, ...viPrices, ...viDocuments, ...viStatistics, ...viBackups, ...viSharing, ...viOperations, ...viWorkflow, ...viImports } as const;

export type MessageKey = keyof typeof vi;
export type Dictionary = { readonly [K in MessageKey]: string };
