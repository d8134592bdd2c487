/** Land statistics and reports on demand need this permission on the unit (S-STAT, F4). */
export const REPORTS_PERMISSION = 'reports.read';
