// Compliance and statistics of the workflow (issue #7 item 8; O13: "was every procedure
// done by its steps and deadlines?"): counts per procedure, unit and officer for a period,
// and the dossiers whose recorded steps deviate from their procedure version.
import type { Queryable } from '../../db/database.js';
import { errors } from '../../kernel/app-error.js';
import type { Clock } from '../../kernel/clock.js';
import * as repo from './compliance.repo.js';
import { localDay } from './holidays.js';

export interface DossierStatistics {
  from: string;
  to: string;
  byProcedure: repo.ByProcedure[];
  byUnit: repo.ByUnit[];
  byOfficer: repo.ByOfficer[];
}

const MAX_PERIOD_DAYS = 3660;

function checkPeriod(from: string, to: string): void {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (!(days >= 0 && days <= MAX_PERIOD_DAYS)) {
    throw errors.invalid({ vi: 'Kỳ báo cáo không hợp lệ (từ ngày phải trước đến ngày, tối đa 10 năm)', en: 'Invalid period (from before to, at most 10 years)' }, { field: 'querystring/to' });
  }
}

/** Dossiers received from `from` to `to` (local days, inclusive); all units unless some are named. For the periodic report (#10). */
export async function dossierStatistics(db: Queryable, from: string, to: string, options: { clock?: Clock; unitIds?: number[] | null } = {}): Promise<DossierStatistics> {
  checkPeriod(from, to);
  const today = localDay((options.clock ?? { now: () => new Date() }).now());
  const units = options.unitIds ?? null;
  return {
    from, to,
    byProcedure: await repo.countsByProcedure(db, from, to, today, units),
    byUnit: await repo.countsByUnit(db, from, to, today, units),
    byOfficer: await repo.stepsByOfficer(db, from, to, units),
  };
}

export interface Deviation {
  dossierId: string;
  receiptCode: string;
  procedureCode: string;
  version: number;
  status: string;
  planned: string[];
  recorded: string[];
  reason: { vi: string; en: string };
}

/**
 * How recorded steps deviate from the planned ones, or null: a closed dossier with a
 * result must have gone through every step in order; an open or refused one through a
 * beginning of them, in order.
 */
export function deviationOf(planned: readonly string[], recorded: readonly string[], status: string): { vi: string; en: string } | null {
  for (const [i, code] of recorded.entries()) {
    if (planned[i] !== code) {
      return planned.includes(code)
        ? { vi: `Bước "${code}" được ghi ở vị trí ${i + 1}, quy trình là "${planned[i] ?? '—'}"`, en: `Step "${code}" recorded in position ${i + 1}; the procedure has "${planned[i] ?? '—'}"` }
        : { vi: `Bước "${code}" không có trong quy trình`, en: `Step "${code}" is not in the procedure` };
    }
  }
  if (status === 'done' && recorded.length < planned.length) {
    const missing = planned.slice(recorded.length);
    return { vi: `Đã trả kết quả nhưng thiếu bước: ${missing.join(', ')}`, en: `Result returned without the steps: ${missing.join(', ')}` };
  }
  return null;
}

export async function complianceCheck(db: Queryable, from: string, to: string, unitIds: number[] | null = null): Promise<Deviation[]> {
  checkPeriod(from, to);
  const rows = await repo.recordedSteps(db, from, to, unitIds);
  return rows.flatMap((r) => {
    const reason = deviationOf(r.planned, r.recorded, r.status);
    return reason ? [{ ...r, reason }] : [];
  });
}
