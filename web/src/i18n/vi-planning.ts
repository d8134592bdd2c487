// Vietnamese texts of land-use planning (S-PLAN): what a parcel falls into in the plans
// in force (quy hoạch, kế hoạch sử dụng đất), published under Luật Đất đai 2024, Điều 75.
export const viPlanning = {
  'planning.title': 'Quy hoạch, kế hoạch sử dụng đất',
  'planning.asOf': 'Các quy hoạch có hiệu lực ngày {date}',
  'planning.none': 'Thửa đất không thuộc khu vực nào của quy hoạch, kế hoạch sử dụng đất đang có hiệu lực.',
  'planning.kind.planning': 'Quy hoạch sử dụng đất',
  'planning.kind.annual_plan': 'Kế hoạch sử dụng đất hằng năm',
  'planning.decision': 'Quyết định số {number} ngày {date} của {authority}',
  'planning.period': 'Thời kỳ {from} – {to}',
  'planning.zone': 'Khu vực',
  'planning.landUse': 'Loại đất quy hoạch',
  'planning.area': 'Diện tích',
  'planning.share': 'Tỷ lệ',
  'planning.uncovered': 'Không thuộc khu vực quy hoạch nào',
  'planning.notPublic': 'Không công khai',
  'planning.parcelArea': 'Diện tích thửa (theo hình thể) {area}',
} as const;
