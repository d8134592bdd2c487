// The land statistics and inventory forms (S-STAT) as pure rules: the columns of land
// users and managers, the land-use hierarchy roll-up, the reconciliation of the totals
// and the change matrix. No I/O: the figures come from statistics.repo.ts.
//
// Legal basis: Luật Đất đai 2024, Điều 57-58 (thống kê đất đai hằng năm, kiểm kê đất đai
// 5 năm một lần); Thông tư 08/2024/TT-BTNMT (yearly statistics as of 31 December,
// inventory every five years; its appendix holds the forms 01/TKKK … 06/TKKKQPAN).
// verify: the exact rows and columns of every form against that appendix; the column
// codes below follow docs/DOMAIN.md and the party kinds the cadastre records.
import { AppError } from '../../kernel/app-error.js';

/** A land-use code of the official list (migration 0003), with its place in the hierarchy. */
export interface LandUseCodeRow {
  code: string;
  groupCode: string;
  parentCode: string | null;
  nameVi: string;
  nameEn: string;
}

/** Area of one land-use code held by one kind of party under one kind of right, in m². */
export interface AreaCell {
  code: string;
  /** party_kind.code; null: no land-use or management right in force on the parcel */
  partyKind: string | null;
  managed: boolean;
  /** the direct sub-unit of the unit the parcel counts under; null: the unit itself */
  childUnitId: number | null;
  area: number;
}

/**
 * Display order of the codes: the order of Luật Đất đai 2024 Điều 9 and Thông tư
 * 08/2024/TT-BTNMT's list (verify against the appendix). A code not listed here (a later
 * circular's) comes after, in code order, so a new code is never dropped.
 */
export const CODE_ORDER = [
  'NNP', 'LUA', 'LUC', 'LUK', 'HNK', 'CLN', 'RSX', 'RPH', 'RDD', 'NTS', 'CNT', 'LMU', 'NKH',
  'PNN', 'OTC', 'ONT', 'ODT', 'TSC', 'CQP', 'CAN', 'DSN', 'DVH', 'DXH', 'DYT', 'DGD', 'DTT', 'DKH', 'DMT', 'DKT', 'DNG', 'DSK',
  'CSK', 'SCC', 'TMD', 'SKC', 'SKS', 'CCC', 'DGT', 'DTL', 'DCT', 'DPC', 'DDD', 'DRA', 'DNL', 'DBV', 'DCH', 'DKV', 'DCK',
  'TON', 'TIN', 'NTD', 'SON', 'MNC', 'PNK',
  'CSD', 'BCS', 'DCS', 'NCS', 'MCS',
];
export const GROUPS = ['NNP', 'PNN', 'CSD'] as const;

/**
 * Columns of land users (người sử dụng đất) and of those the State entrusted with managing
 * land (người được giao quản lý đất), Luật Đất đai 2024 Điều 4 and Điều 7; codes after
 * Thông tư 08/2024/TT-BTNMT (verify). The cadastre's party kinds do not tell apart every
 * column of the form (e.g. TXH, TKH, TNG, CNN, TSQ: social, other and foreign diplomatic
 * organisations): those are not shown rather than shown as zeros that cannot be true.
 * Two columns are ours, not the form's, so that nothing is counted silently: KXD (a right
 * whose holder kind has no column) and CGD (a parcel with no land-use or management
 * right in force: to be reported under the commune People's Committee, verify).
 */
export interface UserColumn {
  code: string;
  nameVi: string;
  nameEn: string;
  /** the leaf columns a subtotal adds up; absent: a leaf */
  parts?: readonly string[];
  /** 1: a top subtotal, 2: inside one, 3: a leaf inside a level-2 subtotal */
  level: 1 | 2 | 3;
}

