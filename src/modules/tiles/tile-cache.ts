// The live tiles, kept in memory: least recently used first out, bounded in bytes
// (LIS_TILE_CACHE_MB; 0 turns the cache off). An approved change drops exactly the tiles
// whose area, buffer included, meets the extent of a parcel version it ended or started,
// at every zoom. A tile rendered while a change was being approved could still show the
// old record, so a tile is stored only if no invalidation happened since its render began.
import type { Bbox4326 } from '../../kernel/events.js';
import { TILE_BUFFER, TILE_EXTENT } from './tile-layers.js';

export interface CachedTile {
  readonly layer: string;
  readonly z: number;
  readonly x: number;
  readonly y: number;
  readonly bytes: Buffer;
  readonly etag: string;
}

/** What an entry costs beyond its bytes (key, object, map slot), roughly. */
const ENTRY_OVERHEAD = 200;

export const tileKey = (layer: string, z: number, x: number, y: number) => `${layer}/${z}/${x}/${y}`;

/** A tile's extent in EPSG:4326 with its buffer: [west, south, east, north]. */
export function tileBounds(z: number, x: number, y: number, buffer = TILE_BUFFER / TILE_EXTENT): Bbox4326 {
  const n = 2 ** z;
  const lon = (tx: number) => (tx / n) * 360 - 180;
  const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
  return [lon(x - buffer), lat(y + 1 + buffer), lon(x + 1 + buffer), lat(y - buffer)];
}

const meets = (a: Bbox4326, b: Bbox4326) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

export class TileCache {
  private readonly entries = new Map<string, CachedTile>();
  private size = 0;
  /** bumped by every invalidation; a render stores its tile only under the epoch it began in */
  epoch = 0;

  constructor(readonly maxBytes: number) {}

  get(key: string): CachedTile | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // most recently used last
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(entry: CachedTile, epoch: number): void {
    const cost = entry.bytes.length + ENTRY_OVERHEAD;
    if (epoch !== this.epoch || cost > this.maxBytes) return;
    const key = tileKey(entry.layer, entry.z, entry.x, entry.y);
    this.delete(key);
    this.entries.set(key, entry);
    this.size += cost;
    for (const [oldest] of this.entries) {
      if (this.size <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  /** Drops the tiles of `layers` (all when absent) meeting any of the extents; returns how many. */
  invalidate(extents: readonly Bbox4326[], layers?: readonly string[]): number {
    this.epoch++;
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (layers && !layers.includes(entry.layer)) continue;
      const bounds = tileBounds(entry.z, entry.x, entry.y);
      if (extents.some((extent) => meets(extent, bounds))) {
        this.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  stats(): { tiles: number; bytes: number; maxBytes: number } {
    return { tiles: this.entries.size, bytes: this.size, maxBytes: this.maxBytes };
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.size -= entry.bytes.length + ENTRY_OVERHEAD;
  }
}
