// Pure rules of land-use planning (S-PLAN): reading an uploaded zone file (a GeoJSON
// FeatureCollection) into zones, with every fault found named by its feature and field
// in Vietnamese and English, and the lifecycle of a plan (draft → approved →
// superseded). No I/O here: the database checks what only it can (valid polygons after
// projection, known land-use codes, overlaps) in planning.repo.ts.

export const MAX_ZONES_PER_UPLOAD = 500;
export const MAX_VERTICES_PER_ZONE = 20_000;
export const MAX_VERTICES_PER_UPLOAD = 200_000;
export const MAX_PROJECTS_PER_REQUEST = 500;
/** Two zones of one plan may share a boundary, not area: more than this overlap (m²) is refused. */
export const ZONE_OVERLAP_TOLERANCE_M2 = 0.1;

/** One fault of an upload: the feature (0-based index in `features`) and field at fault. */
export interface Finding {
  feature: number;
  field: string;
  vi: string;
  en: string;
}

export interface ZoneInput {
  /** index of the feature in the uploaded collection */
  feature: number;
  zoneCode: string;
  name: string;
  landUseCode: string;
  /** the geometry as WKT, in the upload's SRID */
  wkt: string;
}

type Position = number[];
const ZONE_CODE = /^[A-Za-z0-9._/-]{1,30}$/;
const LAND_USE_CODE = /^[A-Z]{3}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The reasons a linear ring is refused (RFC 7946 §3.1.6: closed, at least four positions). */
function ringFault(ring: unknown, geographic: boolean): { vi: string; en: string } | null {
  if (!Array.isArray(ring) || ring.length < 4) return { vi: 'vòng ranh giới cần ít nhất 4 điểm', en: 'a ring needs at least 4 positions' };
  for (const p of ring as unknown[]) {
    if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      return { vi: 'tọa độ phải là 2 hoặc 3 số', en: 'a position must be 2 or 3 numbers' };
    }
    if (geographic && (Math.abs(p[0] as number) > 180 || Math.abs(p[1] as number) > 90)) {
      return { vi: 'kinh độ, vĩ độ ngoài phạm vi (EPSG:4326)', en: 'longitude or latitude out of range (EPSG:4326)' };
    }
  }
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) return { vi: 'vòng ranh giới không khép kín', en: 'a ring is not closed' };
  return null;
}

function polygonsOf(geometry: Record<string, unknown>): unknown[] | null {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)) return geometry.coordinates as unknown[];
  return null;
}

const ringWkt = (ring: Position[]) => `(${ring.map((p) => `${p[0]} ${p[1]}`).join(', ')})`;

/** The polygons as a 2D MULTIPOLYGON WKT; assumes checkGeometry found nothing. */
function toWkt(polygons: Position[][][]): string {
  return `MULTIPOLYGON(${polygons.map((rings) => `(${rings.map(ringWkt).join(', ')})`).join(', ')})`;
}

/** Checks a GeoJSON geometry's structure; returns its polygons and vertex count, or the fault. */
function checkGeometry(geometry: unknown, geographic: boolean): { polygons: Position[][][]; vertices: number } | { vi: string; en: string } {
  if (!isObject(geometry)) return { vi: 'thiếu hình học', en: 'geometry is missing' };
  const polygons = polygonsOf(geometry);
  if (polygons === null) return { vi: 'hình học phải là Polygon hoặc MultiPolygon', en: 'geometry must be a Polygon or MultiPolygon' };
  if (polygons.length === 0) return { vi: 'hình học rỗng', en: 'geometry is empty' };
  let vertices = 0;
  for (const rings of polygons) {
    if (!Array.isArray(rings) || rings.length === 0) return { vi: 'đa giác không có vòng ranh giới', en: 'a polygon has no ring' };
    for (const ring of rings as unknown[]) {
      const fault = ringFault(ring, geographic);
      if (fault) return fault;
      vertices += (ring as unknown[]).length;
    }
  }
  if (vertices > MAX_VERTICES_PER_ZONE) {
    return { vi: `quá ${MAX_VERTICES_PER_ZONE} đỉnh`, en: `more than ${MAX_VERTICES_PER_ZONE} vertices` };
  }
  return { polygons: polygons as Position[][][], vertices };
}

function textProperty(props: Record<string, unknown>, name: string, max: number, feature: number, findings: Finding[], label: { vi: string; en: string }): string {
  const value = props[name];
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
    findings.push({ feature, field: `properties.${name}`, vi: `${label.vi}: bắt buộc, tối đa ${max} ký tự`, en: `${label.en}: required, at most ${max} characters` });
    return '';
  }
  return value.trim();
}

