// Storing one uploaded or imported file: its type decided by its first bytes (never by
// its name), the bytes streamed to the store (never visible half-written), and the pages
// of a PDF or TIFF counted from the bytes kept on the way. Used by single uploads and the
// bulk import alike.
import { Readable } from 'node:stream';
import type { DocumentStore } from './document-store.js';
import { countPagesFully, detectMedia, SNIFF_BYTES, type MediaType } from './media.js';

export interface StoredFile {
  sha256: string;
  size: number;
  media: MediaType;
  /** null: not counted (a JPEG or PNG is one page; a file past `pageCountBytes` is not kept) */
  pages: number | null;
}

export interface StoreFileOptions {
  maxBytes: number;
  /** bytes of a PDF or TIFF kept in memory to count its pages; a larger file's pages stay unknown */
  pageCountBytes: number;
  /**
   * When the type is refused: drain the source (a request body the client is still sending)
   * or destroy it (a file or a zip entry nobody needs to finish reading).
   */
  onRefused: 'drain' | 'destroy';
}

/** The first bytes of a stream (to decide its type) and the whole stream again, with the bytes kept to count pages. */
function sniff(stream: Readable, pageCountBytes: number): Promise<{ head: Buffer; rest: Readable; kept: () => Buffer | null }> {
  return (async () => {
    const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const chunks: Buffer[] = [];
    let length = 0;
    let ended = false;
    while (length < SNIFF_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      chunks.push(next.value);
      length += next.value.length;
    }
    const head = Buffer.concat(chunks);
    let complete = true;
    async function* all(): AsyncGenerator<Buffer> {
      if (head.length) yield head;
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        length += next.value.length;
        if (length <= pageCountBytes) chunks.push(next.value);
        else complete = false;
        yield next.value;
      }
    }
    return { head, rest: Readable.from(all(), { objectMode: false }), kept: () => (complete ? Buffer.concat(chunks) : null) };
  })();
}

/** Type checked by content, bytes stored, pages counted; throws the type's or the size's AppError. */
export async function storeFile(store: DocumentStore, stream: Readable, options: StoreFileOptions): Promise<StoredFile> {
  const { head, rest, kept } = await sniff(stream, options.pageCountBytes);
  let media: MediaType;
  try {
    media = await detectMedia(head);
  } catch (error) {
    rest.destroy();
    if (options.onRefused === 'drain') stream.resume();
    else stream.destroy();
    throw error;
  }
  try {
    const { sha256, size } = await store.put(rest, { maxBytes: options.maxBytes });
    const bytes = media === 'image/jpeg' || media === 'image/png' ? Buffer.alloc(0) : kept();
    return { sha256, size, media, pages: bytes ? await countPagesFully(media, bytes) : null };
  } catch (error) {
    if (options.onRefused === 'destroy') stream.destroy();
    throw error;
  }
}
