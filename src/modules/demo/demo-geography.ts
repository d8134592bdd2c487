// Plausible geography for the demo province. No official boundary data is shipped
// (none under a licence we could find for the pre-2025 communes), so the demo draws:
// an outline close to Bình Phước's extent, districts around their real seats, and
// communes inside their districts. Every such boundary is stored with
// boundary_source = 'generated-demo' and the portal says so.

/** Rough outline of Bình Phước (lon, lat), clockwise from the west. Not a legal boundary. */
export const PROVINCE_OUTLINE: ReadonlyArray<readonly [number, number]> = [
  [106.42, 11.62], [106.45, 11.85], [106.52, 12.0], [106.7, 12.1], [106.85, 12.17], [107.0, 12.27],
  [107.15, 12.3], [107.3, 12.22], [107.45, 12.05], [107.5, 11.85], [107.42, 11.65], [107.35, 11.5],
  [107.18, 11.38], [107.0, 11.3], [106.85, 11.33], [106.7, 11.32], [106.55, 11.36], [106.47, 11.48],
];

/** Approximate seats of the eleven district-level units (GSO code → lon, lat). */
export const DISTRICT_SEATS: Readonly<Record<string, readonly [number, number]>> = {
  '688': [106.99, 11.83], // Thị xã Phước Long
  '689': [106.9, 11.54], // Thành phố Đồng Xoài
  '690': [106.61, 11.66], // Thị xã Bình Long
  '691': [107.05, 12.1], // Huyện Bù Gia Mập
  '692': [106.58, 11.88], // Huyện Lộc Ninh
  '693': [106.82, 12.05], // Huyện Bù Đốp
  '694': [106.72, 11.58], // Huyện Hớn Quản
  '695': [107.0, 11.42], // Huyện Đồng Phú
  '696': [107.25, 11.78], // Huyện Bù Đăng
  '697': [106.62, 11.42], // Thị xã Chơn Thành
  '698': [106.96, 11.68], // Huyện Phú Riềng
};

/** The outline above drawn around its middle at 85 %, which gives about the province's real area (6 877 km²). */
const SHRINK = 0.85;
const MIDDLE = [106.95, 11.8] as const;

export function outlineWkt(): string {
  const ring = [...PROVINCE_OUTLINE, PROVINCE_OUTLINE[0]!]
    .map(([lon, lat]) => `${(MIDDLE[0] + (lon - MIDDLE[0]) * SHRINK).toFixed(5)} ${(MIDDLE[1] + (lat - MIDDLE[1]) * SHRINK).toFixed(5)}`)
    .join(', ');
  return `POLYGON((${ring}))`;
}
