// Where backups are written (O1, B1): a folder that is not the data folder (a mounted
// network share, LIS_BACKUP_DIR) or an S3-compatible bucket (LIS_BACKUP_S3_*). Files are
// written under a name, read back for the integrity check, listed and deleted by the
// retention policy. Writes are atomic (a temporary name, then rename; S3 objects appear
// whole), so a cut backup never looks complete.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export interface BackupTarget {
  /** for the record and the logs: "folder:/mnt/backup" or "s3://bucket/prefix" (never credentials) */
  readonly description: string;
  /** copies a local file to name (a/b/c, forward slashes); sha256 is checked by S3 stores on arrival */
  put(name: string, localFile: string, sha256: string): Promise<void>;
  /** the bytes of name, or null when missing */
  get(name: string): Promise<Readable | null>;
  has(name: string): Promise<boolean>;
  /** removes every file whose name starts with prefix (retention) */
  removePrefix(prefix: string): Promise<void>;
}

const NAME = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

function checkName(name: string): string {
  if (!NAME.test(name) || name.split('/').some((part) => part === '..' || part === '.')) throw new Error(`bad backup file name ${name}`);
  return name;
}

export function createFolderTarget(root: string): BackupTarget {
  const dir = path.resolve(root);
  const fileOf = (name: string) => path.join(dir, ...checkName(name).split('/'));
  return {
    description: `folder:${dir}`,
    async put(name, localFile) {
      const target = fileOf(name);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.part-${crypto.randomUUID()}`;
      try {
        await pipeline(fs.createReadStream(localFile), fs.createWriteStream(tmp, { flags: 'wx', mode: 0o640 }));
        const handle = await fsp.open(tmp, 'r+');
        await handle.sync().finally(() => handle.close());
        await fsp.rename(tmp, target);
      } catch (error) {
        await fsp.rm(tmp, { force: true });
        throw error;
      }
    },
    async get(name) {
      try {
        return (await fsp.open(fileOf(name), 'r')).createReadStream();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async has(name) {
      return fsp.access(fileOf(name)).then(() => true, () => false);
    },
    async removePrefix(prefix) {
      await fsp.rm(fileOf(prefix.replace(/\/$/, '')), { recursive: true, force: true });
    },
  };
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

export function createS3Target(client: S3Client, bucket: string, prefix = ''): BackupTarget {
  const keyOf = (name: string) => `${prefix}${checkName(name)}`;
  return {
    description: `s3://${bucket}/${prefix}`,
    async put(name, localFile, sha256) {
      const { size } = await fsp.stat(localFile);
      await client.send(
        new PutObjectCommand({
          Bucket: bucket, Key: keyOf(name), Body: fs.createReadStream(localFile), ContentLength: size,
          ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'), ContentType: 'application/octet-stream',
        }),
      );
    },
    async get(name) {
      try {
        return (await client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(name) }))).Body as Readable;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async has(name) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: keyOf(name) }));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
    async removePrefix(name) {
      const start = keyOf(name.replace(/\/$/, '')) + '/';
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: start, ContinuationToken: token }));
        for (const item of page.Contents ?? []) if (item.Key) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: item.Key }));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
  };
}

/** SHA-256 and size of a local file. */
export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  return hashReadable(fs.createReadStream(file));
}

export async function hashReadable(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { sha256: hash.digest('hex'), bytes };
}
