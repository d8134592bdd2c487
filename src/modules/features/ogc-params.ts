// Pure rules of OGC API Features requests: CRS URIs (Part 2), bbox, datetime, and the
// query strings of links. No I/O.
import { AppError } from '../../kernel/app-error.js';
import type { OutputCrs } from './features.repo.js';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const epsgUri = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`;

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
];

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

export function badParameter(parameter: string, vi: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', { vi: `Tham số "${parameter}" không hợp lệ: ${vi}`, en: `Invalid parameter "${parameter}": ${en}` }, {
    parameter,
    fields: [{ field: `querystring/${parameter}`, problem: en }],
  });
}

/** The CRSs served: CRS84 (lon/lat), EPSG:4326 (lat/lon) and the province's VN-2000 zones (easting/northing). */
export function supportedCrs(zoneSrids: readonly number[]): string[] {
  return [CRS84, epsgUri(4326), ...zoneSrids.map(epsgUri)];
}

/** A CRS URI (or EPSG:n, [EPSG:n]) as the output coordinates it asks for; a 400 naming `parameter` otherwise. */
export function parseCrs(value: string | undefined, zoneSrids: readonly number[], parameter: string): { uri: string; output: OutputCrs } {
  if (value === undefined || value === '') return { uri: CRS84, output: { kind: 'crs84' } };
  const v = value.trim().replace(/^\[(.*)\]$/, '$1');
  if (v === CRS84 || /^(OGC:)?CRS84$/i.test(v) || v === 'urn:ogc:def:crs:OGC:1.3:CRS84') return { uri: CRS84, output: { kind: 'crs84' } };
  const epsg = /^(?:https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/0\/|EPSG:|urn:ogc:def:crs:EPSG::)(\d+)$/i.exec(v)?.[1];
  if (epsg === '4326') return { uri: epsgUri(4326), output: { kind: 'epsg4326' } };
  if (epsg !== undefined && zoneSrids.includes(Number(epsg))) return { uri: epsgUri(Number(epsg)), output: { kind: 'projected', srid: Number(epsg) } };
  const list = supportedCrs(zoneSrids).join(', ');
  throw badParameter(parameter, `hệ tọa độ không được hỗ trợ (chỉ ${list})`, `unsupported CRS "${value}" (supported: ${list})`);
}

/** bbox as lon/lat (CRS84, EPSG:4326 swapped to x/y) or easting/northing, with the SRID to build it in. */
export function parseBbox(value: string, crs: OutputCrs): { box: [number, number, number, number]; srid: number } {
  const parts = value.split(',').map((s) => s.trim());
  const nums = parts.map(Number);
  if ((nums.length !== 4 && nums.length !== 6) || parts.some((p) => p === '') || nums.some((n) => !Number.isFinite(n))) {
    throw badParameter('bbox', 'cần 4 số cách nhau bởi dấu phẩy', 'expected 4 comma-separated numbers (minx,miny,maxx,maxy)');
  }
  // 6 numbers: a 3D box, heights ignored
  const [a, b, c, d] = nums.length === 6 ? [nums[0]!, nums[1]!, nums[3]!, nums[4]!] : (nums as [number, number, number, number]);
  if (crs.kind === 'projected') {
    if (a > c || b > d) throw badParameter('bbox', 'giá trị nhỏ nhất lớn hơn giá trị lớn nhất', 'a minimum exceeds its maximum');
    return { box: [a, b, c, d], srid: crs.srid };
  }
  // EPSG:4326 is lat/lon: the box arrives as minLat,minLon,maxLat,maxLon
  const [minLon, minLat, maxLon, maxLat] = crs.kind === 'epsg4326' ? [b, a, d, c] : [a, b, c, d];
  if (minLat > maxLat || minLon > maxLon) throw badParameter('bbox', 'giá trị nhỏ nhất lớn hơn giá trị lớn nhất', 'a minimum exceeds its maximum (boxes across the antimeridian are not supported)');
  if (minLat < -90 || maxLat > 90 || minLon < -180 || maxLon > 180) throw badParameter('bbox', 'ngoài phạm vi kinh độ/vĩ độ', 'outside longitude/latitude ranges');
  return { box: [minLon, minLat, maxLon, maxLat], srid: 4326 };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
/** a date alone is a day in Vietnam (UTC+7) */
const dayStart = (date: string) => new Date(`${date}T00:00:00+07:00`);

function parseMoment(value: string, end: boolean): Date | null {
  if (value === '..' || value === '') return null;
  let at: Date | undefined;
  if (DATE_TIME.test(value)) at = new Date(value);
  else if (DATE.test(value)) at = end ? new Date(dayStart(value).getTime() + 86_400_000 - 1) : dayStart(value);
  if (!at || Number.isNaN(at.getTime())) {
    throw badParameter('datetime', 'cần thời điểm RFC 3339 (2025-06-01T00:00:00Z), ngày (2025-06-01) hoặc khoảng (a/b, ../b, a/..)', 'expected an RFC 3339 instant (2025-06-01T00:00:00Z), a date (2025-06-01) or an interval (a/b, ../b, a/..)');
  }
  return at;
}

/**
 * datetime: an instant (the versions in force then), a date (those in force at some moment
 * of that day, Vietnam time) or an interval (those whose lifespan meets it; ".." or empty
 * is an open end). Returns the closed interval [start, end], null ends open.
 */
export function parseDatetime(value: string): { start: Date | null; end: Date | null } {
  const parts = value.split('/');
  if (parts.length > 2 || value === '') throw badParameter('datetime', 'quá nhiều dấu "/"', 'expected an instant or an interval start/end');
  if (parts.length === 1) {
    if (value === '..') throw badParameter('datetime', '".." chỉ dùng trong khoảng', '".." is only allowed in an interval');
    return { start: parseMoment(value, false), end: parseMoment(value, true) };
  }
  const start = parseMoment(parts[0]!, false);
  const end = parseMoment(parts[1]!, true);
  if (start && end && start > end) throw badParameter('datetime', 'thời điểm đầu sau thời điểm cuối', 'the interval starts after it ends');
  return { start, end };
}

/** A query string for links: values encoded, but ':', '/' and ',' kept as clients (GDAL) write them. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const pairs = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '');
  const encode = (v: string) => encodeURIComponent(v).replace(/%3A/gi, ':').replace(/%2F/gi, '/').replace(/%2C/gi, ',');
  return pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${encode(k)}=${encode(String(v))}`).join('&')}`;
}
