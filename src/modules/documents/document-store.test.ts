// The document store's contract (S-SCAN, issue #9), run against both drivers: the local
// folder, and the S3 driver talking to a small in-process S3-compatible HTTP server
// written here (PUT, GET, HEAD, ListObjectsV2) that checks every request's SigV4
// signature and SHA-256 checksum like a real store would. No S3 server runs on this
// machine or in CI; the signing test below also captures the exact signed request.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashOfKey, objectKey, type DocumentStore } from './document-store.js';
import { createLocalStore, localObjectPath } from './local-store.js';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createS3Client, createS3Store } from './s3-store.js';

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');
const CREDENTIALS = { accessKeyId: 'AKIDLISTEST', secretAccessKey: 'lis-test-secret-key' };
const REGION = 'ap-southeast-1';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function listAll(store: DocumentStore): Promise<string[]> {
  const out: string[] = [];
  for await (const object of store.list()) out.push(object.sha256);
  return out.sort();
}

/** A stream that sends some bytes, then fails like a cut connection. */
function failingStream(bytes: Buffer): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(bytes);
      } else {
        this.destroy(new Error('connection reset by peer'));
      }
    },
  });
}

// ---- a small S3-compatible server: path-style /bucket/key, SigV4 checked ----

const hmac = (key: Buffer | string, data: string) => crypto.createHmac('sha256', key).update(data).digest();
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Recomputes the AWS Signature Version 4 of a request (the algorithm S3 applies). */
function signatureValid(req: http.IncomingMessage): boolean {
  const auth = req.headers.authorization ?? '';
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!match || match[1] !== CREDENTIALS.accessKeyId || match[3] !== REGION) return false;
  const [, , date, region, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string];
  const url = new URL(req.url!, 'http://x');
  const query = [...url.searchParams.entries()].map(([k, v]) => [rfc3986(k), rfc3986(v)] as const).sort(([a, b], [c, d]) => (a === c ? (b < d ? -1 : 1) : a < c ? -1 : 1));
  const headers = signedHeaders.split(';').map((name) => `${name}:${String(req.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonical = [req.method, url.pathname, query.map(([k, v]) => `${k}=${v}`).join('&'), headers, signedHeaders, req.headers['x-amz-content-sha256']].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', req.headers['x-amz-date'], scope, crypto.createHash('sha256').update(canonical).digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${CREDENTIALS.secretAccessKey}`, date), region), 's3'), 'aws4_request');
  return hmac(key, toSign).toString('hex') === signature;
}

interface FakeS3 {
  endpoint: string;
  objects: Map<string, Buffer>;
  requests: Array<{ method: string; url: string; signed: boolean }>;
  close(): Promise<void>;
}

