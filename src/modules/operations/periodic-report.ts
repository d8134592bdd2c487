// The periodic report "Báo cáo tình hình quản lý, vận hành, khai thác, cập nhật cơ sở
// dữ liệu đất đai" (O2, O3, A8): monthly, quarterly and yearly. A report is a list of
// sections, each a function of the period returning rows; a subsystem adds its section
// with one line in SECTIONS. Generated on schedule (the first days of a month, quarter
// and year, for the period just ended) and on demand; the content is stored as JSON and
// the Excel and PDF files are rendered from it.
import type { Database, Queryable } from '../../db/database.js';
import { errors } from '../../kernel/app-error.js';
import type { Clock } from '../../kernel/clock.js';
import { accountsReport } from '../accounts/index.js';
import { sharingUsage } from '../sharing/index.js';
import { dossierStatistics } from '../workflow/index.js';
import { actAs, SYSTEM_ACTOR, type Actor } from '../audit/index.js';
import { listIncidents } from './incidents.repo.js';
import { INTERRUPTION_LIMIT_HOURS, interruptionHours } from './incidents.service.js';
import {
  backupFigures, documentsAdded, findReport, insertReport, landUpdates, liveProvinces, listReports, provinceOfCode, scheduledExists,
  type Period, type StoredReport,
} from './periodic-report.repo.js';

export type ReportKind = 'monthly' | 'quarterly' | 'yearly';
export type Cell = string | number | null;

export interface ReportPeriod extends Period {
  kind: ReportKind;
  /** 2026-10, 2026-Q4 or 2026 */
  label: string;
  /** first and last day, inclusive (YYYY-MM-DD) */
  start: string;
  end: string;
}

export interface ReportSection {
  key: string;
  titleVi: string;
  titleEn: string;
  columns: Array<{ key: string; vi: string; en: string; numeric?: boolean }>;
  rows: Array<Record<string, Cell>>;
  /** "chưa có dữ liệu / no data yet" and the like */
  note?: { vi: string; en: string };
}

export interface PeriodicReport {
  titleVi: string;
  titleEn: string;
  period: Omit<ReportPeriod, 'from' | 'to'> & { from: string; to: string };
  unit: { code: string; name: string };
  generatedAt: string;
  generatedBy: string;
  sections: ReportSection[];
}

export const REPORT_TITLE = {
  vi: 'BÁO CÁO TÌNH HÌNH QUẢN LÝ, VẬN HÀNH, KHAI THÁC, CẬP NHẬT CƠ SỞ DỮ LIỆU ĐẤT ĐAI',
  en: 'Report on the management, operation, use and updating of the land database',
};

const VN_OFFSET_MS = 7 * 3_600_000;
const localMidnight = (y: number, m0: number) => new Date(Date.UTC(y, m0, 1) - VN_OFFSET_MS);
const day = (d: Date) => new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);

/** '2026-10' (month), '2026-Q4' (quarter) or '2026' (year) → the period, in Vietnam's time zone. */
export function parsePeriod(label: string): ReportPeriod {
  const m = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/.exec(label);
  if (!m) throw errors.invalid({ vi: `Kỳ báo cáo (period) không hợp lệ: "${label}" (dạng 2026-10, 2026-Q4 hoặc 2026)`, en: `Invalid period "${label}" (2026-10, 2026-Q4 or 2026)` }, { field: 'period' });
  const year = Number(m[1]);
  const [kind, m0, months]: [ReportKind, number, number] = m[2] ? ['monthly', Number(m[2]) - 1, 1] : m[3] ? ['quarterly', (Number(m[3]) - 1) * 3, 3] : ['yearly', 0, 12];
  const from = localMidnight(year, m0);
  const to = localMidnight(year, m0 + months);
  return { kind, label, from, to, start: day(from), end: day(new Date(to.getTime() - 1)) };
}

