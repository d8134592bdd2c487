// Alarms (O8, I1): a job every few minutes opens an incident (source 'monitoring') when
// the last verified database backup is older than LIS_ALARM_BACKUP_HOURS (26: one daily
// backup missed, with two hours' grace) or when the share of 5xx answers over the last
// interval passes LIS_ALARM_ERROR_RATE. While an incident of the same alarm is open no
// second one is opened (a partial unique index on incident.alarm_key).
import type { Database } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { backupTablesExist, lastVerifiedBackup } from './backups.repo.js';
import { openAlarm } from './incidents.service.js';
import type { OperationsMetrics } from './metrics.js';

/** Fewer requests than this in an interval say nothing about an error rate. */
export const MIN_REQUESTS_FOR_RATE = 20;

export interface AlarmDeps {
  db: Database;
  clock: Clock;
  metrics?: OperationsMetrics | undefined;
  backupHours: number;
  errorRate: number;
}

export async function runAlarms(deps: AlarmDeps): Promise<{ opened: string[] }> {
  const opened: string[] = [];
  const now = deps.clock.now();
  if (await backupTablesExist(deps.db)) {
    const last = await lastVerifiedBackup(deps.db);
    const ageHours = last ? (now.getTime() - last.getTime()) / 3_600_000 : Infinity;
    if (ageHours > deps.backupHours) {
      const id = await openAlarm(deps, {
        key: 'backup_age',
        title: last ? `Bản sao lưu CSDL gần nhất đã cũ ${Math.floor(ageHours)} giờ / last database backup is ${Math.floor(ageHours)} h old` : 'Chưa có bản sao lưu CSDL nào được kiểm tra / no verified database backup',
        description: last
          ? `Bản sao lưu cơ sở dữ liệu đã kiểm tra gần nhất hoàn tất lúc ${last.toISOString()}, quá ${deps.backupHours} giờ. / The last verified database backup finished at ${last.toISOString()}, over ${deps.backupHours} hours ago.`
          : `Không có bản sao lưu cơ sở dữ liệu nào đã kiểm tra. / There is no verified database backup.`,
        severity: 'high',
        subsystems: ['all'],
        ...(last ? { startedAt: new Date(last.getTime() + deps.backupHours * 3_600_000) } : {}),
      });
      if (id) opened.push(id);
    }
  }
  const window = deps.metrics?.takeWindow();
  if (window && window.requests >= MIN_REQUESTS_FOR_RATE && window.errors / window.requests > deps.errorRate) {
    const percent = Math.round((window.errors / window.requests) * 1000) / 10;
    const id = await openAlarm(deps, {
      key: 'error_rate',
      title: `Tỉ lệ lỗi máy chủ ${percent}% / server error rate ${percent}%`,
      description: `${window.errors} trong ${window.requests} yêu cầu trả lỗi 5xx trong chu kỳ vừa qua (ngưỡng ${deps.errorRate * 100}%). / ${window.errors} of ${window.requests} requests answered 5xx in the last interval (threshold ${deps.errorRate * 100}%).`,
      severity: 'high',
      subsystems: ['all'],
    });
    if (id) opened.push(id);
  }
  return { opened };
}
