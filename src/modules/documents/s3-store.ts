// The S3-compatible driver of the document store (AWS S3, MinIO, Ceph RGW, the cloud
// object stores of Vietnamese providers…; LIS_DOCUMENTS_S3_*). The key is the content's
// hash, which is only known once every byte has been read: an upload is first spooled to
// a temporary local file while being hashed and counted, then sent with PutObject and its
// SHA-256 checksum (ChecksumSHA256) so the store verifies what it received. An object
// that already exists (HeadObject) is not written again. Objects are never deleted.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { hashOfKey, HashingLimiter, objectKey, type DocumentStore, type PutLimits, type StoredObject } from './document-store.js';

export interface S3StoreOptions {
  bucket: string;
  /** objects are kept under this prefix (e.g. "documents/"); default none */
  prefix?: string | undefined;
  endpoint?: string | undefined;
  region: string;
  /** path-style URLs (http://host/bucket/key): MinIO and most self-hosted stores need them */
  forcePathStyle: boolean;
  /** when absent, the SDK's default chain (environment, profile, instance role) is used */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** folder for the temporary copy of an upload being hashed (default: the OS temp folder) */
  spoolDir?: string | undefined;
  /** tests pass a request handler that captures or answers requests */
  requestHandler?: S3ClientConfig['requestHandler'];
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

export function createS3Client(options: S3StoreOptions): S3Client {
  return new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
    // only the checksum we give (SHA-256), no extra CRC trailers many S3-compatible stores do not know
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export function createS3Store(options: S3StoreOptions, client: S3Client = createS3Client(options)): DocumentStore {
  const prefix = options.prefix ?? '';
  const keyOf = (sha256: string) => `${prefix}${objectKey(sha256)}`;
  const spoolDir = options.spoolDir ?? os.tmpdir();

  async function has(sha256: string): Promise<boolean> {
    try {
      await client.send(new HeadObjectCommand({ Bucket: options.bucket, Key: keyOf(sha256) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  return {
    description: `s3:${options.bucket}${prefix ? `/${prefix}` : ''}`,

    async put(stream: Readable, limits: PutLimits): Promise<StoredObject> {
      await fsp.mkdir(spoolDir, { recursive: true });
      const tmp = path.join(spoolDir, `.lis-upload-${crypto.randomUUID()}`);
      const limiter = new HashingLimiter(limits.maxBytes);
      try {
        await pipeline(stream, limiter, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
        const sha256 = limiter.digest();
        if (!(await has(sha256))) {
          await client.send(
            new PutObjectCommand({
              Bucket: options.bucket,
              Key: keyOf(sha256),
              Body: fs.createReadStream(tmp),
              ContentLength: limiter.size,
              ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
              ContentType: 'application/octet-stream',
            }),
          );
        }
        return { sha256, size: limiter.size };
      } finally {
        await fsp.rm(tmp, { force: true });
      }
    },

    async get(sha256: string): Promise<Readable | null> {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: keyOf(sha256) }));
        return out.Body as Readable;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    has,

    async *list(): AsyncIterable<StoredObject> {
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: options.bucket, Prefix: prefix || undefined, ContinuationToken: token, MaxKeys: 1000 }),
        );
        for (const item of page.Contents ?? []) {
          const sha256 = item.Key ? hashOfKey(item.Key.slice(prefix.length)) : null;
          if (sha256) yield { sha256, size: Number(item.Size ?? 0) };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
  };
}