/** The periods of each kind that ended last before `now` (what the schedule generates). */
export function lastEndedPeriods(now: Date): string[] {
  const local = new Date(now.getTime() + VN_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m0 = local.getUTCMonth();
  const prevMonth = m0 === 0 ? `${y - 1}-12` : `${y}-${String(m0).padStart(2, '0')}`;
  const q = Math.floor(m0 / 3);
  const prevQuarter = q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
  return [prevMonth, prevQuarter, String(y - 1)];
}

// ——— sections ———

export type SectionBuilder = (db: Queryable, period: ReportPeriod, now: Date) => Promise<ReportSection>;

const indicator = [{ key: 'indicator', vi: 'Chỉ tiêu', en: 'Indicator' }, { key: 'value', vi: 'Số lượng', en: 'Value', numeric: true }];
const line = (indicatorText: string, value: Cell) => ({ indicator: indicatorText, value });

const accountsSection: SectionBuilder = async (db, p) => {
  const r = await accountsReport(db, p.start, p.end);
  return {
    key: 'accounts', titleVi: 'Tài khoản người dùng (cấp mới, thay đổi quyền, khóa, đóng)', titleEn: 'User accounts (issued, rights changed, locked, closed)',
    columns: indicator,
    rows: [
      line('Tài khoản cấp mới / issued', r.totals.issued),
      line('Thay đổi quyền / rights changed', r.totals.rightsChanged),
      line('Tài khoản bị khóa / locked', r.totals.locked),
      line('Tài khoản đóng / closed', r.totals.closed),
      line('Tài khoản đang hoạt động / active', r.totals.activeAtEnd),
    ],
  };
};

const landUpdatesSection: SectionBuilder = async (db, p) => {
  const rows = await landUpdates(db, p);
  return {
    key: 'land_updates', titleVi: 'Cập nhật cơ sở dữ liệu địa chính (biến động đã duyệt) theo đơn vị và loại biến động', titleEn: 'Land record updates (approved changes) by unit and change type',
    columns: [
      { key: 'unitCode', vi: 'Mã đơn vị', en: 'Unit code' }, { key: 'unitName', vi: 'Đơn vị', en: 'Unit' },
      { key: 'changeType', vi: 'Mã loại', en: 'Type code' }, { key: 'changeTypeName', vi: 'Loại biến động', en: 'Change type' },
      { key: 'count', vi: 'Số biến động', en: 'Changes', numeric: true },
    ],
    rows: rows.map((r) => ({ ...r })),
    ...(rows.length ? {} : { note: { vi: 'Không có biến động được duyệt trong kỳ', en: 'No change approved in the period' } }),
  };
};

const documentsSection: SectionBuilder = async (db, p) => {
  const rows = await documentsAdded(db, p);
  return {
    key: 'documents', titleVi: 'Hồ sơ quét được cập nhật', titleEn: 'Scanned documents added',
    columns: [
      { key: 'type', vi: 'Mã loại', en: 'Type code' }, { key: 'typeName', vi: 'Loại giấy tờ', en: 'Document type' },
      { key: 'documents', vi: 'Hồ sơ mới', en: 'New documents', numeric: true }, { key: 'versions', vi: 'Phiên bản mới', en: 'New versions', numeric: true },
      { key: 'pages', vi: 'Số trang', en: 'Pages', numeric: true }, { key: 'bytes', vi: 'Dung lượng (byte)', en: 'Bytes', numeric: true },
    ],
    rows: rows.map((r) => ({ ...r })),
    ...(rows.length ? {} : { note: { vi: 'Không có hồ sơ quét mới trong kỳ', en: 'No scanned document added in the period' } }),
  };
};

/** Data shared with other systems (S-SHARE, O5): the exchange log per consumer and service. */
const sharingSection: SectionBuilder = async (db, p) => {
  const { rows } = await sharingUsage(db, p.start, p.end);
  return {
    key: 'sharing', titleVi: 'Cung cấp, chia sẻ dữ liệu theo đơn vị khai thác', titleEn: 'Data shared by consumer',
    columns: [
      { key: 'agency', vi: 'Đơn vị khai thác', en: 'Consumer' }, { key: 'service', vi: 'Dịch vụ', en: 'Service' },
      { key: 'requests', vi: 'Lượt yêu cầu', en: 'Requests', numeric: true }, { key: 'succeeded', vi: 'Đã đáp ứng', en: 'Served', numeric: true },
      { key: 'refused', vi: 'Từ chối', en: 'Refused', numeric: true }, { key: 'records', vi: 'Số bản ghi', en: 'Records', numeric: true },
      { key: 'personalData', vi: 'Có dữ liệu cá nhân', en: 'With personal data', numeric: true },
    ],
    rows: rows.map((r) => ({
      agency: r.agency ?? r.clientId ?? '—', service: r.service ? `${r.service} v${r.version ?? ''}` : '—',
      requests: r.requests, succeeded: r.succeeded, refused: r.refused, records: r.records, personalData: r.personalData,
    })),
    ...(rows.length ? {} : { note: { vi: 'Không có lượt chia sẻ dữ liệu trong kỳ', en: 'No data shared in the period' } }),
  };
};

/** Dossiers received in the period by procedure (#7, O13): done on time or late, refused, still open when the report is made. */
const dossiersSection: SectionBuilder = async (db, p, now) => {
  const { byProcedure } = await dossierStatistics(db, p.start, p.end, { clock: { now: () => now } });
  const n = (key: string, vi: string, en: string) => ({ key, vi, en, numeric: true });
  return {
    key: 'dossiers', titleVi: 'Hồ sơ thủ tục hành chính đã giải quyết, trễ hạn', titleEn: 'Dossiers processed and late',
    columns: [
      { key: 'procedure', vi: 'Thủ tục', en: 'Procedure' }, n('received', 'Tiếp nhận', 'Received'), n('doneOnTime', 'Giải quyết đúng hạn', 'Done on time'),
      n('doneLate', 'Giải quyết trễ hạn', 'Done late'), n('refused', 'Từ chối', 'Refused'), n('inProgress', 'Đang giải quyết', 'In progress'),
      n('inProgressLate', 'Đang giải quyết, quá hạn', 'In progress, late'),
    ],
    rows: byProcedure.map((r) => ({
      procedure: r.name.vi, received: r.received, doneOnTime: r.doneOnTime, doneLate: r.doneLate, refused: r.refused, inProgress: r.inProgress, inProgressLate: r.inProgressLate,
    })),
    ...(byProcedure.length ? {} : { note: { vi: 'Không có hồ sơ tiếp nhận trong kỳ', en: 'No dossier received in the period' } }),
  };
};

const incidentsSection: SectionBuilder = async (db, p, now) => {
  const incidents = await listIncidents(db, { reportedBy: null, status: null, from: p.from, to: p.to, limit: 10_000 });
  // interruption measured up to the end of the period at the latest
  const end = now < p.to ? now : p.to;
  const hours = incidents.map((i) => interruptionHours({ ...i, resolvedAt: i.resolvedAt && i.resolvedAt < end ? i.resolvedAt : end }, end));
  const count = (severity: string) => incidents.filter((i) => i.severity === severity).length;
  return {
    key: 'incidents', titleVi: 'Sự cố và khắc phục sự cố', titleEn: 'Incidents',
    columns: indicator,
    rows: [
      line('Số sự cố phát sinh / incidents', incidents.length),
      line('— mức nghiêm trọng / critical', count('critical')),
      line('— mức cao / high', count('high')),
      line('— mức trung bình / medium', count('medium')),
      line('— mức thấp / low', count('low')),
      line('Do người dùng báo / reported by users', incidents.filter((i) => i.source === 'user').length),
      line('Do giám sát tự động phát hiện / detected by monitoring', incidents.filter((i) => i.source === 'monitoring').length),
      line('Đã khắc phục / resolved', incidents.filter((i) => i.status === 'resolved').length),
      line('Tổng thời gian gián đoạn dịch vụ (giờ) / interruption hours', Math.round(hours.reduce((s, h) => s + h, 0) * 100) / 100),
      line(`Gián đoạn quá ${INTERRUPTION_LIMIT_HOURS} giờ / past the ${INTERRUPTION_LIMIT_HOURS}-hour limit`, hours.filter((h) => h > INTERRUPTION_LIMIT_HOURS).length),
    ],
  };
};

const backupsSection: SectionBuilder = async (db, p) => {
  const figures = await backupFigures(db, p);
  const base = { key: 'backups', titleVi: 'Sao lưu và phục hồi dữ liệu', titleEn: 'Backups and restores', columns: indicator };
  const rows: Array<Record<string, Cell>> = [];
  for (const k of figures.byKind) {
    rows.push(line(`Sao lưu ${k.kind}: số lần / runs`, k.runs));
    rows.push(line(`Sao lưu ${k.kind}: thành công / succeeded`, k.succeeded));
    rows.push(line(`Sao lưu ${k.kind}: đã kiểm tra / verified`, k.verified));
    rows.push(line(`Sao lưu ${k.kind}: tỉ lệ thành công (%) / success rate`, k.runs ? Math.round((k.succeeded / k.runs) * 1000) / 10 : null));
  }
  rows.push(line('Bản sao lưu CSDL đã kiểm tra gần nhất / last verified database backup', figures.lastVerified));
  rows.push(line('Phục hồi: số lần / restores', figures.restores.runs - figures.restores.drills));
  rows.push(line('Diễn tập phục hồi / restore drills', figures.restores.drills));
  rows.push(line('Phục hồi thành công (kể cả diễn tập) / restores succeeded', figures.restores.succeeded));
  rows.push(line('Phục hồi thất bại / restores failed', figures.restores.failed));
  return { ...base, rows };
};

/** The report's sections, in order. A subsystem adds its own with one line here. */
export const SECTIONS: SectionBuilder[] = [
  accountsSection,
  landUpdatesSection,
  documentsSection,
  dossiersSection,
  sharingSection,
  incidentsSection,
  backupsSection,
];

// ——— generation ———

export interface ReportDeps {
  db: Database;
  clock: Clock;
}

export async function buildReport(deps: ReportDeps, unit: { code: string; name: string }, period: ReportPeriod, by: string): Promise<PeriodicReport> {
  const now = deps.clock.now();
  const sections: ReportSection[] = [];
  for (const build of SECTIONS) sections.push(await build(deps.db, period, now));
  const { from, to, ...rest } = period;
  return {
    titleVi: REPORT_TITLE.vi, titleEn: REPORT_TITLE.en,
    period: { ...rest, from: from.toISOString(), to: to.toISOString() },
    unit, generatedAt: now.toISOString(), generatedBy: by, sections,
  };
}

async function province(db: Database, code: string) {
  const unit = await provinceOfCode(db, code);
  if (!unit) throw errors.notFound({ vi: `đơn vị hành chính ${code}`, en: `Unit ${code}` }, { unitCode: code });
  if (unit.level !== 'province') {
    throw errors.invalid({ vi: `Báo cáo định kỳ được lập cho cấp tỉnh: ${unit.name} (${code}) không phải tỉnh`, en: `Periodic reports are made for a province: ${unit.name} (${code}) is not one` }, { field: 'unitCode' });
  }
  return unit;
}

/** On demand (reports.read on the province): generated now and stored. */
export async function generateReport(deps: ReportDeps, actor: Actor, unitCode: string, label: string): Promise<{ id: string; report: PeriodicReport }> {
  const unit = await province(deps.db, unitCode);
  const period = parsePeriod(label);
  if (period.from > deps.clock.now()) {
    throw errors.invalid({ vi: `Kỳ báo cáo ${label} chưa bắt đầu`, en: `Period ${label} has not started` }, { field: 'period' });
  }
  const report = await buildReport(deps, unit, period, actor.name);
  const id = await actAs(deps.db, actor, (tx) => insertReport(tx, {
    kind: period.kind, unitId: unit.id, periodStart: period.start, periodEnd: period.end, trigger: 'manual', content: report,
    at: deps.clock.now(), by: actor.id, byName: actor.name,
  }));
  return { id: id!, report };
}

/** The schedule: for each live province, the last ended month, quarter and year, once. */
export async function generateScheduledReports(deps: ReportDeps): Promise<string[]> {
  const made: string[] = [];
  const actor = { ...SYSTEM_ACTOR, name: 'Lịch tự động / schedule' };
  for (const unit of await liveProvinces(deps.db)) {
    for (const label of lastEndedPeriods(deps.clock.now())) {
      const period = parsePeriod(label);
      if (await scheduledExists(deps.db, period.kind, unit.id, period.start)) continue;
      const report = await buildReport(deps, unit, period, actor.name);
      const id = await actAs(deps.db, actor, (tx) => insertReport(tx, {
        kind: period.kind, unitId: unit.id, periodStart: period.start, periodEnd: period.end, trigger: 'schedule', content: report,
        at: deps.clock.now(), by: null, byName: actor.name,
      }));
      if (id) made.push(id);
    }
  }
  return made;
}

export async function storedReports(deps: ReportDeps, unitCode: string, limit: number): Promise<StoredReport[]> {
  const unit = await province(deps.db, unitCode);
  return listReports(deps.db, [unit.id], limit);
}

export async function storedReport(deps: ReportDeps, unitCode: string, id: string): Promise<{ meta: StoredReport; report: PeriodicReport }> {
  const found = await findReport(deps.db, id);
  // a report of another unit is as absent as a missing one: the scope was checked on unitCode
  if (!found || found.unitCode !== unitCode) throw errors.notFound({ vi: `báo cáo ${id}`, en: `Report ${id}` }, { id });
  const { content, unitId: _unit, ...meta } = found;
  return { meta, report: content as PeriodicReport };
}

