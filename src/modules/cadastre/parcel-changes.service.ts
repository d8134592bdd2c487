// Changes that give parcels new versions: split (tách thửa), merge (hợp thửa), change of
// land-use purpose and boundary correction. Each is planned twice from its stored edits:
// when it is proposed (bad geometry is refused at once, with the fault's location) and
// again inside the approval transaction (the record may have moved on meanwhile).
// Rules: Luật Đất đai 2024 Điều 220 (conditions of split and merge), Nghị định
// 101/2024/NĐ-CP (procedures), Thông tư 26/2024/TT-BTNMT (numbering, area tolerance).
import type { Queryable } from '../../db/database.js';
import { errors } from '../../kernel/app-error.js';
import {
  areaTolerance, checkAreasAddUp, combinePurposes, mainLandUse, scalePurposes,
  type BoundaryEdits, type GeoJsonGeometry, type MergeEdits, type ParcelChangeType, type Purpose, type PurposeEdits, type SplitEdits,
} from './change-rules.js';
import * as geometry from './geometry-checks.repo.js';
import * as versions from './parcel-versions.repo.js';

/** Overlaps, gaps and excess below this (m²) are drawing noise, not faults. */
const GEOMETRY_FAULT_M2 = 0.5;

/** One parcel the change will create: a new version of the same parcel, or a new parcel. */
export interface PlannedParcel {
  sameParcel: boolean;
  geom: string;
  officialArea: number;
  landUseCode: string;
  purposes: Purpose[];
}

export interface ParcelChangePlan {
  /** the versions that end: the filed parcel first, then merge partners */
  parents: versions.ParcelVersion[];
  results: PlannedParcel[];
}

const locate = (location: geometry.Location | null) => (location ? { location } : {});

/** The purposes of a version, or one purpose covering it when it has none recorded. */
async function purposesOrDefault(q: Queryable, parcel: versions.ParcelVersion): Promise<Purpose[]> {
  const purposes = await versions.purposesOf(q, parcel.id);
  return purposes.length > 0 ? purposes : [{ landUseCode: parcel.landUseCode, area: parcel.officialArea, originCode: 'KHAC' }];
}

async function readPolygon(q: Queryable, parcel: versions.ParcelVersion, input: GeoJsonGeometry, inputSrid: number, field: string): Promise<{ geom: string; area: number }> {
  let read: geometry.InputGeometry;
  try {
    read = await geometry.readGeometry(q, JSON.stringify(input), inputSrid, parcel.srid, parcel.geom);
  } catch {
    throw errors.invalid({ vi: 'Hình học không đọc được (GeoJSON)', en: 'The geometry cannot be read (GeoJSON)' }, { field });
  }
  if (!read.valid || !read.geom) {
    throw errors.invalid(
      { vi: `Hình học không hợp lệ: ${read.reason ?? ''}`, en: `Invalid geometry: ${read.reason ?? ''}` },
      { field, reason: read.reason, ...locate(read.location) },
    );
  }
  if (read.kind !== 'ST_Polygon' && read.kind !== 'ST_MultiPolygon') {
    throw errors.invalid({ vi: 'Cần một đa giác', en: 'A polygon is needed' }, { field, kind: read.kind });
  }
  return { geom: read.geom, area: read.area };
}

/** A declared official area must agree with the computed one within the tolerance. */
function officialArea(declared: number | undefined, computed: number, scale: number, factor: number, field: string): number {
  const rounded = Math.round(computed * 10) / 10;
  if (declared === undefined) return rounded;
  const tolerance = areaTolerance(computed, scale, factor);
  if (Math.abs(declared - computed) > tolerance) {
    throw errors.invalid(
      { vi: `Diện tích khai báo ${declared} m² lệch diện tích tính từ hình thửa ${rounded} m² quá hạn sai ${tolerance.toFixed(1)} m²`, en: `The declared area ${declared} m² differs from the computed ${rounded} m² by more than the tolerance of ${tolerance.toFixed(1)} m²` },
      { field, declared, computed: rounded, tolerance },
    );
  }
  return declared;
}

