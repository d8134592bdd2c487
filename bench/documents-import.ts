// Bulk scan import throughput (S-SCAN, issue #9 item 5), standalone:
//   npx tsx bench/documents-import.ts            (BENCH_FILES=1000, BENCH_DATABASE_URL as bench/run.ts)
// N scans of realistic size (JPEG markers + random bytes, 200-500 kB, so incompressible
// like real JPEG scans) named <unit>_<sheet>_<parcel>_<n>.jpg for live parcels of the bench
// database (1 M parcels), imported with the local store on disk (fsync per object, as in
// production) from a folder (the CLI's path) and from a zip of other bytes (the HTTP
// path, entries stored as zip tools store JPEGs), against references measured in the same run:
//  - disk + hash floor: the same files read, SHA-256'd, written and fsynced to a folder by a
//    plain Node loop, one after the other (what any import must at least do);
//  - the store alone: the same files put into a second local store (its durability protocol);
//  - rows floor: the same number of document and document_link rows inserted by two
//    multi-row INSERTs through psql (audit triggers included), rolled back.
// The imported rows stay in the bench database (document tables only; the audit log keeps
// them anyway); the files are removed. Not part of npm run bench: it writes to the database.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { openServerDatabase } from '../src/db/pg-driver.js';
import { systemClock } from '../src/kernel/clock.js';
import { createLocalStore, importFolder, importZip, type BulkReport } from '../src/modules/documents/index.js';

const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lis_bench';
const files = Number(process.env.BENCH_FILES ?? 1000);
const load = () => os.loadavg().map((l) => Number(l.toFixed(2)));
const MB = 1024 * 1024;

