// The local-folder driver of the document store (the default; LIS_DOCUMENTS_DIR). An
// upload is written to a temporary file in the same folder, flushed to disk (fsync), then
// renamed to its content address in one step: a reader sees the whole object or none, and
// a crash or a cut connection leaves at most a temporary file that is never listed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { hashOfKey, HashingLimiter, objectKey, type DocumentStore, type PutLimits, type StoredObject } from './document-store.js';

const TMP_PREFIX = '.upload-';

export function createLocalStore(root: string): DocumentStore {
  const dir = path.resolve(root);
  const fileOf = (sha256: string) => path.join(dir, ...objectKey(sha256).split('/'));

  async function exists(file: string): Promise<boolean> {
    try {
      await fsp.access(file);
      return true;
    } catch {
      return false;
    }
  }

  return {
    description: `local:${dir}`,

    async put(stream: Readable, limits: PutLimits): Promise<StoredObject> {
      await fsp.mkdir(dir, { recursive: true });
      // same folder (same file system) as the target: the rename is atomic
      const tmp = path.join(dir, `${TMP_PREFIX}${crypto.randomUUID()}`);
      const limiter = new HashingLimiter(limits.maxBytes);
      try {
        await pipeline(stream, limiter, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o640 }));
        // flush the bytes to disk before the object can become visible
        const handle = await fsp.open(tmp, 'r+');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (error) {
        await fsp.rm(tmp, { force: true });
        throw error;
      }
      const sha256 = limiter.digest();
      const target = fileOf(sha256);
      try {
        if (await exists(target)) {
          // the same bytes are already stored: keep that object untouched
          await fsp.rm(tmp, { force: true });
        } else {
          await fsp.mkdir(path.dirname(target), { recursive: true });
          await fsp.rename(tmp, target);
          // make the rename itself durable (the folder entry)
          const folder = await fsp.open(path.dirname(target), 'r');
          await folder.sync().catch(() => {});
          await folder.close();
        }
      } catch (error) {
        await fsp.rm(tmp, { force: true });
        throw error;
      }
      return { sha256, size: limiter.size };
    },

    async get(sha256: string): Promise<Readable | null> {
      const file = fileOf(sha256);
      try {
        const handle = await fsp.open(file, 'r');
        return handle.createReadStream();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },

    has: (sha256: string) => exists(fileOf(sha256)),

    async *list(): AsyncIterable<StoredObject> {
      if (!(await exists(dir))) return;
      for (const first of (await fsp.readdir(dir)).sort()) {
        if (!/^[0-9a-f]{2}$/.test(first)) continue; // temporary uploads and anything foreign
        for (const second of (await fsp.readdir(path.join(dir, first))).sort()) {
          for (const name of (await fsp.readdir(path.join(dir, first, second))).sort()) {
            const sha256 = hashOfKey(`${first}/${second}/${name}`);
            if (!sha256) continue;
            const stat = await fsp.stat(path.join(dir, first, second, name));
            yield { sha256, size: stat.size };
          }
        }
      }
    },
  };
}

/** For tests and tools: the file an object is kept in (local driver only). */
export function localObjectPath(root: string, sha256: string): string {
  return path.join(path.resolve(root), ...objectKey(sha256).split('/'));
}
