// GeoPackage (a SQLite database: its SQL is here, in a repo) (OGC 12-128r18) through sql.js: the first features table of gpkg_contents
// (or the one named), its geometry column and system from gpkg_geometry_columns and
// gpkg_spatial_ref_sys; each geometry blob's GeoPackage header is cut off and its WKB goes
// to PostGIS as is. sql.js holds the database in memory: GeoPackages have their own,
// smaller size limit (MAX_GPKG_BYTES).
import fsp from 'node:fs/promises';
import initSqlJs from 'sql.js';
import { srsFromPrj } from './prj.js';
import type { FeatureSource, SourceFeature } from './types.js';

export const MAX_GPKG_BYTES = 300 * 1024 * 1024;

/** The WKB inside a GeoPackage geometry blob; null for an empty geometry. */
export function gpkgWkb(blob: Uint8Array): Uint8Array | null {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new Error('not a GeoPackage geometry (no GP magic)');
  const flags = blob[3]!;
  if (flags & 0x10) return null; // empty geometry
  const envelope = [0, 32, 48, 48, 64][(flags >> 1) & 0x07];
  if (envelope === undefined) throw new Error('bad GeoPackage envelope indicator');
  return blob.subarray(8 + envelope);
}

const identifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function openGeoPackage(path: string, table?: string): Promise<FeatureSource> {
  const { size } = await fsp.stat(path);
  if (size > MAX_GPKG_BYTES) throw new Error(`GeoPackage larger than ${MAX_GPKG_BYTES / 1024 / 1024} MB`);
  const SQL = await initSqlJs();
  const db = new SQL.Database(await fsp.readFile(path));
  const one = (sql: string, params: (string | number)[] = []) => {
    const stmt = db.prepare(sql);
    try {
      stmt.bind(params);
      return stmt.step() ? stmt.getAsObject() : null;
    } finally {
      stmt.free();
    }
  };
  const contents = one(
    `select c.table_name, g.column_name, g.srs_id from gpkg_contents c join gpkg_geometry_columns g on g.table_name = c.table_name
      where c.data_type = 'features' and (? = '' or c.table_name = ?) order by c.table_name limit 1`,
    [table ?? '', table ?? ''],
  );
  if (!contents) {
    db.close();
    throw new Error('the GeoPackage has no features table');
  }
  const tableName = String(contents.table_name);
  const geomColumn = String(contents.column_name);
  const srs = one('select organization, organization_coordsys_id, definition from gpkg_spatial_ref_sys where srs_id = ?', [Number(contents.srs_id)]);
  let srid: number | null = null;
  if (srs && String(srs.organization).toUpperCase() === 'EPSG' && Number(srs.organization_coordsys_id) > 0) srid = Number(srs.organization_coordsys_id);
  else if (srs?.definition) srid = srsFromPrj(String(srs.definition));
  const total = Number(one(`select count(*) as n from ${identifier(tableName)}`)?.n ?? 0);
  return {
    format: 'gpkg',
    srid,
    encoding: 'utf8',
    total,
    async *features(from: number): AsyncIterable<SourceFeature> {
      const stmt = db.prepare(`select * from ${identifier(tableName)} order by rowid limit -1 offset ?`);
      try {
        stmt.bind([from]);
        for (let index = from; stmt.step(); index++) {
          const row = stmt.getAsObject();
          const blob = row[geomColumn];
          delete row[geomColumn];
          const properties: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(row)) properties[k] = v instanceof Uint8Array ? null : v;
          yield { index, geometry: null, wkb: blob instanceof Uint8Array ? (gpkgWkb(blob) ?? undefined) : undefined, properties };
        }
      } finally {
        stmt.free();
      }
    },
    close: async () => db.close(),
  };
}