export const USER_COLUMNS: readonly UserColumn[] = [
  { code: 'NSD', nameVi: 'Người sử dụng đất', nameEn: 'Land users', level: 1, parts: ['CNV', 'NGV', 'TKT', 'TSN', 'TTG', 'CDS', 'TVN'] },
  { code: 'CNV', nameVi: 'Cá nhân trong nước (gồm hộ gia đình)', nameEn: 'Domestic individuals (and households)', level: 2 },
  { code: 'NGV', nameVi: 'Người gốc Việt Nam định cư ở nước ngoài', nameEn: 'Overseas Vietnamese', level: 2 },
  { code: 'TCN', nameVi: 'Tổ chức trong nước', nameEn: 'Domestic organisations', level: 2, parts: ['TKT', 'TSN', 'TTG'] },
  { code: 'TKT', nameVi: 'Tổ chức kinh tế', nameEn: 'Economic organisations', level: 3 },
  { code: 'TSN', nameVi: 'Cơ quan, đơn vị của Nhà nước', nameEn: 'State bodies and public units', level: 3 },
  { code: 'TTG', nameVi: 'Tổ chức tôn giáo', nameEn: 'Religious organisations', level: 3 },
  { code: 'CDS', nameVi: 'Cộng đồng dân cư', nameEn: 'Communities', level: 2 },
  { code: 'TVN', nameVi: 'Tổ chức kinh tế có vốn đầu tư nước ngoài', nameEn: 'Foreign-invested enterprises', level: 2 },
  { code: 'NQL', nameVi: 'Người được giao quản lý đất', nameEn: 'Land managers', level: 1, parts: ['TCQ', 'KTQ', 'CDQ'] },
  { code: 'TCQ', nameVi: 'Cơ quan nhà nước, Ủy ban nhân dân quản lý', nameEn: 'State bodies, People\'s Committees', level: 2 },
  { code: 'KTQ', nameVi: 'Tổ chức kinh tế được giao quản lý', nameEn: 'Economic organisations managing land', level: 2 },
  { code: 'CDQ', nameVi: 'Cộng đồng dân cư được giao quản lý', nameEn: 'Communities managing land', level: 2 },
  { code: 'KXD', nameVi: 'Người sử dụng, quản lý chưa phân loại', nameEn: 'Holders of unclassified kind', level: 1 },
  { code: 'CGD', nameVi: 'Đất chưa có người sử dụng, quản lý đăng ký', nameEn: 'Land with no registered user or manager', level: 1 },
];

export const LEAF_COLUMNS = ['CNV', 'NGV', 'TKT', 'TSN', 'TTG', 'CDS', 'TVN', 'TCQ', 'KTQ', 'CDQ', 'KXD', 'CGD'] as const;

/** The leaf column a right counts under: party kind (party_kind, migration 0012) × use or management. */
export function userColumnOf(partyKind: string | null, managed: boolean): string {
  if (partyKind === null) return 'CGD';
  if (managed) return ({ state: 'TCQ', organisation: 'KTQ', community: 'CDQ' } as Record<string, string>)[partyKind] ?? 'KXD';
  return ({
    individual: 'CNV', household: 'CNV', couple: 'CNV', overseas_vietnamese: 'NGV',
    organisation: 'TKT', state: 'TSN', religious: 'TTG', community: 'CDS', foreign_enterprise: 'TVN',
  } as Record<string, string>)[partyKind] ?? 'KXD';
}

export type ColumnValues = Record<string, number>;

export interface LandUseRow {
  code: string;
  nameVi: string;
  nameEn: string;
  /** 0 group, 1 code, 2 sub-code */
  depth: number;
  total: number;
  /** by user/manager column (leaves and subtotals), m² */
  byUser: ColumnValues;
}

export interface Reconciliation {
  /** natural area of the unit (m², planar VN-2000), from its boundary; null when unknown */
  naturalArea: number | null;
  naturalAreaSource: 'boundary' | 'sub-units' | 'unknown';
  /** total of the land-use groups = the area the cadastre accounts for */
  recordedArea: number;
  /** natural area − recorded area: land not (yet) surveyed into the cadastre, or the difference of measurements */
  unmappedArea: number | null;
  /** the sum of the parcels' official areas, against which the purposes' areas are checked */
  parcelArea: number;
  /** purposes' area − parcel area (rounding of multi-purpose parcels) */
  purposeDifference: number;
  parcelCount: number;
}