function inputSrid(parcel: versions.ParcelVersion, srid: number | undefined): number {
  if (srid === undefined || srid === 4326 || srid === parcel.srid) return srid ?? 4326;
  throw errors.invalid(
    { vi: `Tọa độ phải theo EPSG:4326 hoặc hệ VN-2000 của thửa (EPSG:${parcel.srid})`, en: `Coordinates must be in EPSG:4326 or the parcel's VN-2000 zone (EPSG:${parcel.srid})` },
    { field: 'body/edits/srid' },
  );
}

async function planSplit(q: Queryable, parcel: versions.ParcelVersion, edits: SplitEdits, factor: number): Promise<PlannedParcel[]> {
  const srid = inputSrid(parcel, edits.srid);
  let parts: Array<{ geom: string; officialArea: number }>;
  if ('line' in edits) {
    const line = await geometry.readGeometry(q, JSON.stringify(edits.line), srid, parcel.srid, null).catch(() => null);
    if (!line?.valid || !line.geom || line.kind !== 'ST_LineString') {
      throw errors.invalid({ vi: 'Đường cắt phải là một đường (LineString) hợp lệ', en: 'The cutting line must be a valid LineString' }, { field: 'body/edits/line', ...locate(line?.location ?? null) });
    }
    const cut = await geometry.cutByLine(q, parcel.geom, line.geom);
    if (cut.length < 2) {
      throw errors.invalid({ vi: 'Đường cắt không chia thửa thành hai phần: hãy kéo dài qua ranh thửa', en: 'The line does not cut the parcel in two: extend it across the boundary' }, { field: 'body/edits/line' });
    }
    parts = cut.map((part) => ({ geom: part.geom, officialArea: Math.round(part.area * 10) / 10 }));
  } else {
    parts = [];
    for (const [i, part] of edits.parts.entries()) {
      const field = `body/edits/parts/${i}`;
      const read = await readPolygon(q, parcel, part.geometry, srid, `${field}/geometry`);
      parts.push({ geom: read.geom, officialArea: officialArea(part.officialArea, read.area, parcel.scale, factor, `${field}/officialArea`) });
    }
    const fault = await geometry.splitFault(q, parcel.geom, parts.map((p) => p.geom), GEOMETRY_FAULT_M2);
    if (fault) throw splitFaultError(fault);
  }
  checkAreasAddUp(parts.map((p) => p.officialArea), parcel.officialArea, areaTolerance(parcel.officialArea, parcel.scale, factor), 'body/edits/parts');
  const purposes = await purposesOrDefault(q, parcel);
  return parts.map((part) => {
    const scaled = scalePurposes(purposes, part.officialArea);
    return { sameParcel: false, geom: part.geom, officialArea: part.officialArea, landUseCode: mainLandUse(scaled), purposes: scaled };
  });
}

function splitFaultError(fault: geometry.PartsFault) {
  const area = fault.area.toFixed(1);
  const messages = {
    outside: { vi: `Phần thửa mới số ${fault.parts[0]! + 1} nằm ra ngoài thửa gốc ${area} m²`, en: `New part ${fault.parts[0]! + 1} reaches ${area} m² outside the parcel` },
    overlap: { vi: `Phần ${fault.parts[0]! + 1} và phần ${fault.parts[1]! + 1} chồng lấn nhau ${area} m²`, en: `Parts ${fault.parts[0]! + 1} and ${fault.parts[1]! + 1} overlap by ${area} m²` },
    gap: { vi: `Các phần thửa mới để hở ${area} m² của thửa gốc`, en: `The new parts leave ${area} m² of the parcel uncovered` },
  }[fault.kind];
  const field = fault.kind === 'gap' ? 'body/edits/parts' : `body/edits/parts/${fault.parts[0]}/geometry`;
  return errors.invalid(messages, { field, fault: fault.kind, area: Math.round(fault.area * 10) / 10, location: fault.location });
}

