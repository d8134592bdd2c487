// The subsystems an incident can affect and maintenance mode can suspend (I3), and which
// URLs belong to each. The rule is a URL prefix after /api/v1 (and /ogc for sharing):
// simple, visible in one table, and a new module joins by adding its prefix here.
export const SUBSYSTEMS = ['cadastre', 'prices', 'planning', 'statistics', 'documents', 'dossiers', 'sharing', 'portal', 'all'] as const;
export type Subsystem = (typeof SUBSYSTEMS)[number];

/** Subsystems maintenance mode applies to ('portal' is the static site: always served). */
export const MAINTENANCE_SUBSYSTEMS = ['cadastre', 'prices', 'planning', 'statistics', 'documents', 'dossiers', 'sharing', 'all'] as const;
export type MaintenanceSubsystem = (typeof MAINTENANCE_SUBSYSTEMS)[number];

export const SUBSYSTEM_NAMES: Record<Subsystem, { vi: string; en: string }> = {
  cadastre: { vi: 'Địa chính', en: 'Cadastre' },
  prices: { vi: 'Giá đất', en: 'Land prices' },
  planning: { vi: 'Quy hoạch, kế hoạch sử dụng đất', en: 'Land-use planning' },
  statistics: { vi: 'Thống kê, kiểm kê, báo cáo', en: 'Statistics and reports' },
  documents: { vi: 'Hồ sơ quét', en: 'Scanned documents' },
  dossiers: { vi: 'Thủ tục hành chính (hồ sơ)', en: 'Dossiers' },
  sharing: { vi: 'Chia sẻ, khai thác dữ liệu', en: 'Data sharing' },
  portal: { vi: 'Cổng thông tin', en: 'Portal' },
  all: { vi: 'Toàn bộ hệ thống', en: 'The whole system' },
};

/** URL prefixes → subsystem (/ogc and /share: the machine interfaces of sharing). First match wins. */
const PREFIXES: ReadonlyArray<readonly [string, Exclude<MaintenanceSubsystem, 'all'>]> = [
  ['/api/v1/prices', 'prices'],
  ['/api/v1/planning', 'planning'],
  ['/api/v1/statistics', 'statistics'],
  ['/api/v1/reports', 'statistics'],
  ['/api/v1/documents', 'documents'],
  ['/api/v1/admin/documents', 'documents'],
  ['/api/v1/dossiers', 'dossiers'],
  ['/api/v1/procedures', 'dossiers'],
  ['/api/v1/dossier-reports', 'dossiers'],
  ['/api/v1/calendar', 'dossiers'],
  ['/api/v1/public/dossiers', 'dossiers'],
  ['/api/v1/sharing', 'sharing'],
  ['/api/v1/consumers', 'sharing'],
  ['/ogc', 'sharing'],
  ['/share', 'sharing'],
  ['/api/v1/parcels', 'cadastre'],
  ['/api/v1/changes', 'cadastre'],
  ['/api/v1/search', 'cadastre'],
  ['/api/v1/certificates', 'cadastre'],
  ['/api/v1/parties', 'cadastre'],
  ['/api/v1/land-use-codes', 'cadastre'],
  ['/api/v1/code-lists', 'cadastre'],
  ['/api/v1/units', 'cadastre'],
  ['/api/v1/tiles', 'cadastre'],
  ['/api/v1/imports', 'cadastre'],
];

/**
 * Never suspended: signing in and out, who am I, the operations routes (to lift it),
 * notices, and backups and restores (a restore is done under maintenance).
 */
const ALWAYS_OPEN = ['/api/v1/auth', '/api/v1/operations', '/api/v1/notices', '/api/v1/backups', '/api/v1/restores'];

function startsWithSegment(url: string, prefix: string): boolean {
  return url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);
}

/**
 * The subsystem a request URL belongs to: a subsystem code, 'other' for API routes of no
 * listed subsystem (suspended only by 'all'), or null for what is never suspended (the
 * always-open routes, health, metrics, the portal's static files).
 */
export function subsystemOfUrl(url: string): Exclude<MaintenanceSubsystem, 'all'> | 'other' | null {
  if (ALWAYS_OPEN.some((prefix) => startsWithSegment(url, prefix))) return null;
  for (const [prefix, subsystem] of PREFIXES) if (startsWithSegment(url, prefix)) return subsystem;
  return url.startsWith('/api/v1/') ? 'other' : null; // portal files, health, metrics, /oauth: never
}
