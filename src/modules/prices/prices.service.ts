// Use cases of the land price database (S-PRICE): reading published tables, pricing a
// parcel at a date with its explanation, and the Department's edits (tables, segments
// and prices, Excel import, road lines, coefficients, specific prices, market
// transactions), each in one transaction attributed to its actor (audited, O10).
import type { Database } from '../../db/database.js';
import { AppError, errors } from '../../kernel/app-error.js';
import type { Clock } from '../../kernel/clock.js';
import { actAs, type Actor } from '../audit/index.js';
import { checkRows, readPriceWorkbook, writePriceWorkbook, type Finding, type SegmentPriceRow } from './price-import.js';
import { chooseSegment, distanceBands, specificPrice, tablePrice, type ParcelPrice, type PositionRule } from './price-rules.js';
import * as repo from './prices.repo.js';

export interface PricesDeps {
  db: Database;
  clock: Clock;
}

const TABLE = { vi: 'bảng giá đất', en: 'Price table' };

/** The end of a day in Vietnam (UTC+7): what was in force "on" that day. */
export const endOfDay = (day: string) => new Date(`${day}T23:59:59.999+07:00`);
export const todayInVietnam = (clock: Clock) => new Date(clock.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);

export function listTables(deps: PricesDeps) {
  return repo.listTables(deps.db);
}

export async function getTable(deps: PricesDeps, id: string) {
  const table = await repo.findTable(deps.db, id);
  if (!table) throw errors.notFound(TABLE, { id });
  const [positionRules, coefficients, segments] = await Promise.all([
    repo.positionRules(deps.db, id), repo.tableCoefficients(deps.db, id), repo.tableSegments(deps.db, id),
  ]);
  return { ...table, positionRules, coefficients, segmentList: segments };
}

async function draftTable(deps: PricesDeps, id: string): Promise<repo.TableRow> {
  const table = await repo.findTable(deps.db, id);
  if (!table) throw errors.notFound(TABLE, { id });
  if (table.status !== 'draft') {
    throw new AppError('CONFLICT', { vi: `Bảng giá ${table.decision.number} đã ban hành hoặc bị hủy: không sửa giá được, hãy lập bảng giá mới`, en: `Price table ${table.decision.number} is published or revoked: its prices cannot change; create a new table` }, { status: table.status });
  }
  return table;
}

export interface CreateTableInput extends Omit<repo.NewTable, 'provinceId'> {
  provinceCode: string;
}

export async function createTable(deps: PricesDeps, actor: Actor, input: CreateTableInput): Promise<{ id: string }> {
  const provinceId = await repo.liveProvinceId(deps.db, input.provinceCode);
  if (provinceId === null) throw errors.invalid({ vi: `provinceCode: không có tỉnh đang tồn tại mã ${input.provinceCode}`, en: `provinceCode: no live province has code ${input.provinceCode}` }, { field: 'provinceCode' });
  if (input.validTo !== null && input.validTo <= input.validFrom) throw errors.invalid({ vi: 'validTo phải sau validFrom', en: 'validTo must be after validFrom' }, { field: 'validTo' });
  const positions = input.rules.map((r) => r.position).sort();
  if (positions.some((p, i) => p !== i + 1)) {
    throw errors.invalid({ vi: 'positionRules: các vị trí phải liên tiếp từ 1, mỗi vị trí một lần', en: 'positionRules: positions must run from 1 without gaps or repeats' }, { field: 'positionRules' });
  }
  const ordered = [...input.rules].sort((a, b) => a.position - b.position);
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i]!.maxDistanceM < ordered[i - 1]!.maxDistanceM) {
      throw errors.invalid({ vi: `positionRules: khoảng cách của vị trí ${ordered[i]!.position} nhỏ hơn của vị trí ${ordered[i - 1]!.position}`, en: `positionRules: position ${ordered[i]!.position} ends before position ${ordered[i - 1]!.position}` }, { field: 'positionRules' });
    }
  }
  const id = await actAs(deps.db, actor, (tx) => repo.insertTable(tx, { ...input, provinceId }));
  return { id };
}