const db = await openServerDatabase(databaseUrl, 2);
const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'lis-bench-documents-'));
try {
  if (!(await db.query<{ t: string | null }>(`select to_regclass('document')::text as t`)).rows[0]!.t) {
    throw new Error('the bench database has no document table: run the migrations first (npm run bench prepares it)');
  }
  const { rows: keys } = await db.query<{ code: string; sheet: number; parcel: number }>(
    `select u.code, p.sheet_number as sheet, p.parcel_number as parcel
       from parcel p tablesample system (${Math.min(100, Math.ceil((files * 2 * 150) / 1_000_000))}) join admin_unit u on u.id = p.unit_id
      where p.valid_to is null limit $1::int`,
    [files * 2],
  );
  if (keys.length < files * 2) throw new Error(`only ${keys.length} sample parcels`);

  /** N scans written to a folder; their total bytes */
  async function writeScans(dir: string, offset: number): Promise<{ names: string[]; bytes: number }> {
    await fsp.mkdir(dir, { recursive: true });
    const names: string[] = [];
    let bytes = 0;
    for (let i = 0; i < files; i++) {
      const k = keys[offset + i]!;
      const size = 200 * 1024 + crypto.randomInt(300 * 1024);
      const scan = crypto.randomBytes(size);
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01]).copy(scan);
      const name = `${k.code}_${k.sheet}_${k.parcel}_${(i % 9) + 1}.jpg`; // the sample's keys are distinct
      await fsp.writeFile(path.join(dir, name), scan);
      names.push(name);
      bytes += size;
    }
    return { names, bytes };
  }

  /** A zip of a folder's files, entries stored (method 0), written as it goes (APPNOTE 6.3). */
  async function zipFolder(dir: string, names: string[], target: string): Promise<void> {
    const out = await fsp.open(target, 'w');
    const central: Buffer[] = [];
    let offset = 0;
    for (const name of names) {
      const data = await fsp.readFile(path.join(dir, name));
      const nameBytes = Buffer.from(name);
      const crc = zlib.crc32(data);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(data.length, 22);
      local.writeUInt16LE(nameBytes.length, 26);
      await out.write(Buffer.concat([local, nameBytes, data]));
      const entry = Buffer.alloc(46);
      entry.writeUInt32LE(0x02014b50, 0);
      entry.writeUInt16LE(20, 4);
      entry.writeUInt16LE(20, 6);
      entry.writeUInt32LE(crc, 16);
      entry.writeUInt32LE(data.length, 20);
      entry.writeUInt32LE(data.length, 24);
      entry.writeUInt16LE(nameBytes.length, 28);
      entry.writeUInt32LE(offset, 42);
      central.push(entry, nameBytes);
      offset += 30 + nameBytes.length + data.length;
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(names.length, 8);
    end.writeUInt16LE(names.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    await out.write(Buffer.concat([directory, end]));
    await out.close();
  }

  const setA = await writeScans(path.join(work, 'a'), 0);
  const setB = await writeScans(path.join(work, 'b'), files);
  await zipFolder(path.join(work, 'b'), setB.names, path.join(work, 'b.zip'));
  await fsp.rm(path.join(work, 'b'), { recursive: true });
  console.log(`${files} scans per set, ${(setA.bytes / MB).toFixed(0)} MB (folder) and ${(setB.bytes / MB).toFixed(0)} MB (zip); load ${load().join(' ')}`);

  // reference 1: read, hash, write, fsync, one file after the other
  const refDir = path.join(work, 'reference');
  await fsp.mkdir(refDir);
  const refLoad = load();
  let t = performance.now();
  for (const name of setA.names) {
    const bytes = await fsp.readFile(path.join(work, 'a', name));
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    const handle = await fsp.open(path.join(refDir, sha), 'wx');
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
  }
  const refSeconds = (performance.now() - t) / 1000;

  // reference 1b: the same files through the local store alone (temporary file, fsync, rename, folder fsync)
  const storeOnly = createLocalStore(path.join(work, 'store-only'));
  t = performance.now();
  for (const name of setA.names) await storeOnly.put(fs.createReadStream(path.join(work, 'a', name)), { maxBytes: 200 * MB });
  const storeSeconds = (performance.now() - t) / 1000;

  // reference 2: the rows, by two multi-row INSERTs (rolled back)
  const psql = execFileSync(
    'psql',
    [databaseUrl, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', '-'],
    {
      encoding: 'utf8',
      input: `\\timing on
begin;
select set_config('lis.actor_id', '', true), set_config('lis.actor_name', 'bench', true), set_config('lis.request_id', '', true);
create temp table s on commit drop as
  select gen_random_uuid() as uid, p.parcel_uid, p.unit_id, n
    from (select parcel_uid, unit_id, row_number() over () as n from parcel tablesample system (${Math.min(100, Math.ceil((files * 2 * 150) / 1_000_000))}) where valid_to is null limit ${files}) p;
\\echo ROWS
insert into document (document_uid, version, document_type, title, pages, media_type, size_bytes, sha256, file_name, contains_personal_data, uploaded_at, valid_from)
  select uid, 1, 'other', 'Bản quét ' || n, 1, 'image/jpeg', 350000, encode(sha256(uid::text::bytea), 'hex'), 'scan_' || n || '.jpg', true, now(), now() from s;
insert into document_link (document_uid, kind, parcel_uid, unit_id, valid_from) select uid, 'parcel', parcel_uid, unit_id, now() from s;
rollback;
`,
    },
  );
  const rowTimes = psql.split('ROWS')[1]!.match(/Time: ([0-9.]+) ms/g)!.slice(0, 2).map((m) => Number(m.slice(6, -3)));
  const rowsSeconds = (rowTimes[0]! + rowTimes[1]!) / 1000;

  // the import itself, from the folder and from the zip
  const store = createLocalStore(path.join(work, 'store'));
  const deps = { db, clock: systemClock, store, maxBytes: 200 * MB };
  const caller = { actor: { id: null, name: 'bench:documents-import' }, may: () => true };
  const runs: Array<{ name: string; seconds: number; bytes: number; report: BulkReport; load1: number[] }> = [];
  t = performance.now();
  const folderReport = await importFolder(deps, caller, path.join(work, 'a'), { sourceName: 'bench-folder' });
  runs.push({ name: 'folder', seconds: (performance.now() - t) / 1000, bytes: setA.bytes, report: folderReport, load1: load() });
  t = performance.now();
  const zipReport = await importZip(deps, caller, path.join(work, 'b.zip'), { sourceName: 'bench.zip' });
  runs.push({ name: 'zip', seconds: (performance.now() - t) / 1000, bytes: setB.bytes, report: zipReport, load1: load() });

  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    files,
    reference: {
      diskAndHash: { seconds: Number(refSeconds.toFixed(2)), filesPerSecond: Math.round(files / refSeconds), mbPerSecond: Number((setA.bytes / MB / refSeconds).toFixed(1)), load: refLoad },
      storePutOnly: { seconds: Number(storeSeconds.toFixed(2)), filesPerSecond: Math.round(files / storeSeconds), mbPerSecond: Number((setA.bytes / MB / storeSeconds).toFixed(1)) },
      rowsInsert: { seconds: Number(rowsSeconds.toFixed(3)), rowsPerSecond: Math.round(files / rowsSeconds) },
    },
    imports: runs.map((r) => ({
      source: r.name,
      seconds: Number(r.seconds.toFixed(2)),
      filesPerSecond: Number((files / r.seconds).toFixed(1)),
      mbPerSecond: Number((r.bytes / MB / r.seconds).toFixed(1)),
      ratioToDiskAndHash: Number((refSeconds / r.seconds).toFixed(2)),
      ratioToFloorSum: Number(((refSeconds + rowsSeconds) / r.seconds).toFixed(2)),
      totals: r.report.totals,
      loadAfter: r.load1,
    })),
  };
  const out = path.join(os.tmpdir(), `lis-bench-documents-import-${result.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
  console.log(`written: ${out}`);
} finally {
  await db.close();
  await fsp.rm(work, { recursive: true, force: true });
}
