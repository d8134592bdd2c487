// A PDF's pages drawn by pdf.js (pdfjs-dist) into canvases. Imported lazily by the viewer
// (import('./pdf-source')), so pdf.js and its worker are fetched only when a PDF is opened;
// the worker is its own file, its URL given by Vite.
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PageSize, PageSource } from './page-source';

GlobalWorkerOptions.workerSrc = workerUrl;

/** pages past this many pixels wide are drawn at this width (and scaled by CSS): canvas memory */
const MAX_PIXEL_WIDTH = 4096;

/** Opens the PDF's bytes; throws what pdf.js throws (InvalidPDFException, PasswordException). */
export async function openPdf(bytes: ArrayBuffer): Promise<PageSource> {
  // no fonts, scripts or forms are fetched or run: a scan needs none (and isEvalSupported off)
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, enableXfa: false, verbosity: 0 });
  const pdf: PDFDocumentProxy = await task.promise;
  const sizes: PageSize[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const viewport = (await pdf.getPage(n)).getViewport({ scale: 1 });
    sizes.push({ width: viewport.width, height: viewport.height });
  }
  return {
    count: pdf.numPages,
    sizes,
    draw: async (index, canvas, pixelWidth, signal) => {
      const page = await pdf.getPage(index + 1);
      if (signal.aborted) return;
      const natural = page.getViewport({ scale: 1 });
      const width = Math.max(16, Math.min(MAX_PIXEL_WIDTH, Math.round(pixelWidth)));
      const viewport = page.getViewport({ scale: width / natural.width });
      // draw into a canvas of our own, then copy: the visible one is not blanked meanwhile
      const scratch = document.createElement('canvas');
      scratch.width = Math.ceil(viewport.width);
      scratch.height = Math.ceil(viewport.height);
      const render: RenderTask = page.render({ canvas: scratch, viewport });
      const cancel = () => render.cancel();
      signal.addEventListener('abort', cancel);
      try {
        await render.promise;
      } catch (error) {
        if (signal.aborted) return; // RenderingCancelledException
        throw error;
      } finally {
        signal.removeEventListener('abort', cancel);
      }
      canvas.width = scratch.width;
      canvas.height = scratch.height;
      canvas.getContext('2d')?.drawImage(scratch, 0, 0);
    },
    close: () => void pdf.destroy(),
  };
}