export async function publishTable(deps: PricesDeps, actor: Actor, id: string): Promise<void> {
  await draftTable(deps, id);
  await actAs(deps.db, actor, async (tx) => {
    // the table in force with no end yet ends where this one begins (same transaction: a
    // refusal below leaves it open)
    await repo.endOpenTableReplacedBy(tx, id);
    const overlapping = await repo.overlappingPublished(tx, id);
    if (overlapping.length > 0) {
      throw new AppError('CONFLICT', {
        vi: `Thời kỳ áp dụng trùng với bảng giá đã ban hành (QĐ ${overlapping.map((o) => o.decisionNumber).join(', ')}): hãy đặt ngày hết hiệu lực cho bảng đó trước`,
        en: `The period overlaps a published table (decision ${overlapping.map((o) => o.decisionNumber).join(', ')}): end that table first`,
      }, { overlapping: overlapping.map((o) => o.id) });
    }
    await repo.setTableStatus(tx, id, 'published');
  });
}

/** Checks rows against the database (units, codes, prices already in the table), then writes them all or none. */
async function addRows(deps: PricesDeps, actor: Actor, tableId: string, rows: readonly SegmentPriceRow[], formFindings: readonly Finding[]): Promise<{ segments: number; prices: number }> {
  await draftTable(deps, tableId);
  const findings: Finding[] = [...formFindings, ...(formFindings.length > 0 ? [] : checkRows(rows))];
  const rowOf = (r: SegmentPriceRow, i: number) => r.row ?? i + 1;
  const unknown = await repo.unknownCodes(deps.db, [...new Set(rows.map((r) => r.unitCode))], [...new Set(rows.map((r) => r.landUseCode))]);
  const priced = new Set(await repo.codesPricedInTable(deps.db, tableId, [...new Set(rows.map((r) => r.code))]));
  rows.forEach((r, i) => {
    if (unknown.units.includes(r.unitCode)) findings.push({ row: rowOf(r, i), column: 'Mã ĐVHC', message: { vi: `Không có đơn vị hành chính đang tồn tại mã ${r.unitCode}`, en: `No live administrative unit has code ${r.unitCode}` } });
    if (unknown.landUses.includes(r.landUseCode)) findings.push({ row: rowOf(r, i), column: 'Mã loại đất', message: { vi: `Mã loại đất ${r.landUseCode} không có trong danh mục`, en: `Land-use code ${r.landUseCode} is not in the code list` } });
    if (priced.has(r.code)) findings.push({ row: rowOf(r, i), column: 'Mã đoạn', message: { vi: `Đoạn ${r.code} đã có giá trong bảng giá này`, en: `Segment ${r.code} already has prices in this table` } });
  });
  if (findings.length > 0) {
    findings.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    throw errors.invalid(
      { vi: `Bảng giá có ${findings.length} lỗi, dòng ${[...new Set(findings.map((f) => f.row).filter((r) => r !== null))].join(', ')}: không dòng nào được ghi`, en: `The price rows have ${findings.length} errors (rows ${[...new Set(findings.map((f) => f.row).filter((r) => r !== null))].join(', ')}): nothing was written` },
      { findings },
    );
  }
  const at = deps.clock.now();
  return actAs(deps.db, actor, async (tx) => {
    const firsts = [...new Map(rows.map((r) => [r.code, r])).values()];
    const uids = await repo.ensureSegments(tx, firsts, at);
    const prices = rows.flatMap((r) =>
      Object.entries(r.prices).map(([position, price]) => ({ segmentUid: uids.get(r.code)!, landUseCode: r.landUseCode, position: Number(position), price: price })),
    );
    const n = await repo.insertSegmentPrices(tx, tableId, prices);
    return { segments: firsts.length, prices: n };
  });
}

export function addSegmentPrices(deps: PricesDeps, actor: Actor, tableId: string, rows: readonly Omit<SegmentPriceRow, 'row'>[]) {
  return addRows(deps, actor, tableId, rows.map((r) => ({ ...r, row: null })), []);
}

export async function importWorkbook(deps: PricesDeps, actor: Actor, tableId: string, bytes: Buffer) {
  const { rows, findings } = await readPriceWorkbook(bytes);
  return addRows(deps, actor, tableId, rows, findings);
}

export async function exportWorkbook(deps: PricesDeps, tableId: string): Promise<{ bytes: Buffer; fileName: string }> {
  const table = await repo.findTable(deps.db, tableId);
  if (!table) throw errors.notFound(TABLE, { id: tableId });
  const rows = await repo.tablePriceRows(deps.db, tableId);
  const fileName = `bang-gia-dat-${table.decision.number.replace(/[^A-Za-z0-9-]+/g, '-')}.xlsx`;
  return { bytes: await writePriceWorkbook(table.name, rows), fileName };
}

