// The EPSG code of a shapefile's .prj (WKT1 as GDAL, ArcGIS or MapInfo write it). An
// AUTHORITY on the projected system wins; otherwise the VN-2000 zones are recognised by
// their parameters, since most .prj files name them differently ("VN-2000_TM-3_106-15",
// "VN_2000_Bình_Phước", "TM3_106_15", …) and ESRI's dialect drops AUTHORITY and TOWGS84.
// Undetectable: null, and the uploader names the system (sourceSrid).

/** VN-2000 3° TM zones (EPSG:9205-9218): central meridian in degrees → code. */
export const VN2000_TM3_ZONES: ReadonlyArray<readonly [number, number]> = [
  [103, 9205], [104, 9206], [104.5, 9207], [104.75, 9208], [105.5, 9209], [105.75, 9210], [106, 9211],
  [106.25, 9212], [106.5, 9213], [107, 9214], [107.25, 9215], [107.5, 9216], [108.25, 9217], [108.5, 9218],
];
/** VN-2000 / UTM zones 48N and 49N (6°, scale 0.9996). */
const VN2000_UTM: ReadonlyArray<readonly [number, number]> = [[105, 3405], [111, 3406]];

// EPSG transformation 6960 (VN-2000 → WGS 84), as some .prj files spell it
const VN2000_TOWGS84 = [-191.904, -39.303, -111.450];

function parameter(wkt: string, names: string[]): number | undefined {
  for (const name of names) {
    const m = new RegExp(`PARAMETER\\[\\s*"${name}"\\s*,\\s*([-+0-9.eE]+)`, 'i').exec(wkt);
    if (m) return Number(m[1]);
  }
  return undefined;
}

function isVn2000Datum(wkt: string): boolean {
  if (/VN[-_ ]?2000|Vietnam[-_ ]?2000|Hanoi[-_ ]?2000|D_?VN/i.test(wkt)) return true;
  const m = /TOWGS84\[([^\]]+)\]/i.exec(wkt);
  if (!m) return false;
  const values = m[1]!.split(',').map(Number);
  return VN2000_TOWGS84.every((v, i) => Math.abs((values[i] ?? 0) - v) < 0.01);
}

/** The EPSG code a .prj describes, or null when it cannot be told. */
export function srsFromPrj(wkt: string): number | null {
  const text = wkt.trim();
  if (!text) return null;
  // AUTHORITY of the outermost system: the last one in the text closes it
  const authorities = [...text.matchAll(/AUTHORITY\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const projected = /^PROJCS/i.test(text);
  if (authorities.length > 0) {
    const last = authorities.at(-1)!;
    // a projected system's own authority is the last token before its closing bracket
    if (!projected || text.slice(last.index! + last[0].length).replace(/[\]\s]/g, '') === '') return Number(last[1]);
  }
  if (!projected) {
    if (/WGS[_ ]?(19)?84/i.test(text) && !isVn2000Datum(text)) return 4326;
    if (isVn2000Datum(text)) return 4756;
    return null;
  }
  if (!/Transverse_Mercator|Gauss_Kruger|TM/i.test(text)) return null;
  const meridian = parameter(text, ['central_meridian', 'longitude_of_center', 'longitude_of_origin']);
  const scale = parameter(text, ['scale_factor', 'scale_factor_at_central_meridian']);
  const falseEasting = parameter(text, ['false_easting']) ?? 500000;
  if (meridian === undefined || scale === undefined || Math.abs(falseEasting - 500000) > 0.01) return null;
  const zone = (zones: ReadonlyArray<readonly [number, number]>) => zones.find(([cm]) => Math.abs(cm - meridian) < 1e-6)?.[1] ?? null;
  // VN-2000 zones are told by meridian and scale; a TM-3 zone with scale 0.9999 is taken
  // as VN-2000 even when the datum is written as WGS 84 (a common mistake of old exports)
  if (Math.abs(scale - 0.9999) < 1e-7) return zone(VN2000_TM3_ZONES);
  if (Math.abs(scale - 0.9996) < 1e-7 && isVn2000Datum(text)) return zone(VN2000_UTM);
  if (Math.abs(scale - 0.9996) < 1e-7 && /WGS[_ ]?(19)?84/i.test(text)) {
    const utm = Math.round((meridian + 183) / 6);
    return Math.abs(utm * 6 - 183 - meridian) < 1e-6 ? 32600 + utm : null;
  }
  return null;
}
