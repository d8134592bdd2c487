// A delivery as uploaded: a zip (shapefile parts, or a GeoJSON / GeoPackage inside), a
// .geojson/.json or a .gpkg. A zip is unpacked entry by entry into the batch's folder with
// the limits of the documents' bulk import (entries, total size, compression ratio against
// zip bombs); entry names lose their folders, so nothing is written outside the folder.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import yauzl from 'yauzl';
import { openGeoJson } from './geojson-reader.js';
import { openGeoPackage } from './geopackage.repo.js';
import type { TextEncoding } from './legacy-vietnamese.js';
import { openShapefile } from './shapefile-reader.js';
import type { FeatureSource } from './types.js';

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  /** an entry over 1 MiB whose size exceeds its compressed size times this is refused */
  maxRatio: number;
}

export class DeliveryError extends Error {
  constructor(
    readonly vi: string,
    en: string,
  ) {
    super(en);
  }
}

const WANTED = /\.(shp|shx|dbf|prj|cpg|geojson|json|gpkg|csv|xlsx)$/i;

/** Unpacks the wanted entries of a zip into `dir`; returns their paths. */
export async function unzip(zipPath: string, dir: string, limits: ZipLimits): Promise<string[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (e, z) => (e ? reject(e) : resolve(z))),
  );
  const written: string[] = [];
  let total = 0;
  let count = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        void (async () => {
          count++;
          if (count > limits.maxEntries) throw new DeliveryError(`Tệp zip có quá nhiều mục (tối đa ${limits.maxEntries})`, `The zip has too many entries (at most ${limits.maxEntries})`);
          const name = path.basename(entry.fileName.replace(/\\/g, '/'));
          if (entry.fileName.endsWith('/') || !WANTED.test(name) || name.startsWith('.')) return;
          total += entry.uncompressedSize;
          if (total > limits.maxTotalBytes) throw new DeliveryError('Dữ liệu giải nén vượt giới hạn dung lượng', 'The unpacked delivery exceeds the size limit');
          if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > entry.compressedSize * limits.maxRatio) {
            throw new DeliveryError(`Tỷ lệ nén bất thường ở ${name}: nghi tệp nén độc hại`, `Abnormal compression ratio of ${name}: a suspected zip bomb`);
          }
          const target = path.join(dir, name);
          const stream = await new Promise<NodeJS.ReadableStream>((ok, fail) => zip.openReadStream(entry, (e, s) => (e ? fail(e) : ok(s))));
          let seen = 0;
          // the declared size is checked by yauzl; this guards the total as bytes arrive
          const guard = new Transform({
            transform(chunk: Buffer, _enc, done) {
              seen += chunk.length;
              done(seen > entry.uncompressedSize ? new Error('entry larger than declared') : null, chunk);
            },
          });
          await pipeline(stream, guard, fs.createWriteStream(target, { flags: 'w', mode: 0o600 }));
          written.push(target);
        })().then(() => zip.readEntry(), reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return written;
}

export interface OpenOptions {
  encoding: TextEncoding | null;
  /** the GeoPackage table, when it has several */
  layer?: string | undefined;
  limits: ZipLimits;
}

export interface OpenedDelivery {
  source: FeatureSource;
  /** attribute tables delivered beside the geometry (CSV or Excel), joined by unit + sheet + parcel */
  attributeTables: string[];
}

/** Opens the stored upload (`work` is the batch's folder for unpacked files). */
export async function openDelivery(stored: string, work: string, options: OpenOptions): Promise<OpenedDelivery> {
  const head = Buffer.alloc(4);
  const handle = await fsp.open(stored, 'r');
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  let files = [stored];
  if (head[0] === 0x50 && head[1] === 0x4b) {
    await fsp.rm(work, { recursive: true, force: true });
    await fsp.mkdir(work, { recursive: true });
    files = await unzip(stored, work, options.limits);
  }
  const attributeTables = files.filter((f) => /\.(csv|xlsx)$/i.test(f)).sort();
  const shp = files.filter((f) => /\.shp$/i.test(f));
  if (shp.length > 1) throw new DeliveryError(`Gói giao nộp có ${shp.length} lớp shapefile: mỗi lần nhập một lớp thửa đất`, `The delivery has ${shp.length} shapefiles: import one parcel layer at a time`);
  if (shp.length === 1) return { source: await openShapefile(shp[0]!, options.encoding), attributeTables };
  const gpkg = files.find((f) => /\.gpkg$/i.test(f)) ?? (await isSqlite(stored) ? stored : undefined);
  if (gpkg) return { source: await openGeoPackage(gpkg, options.layer), attributeTables };
  const json = files.find((f) => /\.(geo)?json$/i.test(f)) ?? (head[0] === 0x7b || head[0] === 0xef || head[0] === 0x20 || head[0] === 0x0a ? stored : undefined);
  if (json) return { source: await openGeoJson(json), attributeTables };
  throw new DeliveryError(
    'Không nhận ra định dạng: cần shapefile nén zip (.shp, .dbf, .prj), GeoJSON hoặc GeoPackage',
    'Unknown format: a zipped shapefile (.shp, .dbf, .prj), GeoJSON or GeoPackage is expected',
  );
}

async function isSqlite(file: string): Promise<boolean> {
  const handle = await fsp.open(file, 'r');
  try {
    const b = Buffer.alloc(16);
    await handle.read(b, 0, 16, 0);
    return b.toString('latin1') === 'SQLite format 3\0';
  } finally {
    await handle.close();
  }
}
