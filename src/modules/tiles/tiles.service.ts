// Vector tiles: validate the address, answer from the cache, or render (in the database
// when it can encode MVT, else in Node) and keep the live tile. Tiles as of a time, and
// layers declared `cached: false`, are rendered every time: history is asked for rarely
// and each date is a different tile; those layers change without an event the cache hears.
import crypto from 'node:crypto';
import type { Database } from '../../db/database.js';
import { AppError, errors } from '../../kernel/app-error.js';
import type { Clock } from '../../kernel/clock.js';
import type { Bbox4326 } from '../../kernel/events.js';
import { encodeTile, type TileFeature } from './tile-encoding.js';
import { TileCache, tileKey } from './tile-cache.js';
import { MAX_ZOOM, TILE_EXTENT, TILE_LAYERS, tileLayer, type TileLayer } from './tile-layers.js';
import * as repo from './tiles.repo.js';

export interface TileRequest {
  layer: string;
  z: number;
  x: number;
  y: number;
  asOf?: Date | undefined;
}

export interface Tile {
  bytes: Buffer;
  etag: string;
  /** answered from the cache */
  cached: boolean;
}

export interface TileService {
  tile(request: TileRequest): Promise<Tile>;
  /** drops the cached tiles an approved change touched */
  parcelsChanged(extents: readonly Bbox4326[]): number;
  stats(): { renders: number; hits: number; tiles: number; bytes: number; maxBytes: number };
}

export interface TileServiceDeps {
  db: Database;
  clock: Clock;
  /** the cache's limit in bytes; 0: no cache */
  cacheBytes: number;
}

/** Width of a tile at zoom z in EPSG:3857 metres. */
const tileWidth = (z: number) => (2 * 20037508.342789244) / 2 ** z;

function checkAddress(r: TileRequest): TileLayer {
  const layer = tileLayer(r.layer);
  if (!layer) {
    throw errors.notFound({ vi: `lớp bản đồ "${r.layer}"`, en: `Tile layer "${r.layer}"` }, { field: 'params/layer', layers: TILE_LAYERS.map((l) => l.name) });
  }
  if (r.z > MAX_ZOOM) throw errors.invalid({ vi: 'Dữ liệu yêu cầu không hợp lệ: params/z', en: `Invalid request: params/z must be <= ${MAX_ZOOM}` }, { fields: [{ field: 'params/z', problem: `must be <= ${MAX_ZOOM}` }] });
  const n = 2 ** r.z;
  for (const [field, value] of [['x', r.x], ['y', r.y]] as const) {
    if (value >= n) {
      throw errors.invalid(
        { vi: `Dữ liệu yêu cầu không hợp lệ: params/${field}`, en: `Invalid request: params/${field} must be below ${n} at zoom ${r.z}` },
        { fields: [{ field: `params/${field}`, problem: `must be below ${n} at zoom ${r.z}` }] },
      );
    }
  }
  return layer;
}

const etagOf = (bytes: Buffer) => `"${crypto.createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;

export function createTileService(deps: TileServiceDeps): TileService {
  const cache = new TileCache(deps.cacheBytes);
  const inFlight = new Map<string, Promise<Tile>>();
  let renders = 0;
  let hits = 0;

  async function render(layer: TileLayer, r: TileRequest): Promise<Buffer> {
    if (r.z < layer.minZoom || r.z > layer.maxZoom) return Buffer.alloc(0);
    renders++;
    const q: repo.TileQuery = { z: r.z, x: r.x, y: r.y, tolerance: (layer.simplify(r.z) * tileWidth(r.z)) / TILE_EXTENT, asOf: r.asOf };
    if (deps.db.capabilities.mvtInDatabase) return repo.mvtInDatabase(deps.db, layer, q);
    return renderInNode(deps.db, layer, q);
  }

  return {
    async tile(r) {
      const layer = checkAddress(r);
      if (r.asOf && Number.isNaN(r.asOf.getTime())) throw new AppError('VALIDATION_FAILED', { vi: 'Thời điểm xem không hợp lệ', en: 'Invalid asOf' }, { field: 'querystring/asOf' });
      if (r.asOf || layer.cached === false) {
        const bytes = await render(layer, r);
        return { bytes, etag: etagOf(bytes), cached: false };
      }
      const key = tileKey(layer.name, r.z, r.x, r.y);
      const hit = cache.get(key);
      if (hit) {
        hits++;
        return { bytes: hit.bytes, etag: hit.etag, cached: true };
      }
      // one render for concurrent requests of the same tile
      const pending = inFlight.get(key);
      if (pending) return pending;
      const epoch = cache.epoch;
      const rendering = render(layer, r)
        .then((bytes) => {
          const tile = { bytes, etag: etagOf(bytes), cached: false };
          cache.set({ layer: layer.name, z: r.z, x: r.x, y: r.y, bytes, etag: tile.etag }, epoch);
          return tile;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, rendering);
      return rendering;
    },
    parcelsChanged(extents) {
      // renders under way may have read the old record: they must not be stored, nor shared
      inFlight.clear();
      return cache.invalidate(extents, TILE_LAYERS.filter((l) => l.redrawnOn === 'parcelsChanged').map((l) => l.name));
    },
    stats: () => ({ renders, hits, ...cache.stats() }),
  };
}

async function renderInNode(db: Database, layer: TileLayer, q: repo.TileQuery): Promise<Buffer> {
  const rows = await repo.tileFeatures(db, layer, q);
  const features: TileFeature[] = rows.map(({ geometry, ...properties }) => ({ geometry: JSON.parse(geometry) as TileFeature['geometry'], properties }));
  return encodeTile(layer.name, features);
}
