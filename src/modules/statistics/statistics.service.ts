// Use cases of the land statistics (S-STAT): the forms of a unit as of a day, and the
// change matrix between two days, computed from the cadastre (Thông tư 08/2024/TT-BTNMT).
import type { Database, Queryable } from '../../db/database.js';
import { errors } from '../../kernel/app-error.js';
import {
  changeMatrix, endOfDay, GROUPS, landUseRows, reconcile, userRows,
  type ChangeMatrix, type LandUseRow, type Reconciliation, type SubUnitTotals, type UserRow,
} from './statistics-forms.js';
import { areaCells, changeFlows, landUseCodes, memberUnits, naturalAreas, readSnapshot, unitAtDate, unitsAbove, type UnitAtDate } from './statistics.repo.js';

export interface UnitHeading {
  code: string;
  name: string;
  kind: string;
  level: string;
  /** the units above, nearest first: the same form can be asked of each */
  above: Array<{ code: string; name: string; level: string }>;
}

export interface LandUseStatistics {
  form: '01/TKKK';
  unit: UnitHeading;
  date: string;
  /** the instant the record is read at: the end of `date` in Việt Nam */
  asOf: string;
  rows: LandUseRow[];
  users: UserRow[];
  subUnits: SubUnitTotals[];
  reconciliation: Reconciliation;
}

export interface ChangeStatistics {
  form: '05/TKKK';
  unit: UnitHeading;
  from: string;
  to: string;
  matrix: ChangeMatrix;
  names: Record<string, { vi: string; en: string }>;
}

async function resolveUnit(db: Queryable, code: string, day: string): Promise<UnitAtDate & { above: UnitHeading['above'] }> {
  const unit = await unitAtDate(db, code, day);
  if (!unit) {
    throw errors.notFound(
      { vi: `đơn vị hành chính mã ${code} có hiệu lực ngày ${day}`, en: `administrative unit ${code} valid on ${day}` },
      { field: 'params/unitCode', unitCode: code, date: day },
    );
  }
  return { ...unit, above: await unitsAbove(db, unit.id) };
}

const heading = (u: UnitAtDate & { above: UnitHeading['above'] }): UnitHeading => ({ code: u.code, name: `${u.kind} ${u.name}`, kind: u.kind, level: u.level, above: u.above });

/** Area by land-use code and by user/manager (forms 01/TKKK, 02/TKKK) of a unit as of the end of a day. */
export function landUseStatistics(db: Database, query: { unitCode: string; date: string }): Promise<LandUseStatistics> {
  return readSnapshot(db, (tx) => landUseIn(tx, query));
}

async function landUseIn(db: Queryable, query: { unitCode: string; date: string }): Promise<LandUseStatistics> {
  const unit = await resolveUnit(db, query.unitCode, query.date);
  const at = endOfDay(query.date);
  const codes = await landUseCodes(db, query.date);
  const facts = await areaCells(db, await memberUnits(db, unit.id, query.date), at);
  const natural = await naturalAreas(db, unit.id, query.date);
  const ended = new Set(codes.filter((c) => !c.inForce).map((c) => c.code));
  // a code no longer in force is shown only while parcels still carry it
  const rows = landUseRows(codes, facts.cells).filter((r) => !ended.has(r.code) || r.total !== 0);
  const subAreas = natural.subUnits.filter((s) => s.area !== null);
  const naturalArea = natural.unit.area ?? (subAreas.length > 0 ? subAreas.reduce((a, s) => a + s.area!, 0) : null);
  const reconciliation = reconcile(rows, {
    naturalArea,
    naturalAreaSource: natural.unit.area !== null ? 'boundary' : naturalArea !== null ? 'sub-units' : 'unknown',
    parcelArea: facts.parcelArea,
    parcelCount: facts.parcelCount,
  });
  const groupOf = new Map(codes.map((c) => [c.code, c.groupCode]));
  const subUnits = natural.subUnits.map((s): SubUnitTotals => {
    const byGroup = Object.fromEntries(GROUPS.map((g) => [g, 0])) as Record<string, number>;
    for (const cell of facts.cells) if (cell.childUnitId === s.id) byGroup[groupOf.get(cell.code)!] = (byGroup[groupOf.get(cell.code)!] ?? 0) + cell.area;
    return { unitCode: s.code, unitName: s.name, naturalArea: s.area, byGroup, total: Object.values(byGroup).reduce((a, b) => a + b, 0) };
  });
  return { form: '01/TKKK', unit: heading(unit), date: query.date, asOf: at.toISOString(), rows, users: userRows(rows), subUnits, reconciliation };
}

/** The change matrix (biến động) of a unit between the ends of two days; the unit is the one valid on `to`. */
export function changeStatistics(db: Database, query: { unitCode: string; from: string; to: string }): Promise<ChangeStatistics> {
  return readSnapshot(db, (tx) => changesIn(tx, query));
}

async function changesIn(db: Queryable, query: { unitCode: string; from: string; to: string }): Promise<ChangeStatistics> {
  if (query.from >= query.to) {
    throw errors.invalid(
      { vi: `Ngày đầu kỳ (from=${query.from}) phải trước ngày cuối kỳ (to=${query.to})`, en: `from (${query.from}) must be before to (${query.to})` },
      { field: 'querystring/from' },
    );
  }
  const unit = await resolveUnit(db, query.unitCode, query.to);
  const [t1, t2] = [endOfDay(query.from), endOfDay(query.to)];
  const codes = await landUseCodes(db, query.to);
  const members = await memberUnits(db, unit.id, query.to);
  const flows = await changeFlows(db, members, t1, t2);
  const before = await areaCells(db, members, t1);
  const after = await areaCells(db, members, t2);
  const byCode = (cells: typeof before.cells) => {
    const out: Record<string, number> = {};
    for (const c of cells) out[c.code] = (out[c.code] ?? 0) + c.area;
    return out;
  };
  const matrix = changeMatrix(flows, byCode(before.cells), byCode(after.cells));
  const names = Object.fromEntries(codes.filter((c) => matrix.codes.includes(c.code)).map((c) => [c.code, { vi: c.nameVi, en: c.nameEn }]));
  return { form: '05/TKKK', unit: heading(unit), from: query.from, to: query.to, matrix, names };
}
