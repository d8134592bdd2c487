// Real scanned-file formats written byte by byte, for the documents tests (server and
// browser): a greyscale PNG and a baseline multi-page TIFF. Their content is chosen by the
// test (pixels, grey of each page) so that each file has the bytes, hash and pages it needs.
import zlib from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A real PNG (PNG spec: signature, IHDR, IDAT, IEND) of width × height 8-bit grey pixels. */
export function makePng(width: number, height: number, grey: (x: number, y: number) => number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    typed.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(typed), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth; colour type 0: greyscale
  // each row: filter byte 0, then its pixels
  const raw = Buffer.concat(Array.from({ length: height }, (_, y) => Buffer.from([0, ...Array.from({ length: width }, (_, x) => grey(x, y) & 0xff)])));
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A baseline TIFF (TIFF 6.0), little- or big-endian, with one 2×2 grey page per IFD; page p is filled with grey(p). */
export function makeTiff(pages: number, options: { order?: 'II' | 'MM'; grey?: (page: number) => number } = {}): Buffer {
  const { order = 'II', grey = (p) => p * 50 } = options;
  const entries = 9;
  const ifdSize = 2 + entries * 12 + 4;
  const pageSize = ifdSize + 4; // the IFD, then its 4 pixel bytes
  const out = Buffer.alloc(8 + pages * pageSize);
  const le = order === 'II';
  const u16 = (v: number, at: number) => (le ? out.writeUInt16LE(v, at) : out.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (le ? out.writeUInt32LE(v, at) : out.writeUInt32BE(v, at));
  out.write(order, 0, 'latin1');
  u16(42, 2);
  u32(8, 4);
  for (let p = 0; p < pages; p++) {
    const ifd = 8 + p * pageSize;
    const pixels = ifd + ifdSize;
    u16(entries, ifd);
    // tag, type (3 SHORT, 4 LONG), value: width, height, bits per sample, no compression,
    // BlackIsZero, strip offset, samples per pixel, rows per strip, strip bytes
    const tags: Array<[number, number, number]> = [[256, 3, 2], [257, 3, 2], [258, 3, 8], [259, 3, 1], [262, 3, 1], [273, 4, pixels], [277, 3, 1], [278, 3, 2], [279, 4, 4]];
    tags.forEach(([tag, type, value], i) => {
      const at = ifd + 2 + i * 12;
      u16(tag, at);
      u16(type, at + 2);
      u32(1, at + 4);
      if (type === 3) u16(value, at + 8);
      else u32(value, at + 8);
    });
    u32(p + 1 < pages ? ifd + pageSize : 0, ifd + 2 + entries * 12);
    out.fill(grey(p), pixels, pixels + 4);
  }
  return out;
}