export async function setSegmentGeometries(deps: PricesDeps, actor: Actor, features: ReadonlyArray<{ code: string; geometry: { type: string; coordinates: unknown } }>): Promise<{ updated: number }> {
  features.forEach((f, i) => {
    if (f.geometry.type !== 'LineString' && f.geometry.type !== 'MultiLineString') {
      throw errors.invalid({ vi: `features[${i}] (đoạn ${f.code}): hình học phải là LineString hoặc MultiLineString`, en: `features[${i}] (segment ${f.code}): geometry must be a LineString or MultiLineString` }, { field: `features/${i}/geometry` });
    }
  });
  const codes = features.map((f) => f.code);
  const dup = codes.find((c, i) => codes.indexOf(c) !== i);
  if (dup) throw errors.invalid({ vi: `Đoạn ${dup} có hai đường`, en: `Segment ${dup} is given twice` }, { field: 'features' });
  const missing = await actAs(deps.db, actor, async (tx) => {
    const notFound = await repo.setSegmentGeometries(tx, features.map((f) => ({ code: f.code, geometry: JSON.stringify(f.geometry) })), deps.clock.now());
    if (notFound.length > 0) {
      throw errors.invalid({ vi: `Không có đoạn đường mã ${notFound.join(', ')}`, en: `No road segment has code ${notFound.join(', ')}` }, { field: 'features', codes: notFound });
    }
    return notFound;
  });
  return { updated: features.length - missing.length };
}

export async function addCoefficient(deps: PricesDeps, actor: Actor, tableId: string, input: repo.NewCoefficient): Promise<{ id: string }> {
  const table = await repo.findTable(deps.db, tableId);
  if (!table) throw errors.notFound(TABLE, { id: tableId });
  if (input.validTo !== null && input.validTo <= input.validFrom) throw errors.invalid({ vi: 'validTo phải sau validFrom', en: 'validTo must be after validFrom' }, { field: 'validTo' });
  const unknown = await repo.unknownCodes(deps.db, input.unitCode ? [input.unitCode] : [], input.landUseCode ? [input.landUseCode] : []);
  if (unknown.units.length > 0) throw errors.invalid({ vi: `unitCode: không có đơn vị đang tồn tại mã ${input.unitCode}`, en: `unitCode: no live unit has code ${input.unitCode}` }, { field: 'unitCode' });
  if (unknown.landUses.length > 0) throw errors.invalid({ vi: `landUseCode: mã ${input.landUseCode} không có trong danh mục`, en: `landUseCode: ${input.landUseCode} is not in the code list` }, { field: 'landUseCode' });
  // coefficients are decided during the table's life (Nghị quyết 254/2025/QH15): one may be added to a published table
  const id = await actAs(deps.db, actor, (tx) => repo.insertCoefficient(tx, tableId, input));
  return { id };
}

export interface ParcelKey {
  unitCode: string;
  sheetNumber: number;
  parcelNumber: number;
}

export async function addSpecificPrice(deps: PricesDeps, actor: Actor, input: { parcel: ParcelKey } & Omit<repo.NewSpecificPrice, 'parcelUid'>): Promise<{ id: string }> {
  const parcelUid = await repo.liveParcelUid(deps.db, input.parcel);
  if (!parcelUid) throw errors.notFound({ vi: `thửa ${input.parcel.parcelNumber} tờ ${input.parcel.sheetNumber} của ${input.parcel.unitCode}`, en: `Parcel ${input.parcel.unitCode}/${input.parcel.sheetNumber}/${input.parcel.parcelNumber}` }, { field: 'parcel' });
  if (input.validTo !== null && input.validTo <= input.validFrom) throw errors.invalid({ vi: 'validTo phải sau validFrom', en: 'validTo must be after validFrom' }, { field: 'validTo' });
  const unknown = await repo.unknownCodes(deps.db, [], [input.landUseCode]);
  if (unknown.landUses.length > 0) throw errors.invalid({ vi: `landUseCode: mã ${input.landUseCode} không có trong danh mục`, en: `landUseCode: ${input.landUseCode} is not in the code list` }, { field: 'landUseCode' });
  const { parcel: _key, ...rest } = input;
  const id = await actAs(deps.db, actor, (tx) => repo.insertSpecificPrice(tx, { ...rest, parcelUid }));
  return { id };
}

