// P4 / S-SCAN (issue #9 item 3): the stamped copy of a document with personal data. Each
// kind of original (a PDF with a turned page, a PNG, a JPEG, a 3-page TIFF) comes out as a
// PDF that pdf.js opens, with one page per original page, and whose text layer on every
// page holds the viewer's name and username, the time in Vietnam, the document id and the
// notice in both languages; encrypted and damaged PDFs are refused, never passed through.
import zlib from 'node:zlib';
import PDFKit from 'pdfkit';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, degrees } from 'pdf-lib';
import { PNG } from 'pngjs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { makePng, makeTiff } from '../../../test/support/scan-files.js';
import { countPdfPages, countPdfPagesParsed, countPagesFully } from './media.js';
import { NOTICE_EN, NOTICE_VI, vietnamTime, watermarkCopy, type WatermarkRequest } from './watermark.js';

const viewer = { fullName: 'Nguyễn Thị Hồng Nhung', username: 'nhung.nt' };
const documentId = '0b7a4c1e-4f2d-4c61-9a57-2f1d3c4b5a69';
const at = new Date('2026-11-25T16:05:09Z'); // 23:05:09 in Vietnam

async function pdfkitPdf(pages: number, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFKit({ size: 'A4', compress: options.compress ?? true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (let i = 0; i < pages; i++) {
    if (i > 0) doc.addPage();
    doc.text(`Trang goc ${i + 1}`);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** The text pdf.js reads on each page of a PDF. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const texts: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
  }
  await pdf.destroy();
  return texts;
}

const stamp = (bytes: Uint8Array, mediaType: WatermarkRequest['mediaType']) => watermarkCopy({ bytes, mediaType, viewer, documentId, at });

/** The angle (degrees, in the page's own space) of the viewer's name on each page. */
async function stampAngles(bytes: Uint8Array): Promise<number[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const angles: number[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const items = (await (await pdf.getPage(n)).getTextContent()).items;
    const name = items.find((item) => 'str' in item && item.str.startsWith(viewer.fullName));
    const [a, b] = name && 'transform' in name ? (name.transform as number[]) : [NaN, NaN];
    angles.push((Math.atan2(b!, a!) * 180) / Math.PI);
  }
  await pdf.destroy();
  return angles;
}

/** The images drawn on each page: size, colour space and their samples (inflated). */
async function imagesOf(bytes: Uint8Array): Promise<Array<{ width: number; height: number; colorSpace: string; samples: number[] }>> {
  const pdf = await PDFDocument.load(bytes);
  return pdf.getPages().flatMap((page) => {
    const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'), PDFDict);
    return (xobjects?.values() ?? []).map((ref) => {
      const stream = pdf.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) throw new Error('an XObject that is not a stream');
      const number = (key: string) => stream.dict.lookup(PDFName.of(key), PDFNumber).asNumber();
      return {
        width: number('Width'), height: number('Height'), colorSpace: String(stream.dict.get(PDFName.of('ColorSpace'))),
        samples: [...zlib.inflateSync(stream.contents)],
      };
    });
  });
}

function expectStamped(text: string): void {
  expect(text).toContain('Nguyễn Thị Hồng Nhung (nhung.nt)');
  expect(text).toContain(`25/11/2026 23:05:09 (UTC+7) · ${documentId}`);
  expect(text).toContain(NOTICE_VI);
  expect(text).toContain(NOTICE_EN);
}

describe('P4 watermark on copies of documents with personal data', () => {
  it('P4 writes the time in Vietnam (UTC+7), across midnight', () => {
    expect(vietnamTime(new Date('2026-12-31T17:30:00Z'))).toBe('01/01/2027 00:30:00 (UTC+7)');
  });

  it('P4 stamps every page of a PDF, keeps its pages and their text, and reads upright on a turned page', async () => {
    const original = await PDFDocument.load(await pdfkitPdf(3));
    original.getPage(1).setRotation(degrees(90));
    const out = await stamp(await original.save(), 'application/pdf');
    const copy = await PDFDocument.load(out);
    expect(copy.getPageCount()).toBe(3);
    expect(copy.getPage(1).getRotation().angle).toBe(90);
    const texts = await pageTexts(out);
    texts.forEach((text, i) => {
      expect(text).toContain(`Trang goc ${i + 1}`);
      expectStamped(text);
    });
    // the stamp runs along the diagonal the reader sees: up from bottom-left on an upright A4
    // page (atan(842/595) = 54.7°); on the page shown turned by 90° (seen 842 wide, 595 high)
    // it is drawn at 90° + atan(595/842) = 125.2° in the page's own space, so it reads at 35.2°
    const angles = await stampAngles(out);
    expect(angles[0]).toBeCloseTo(54.7, 0);
    expect(angles[1]).toBeCloseTo(125.2, 0);
  });

  it('P4 puts a PNG and a JPEG on one stamped page each (also from a slice of a larger buffer)', async () => {
    // a view 7 bytes into its ArrayBuffer, as Node's pooled small Buffers are
    const sliced = (bytes: Buffer) => {
      const whole = new Uint8Array(bytes.length + 7);
      whole.set(bytes, 7);
      return Buffer.from(whole.buffer, 7, bytes.length);
    };
    for (const [bytes, media] of [[makePng(40, 30, (x) => x * 6), 'image/png'], [sliced(await jpeg()), 'image/jpeg']] as const) {
      const out = await stamp(bytes, media);
      expect(Buffer.from(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const texts = await pageTexts(out);
      expect(texts, media).toHaveLength(1);
      expectStamped(texts[0]!);
    }
  });

  it('P4 turns each page of a multi-page TIFF into a stamped PDF page', async () => {
    const out = await stamp(makeTiff(3), 'image/tiff');
    const texts = await pageTexts(out);
    expect(texts).toHaveLength(3);
    texts.forEach(expectStamped);
    // each page carries its own pixels (page p is grey p × 50), kept grey
    expect(await imagesOf(out)).toEqual([0, 50, 100].map((grey) => ({ width: 2, height: 2, colorSpace: '/DeviceGray', samples: [grey, grey, grey, grey] })));
  });

  it('P4 keeps the pixels of a scan: a grey PNG as grey samples, a colour one as RGB laid on white where transparent', async () => {
    const grey = await imagesOf(await stamp(makePng(3, 2, (x, y) => x * 10 + y * 100), 'image/png'));
    expect(grey).toEqual([{ width: 3, height: 2, colorSpace: '/DeviceGray', samples: [0, 10, 20, 100, 110, 120] }]);
    const colour = new PNG({ width: 2, height: 1 });
    colour.data = Buffer.from([200, 30, 40, 255, 0, 0, 255, 0]); // red, then a fully transparent blue
    const [image] = await imagesOf(await stamp(PNG.sync.write(colour), 'image/png'));
    expect(image).toEqual({ width: 2, height: 1, colorSpace: '/DeviceRGB', samples: [200, 30, 40, 255, 255, 255] });
  });

  it('P4 refuses an encrypted or a damaged PDF with a bilingual reason, never the original', async () => {
    await expect(stamp(encryptedPdf(), 'application/pdf')).rejects.toMatchObject({
      code: 'CONFLICT', details: { watermark: 'encrypted', id: documentId }, messages: { vi: expect.stringMatching(/mã hóa/) },
    });
    const damaged = Buffer.from('%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <<>>\n%%EOF', 'latin1');
    await expect(stamp(damaged, 'application/pdf')).rejects.toMatchObject({ code: 'CONFLICT', details: { watermark: 'unreadable' } });
    await expect(stamp(makeTiff(2).subarray(0, 12), 'image/tiff')).rejects.toMatchObject({ details: { watermark: 'unreadable' } });
    await expect(watermarkCopy({ bytes: makePng(2, 2, () => 0), mediaType: 'image/png', viewer, documentId, at, fontPath: '/nonexistent/font.ttf' }))
      .rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { watermark: 'font_missing' } });
  });
});

describe('S-SCAN page count of compressed PDFs', () => {
  it('counts the pages of a PDF whose objects sit in object streams, which the quick scan cannot see', async () => {
    const source = await PDFDocument.load(await pdfkitPdf(4));
    const packed = Buffer.from(await source.save({ useObjectStreams: true }));
    expect(countPdfPages(packed)).toBeNull();
    expect(await countPdfPagesParsed(packed)).toBe(4);
    expect(await countPagesFully('application/pdf', packed)).toBe(4);
    expect(await countPagesFully('application/pdf', Buffer.from('%PDF-1.5\nnot really'))).toBeNull();
  });
});

/** An 8×8 grey baseline JPEG (JFIF: quantisation and Huffman tables, one scan), as hex: no JPEG encoder is installed. */
async function jpeg(): Promise<Buffer> {
  const hex =
    'ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432' +
    'ffc0000b080008000801011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114' +
    '328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798' +
    '999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9';
  return Buffer.from(hex, 'hex');
}

/** A PDF whose trailer names an /Encrypt dictionary (as a password-protected scan does). */
function encryptedPdf(): Buffer {
  const objects = [
    '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n',
    '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n',
    '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\n',
    '4 0 obj\n<< /Filter /Standard /V 1 /R 2 /O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) /P -4 >>\nendobj\n',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const object of objects) {
    offsets.push(body.length);
    body += object;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