async function startFakeS3(bucket: string): Promise<FakeS3> {
  const objects = new Map<string, Buffer>();
  const requests: FakeS3['requests'] = [];
  const xml = (res: http.ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/xml' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?>${body}`);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url!, 'http://x');
      const signed = signatureValid(req);
      requests.push({ method: req.method!, url: req.url!, signed });
      if (!signed) return xml(res, 403, '<Error><Code>SignatureDoesNotMatch</Code><Message>bad signature</Message></Error>');
      const [, b, ...rest] = url.pathname.split('/');
      if (b !== bucket) return xml(res, 404, '<Error><Code>NoSuchBucket</Code><Message>no bucket</Message></Error>');
      const key = decodeURIComponent(rest.join('/'));
      if (req.method === 'GET' && !key && url.searchParams.get('list-type') === '2') {
        const prefix = url.searchParams.get('prefix') ?? '';
        const max = Number(url.searchParams.get('max-keys') ?? 1000);
        const start = Number(url.searchParams.get('continuation-token') ?? 0);
        const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
        const page = keys.slice(start, start + max);
        const truncated = start + max < keys.length;
        return xml(res, 200, `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucket}</Name><Prefix>${prefix}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${truncated ? `<NextContinuationToken>${start + max}</NextContinuationToken>` : ''}${page.map((k) => `<Contents><Key>${k}</Key><Size>${objects.get(k)!.length}</Size></Contents>`).join('')}</ListBucketResult>`);
      }
      const object = objects.get(key);
      if (req.method === 'PUT') {
        const checksum = req.headers['x-amz-checksum-sha256'];
        if (checksum !== crypto.createHash('sha256').update(body).digest('base64')) {
          return xml(res, 400, '<Error><Code>BadDigest</Code><Message>checksum mismatch</Message></Error>');
        }
        objects.set(key, body);
        res.writeHead(200, { etag: `"${crypto.createHash('md5').update(body).digest('hex')}"`, 'x-amz-checksum-sha256': checksum });
        return res.end();
      }
      if (req.method === 'HEAD') {
        res.writeHead(object ? 200 : 404, object ? { 'content-length': object.length } : {});
        return res.end();
      }
      if (req.method === 'GET') {
        if (!object) return xml(res, 404, '<Error><Code>NoSuchKey</Code><Message>no such key</Message></Error>');
        res.writeHead(200, { 'content-length': object.length, 'content-type': 'application/octet-stream' });
        return res.end(object);
      }
      return xml(res, 405, '<Error><Code>MethodNotAllowed</Code><Message>no</Message></Error>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { endpoint: `http://127.0.0.1:${port}`, objects, requests, close: () => new Promise((r) => server.close(() => r())) };
}

// ---- the contract, for both drivers ----

let tmpRoot: string;
let fakeS3: FakeS3;
beforeAll(async () => {
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lis-store-'));
  fakeS3 = await startFakeS3('lis-scans');
});
afterAll(async () => {
  await fakeS3.close();
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});

const drivers: Array<[string, () => DocumentStore]> = [
  ['local folder', () => createLocalStore(fs.mkdtempSync(path.join(tmpRoot, 'local-')))],
  ['S3 (in-process S3-compatible server)', () => {
    fakeS3.objects.clear();
    return createS3Store({
      bucket: 'lis-scans', prefix: 'documents/', endpoint: fakeS3.endpoint, region: REGION, forcePathStyle: true,
      credentials: CREDENTIALS, spoolDir: fs.mkdtempSync(path.join(tmpRoot, 'spool-')),
    });
  }],
];

describe.each(drivers)('S-SCAN document store contract: %s', (_name, make) => {
  it('stores by SHA-256, reads back byte-identical, lists, and keeps one object for the same bytes', async () => {
    const store = make();
    const bytes = crypto.randomBytes(300_000);
    const put = await store.put(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), { maxBytes: 1_000_000 });
    expect(put).toEqual({ sha256: sha256(bytes), size: bytes.length });
    expect(await store.has(put.sha256)).toBe(true);
    expect((await readAll((await store.get(put.sha256))!)).equals(bytes)).toBe(true);
    const again = await store.put(Readable.from([bytes]), { maxBytes: 1_000_000 });
    expect(again.sha256).toBe(put.sha256);
    const other = await store.put(Readable.from([Buffer.from('another scan')]), { maxBytes: 1_000_000 });
    expect(await listAll(store)).toEqual([put.sha256, other.sha256].sort());
  });

  it('answers null / false for an object it does not hold', async () => {
    const store = make();
    const absent = sha256(Buffer.from('never stored'));
    expect(await store.get(absent)).toBeNull();
    expect(await store.has(absent)).toBe(false);
  });

  it('refuses an object over the limit and keeps nothing of it', async () => {
    const store = make();
    await expect(store.put(Readable.from([crypto.randomBytes(5000)]), { maxBytes: 4096 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await listAll(store)).toEqual([]);
  });

  it('an upload cut midway leaves no object', async () => {
    const store = make();
    await expect(store.put(failingStream(crypto.randomBytes(20_000)), { maxBytes: 1_000_000 })).rejects.toThrow(/connection reset/);
    expect(await listAll(store)).toEqual([]);
  });
});

describe('S-SCAN local store', () => {
  it('keeps objects at ab/cd/<sha256> and leaves no temporary file behind a failed upload', async () => {
    const root = fs.mkdtempSync(path.join(tmpRoot, 'layout-'));
    const store = createLocalStore(root);
    const bytes = Buffer.from('%PDF-1.4 scanned');
    const { sha256: hash } = await store.put(Readable.from([bytes]), { maxBytes: 1000 });
    expect(localObjectPath(root, hash)).toBe(path.join(root, hash.slice(0, 2), hash.slice(2, 4), hash));
    expect(fs.readFileSync(localObjectPath(root, hash)).equals(bytes)).toBe(true);
    await expect(store.put(failingStream(crypto.randomBytes(10_000)), { maxBytes: 1_000_000 })).rejects.toThrow();
    await expect(store.put(Readable.from([crypto.randomBytes(2000)]), { maxBytes: 1000 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(fs.readdirSync(root).sort()).toEqual([hash.slice(0, 2)]);
  });

  it('object keys name their hash and nothing else', () => {
    const hash = sha256(Buffer.from('x'));
    expect(objectKey(hash)).toBe(`${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`);
    expect(hashOfKey(objectKey(hash))).toBe(hash);
    expect(hashOfKey(`00/00/${hash}`)).toBeNull();
    expect(() => objectKey('../../etc/passwd')).toThrow();
  });
});

describe('S-SCAN S3 driver: the signed request on the wire', () => {
  it('PutObject is signed with SigV4, carries x-amz-checksum-sha256 and uses a path-style URL', async () => {
    const captured: Array<{ method: string; hostname: string; port?: number; path: string; headers: Record<string, string> }> = [];
    const requestHandler = {
      handle: async (request: { method: string; hostname: string; port?: number; path: string; headers: Record<string, string>; body?: unknown }) => {
        captured.push({ method: request.method, hostname: request.hostname, port: request.port, path: request.path, headers: { ...request.headers } });
        if (request.body instanceof Readable) request.body.resume();
        const status = request.method === 'HEAD' ? 404 : 200;
        return { response: { statusCode: status, headers: {}, body: Readable.from([]) } };
      },
    };
    const store = createS3Store({
      bucket: 'lis-scans', endpoint: 'http://minio.internal:9000', region: REGION, forcePathStyle: true, credentials: CREDENTIALS,
      spoolDir: fs.mkdtempSync(path.join(tmpRoot, 'sign-')), requestHandler: requestHandler as never,
    });
    const bytes = Buffer.from('Giấy chứng nhận quét / scanned certificate');
    const hash = sha256(bytes);
    await store.put(Readable.from([bytes]), { maxBytes: 1000 });
    const put = captured.find((r) => r.method === 'PUT')!;
    expect(captured.map((r) => r.method)).toEqual(['HEAD', 'PUT']);
    expect(put.hostname).toBe('minio.internal');
    expect(put.port).toBe(9000);
    expect(put.path).toBe(`/lis-scans/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`);
    expect(put.headers['x-amz-checksum-sha256']).toBe(Buffer.from(hash, 'hex').toString('base64'));
    expect(put.headers['content-length']).toBe(String(bytes.length));
    expect(put.headers.authorization).toMatch(
      new RegExp(`^AWS4-HMAC-SHA256 Credential=${CREDENTIALS.accessKeyId}/\\d{8}/${REGION}/s3/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-checksum-sha256[a-z0-9;-]*, Signature=[0-9a-f]{64}$`),
    );
    expect(put.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('the in-process server refuses a wrong signature and a wrong checksum', async () => {
    const wrongKey = createS3Store({
      bucket: 'lis-scans', endpoint: fakeS3.endpoint, region: REGION, forcePathStyle: true,
      credentials: { ...CREDENTIALS, secretAccessKey: 'not-the-secret' }, spoolDir: fs.mkdtempSync(path.join(tmpRoot, 'wrong-')),
    });
    await expect(wrongKey.put(Readable.from([Buffer.from('x')]), { maxBytes: 10 })).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    const client = createS3Client({ bucket: 'lis-scans', endpoint: fakeS3.endpoint, region: REGION, forcePathStyle: true, credentials: CREDENTIALS });
    const body = Buffer.from('bytes altered on the way');
    await expect(client.send(new PutObjectCommand({
      Bucket: 'lis-scans', Key: 'documents/x', Body: body, ContentLength: body.length,
      ChecksumSHA256: crypto.createHash('sha256').update('other bytes').digest('base64'),
    }))).rejects.toMatchObject({ name: 'BadDigest' });
    // every request of the contract runs above carried a valid signature
    expect(fakeS3.requests.filter((r) => !r.signed)).toHaveLength(1);
  });
});