/** The price of a parcel on a day, with how it was derived. */
export async function parcelPrice(deps: PricesDeps, key: ParcelKey, day: string, alleyWidthM: number | null): Promise<ParcelPrice & { day: string; parcelId: string }> {
  const at = endOfDay(day);
  const parcel = await repo.parcelForPrice(deps.db, key, at);
  const label = { vi: `thửa ${key.parcelNumber} tờ ${key.sheetNumber} của ${key.unitCode} vào ngày ${day}`, en: `Parcel ${key.unitCode}/${key.sheetNumber}/${key.parcelNumber} on ${day}` };
  if (!parcel) throw errors.notFound(label, { field: 'params' });
  const table = await repo.publishedTableOn(deps.db, day);
  const tableOut = table && { id: table.id, name: table.name, decision: table.decision, validFrom: table.validFrom, validTo: table.validTo, multiPositionRule: table.multiPositionRule };
  const specific = await repo.specificPriceOn(deps.db, parcel.parcelUid, day);
  if (specific) return { ...specificPrice(specific, parcel.area, tableOut), day, parcelId: parcel.id };
  if (!table || !tableOut) throw errors.notFound({ vi: `bảng giá đất đã ban hành có hiệu lực ngày ${day}`, en: `A published price table in force on ${day}` }, { field: 'query/date' });
  const rules = await repo.positionRules(deps.db, table.id);
  const maxDistanceM = Math.max(0, ...rules.map((r) => r.maxDistanceM));
  const candidates = await repo.segmentsNear(deps.db, { parcelId: parcel.id, tableId: table.id, chain: parcel.landUseChain, maxDistanceM });
  const segment = chooseSegment(candidates, rules);
  if (!segment) {
    throw errors.notFound(
      { vi: `đoạn đường có giá cho loại đất ${parcel.landUseCode} trong vòng ${maxDistanceM} m của thửa (bảng giá QĐ ${table.decision.number})`, en: `a road segment priced for ${parcel.landUseCode} within ${maxDistanceM} m of the parcel (table ${table.decision.number})` },
      { landUseChain: parcel.landUseChain },
    );
  }
  const chosen = candidates.find((c) => c.code === segment.code)!;
  let bandAreas: Array<{ position: number; area: number }> = [];
  if (table.multiPositionRule === 'area_weighted' && rules.length > 0) {
    const bands = distanceBands(rules);
    const { within, total } = await repo.areasWithin(deps.db, parcel.id, chosen.id, bands.map((b) => b.to));
    // areas to 0.1 m², as official areas are recorded; what lies beyond the last band counts in the last position
    const tenth = (a: number) => Math.round(a * 10) / 10;
    bandAreas = bands.map((b, i) => ({ position: b.position, area: tenth((i === bands.length - 1 ? total : within[i]!) - (i === 0 ? 0 : within[i - 1]!)) }));
  }
  const coefficient = await repo.coefficientOn(deps.db, { tableId: table.id, unitId: parcel.unitId, chain: parcel.landUseChain, day });
  const { id: _id, ...pricedSegment } = chosen;
  return { ...tablePrice({ table: tableOut, segment: pricedSegment, rules, alleyWidthM, bandAreas, coefficient, area: parcel.area }), day, parcelId: parcel.id };
}

export async function recordTransaction(deps: PricesDeps, actor: Actor, input: { parcel: { sheetNumber: number; parcelNumber: number } | null; unitCode: string; transactionDate: string; landUseCode: string; area: number; priceTotal: number; source: string; note: string | null }): Promise<{ id: string }> {
  let parcelUid: string | null = null;
  if (input.parcel) {
    parcelUid = await repo.liveParcelUid(deps.db, { unitCode: input.unitCode, ...input.parcel });
    if (!parcelUid) throw errors.invalid({ vi: 'parcel: không tìm thấy thửa đang hiệu lực', en: 'parcel: no live parcel has this key' }, { field: 'parcel' });
  }
  const unknown = await repo.unknownCodes(deps.db, [], [input.landUseCode]);
  if (unknown.landUses.length > 0) throw errors.invalid({ vi: `landUseCode: mã ${input.landUseCode} không có trong danh mục`, en: `landUseCode: ${input.landUseCode} is not in the code list` }, { field: 'landUseCode' });
  const id = await actAs(deps.db, actor, (tx) => repo.insertTransaction(tx, { ...input, parcelUid }));
  if (!id) throw errors.invalid({ vi: `unitCode: không có đơn vị mã ${input.unitCode}`, en: `unitCode: no unit has code ${input.unitCode}` }, { field: 'unitCode' });
  return { id };
}

export function listTransactions(deps: PricesDeps, q: { unitCode: string | null; from: string | null; to: string | null; limit: number }) {
  return repo.listTransactions(deps.db, q);
}

export type { PositionRule };