/**
 * Reads the zones of an uploaded FeatureCollection. Each feature needs properties
 * zoneCode (mã khu vực), name (tên khu vực) and landUseCode (mã loại đất quy hoạch) and a
 * Polygon or MultiPolygon geometry. Every fault is collected, none stops the reading.
 */
export function readZoneFeatures(features: readonly unknown[], geographic: boolean): { zones: ZoneInput[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const zones: ZoneInput[] = [];
  const codes = new Map<string, number>();
  let total = 0;
  if (features.length === 0) findings.push({ feature: -1, field: 'features', vi: 'tệp không có khu vực nào', en: 'the file holds no zone' });
  if (features.length > MAX_ZONES_PER_UPLOAD) {
    findings.push({ feature: -1, field: 'features', vi: `tối đa ${MAX_ZONES_PER_UPLOAD} khu vực mỗi lần tải lên`, en: `at most ${MAX_ZONES_PER_UPLOAD} zones per upload` });
    return { zones, findings };
  }
  features.forEach((feature, i) => {
    if (!isObject(feature) || feature.type !== 'Feature') {
      findings.push({ feature: i, field: 'type', vi: 'phần tử không phải Feature', en: 'the item is not a Feature' });
      return;
    }
    const props = isObject(feature.properties) ? feature.properties : {};
    const before = findings.length;
    const zoneCode = textProperty(props, 'zoneCode', 30, i, findings, { vi: 'Mã khu vực', en: 'Zone code' });
    if (zoneCode && !ZONE_CODE.test(zoneCode)) {
      findings.push({ feature: i, field: 'properties.zoneCode', vi: 'Mã khu vực chỉ gồm chữ, số và . _ / -', en: 'Zone code: letters, digits and . _ / - only' });
    }
    if (zoneCode && codes.has(zoneCode)) {
      findings.push({ feature: i, field: 'properties.zoneCode', vi: `Mã khu vực ${zoneCode} trùng với phần tử ${codes.get(zoneCode)}`, en: `Zone code ${zoneCode} repeats feature ${codes.get(zoneCode)}` });
    }
    if (zoneCode) codes.set(zoneCode, i);
    const name = textProperty(props, 'name', 200, i, findings, { vi: 'Tên khu vực', en: 'Zone name' });
    const landUseCode = typeof props.landUseCode === 'string' ? props.landUseCode : '';
    if (!LAND_USE_CODE.test(landUseCode)) {
      findings.push({ feature: i, field: 'properties.landUseCode', vi: 'Mã loại đất quy hoạch phải gồm 3 chữ in hoa (ví dụ ONT)', en: 'Planned land-use code must be 3 capital letters (e.g. ONT)' });
    }
    const geometry = checkGeometry(feature.geometry, geographic);
    if ('vi' in geometry) {
      findings.push({ feature: i, field: 'geometry', vi: `Hình học: ${geometry.vi}`, en: `Geometry: ${geometry.en}` });
      return;
    }
    total += geometry.vertices;
    if (findings.length === before) zones.push({ feature: i, zoneCode, name, landUseCode, wkt: toWkt(geometry.polygons) });
  });
  if (total > MAX_VERTICES_PER_UPLOAD) {
    findings.push({ feature: -1, field: 'features', vi: `tổng số đỉnh quá ${MAX_VERTICES_PER_UPLOAD}`, en: `more than ${MAX_VERTICES_PER_UPLOAD} vertices in all` });
  }
  return { zones, findings };
}

export type PlanStatus = 'draft' | 'approved' | 'superseded';

/** What may happen to a plan in a status: zones and projects are added to drafts only. */
export const PLAN_TRANSITIONS: Readonly<Record<PlanStatus, readonly ('addZones' | 'addProjects' | 'approve' | 'supersede')[]>> = {
  draft: ['addZones', 'addProjects', 'approve'],
  approved: ['supersede'],
  superseded: [],
};

export function mayDo(status: PlanStatus, action: 'addZones' | 'addProjects' | 'approve' | 'supersede'): boolean {
  return PLAN_TRANSITIONS[status].includes(action);
}

/** Shares of a parcel's area as rounded for display; the unrounded ones add to exactly 1. */
export function roundShare(share: number): number {
  return Math.round(share * 1e6) / 1e6;
}
