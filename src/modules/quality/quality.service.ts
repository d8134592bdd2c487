// Data quality checks on the live record (issue #6 item 6, O12): on demand for a unit and
// everything under it, and weekly for the whole province. A run stores its findings; each
// names the object (a parcel version or a party), the field, a location, and the change
// transaction that cleans it up — the checks never change the record themselves.
import type { Database } from '../../db/database.js';
import { errors } from '../../kernel/app-error.js';
import type { Clock } from '../../kernel/clock.js';
import { actAs, appendAudit, SYSTEM_ACTOR, type Actor } from '../audit/index.js';
import * as repo from './quality.repo.js';

export interface QualityDeps {
  db: Database;
  clock: Clock;
}

/** How an officer fixes a finding: the change type (migration 0008) or, for parties, what to do instead. */
export const FIXES: Record<repo.QualityRule, { changeType: string | null; vi: string; en: string }> = {
  'parcel.no_right': { changeType: 'first_registration', vi: 'Đăng ký lần đầu: ghi quyền của người sử dụng đất (hoặc đất do UBND cấp xã quản lý)', en: 'First registration: record the holder\'s right (or management by the commune)' },
  'parcel.duplicate_key': { changeType: 'boundary_correction', vi: 'Đính chính, chỉnh lý: kết thúc phiên bản sai hoặc đánh lại số thửa', en: 'Boundary correction: end the wrong version or renumber the parcel' },
  'parcel.invalid_geometry': { changeType: 'boundary_correction', vi: 'Đính chính, chỉnh lý ranh giới thửa đất', en: 'Boundary correction of the parcel' },
  'parcel.overlap': { changeType: 'boundary_correction', vi: 'Đính chính, chỉnh lý ranh giới một trong hai thửa', en: 'Boundary correction of one of the two parcels' },
  'parcel.outside_unit': { changeType: 'boundary_correction', vi: 'Đính chính, chỉnh lý ranh giới (hoặc kiểm tra lại địa giới đơn vị hành chính)', en: 'Boundary correction (or check the unit\'s boundary)' },
  'party.orphan': { changeType: null, vi: 'Không qua biến động: nếu chủ thể có đất thì đăng ký lần đầu, nếu không thì quản trị dữ liệu gộp hoặc xóa sau khi xác minh', en: 'No change transaction: register the party\'s land if it holds some, else the data administrator merges or removes it after checking' },
  'party.id_conflict': { changeType: null, vi: 'Đính chính thông tin người sử dụng đất sau khi đối chiếu Cơ sở dữ liệu quốc gia về dân cư (chưa có loại biến động riêng)', en: 'Correct the holder\'s data after checking the national population database (no change type of its own yet)' },
};

const notFound = (id: string) => errors.notFound({ vi: 'lần kiểm tra chất lượng dữ liệu', en: 'Quality run' }, { runId: id });

/** Runs every rule over a unit and what is under it; the findings commit together or not at all. */
export async function runQualityChecks(deps: QualityDeps, unitCode: string, actor: Actor): Promise<repo.RunRow> {
  const unit = await repo.liveUnit(deps.db, unitCode);
  if (!unit) throw errors.invalid({ vi: `Không có đơn vị hành chính mã ${unitCode}`, en: `No live unit ${unitCode}` }, { field: 'querystring/unit' });
  const runId = await actAs(deps.db, actor, async (tx) => {
    const id = await repo.insertRun(tx, { unitId: unit.id, requestedBy: actor.id, now: deps.clock.now() });
    await appendAudit(tx, actor, { action: 'quality.run', objectType: 'quality_run', objectId: id, unitId: unit.id });
    return id;
  });
  try {
    await deps.db.transaction(async (tx) => {
      const unitIds = await repo.unitTree(tx, unit.id);
      for (const rule of repo.ruleStatements()) await tx.query(rule.sql, [runId, unitIds, unit.isRoot]);
      await repo.finishRun(tx, runId, { status: 'done', now: deps.clock.now(), error: null });
    });
  } catch (error) {
    await repo.finishRun(deps.db, runId, { status: 'failed', now: deps.clock.now(), error: (error as Error).message });
  }
  return (await repo.getRun(deps.db, runId))!;
}

/** The weekly run: each province in the database (one, normally), by the system. */
export async function runScheduledQualityChecks(deps: QualityDeps): Promise<repo.RunRow[]> {
  const out: repo.RunRow[] = [];
  for (const unit of await repo.liveUnitIds(deps.db)) out.push(await runQualityChecks(deps, unit.code, SYSTEM_ACTOR));
  return out;
}

export async function listRuns(deps: QualityDeps, unitCode: string, limit: number): Promise<repo.RunRow[]> {
  const unit = await repo.liveUnit(deps.db, unitCode);
  return unit ? repo.listRuns(deps.db, unit.id, limit) : [];
}

export interface QualityFinding extends repo.FindingRow {
  /** where the object is read (the parcel in the API; the portal opens it on the map) */
  link: string | null;
  fix: { changeType: string | null; vi: string; en: string };
}

export interface QualityReport {
  run: repo.RunRow;
  findings: QualityFinding[];
}

/** A run and its findings; `may` tells whether the caller holds the permission on the run's unit. */
export async function qualityReport(
  deps: QualityDeps, id: string, may: (unitId: number) => boolean, q: { rule?: string | undefined; limit: number },
): Promise<QualityReport> {
  const run = await repo.getRun(deps.db, id);
  if (!run || !may(run.unitId)) throw notFound(id);
  const findings = await repo.listFindings(deps.db, id, q);
  const { unitId: _u, ...row } = run;
  return {
    run: row,
    findings: findings.map((f) => {
      const d = f.details ?? {};
      const link = f.objectType === 'parcel' && d.unitCode ? `/api/v1/parcels/${String(d.unitCode)}/${String(d.sheetNumber)}/${String(d.parcelNumber)}` : null;
      return { ...f, link, fix: FIXES[f.rule] };
    }),
  };
}
