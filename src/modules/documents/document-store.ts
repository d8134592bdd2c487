// The one interface to the bytes of scanned documents (ARCHITECTURE.md: the code must not
// assume a local disk for documents). Objects are content-addressed: the key is derived
// from the SHA-256 of the bytes, so the same scan stored twice is one object, an object
// can be verified against its name, and nothing is ever overwritten. The application
// never deletes an object (B3: scans are kept and backed up every six months).
import crypto from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { AppError } from '../../kernel/app-error.js';

export interface StoredObject {
  /** lower-case hex SHA-256 of the bytes */
  sha256: string;
  size: number;
}

export interface PutLimits {
  /** largest accepted object, in bytes: past it the upload stops with PAYLOAD_TOO_LARGE and nothing stays */
  maxBytes: number;
}

export interface DocumentStore {
  /** what the store is, for logs and reports (e.g. "local:/var/lib/lis/documents", "s3:lis-scans") */
  readonly description: string;
  /**
   * Streams the bytes in, hashing them on the way; the object becomes visible only once
   * complete (a failed or cut upload leaves nothing). An object with the same hash is kept.
   */
  put(stream: Readable, limits: PutLimits): Promise<StoredObject>;
  /** the object's bytes, or null when it is missing */
  get(sha256: string): Promise<Readable | null>;
  has(sha256: string): Promise<boolean>;
  /** every object in the store (for the integrity check): its hash as named and its size */
  list(): AsyncIterable<StoredObject>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return SHA256.test(value);
}

/** ab/cd/abcdef…: two levels of fan-out keep folders (and S3 prefixes) small. */
export function objectKey(sha256: string): string {
  if (!isSha256(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** the hash an object key names, or null for anything else in the store */
export function hashOfKey(key: string): string | null {
  const match = /^([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/.exec(key);
  return match && match[3]!.startsWith(match[1]! + match[2]!) ? match[3]! : null;
}

export const tooLarge = (maxBytes: number) =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    {
      vi: `Tệp vượt quá dung lượng cho phép (${Math.floor(maxBytes / 1024 / 1024)} MB)`,
      en: `The file exceeds the allowed size (${Math.floor(maxBytes / 1024 / 1024)} MB)`,
    },
    { field: 'file', maxBytes },
  );

/** A pass-through that hashes and counts the bytes and stops past the limit. */
export class HashingLimiter extends Transform {
  private readonly hash = crypto.createHash('sha256');
  size = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(tooLarge(this.maxBytes));
    this.hash.update(chunk);
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** SHA-256 of a whole stream (the integrity check recomputes it). */
export async function hashStream(stream: Readable): Promise<StoredObject> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    hash.update(bytes);
  }
  return { sha256: hash.digest('hex'), size };
}