async function planMerge(q: Queryable, parcel: versions.ParcelVersion, edits: MergeEdits): Promise<{ partners: versions.ParcelVersion[]; result: PlannedParcel }> {
  const partnerIds: string[] = [];
  for (const [i, key] of edits.with.entries()) {
    const field = `body/edits/with/${i}`;
    const id = key.unitCode === parcel.unitCode ? await versions.liveParcelId(q, parcel.unitId, key.sheetNumber, key.parcelNumber) : undefined;
    if (!id || id === parcel.id || partnerIds.includes(id)) {
      throw errors.invalid(
        { vi: `Không có thửa số ${key.parcelNumber} tờ ${key.sheetNumber} khác đang hiệu lực trong cùng đơn vị để hợp`, en: `No other live parcel ${key.parcelNumber} on sheet ${key.sheetNumber} in the same unit to merge with` },
        { field },
      );
    }
    partnerIds.push(id);
  }
  const partners = await versions.parcelVersions(q, partnerIds);
  const holders = await versions.holderSignature(q, parcel.id);
  for (const [i, partner] of partners.entries()) {
    const field = `body/edits/with/${i}`;
    if ((await versions.holderSignature(q, partner.id)) !== holders) {
      throw errors.invalid({ vi: 'Các thửa hợp phải cùng người sử dụng đất với cùng phần quyền', en: 'Merged parcels must have the same land users with the same shares' }, { field });
    }
    if (partner.landUseCode !== parcel.landUseCode) {
      // Luật Đất đai 2024, Điều 220 khoản 2: merged parcels share their land-use purpose
      throw errors.invalid({ vi: `Các thửa hợp phải cùng mục đích sử dụng (${parcel.landUseCode} ≠ ${partner.landUseCode})`, en: `Merged parcels must have the same land use (${parcel.landUseCode} ≠ ${partner.landUseCode})` }, { field });
    }
  }
  if ((await versions.liveRestrictionCount(q, [parcel.id, ...partnerIds])) > 0) {
    throw errors.invalid({ vi: 'Thửa đang thế chấp: xóa đăng ký thế chấp trước khi hợp thửa', en: 'A parcel is mortgaged: release the mortgage before merging' }, { field: 'body/edits/with' });
  }
  const union = await geometry.mergeUnion(q, [parcel.geom, ...partners.map((p) => p.geom)]);
  if (union.detached) {
    const at = union.detached.index === 0 ? parcel : partners[union.detached.index - 1]!;
    throw errors.invalid(
      { vi: `Thửa số ${at.parcelNumber} tờ ${at.sheetNumber} không liền kề các thửa còn lại`, en: `Parcel ${at.parcelNumber} on sheet ${at.sheetNumber} does not adjoin the others` },
      { field: union.detached.index === 0 ? 'body/parcel' : `body/edits/with/${union.detached.index - 1}`, location: union.detached.location },
    );
  }
  const all = [parcel, ...partners];
  const purposes = combinePurposes((await Promise.all(all.map((p) => purposesOrDefault(q, p)))).flat());
  const area = Math.round(all.reduce((sum, p) => sum + p.officialArea, 0) * 10) / 10;
  return { partners, result: { sameParcel: false, geom: union.geom, officialArea: area, landUseCode: mainLandUse(purposes), purposes } };
}

async function planPurposeChange(q: Queryable, parcel: versions.ParcelVersion, edits: PurposeEdits): Promise<PlannedParcel> {
  const unknown = await versions.unknownPurposeCodes(q, edits.purposes);
  const at = edits.purposes.findIndex((p) => unknown.landUse.includes(p.landUseCode) || unknown.origin.includes(p.originCode));
  if (at >= 0) {
    const p = edits.purposes[at]!;
    const field = unknown.landUse.includes(p.landUseCode) ? 'landUseCode' : 'originCode';
    throw errors.invalid({ vi: `Mã không có trong danh mục: ${p[field]}`, en: `Unknown code: ${p[field]}` }, { field: `body/edits/purposes/${at}/${field}` });
  }
  checkAreasAddUp(edits.purposes.map((p) => p.area), parcel.officialArea, 0.1, 'body/edits/purposes');
  return { sameParcel: true, geom: parcel.geom, officialArea: parcel.officialArea, landUseCode: mainLandUse(edits.purposes), purposes: edits.purposes };
}

