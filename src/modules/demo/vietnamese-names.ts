// Vietnamese personal names for demo parties. Surnames repeat in rough proportion to
// their frequency (Nguyễn about a third of the population); middle names mark gender
// as they usually do (Văn, Thị). All with correct diacritics (NFC).

export const SURNAMES = [
  ...Array(12).fill('Nguyễn'), ...Array(4).fill('Trần'), ...Array(3).fill('Lê'), ...Array(2).fill('Phạm'),
  'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Điểu',
] as const;

export const MALE_MIDDLE = ['Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Ngọc', 'Xuân'] as const;
export const FEMALE_MIDDLE = ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mỹ', 'Bích', 'Hồng'] as const;

export const MALE_GIVEN = [
  'An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hùng', 'Huy', 'Khánh', 'Lâm', 'Long', 'Minh', 'Nam',
  'Nghĩa', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Tiến', 'Toàn', 'Trung', 'Tuấn', 'Việt',
] as const;

export const FEMALE_GIVEN = [
  'Anh', 'Châu', 'Chi', 'Diệu', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hoa', 'Hương', 'Lan', 'Linh', 'Loan',
  'Mai', 'Nga', 'Ngân', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Thảo', 'Thủy', 'Trang', 'Tuyết', 'Vân', 'Xuân', 'Yến',
] as const;

/**
 * Province codes that open a 12-digit citizen ID (CCCD): where the holder's birth was
 * registered. Bình Phước (070) dominates; many residents came from the north and centre.
 */
export const ID_PROVINCE_CODES = ['070', '070', '070', '070', '070', '038', '040', '036', '034', '052', '075', '079'] as const;