export interface SubUnitTotals {
  unitCode: string;
  unitName: string;
  naturalArea: number | null;
  byGroup: Record<string, number>;
  total: number;
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

function withSubtotals(leaves: ColumnValues): ColumnValues {
  const out: ColumnValues = {};
  for (const leaf of LEAF_COLUMNS) out[leaf] = leaves[leaf] ?? 0;
  for (const column of USER_COLUMNS) if (column.parts) out[column.code] = sum(column.parts.map((p) => out[p] ?? 0));
  return out;
}

/** Orders codes as the form lists them, and gives each its depth under its group. */
export function orderCodes(codes: readonly LandUseCodeRow[]): Array<LandUseCodeRow & { depth: number }> {
  const rank = (code: string) => {
    const i = CODE_ORDER.indexOf(code);
    return i < 0 ? CODE_ORDER.length : i;
  };
  const byCode = new Map(codes.map((c) => [c.code, c]));
  const depth = (c: LandUseCodeRow): number => (c.parentCode === null || c.parentCode === c.code ? 0 : 1 + depth(byCode.get(c.parentCode) ?? { ...c, parentCode: null }));
  const groupRank = (c: LandUseCodeRow) => GROUPS.indexOf(c.groupCode as (typeof GROUPS)[number]);
  return [...codes]
    .sort((a, b) => groupRank(a) - groupRank(b) || rank(a.code) - rank(b.code) || a.code.localeCompare(b.code))
    .map((c) => ({ ...c, depth: depth(c) }));
}

/**
 * Form 01/TKKK style: area by land-use code (each row = its own area + its sub-codes'),
 * by user/manager column. Every area of `cells` lands in exactly one leaf row.
 */
export function landUseRows(codes: readonly LandUseCodeRow[], cells: readonly AreaCell[]): LandUseRow[] {
  const known = new Map(codes.map((c) => [c.code, c]));
  const direct = new Map<string, ColumnValues>();
  for (const cell of cells) {
    if (!known.has(cell.code)) {
      throw new AppError('INTERNAL', {
        vi: `Mã loại đất "${cell.code}" của thửa không có trong danh mục loại đất`,
        en: `Land-use code "${cell.code}" of a parcel is not in the code list`,
      }, { code: cell.code });
    }
    const values = direct.get(cell.code) ?? {};
    const column = userColumnOf(cell.partyKind, cell.managed);
    values[column] = (values[column] ?? 0) + cell.area;
    direct.set(cell.code, values);
  }
  const ancestors = (code: string): string[] => {
    const out: string[] = [];
    for (let c = known.get(code); c; c = c.parentCode && c.parentCode !== c.code ? known.get(c.parentCode) : undefined) out.push(c.code);
    return out;
  };
  const rolled = new Map<string, ColumnValues>();
  for (const [code, values] of direct) {
    for (const up of ancestors(code)) {
      const target = rolled.get(up) ?? {};
      for (const [column, area] of Object.entries(values)) target[column] = (target[column] ?? 0) + area;
      rolled.set(up, target);
    }
  }
  return orderCodes(codes).map((c) => {
    const byUser = withSubtotals(rolled.get(c.code) ?? {});
    return { code: c.code, nameVi: c.nameVi, nameEn: c.nameEn, depth: c.depth, total: sum(LEAF_COLUMNS.map((l) => byUser[l]!)), byUser };
  });
}

export interface UserRow {
  code: string;
  nameVi: string;
  nameEn: string;
  level: number;
  byGroup: Record<string, number>;
  total: number;
}

/** Form 02/TKKK style: rows = users and managers, columns = the three land groups. */
export function userRows(rows: readonly LandUseRow[]): UserRow[] {
  const groups = rows.filter((r) => r.depth === 0);
  return USER_COLUMNS.map((column) => {
    const byGroup = Object.fromEntries(GROUPS.map((g) => [g, groups.find((r) => r.code === g)?.byUser[column.code] ?? 0]));
    return { code: column.code, nameVi: column.nameVi, nameEn: column.nameEn, level: column.level, byGroup, total: sum(Object.values(byGroup)) };
  });
}

/** The unit's totals against its natural area: the unmapped part is reported, never hidden. */
export function reconcile(rows: readonly LandUseRow[], facts: { naturalArea: number | null; naturalAreaSource: Reconciliation['naturalAreaSource']; parcelArea: number; parcelCount: number }): Reconciliation {
  const recordedArea = sum(rows.filter((r) => r.depth === 0).map((r) => r.total));
  return {
    naturalArea: facts.naturalArea,
    naturalAreaSource: facts.naturalAreaSource,
    recordedArea,
    unmappedArea: facts.naturalArea === null ? null : facts.naturalArea - recordedArea,
    parcelArea: facts.parcelArea,
    purposeDifference: recordedArea - facts.parcelArea,
    parcelCount: facts.parcelCount,
  };
}

// ——— change matrix (biến động, form 05/TKKK style: verify its exact layout) ———

/** Area that was code `from` at date 1 and is code `to` at date 2 (m²). */
export interface Flow {
  from: string;
  to: string;
  area: number;
}

export const NOT_IN_RECORD = '*';

export interface ChangeMatrix {
  codes: string[];
  /** cells[from][to], m²; only non-zero cells */
  cells: Record<string, Record<string, number>>;
  /** totals by code at date 1 and date 2 (the margins) */
  totalFrom: Record<string, number>;
  totalTo: Record<string, number>;
  /** area of a code at date 1 not carried to any code at date 2 (parcels ended without successor, measurement differences) */
  notCarried: Record<string, number>;
  /** area of a code at date 2 not present at date 1 (new parcels, measurement differences) */
  newArea: Record<string, number>;
  /** area that moved to another code (off the diagonal) */
  changedArea: number;
}

/**
 * Builds the matrix from flows and both dates' totals by leaf code. The residuals are
 * explicit columns/rows so that row sums equal the totals at date 1 and column sums
 * those at date 2 exactly.
 */
export function changeMatrix(flows: readonly Flow[], totalFrom: Record<string, number>, totalTo: Record<string, number>): ChangeMatrix {
  const cells: Record<string, Record<string, number>> = {};
  for (const f of flows) {
    if (f.area === 0) continue;
    const row = (cells[f.from] ??= {});
    row[f.to] = (row[f.to] ?? 0) + f.area;
  }
  const codes = [...new Set([...Object.keys(totalFrom), ...Object.keys(totalTo), ...flows.flatMap((f) => [f.from, f.to])])].sort(
    (a, b) => (CODE_ORDER.indexOf(a) + 1 || 999) - (CODE_ORDER.indexOf(b) + 1 || 999) || a.localeCompare(b),
  );
  const notCarried: Record<string, number> = {};
  const newArea: Record<string, number> = {};
  for (const code of codes) {
    notCarried[code] = (totalFrom[code] ?? 0) - sum(Object.values(cells[code] ?? {}));
    newArea[code] = (totalTo[code] ?? 0) - sum(codes.map((c) => cells[c]?.[code] ?? 0));
  }
  const changedArea = sum(flows.filter((f) => f.from !== f.to).map((f) => f.area));
  return { codes, cells, totalFrom: { ...totalFrom }, totalTo: { ...totalTo }, notCarried, newArea, changedArea };
}

// ——— dates ———

/** The instant that closes a day in Việt Nam (UTC+7): the record "as of 31/12" is the record then. */
export function endOfDay(day: string): Date {
  const next = new Date(`${day}T00:00:00+07:00`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

/** "2024-12-31" → "31/12/2024" as the forms write dates. */
export const vietnameseDate = (day: string) => day.split('-').reverse().join('/');

/** m² → ha, as the forms count (verify: Thông tư 08/2024 forms are in ha with two decimals). */
export const hectares = (m2: number) => Math.round(m2 / 100) / 100;