async function planBoundaryCorrection(q: Queryable, parcel: versions.ParcelVersion, edits: BoundaryEdits, factor: number): Promise<PlannedParcel> {
  const read = await readPolygon(q, parcel, edits.geometry, inputSrid(parcel, edits.srid), 'body/edits/geometry');
  const area = officialArea(edits.officialArea, read.area, parcel.scale, factor, 'body/edits/officialArea');
  const overlap = await geometry.overlapWithLive(q, read.geom, [parcel.id], GEOMETRY_FAULT_M2);
  if (overlap) {
    throw errors.invalid(
      { vi: `Ranh giới mới chồng lấn ${overlap.area.toFixed(1)} m² lên thửa số ${overlap.parcelNumber} tờ ${overlap.sheetNumber}`, en: `The new boundary overlaps parcel ${overlap.parcelNumber} on sheet ${overlap.sheetNumber} by ${overlap.area.toFixed(1)} m²` },
      { field: 'body/edits/geometry', location: overlap.location, overlaps: { unitCode: overlap.unitCode, sheetNumber: overlap.sheetNumber, parcelNumber: overlap.parcelNumber } },
    );
  }
  const purposes = scalePurposes(await purposesOrDefault(q, parcel), area);
  return { sameParcel: true, geom: read.geom, officialArea: area, landUseCode: mainLandUse(purposes), purposes };
}

/** Checks a parcel change against the record as it is now and says what it will create. */
export async function planParcelChange(q: Queryable, type: ParcelChangeType, parcelId: string, edits: unknown): Promise<ParcelChangePlan> {
  const [parcel] = await versions.parcelVersions(q, [parcelId]);
  const factor = await versions.areaToleranceFactor(q);
  switch (type) {
    case 'split':
      return { parents: [parcel!], results: await planSplit(q, parcel!, edits as SplitEdits, factor) };
    case 'merge': {
      const { partners, result } = await planMerge(q, parcel!, edits as MergeEdits);
      return { parents: [parcel!, ...partners], results: [result] };
    }
    case 'purpose_change':
      return { parents: [parcel!], results: [await planPurposeChange(q, parcel!, edits as PurposeEdits)] };
    case 'boundary_correction':
      return { parents: [parcel!], results: [await planBoundaryCorrection(q, parcel!, edits as BoundaryEdits, factor)] };
  }
}

/**
 * Applies a plan at `at`: the parents end, the results start (a new version of the same
 * parcel, or new parcels on the next free numbers of the filed parcel's sheet), rights
 * and restrictions carry over, assets move to the largest result, lineage links them.
 */
export async function applyParcelChange(q: Queryable, plan: ParcelChangePlan, changeId: string, at: Date): Promise<void> {
  const [filed] = plan.parents;
  const fresh = plan.results.filter((r) => !r.sameParcel).length;
  const numbers = fresh > 0 ? await versions.takeParcelNumbers(q, filed!.unitId, filed!.sheetNumber, fresh) : [];
  for (const parent of plan.parents) await versions.endParcelVersion(q, parent.id, changeId, at);
  const childIds: string[] = [];
  for (const result of plan.results) {
    childIds.push(await versions.insertParcelVersion(q, {
      parcelUid: result.sameParcel ? filed!.parcelUid : null,
      version: result.sameParcel ? filed!.version + 1 : 1,
      unitId: filed!.unitId, sheetNumber: filed!.sheetNumber,
      parcelNumber: result.sameParcel ? filed!.parcelNumber : numbers.shift()!,
      srid: filed!.srid, geom: result.geom, officialArea: result.officialArea, landUseCode: result.landUseCode,
      address: filed!.address, purposes: result.purposes, changeId, at,
    }));
  }
  // a merge's parents have the same holders (checked): the filed parcel's rights carry over once
  await versions.copyRightsAndRestrictions(q, filed!.id, childIds, changeId, at);
  const largest = childIds[plan.results.reduce((best, r, i) => (r.officialArea > plan.results[best]!.officialArea ? i : best), 0)]!;
  for (const parent of plan.parents) {
    await versions.moveAssets(q, parent.id, largest, changeId, at);
    await versions.endDependents(q, parent.id, changeId, at);
  }
  await versions.insertLineage(q, plan.parents.map((p) => p.id), childIds, changeId);
}
