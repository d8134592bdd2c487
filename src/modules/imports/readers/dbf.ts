// A streaming dBase III reader for shapefile attributes: records are read in blocks from
// the file, and text fields are handed over as bytes decoded in the delivery's encoding
// (the `shapefile` library decodes with TextDecoder only, which knows neither TCVN3 nor VNI).
import fsp from 'node:fs/promises';
import { decodeText, type TextEncoding } from './legacy-vietnamese.js';

export interface DbfField {
  name: string;
  type: string;
  length: number;
  decimals: number;
  offset: number;
}

export interface DbfFile {
  records: number;
  fields: DbfField[];
  /** raw records from `from` on, in blocks */
  rows(from: number): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

const BLOCK = 256 * 1024;

export async function openDbf(path: string): Promise<DbfFile> {
  const file = await fsp.open(path, 'r');
  const head = Buffer.alloc(32);
  await file.read(head, 0, 32, 0);
  const records = head.readUInt32LE(4);
  const headerLength = head.readUInt16LE(8);
  const recordLength = head.readUInt16LE(10);
  const descriptors = Buffer.alloc(headerLength - 32);
  await file.read(descriptors, 0, descriptors.length, 32);
  const fields: DbfField[] = [];
  let offset = 1; // the deletion flag comes first
  for (let p = 0; p + 32 <= descriptors.length && descriptors[p] !== 0x0d; p += 32) {
    const nameBytes = descriptors.subarray(p, p + 11);
    const end = nameBytes.indexOf(0);
    const field = {
      name: nameBytes.subarray(0, end < 0 ? 11 : end).toString('latin1').trim(),
      type: String.fromCharCode(descriptors[p + 11]!),
      length: descriptors[p + 16]!,
      decimals: descriptors[p + 17]!,
      offset,
    };
    offset += field.length;
    fields.push(field);
  }
  return {
    records,
    fields,
    async *rows(from: number) {
      const perBlock = Math.max(1, Math.floor(BLOCK / recordLength));
      for (let start = from; start < records; start += perBlock) {
        const count = Math.min(perBlock, records - start);
        const buffer = Buffer.alloc(count * recordLength);
        const { bytesRead } = await file.read(buffer, 0, buffer.length, headerLength + start * recordLength);
        for (let i = 0; i + recordLength <= bytesRead; i += recordLength) yield buffer.subarray(i, i + recordLength);
        if (bytesRead < buffer.length) return;
      }
    },
    close: () => file.close(),
  };
}

function trimmed(bytes: Uint8Array): Uint8Array {
  let start = 0;
  let end = bytes.length;
  while (start < end && (bytes[start] === 0x20 || bytes[start] === 0)) start++;
  while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
  return bytes.subarray(start, end);
}

/** The bytes of the text fields of a record (for encoding detection). */
export function textBytes(fields: DbfField[], row: Uint8Array): Uint8Array[] {
  return fields.filter((f) => f.type === 'C').map((f) => trimmed(row.subarray(f.offset, f.offset + f.length)));
}

export function decodeRecord(fields: DbfField[], row: Uint8Array, encoding: TextEncoding): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = trimmed(row.subarray(f.offset, f.offset + f.length));
    if (raw.length === 0) {
      out[f.name] = null;
      continue;
    }
    if (f.type === 'C') out[f.name] = decodeText(raw, encoding);
    else if (f.type === 'N' || f.type === 'F') {
      const text = Buffer.from(raw).toString('latin1');
      const n = Number(text);
      out[f.name] = /^\*+$/.test(text) || Number.isNaN(n) ? null : n;
    } else if (f.type === 'D') {
      const t = Buffer.from(raw).toString('latin1');
      out[f.name] = /^\d{8}$/.test(t) ? `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}` : null;
    } else if (f.type === 'L') out[f.name] = /^[YyTt]$/.test(String.fromCharCode(raw[0]!)) ? true : /^[NnFf]$/.test(String.fromCharCode(raw[0]!)) ? false : null;
    else out[f.name] = Buffer.from(raw).toString('latin1');
  }
  return out;
}
