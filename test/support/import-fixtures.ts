// Test deliveries written by GDAL's ogr2ogr (another tool than ours), from GeoJSON we
// compose: shapefiles in the unit's VN-2000 zone with their .prj, in UTF-8 or a legacy
// encoding, GeoPackage and GeoJSON.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeText, type TextEncoding } from '../../src/modules/imports/readers/legacy-vietnamese.js';

export interface FixtureFeature {
  properties: Record<string, string | number | null>;
  /** GeoJSON geometry in `srid` */
  geometry: unknown;
}

export const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'lis-import-test-'));

function writeGeoJson(file: string, features: FixtureFeature[], srid: number): void {
  fs.writeFileSync(file, JSON.stringify({
    type: 'FeatureCollection',
    crs: { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${srid}` } },
    features: features.map((f) => ({ type: 'Feature', properties: f.properties, geometry: f.geometry })),
  }));
}

/** A zipped shapefile written by ogr2ogr; text in `encoding` (legacy ones: bytes written as Latin-1, no .cpg). */
export function shapefileZip(features: FixtureFeature[], srid: number, encoding: TextEncoding = 'utf8'): string {
  const dir = tempDir();
  const legacy = encoding === 'tcvn3' || encoding === 'vni';
  const prepared = legacy
    ? features.map((f) => ({ ...f, properties: Object.fromEntries(Object.entries(f.properties).map(([k, v]) => [k, typeof v === 'string' ? encodeText(v, encoding).toString('latin1') : v])) }))
    : features;
  writeGeoJson(path.join(dir, 'in.geojson'), prepared, srid);
  const lco = encoding === 'utf8' ? 'UTF-8' : encoding === 'cp1258' ? 'CP1258' : 'ISO-8859-1';
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-a_srs', `EPSG:${srid}`, '-lco', `ENCODING=${lco}`, '-nlt', 'PROMOTE_TO_MULTI', path.join(dir, 'thua_dat.shp'), path.join(dir, 'in.geojson')], { stdio: 'pipe' });
  if (legacy) fs.rmSync(path.join(dir, 'thua_dat.cpg'), { force: true });
  const parts = fs.readdirSync(dir).filter((f) => f.startsWith('thua_dat.'));
  execFileSync('zip', ['-q', 'delivery.zip', ...parts], { cwd: dir });
  return path.join(dir, 'delivery.zip');
}

export function geoPackage(features: FixtureFeature[], srid: number): string {
  const dir = tempDir();
  writeGeoJson(path.join(dir, 'in.geojson'), features, srid);
  execFileSync('ogr2ogr', ['-f', 'GPKG', '-a_srs', `EPSG:${srid}`, '-nln', 'thua_dat', path.join(dir, 'delivery.gpkg'), path.join(dir, 'in.geojson')], { stdio: 'pipe' });
  return path.join(dir, 'delivery.gpkg');
}

/** GeoJSON written by ogr2ogr, reprojected to WGS 84 (RFC 7946) when `wgs84`. */
export function geoJson(features: FixtureFeature[], srid: number, wgs84: boolean): string {
  const dir = tempDir();
  writeGeoJson(path.join(dir, 'in.geojson'), features, srid);
  const args = ['-f', 'GeoJSON', ...(wgs84 ? ['-s_srs', `EPSG:${srid}`, '-t_srs', 'EPSG:4326', '-lco', 'COORDINATE_PRECISION=10'] : ['-a_srs', `EPSG:${srid}`])];
  execFileSync('ogr2ogr', [...args, path.join(dir, 'delivery.geojson'), path.join(dir, 'in.geojson')], { stdio: 'pipe' });
  return path.join(dir, 'delivery.geojson');
}

export const square = (x: number, y: number, side: number) => ({
  type: 'Polygon', coordinates: [[[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]],
});


/**
 * An attribute table (no geometry) written by ogr2ogr: CSV (`;` or `,`, with or without a
 * UTF-8 BOM; a legacy encoding: the text prepared as Latin-1 characters, written by ogr2ogr
 * in UTF-8 and turned into those bytes by iconv) or Excel (XLSX).
 */
export function attributeTable(
  rows: Array<Record<string, string | number | null>>,
  name: string,
  options: { separator?: ';' | ','; bom?: boolean; encoding?: TextEncoding } = {},
): string {
  const dir = tempDir();
  const encoding = options.encoding ?? 'utf8';
  const prepared = encoding === 'utf8' ? rows : rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? encodeText(v, encoding).toString('latin1') : v])));
  fs.writeFileSync(path.join(dir, 'in.geojson'), JSON.stringify({ type: 'FeatureCollection', features: prepared.map((properties) => ({ type: 'Feature', properties, geometry: null })) }));
  const out = path.join(dir, name);
  if (/\.xlsx$/i.test(name)) {
    execFileSync('ogr2ogr', ['-f', 'XLSX', out, path.join(dir, 'in.geojson')], { stdio: 'pipe' });
    return out;
  }
  const lco = ['-lco', `SEPARATOR=${options.separator === ';' ? 'SEMICOLON' : 'COMMA'}`, ...(options.bom ? ['-lco', 'WRITE_BOM=YES'] : [])];
  const utf8 = encoding === 'utf8' ? out : path.join(dir, 'utf8.csv');
  execFileSync('ogr2ogr', ['-f', 'CSV', ...lco, utf8, path.join(dir, 'in.geojson')], { stdio: 'pipe' });
  if (utf8 !== out) fs.writeFileSync(out, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'ISO-8859-1', utf8]));
  return out;
}

/** The zip with more files added (an attribute table delivered beside the shapefile). */
export function addToZip(zip: string, files: string[]): string {
  for (const file of files) execFileSync('zip', ['-q', '-j', zip, file]);
  return zip;
}
