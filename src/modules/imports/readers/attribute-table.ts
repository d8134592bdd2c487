// Attribute tables delivered beside the geometry (issue #6 item 1): CSV or Excel, one row
// per parcel, joined to the staged features by unit + sheet + parcel number. Both are read
// row by row (csv-parse on a file stream; exceljs's streaming WorkbookReader), never whole.
//
// CSV text: UTF-8 (with or without BOM) or a legacy Vietnamese encoding (ViLIS and older
// FAMIS tables are TCVN3 or VNI). The file is parsed as Latin-1 — separators and quotes
// are ASCII in every one of these encodings, and UTF-8's multi-byte letters never contain
// an ASCII byte — and each field's bytes are then decoded in the detected encoding.
// Excel text is Unicode, except tables typed in .VnTime / VNI fonts: their cells hold the
// legacy bytes as Latin-1 characters; those are decoded the same way when the uploader
// names the encoding or the detection finds more Vietnamese words that way.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { decodeText, detectEncoding, vietnameseScore, type TextEncoding } from './legacy-vietnamese.js';

export interface TableRow {
  /** the line of the row in the file (CSV: its last physical line; Excel: the row number) */
  line: number;
  properties: Record<string, unknown>;
}

export interface AttributeTable {
  fileName: string;
  encoding: TextEncoding;
  rows: AsyncIterable<TableRow>;
}

const SAMPLE_BYTES = 64 * 1024;
/** a table wider than this is not a parcel attribute table */
const MAX_COLUMNS = 200;
const MAX_CELL = 2000;

const latin1Bytes = (s: string) => Buffer.from(s, 'latin1');

async function head(file: string): Promise<Buffer> {
  const handle = await fsp.open(file, 'r');
  try {
    const b = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(b, 0, SAMPLE_BYTES, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** `;` when the header has more of them than commas (Excel's CSV in a Vietnamese locale), else `,`. */
export function csvSeparator(firstLine: string): ',' | ';' {
  const count = (c: string) => firstLine.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

async function openCsv(file: string, named: TextEncoding | null, fileName: string): Promise<AttributeTable> {
  const sample = await head(file);
  const bom = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf;
  const lines = sample.toString('latin1').split(/\r?\n/);
  // the last sampled line may be cut in the middle of a letter
  const detected = detectEncoding(lines.slice(0, -1).map(latin1Bytes));
  // valid UTF-8 with letters above ASCII is never a legacy table by chance
  const encoding = bom || detected === 'utf8' ? 'utf8' : named ?? detected;
  const delimiter = csvSeparator(lines[0] ?? '');
  const decode = (s: string) => decodeText(latin1Bytes(s), encoding).trim();
  async function* rows(): AsyncIterable<TableRow> {
    const parser = fs.createReadStream(file, { start: bom ? 3 : 0 }).pipe(parse({
      delimiter, encoding: 'latin1', relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: 64 * 1024,
    }));
    let header: string[] | null = null;
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record.slice(0, MAX_COLUMNS).map(decode);
        continue;
      }
      const properties: Record<string, unknown> = {};
      header.forEach((name, i) => {
        if (name !== '') properties[name] = decode(record[i] ?? '').slice(0, MAX_CELL);
      });
      yield { line: info.lines, properties };
    }
  }
  return { fileName, encoding, rows: rows() };
}

/** A cell's value as text or number (rich text, formulas, dates, hyperlinks flattened). */
function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; result?: unknown; text?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellValue(o.result);
    if (o.text !== undefined) return o.text;
    return null;
  }
  return v;
}

/** The rows of the first worksheet, the first row being the header. */
async function* excelRows(file: string): AsyncIterable<{ line: number; cells: unknown[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'ignore', entries: 'emit' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = (row.values as unknown[]).slice(1, MAX_COLUMNS + 1).map(cellValue);
      yield { line: row.number, cells: values };
    }
    return; // one table per file: the first worksheet
  }
}

/** Text typed in a legacy font: only Latin-1 characters, some of them above ASCII. */
const legacyLooking = (s: string) => /[\u0080-\u00ff]/.test(s) && !/[^\u0000-\u00ff]/.test(s);

async function openExcel(file: string, named: TextEncoding | null, fileName: string): Promise<AttributeTable> {
  // a first pass over at most 200 rows tells whether the text is in a legacy font
  const samples: string[] = [];
  for await (const { line, cells } of excelRows(file)) {
    for (const c of cells) if (typeof c === 'string' && /[^\x00-\x7f]/.test(c)) samples.push(c);
    if (line > 200) break;
  }
  let encoding: TextEncoding = 'utf8';
  if (named && named !== 'utf8') encoding = named;
  else if (!named && samples.length > 0 && samples.every(legacyLooking)) {
    const guess = detectEncoding(samples.map(latin1Bytes));
    const decoded = samples.map((s) => decodeText(latin1Bytes(s), guess)).join(' ');
    if (guess !== 'utf8' && vietnameseScore(decoded) > vietnameseScore(samples.join(' '))) encoding = guess;
  }
  const text = (v: unknown): unknown => {
    if (typeof v !== 'string') return v;
    const s = encoding !== 'utf8' && legacyLooking(v) ? decodeText(latin1Bytes(v), encoding) : v.normalize('NFC');
    return s.trim().slice(0, MAX_CELL);
  };
  async function* rows(): AsyncIterable<TableRow> {
    let header: string[] | null = null;
    for await (const { line, cells } of excelRows(file)) {
      if (!header) {
        header = cells.map((c) => String(text(c) ?? '').trim());
        continue;
      }
      const properties: Record<string, unknown> = {};
      header.forEach((name, i) => {
        if (name !== '') properties[name] = text(cells[i] ?? null);
      });
      if (Object.values(properties).every((v) => v === null || v === '')) continue;
      yield { line, properties };
    }
  }
  return { fileName, encoding, rows: rows() };
}

/** Opens a .csv or .xlsx attribute table; `named` is the encoding the uploader declared, `fileName` the name findings give. */
export function openAttributeTable(file: string, named: TextEncoding | null, fileName = path.basename(file)): Promise<AttributeTable> {
  return /\.xlsx$/i.test(fileName) ? openExcel(file, named, fileName) : openCsv(file, named, fileName);
}
