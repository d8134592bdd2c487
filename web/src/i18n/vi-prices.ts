// Vietnamese texts of land prices (S-PRICE): the price of a parcel from the province's
// price table (bảng giá đất, Luật Đất đai 2024 Điều 159) and how it was derived.
export const viPrices = {
  'prices.title': 'Giá đất theo bảng giá',
  'prices.perM2': 'Đơn giá',
  'prices.total': 'Thành tiền (theo diện tích thửa)',
  'prices.table': 'Bảng giá',
  'prices.decision': 'Quyết định số {number} ngày {date} của {issuer}',
  'prices.decisionShort': 'Quyết định số {number}',
  'prices.segment': 'Đoạn đường',
  'prices.segmentText': '{road}, từ {from} đến {to}',
  'prices.position': 'Vị trí {position}',
  'prices.coefficient': 'Hệ số điều chỉnh giá đất',
  'prices.specific': 'Giá đất cụ thể',
} as const;
