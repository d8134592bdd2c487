// The pages of a scanned document as the viewer draws them, whatever the file: one
// interface over a PDF (pdf.js renders a page into a canvas at the pixel width asked)
// and a TIFF (pages decoded once by utif2, drawn at their own size). The PDF side lives
// in pdf-source.ts, loaded only when a PDF is opened (pdf.js is about 1 MB).

/** A page's size at 100 % zoom, in CSS pixels (a PDF point counts as one pixel). */
export interface PageSize {
  readonly width: number;
  readonly height: number;
}

export interface PageSource {
  readonly count: number;
  /** sizes of every page, known when the source is opened */
  readonly sizes: readonly PageSize[];
  /**
   * Draws page `index` (from 0) into the canvas, at about `pixelWidth` device pixels wide
   * when the source can scale (a PDF), else at its own size. The signal cancels a draw
   * that is no longer wanted (another page or zoom asked meanwhile).
   */
  draw(index: number, canvas: HTMLCanvasElement, pixelWidth: number, signal: AbortSignal): Promise<void>;
  /** frees what the source holds (pdf.js's worker document) */
  close(): void;
}

/** A decoded TIFF page: its RGBA pixels. */
export interface RasterPage {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
}

/** TIFF pages already decoded: each drawn with its own pixels (the canvas is scaled by CSS). */
export function rasterSource(pages: readonly RasterPage[]): PageSource {
  return {
    count: pages.length,
    sizes: pages.map(({ width, height }) => ({ width, height })),
    draw: async (index, canvas) => {
      const raster = pages[index];
      const context = canvas.getContext('2d');
      if (!raster || !context) return;
      canvas.width = raster.width;
      canvas.height = raster.height;
      context.putImageData(new ImageData(new Uint8ClampedArray(raster.rgba), raster.width, raster.height), 0, 0);
    },
    close: () => undefined,
  };
}
