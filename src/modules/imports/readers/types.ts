// One interface for every delivery format: features one at a time, in the order of the
// file, with the coordinate system they are in. Readers never hold a whole file's
// features (GeoPackage aside: sql.js reads the file into memory, hence its own size limit).
import type { TextEncoding } from './legacy-vietnamese.js';

export interface SourceFeature {
  /** position in the source, from 0: the key of staging rows and findings */
  index: number;
  /** GeoJSON geometry in the source system (null: none or unreadable) */
  geometry: unknown;
  /** or the geometry as WKB (GeoPackage) */
  wkb?: Uint8Array | undefined;
  properties: Record<string, unknown>;
}

export interface FeatureSource {
  format: 'shapefile' | 'geojson' | 'gpkg';
  /** the EPSG code the file declares, null when it declares none we can tell */
  srid: number | null;
  /** the text encoding of the attributes (shapefile), named or detected */
  encoding: TextEncoding | null;
  /** the number of features when the format says it up front */
  total: number | null;
  /** the features from `from` on (a resumed load skips those already staged) */
  features(from: number): AsyncIterable<SourceFeature>;
  close(): Promise<void>;
}
