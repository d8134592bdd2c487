// ESRI Shapefile: geometry streamed from the .shp by the `shapefile` library, attributes
// from the .dbf by our reader (legacy encodings), the system from the .prj, the encoding
// from the .cpg, else named by the uploader, else detected on the first records.
import fsp from 'node:fs/promises';
import { openShp } from 'shapefile';
import { decodeRecord, openDbf, textBytes } from './dbf.js';
import { detectEncoding, type TextEncoding } from './legacy-vietnamese.js';
import { srsFromPrj } from './prj.js';
import type { FeatureSource, SourceFeature } from './types.js';

const SAMPLE_RECORDS = 2000;

/** The encoding a .cpg names, when it is one we read. */
export function encodingFromCpg(text: string): TextEncoding | null {
  const t = text.trim().toUpperCase().replace(/[\s_-]/g, '');
  if (/^(UTF8|65001)$/.test(t)) return 'utf8';
  if (/^(ANSI)?(CP|WINDOWS)?1258$/.test(t)) return 'cp1258';
  if (/^(TCVN3|TCVN|ABC|TCVN5712)$/.test(t)) return 'tcvn3';
  if (/^VNI(WINDOWS)?$/.test(t)) return 'vni';
  return null;
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await fsp.readFile(path, 'latin1');
  } catch {
    return null;
  }
}

/** `shpPath` ends in .shp; its .dbf, .prj and .cpg sit beside it (any case of extension). */
export async function openShapefile(shpPath: string, declared: TextEncoding | null): Promise<FeatureSource> {
  const dir = shpPath.slice(0, shpPath.lastIndexOf('/') + 1);
  const stem = shpPath.slice(dir.length, -4).toLowerCase();
  const siblings = await fsp.readdir(dir || '.');
  const sibling = (ext: string) => {
    const name = siblings.find((f) => f.toLowerCase() === `${stem}.${ext}`);
    return name ? dir + name : null;
  };
  const prjPath = sibling('prj');
  const cpgPath = sibling('cpg');
  const dbfPath = sibling('dbf');
  const prj = prjPath ? await readIfExists(prjPath) : null;
  const cpg = cpgPath ? await readIfExists(cpgPath) : null;
  const dbf = dbfPath ? await openDbf(dbfPath) : null;
  let encoding: TextEncoding | null = declared ?? (cpg ? encodingFromCpg(cpg) : null);
  if (!encoding && dbf) {
    const samples: Uint8Array[] = [];
    let n = 0;
    for await (const row of dbf.rows(0)) {
      samples.push(...textBytes(dbf.fields, row));
      if (++n >= SAMPLE_RECORDS) break;
    }
    encoding = detectEncoding(samples);
  }
  return {
    format: 'shapefile',
    srid: prj ? srsFromPrj(prj) : null,
    encoding: encoding ?? 'utf8',
    total: dbf?.records ?? null,
    async *features(from: number): AsyncIterable<SourceFeature> {
      const shp = await openShp(shpPath);
      const rows = dbf?.rows(from)[Symbol.asyncIterator]();
      try {
        for (let index = 0; ; index++) {
          const next = await shp.read();
          if (next.done) return;
          if (index < from) continue;
          const row = rows ? await rows.next() : undefined;
          const properties = row && !row.done && dbf ? decodeRecord(dbf.fields, row.value, encoding ?? 'utf8') : {};
          yield { index, geometry: next.value ?? null, properties };
        }
      } finally {
        await shp.cancel().catch(() => {});
      }
    },
    close: async () => {
      await dbf?.close();
    },
  };
}
