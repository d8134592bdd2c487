// GeoJSON FeatureCollection, streamed: the file is read in chunks and each element of the
// "features" array is cut out by counting brackets (outside strings) and parsed alone, so
// a large collection is never parsed whole. The coordinate system is the "crs" member
// (GeoJSON 2008, as ogr2ogr writes it for a projected system) when it comes before the
// features, else EPSG:4326 (RFC 7946).
import fs from 'node:fs';
import type { FeatureSource, SourceFeature } from './types.js';

/** Largest single feature or other member accepted (a runaway element stops the load). */
const MAX_ELEMENT_CHARS = 64 * 1024 * 1024;

type Piece = { kind: 'member'; key: string; raw: string } | { kind: 'feature'; raw: string };

/** Walks the collection, yielding its members and each feature's text (pulled: no queue). */
async function* scan(path: string, stopAtFeatures: boolean): AsyncGenerator<Piece> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectKey = false;
  let key = '';
  let capture: string | null = null; // text of the captured key, member value or feature
  let captureKind: 'key' | 'member' | 'feature' | null = null;
  let inFeatures = false;
  const stream = fs.createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let start = 0;
      const flush = (end: number) => {
        if (capture === null) return;
        capture += chunk.slice(start, end);
        if (capture.length > MAX_ELEMENT_CHARS) throw new Error('a GeoJSON element is too large');
      };
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) {
            inString = false;
            if (captureKind === 'key') {
              flush(i);
              key = capture!;
              capture = null;
              captureKind = null;
            }
          }
          continue;
        }
        if (c === 34) {
          inString = true;
          if (depth === 1 && expectKey) {
            capture = '';
            captureKind = 'key';
            start = i + 1;
            expectKey = false;
          }
          continue;
        }
        if (c === 123 || c === 91) {
          // { or [
          if (depth === 1 && key === 'features' && c === 91 && captureKind === null) {
            inFeatures = true;
            if (stopAtFeatures) return;
          } else if (depth === 2 && inFeatures && c === 123) {
            capture = '';
            captureKind = 'feature';
            start = i;
          }
          depth++;
          if (depth === 1) expectKey = true;
          continue;
        }
        if (c === 125 || c === 93) {
          depth--;
          if (depth === 2 && captureKind === 'feature') {
            flush(i + 1);
            const raw = capture!;
            capture = null;
            captureKind = null;
            yield { kind: 'feature', raw };
          } else if (depth === 1 && inFeatures && c === 93) {
            inFeatures = false;
            key = '';
          } else if (depth === 0 && captureKind === 'member') {
            flush(i);
            yield { kind: 'member', key, raw: capture! };
            capture = null;
            captureKind = null;
          }
          continue;
        }
        if (depth === 1 && !inFeatures) {
          if (c === 58 && captureKind === null && key !== 'features') {
            // ':' — the member's value follows
            capture = '';
            captureKind = 'member';
            start = i + 1;
          } else if (c === 44) {
            // ','
            if (captureKind === 'member') {
              flush(i);
              yield { kind: 'member', key, raw: capture! };
              capture = null;
              captureKind = null;
            }
            expectKey = true;
          }
        }
      }
      flush(chunk.length);
    }
  } finally {
    stream.destroy();
  }
}

/** EPSG code of a GeoJSON 2008 "crs" member ("EPSG:9212", "urn:ogc:def:crs:EPSG::9212"). */
export function sridOfCrs(crs: unknown): number | null {
  const name = (crs as { properties?: { name?: unknown } } | null)?.properties?.name;
  if (typeof name !== 'string') return null;
  if (/CRS84$/i.test(name)) return 4326;
  const m = /EPSG:{1,2}(\d+)$/i.exec(name);
  return m ? Number(m[1]) : null;
}

export async function openGeoJson(path: string): Promise<FeatureSource> {
  let srid: number | null = 4326;
  let type: string | null = null;
  for await (const piece of scan(path, true)) {
    if (piece.kind !== 'member') continue;
    if (piece.key === 'crs') srid = sridOfCrs(JSON.parse(piece.raw));
    if (piece.key === 'type') type = String(JSON.parse(piece.raw));
  }
  if (type !== null && type !== 'FeatureCollection') throw new Error(`GeoJSON of type ${type}: a FeatureCollection is expected`);
  return {
    format: 'geojson',
    srid,
    encoding: 'utf8',
    total: null,
    async *features(from: number): AsyncIterable<SourceFeature> {
      let index = 0;
      for await (const piece of scan(path, false)) {
        if (piece.kind !== 'feature') continue;
        const i = index++;
        if (i < from) continue;
        const f = JSON.parse(piece.raw) as { geometry?: unknown; properties?: Record<string, unknown> | null };
        yield { index: i, geometry: f.geometry ?? null, properties: f.properties ?? {} };
      }
    },
    close: async () => {},
  };
}
