// A scanned document page by page (S-SCAN, issue #9 item 3), over the portal as a modal.
// What is shown is decided by the bytes the server sent (their content type), not by the
// document's type: a document with personal data comes as a PDF copy stamped with the
// viewer's name (P4), whatever its original type.
// - PDF: pdf.js (loaded only then, pdf-source.ts) draws each page into a canvas, at the
//   resolution the zoom needs; page buttons and a strip of thumbnails;
// - TIFF: every page decoded with utif2 into a canvas, the same page buttons and strip;
// - JPEG/PNG: an <img>.
// Zoom for all (buttons, Ctrl/⌘ + wheel, fit to width). Escape closes; ←/→ (PageUp/
// PageDown) turn pages; + / − / 0 zoom. Focus returns to the button that opened it.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type WheelEvent } from 'react';
import type { ApiError } from '../../api/api-error';
import { isAbort } from '../../api/api-error';
import { useI18n } from '../../i18n';
import { Refusal } from '../parcels/parcel-records';
import { toApiError } from '../parcels/use-parcel-record';
import { fetchContent, type ScannedDocument } from './documents-api';
import { rasterSource, type PageSource, type RasterPage } from './page-source';

export type { RasterPage } from './page-source';

type Utif = typeof import('utif2');

/** utif2 (and pako) only when a TIFF is opened; it is CommonJS, so it may come as `default`. */
async function loadUtif(): Promise<Utif> {
  const module = (await import('utif2')) as Utif & { default?: Utif };
  return module.default ?? module;
}

/** Every page (IFD with pixels) of a TIFF; throws when the file cannot be decoded. */
export async function decodeTiff(bytes: ArrayBuffer): Promise<RasterPage[]> {
  const UTIF = await loadUtif();
  const ifds = UTIF.decode(bytes);
  const pages: RasterPage[] = [];
  for (const ifd of ifds) {
    UTIF.decodeImage(bytes, ifd);
    const width = Number(ifd.width);
    const height = Number(ifd.height);
    if (!(width > 0 && height > 0)) continue; // an IFD without an image (EXIF, thumbnails)
    pages.push({ width, height, rgba: new Uint8ClampedArray(UTIF.toRGBA8(ifd)) });
  }
  if (pages.length === 0) throw new Error('TIFF without pages');
  return pages;
}

/** The pages of the bytes received, by their content type; throws when they cannot be read. */
async function openPages(blob: Blob, kind: 'pdf' | 'tiff'): Promise<PageSource> {
  const bytes = await blob.arrayBuffer();
  if (kind === 'tiff') return rasterSource(await decodeTiff(bytes));
  const { openPdf } = await import('./pdf-source');
  return openPdf(bytes);
}

/** each zoom step multiplies or divides the scale by this */
const ZOOM_FACTOR = 1.25;
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 50;

type Loaded =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly error: ApiError }
  | { readonly kind: 'image'; readonly url: string }
  | { readonly kind: 'pages'; readonly format: 'pdf' | 'tiff'; readonly source: PageSource; readonly watermarked: boolean }
  | { readonly kind: 'pages-error'; readonly format: 'pdf' | 'tiff' }
  | { readonly kind: 'unsupported'; readonly type: string };

export interface DocumentViewerProps {
  readonly document: ScannedDocument;
  readonly onClose: () => void;
}

export function DocumentViewer({ document: doc, onClose }: DocumentViewerProps) {
  const { t, lang } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [page, setPage] = useState(0);
  /** null: fit to width */
  const [zoom, setZoom] = useState<number | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  /** the natural width of what is shown (image or TIFF page), to zoom on from "fit to width" */
  const [naturalWidth, setNaturalWidth] = useState<number | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    let source: PageSource | null = null;
    fetchContent(doc.id, controller.signal).then(
      async (blob) => {
        if (controller.signal.aborted) return;
        // the type of the bytes received: a stamped copy is a PDF whatever the original was
        const type = blob.type.split(';')[0]!.trim() || doc.mediaType;
        const watermarked = type === 'application/pdf' && doc.containsPersonalData;
        if (type === 'image/jpeg' || type === 'image/png') {
          url = URL.createObjectURL(new Blob([blob], { type }));
          setLoaded({ kind: 'image', url });
        } else if (type === 'application/pdf' || type === 'image/tiff') {
          const format = type === 'application/pdf' ? 'pdf' : 'tiff';
          try {
            source = await openPages(blob, format);
            if (controller.signal.aborted) source.close();
            else setLoaded({ kind: 'pages', format, source, watermarked });
          } catch {
            if (!controller.signal.aborted) setLoaded({ kind: 'pages-error', format });
          }
        } else {
          setLoaded({ kind: 'unsupported', type });
        }
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        setLoaded({ kind: 'error', error: toApiError(error) });
      },
    );
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
      source?.close();
    };
  }, [doc.id, doc.mediaType, doc.containsPersonalData]);

  // focus the dialog on open; give it back to what opened it on close
  useEffect(() => {
    const opener = globalThis.document.activeElement as HTMLElement | null;
    dialog.current?.focus();
    return () => opener?.focus?.();
  }, []);

  const pageCount = loaded.kind === 'pages' ? loaded.source.count : 1;
  const goTo = useCallback((next: number) => setPage(Math.max(0, Math.min(pageCount - 1, next))), [pageCount]);
  const shownWidth = loaded.kind === 'pages' ? (loaded.source.sizes[page]?.width ?? null) : naturalWidth;
  const zoomBy = useCallback(
    (direction: 1 | -1) =>
      setZoom((current) => {
        // from "fit to width": start at the scale the fit gave
        const fitted = shownWidth && body.current ? Math.max(1, body.current.clientWidth - 16) / shownWidth : 1;
        const now = current ?? fitted;
        const next = direction > 0 ? now * ZOOM_FACTOR : now / ZOOM_FACTOR;
        // a tiny scan fitted to the width is already past MAX_ZOOM: allow up to 8× its fit
        return Math.min(Math.max(MAX_ZOOM, fitted * 8), Math.max(MIN_ZOOM, next));
      }),
    [shownWidth],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) {
      return;
    } else if (event.key === 'ArrowRight' || event.key === 'PageDown') {
      event.preventDefault();
      goTo(page + 1);
    } else if (event.key === 'ArrowLeft' || event.key === 'PageUp') {
      event.preventDefault();
      goTo(page - 1);
    } else if (event.key === '+' || event.key === '=') {
      zoomBy(1);
    } else if (event.key === '-') {
      zoomBy(-1);
    } else if (event.key === '0') {
      setZoom(null);
    }
  };
  const onWheel = (event: WheelEvent<HTMLDivElement>) => {
    if (!(event.ctrlKey || event.metaKey)) return; // a plain wheel scrolls the page
    event.preventDefault();
    zoomBy(event.deltaY < 0 ? 1 : -1);
  };

  const zoomable = loaded.kind === 'image' || loaded.kind === 'pages';
  const size = zoom === null ? { width: '100%' } : undefined;
  return (
    <div className="viewer-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        className="viewer card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="viewer-title"
        tabIndex={-1}
        ref={dialog}
        onKeyDown={onKeyDown}
        data-testid="document-viewer"
        data-media-type={doc.mediaType}
        data-format={loaded.kind === 'pages' ? loaded.format : loaded.kind === 'image' ? 'image' : undefined}
      >
        <header className="viewer-bar">
          <h2 id="viewer-title">{t('viewer.title', { title: doc.title })}</h2>
          {loaded.kind === 'pages' && (
            <div className="viewer-tools" role="group" aria-label={t('viewer.pages')}>
              <button type="button" className="button small" onClick={() => goTo(page - 1)} disabled={page === 0} aria-label={t('viewer.previous')} data-testid="viewer-previous">
                ‹
              </button>
              <span data-testid="viewer-page" aria-live="polite">{t('viewer.page', { page: page + 1, count: pageCount })}</span>
              <button type="button" className="button small" onClick={() => goTo(page + 1)} disabled={page >= pageCount - 1} aria-label={t('viewer.next')} data-testid="viewer-next">
                ›
              </button>
            </div>
          )}
          {zoomable && (
            <div className="viewer-tools" role="group" aria-label={zoom === null ? t('viewer.fitWidth') : t('viewer.zoom', { percent: Math.round(zoom * 100) })}>
              <button type="button" className="button small" onClick={() => zoomBy(-1)} aria-label={t('viewer.zoomOut')} data-testid="viewer-zoom-out">−</button>
              <span data-testid="viewer-zoom">{zoom === null ? t('viewer.fitWidth') : `${Math.round(zoom * 100)}%`}</span>
              <button type="button" className="button small" onClick={() => zoomBy(1)} aria-label={t('viewer.zoomIn')} data-testid="viewer-zoom-in">+</button>
              <button type="button" className="button small" onClick={() => setZoom(null)} aria-pressed={zoom === null} data-testid="viewer-fit">
                {t('viewer.fitWidth')}
              </button>
            </div>
          )}
          <button type="button" className="button small" onClick={onClose} data-testid="viewer-close">
            {t('viewer.close')}
          </button>
        </header>
        <div className="viewer-body" onWheel={onWheel} ref={body}>
          {loaded.kind === 'loading' && <p className="hint">{t('viewer.loading')}</p>}
          {loaded.kind === 'error' && <Refusal error={loaded.error} lang={lang} testId="viewer-error" />}
          {loaded.kind === 'pages-error' && <p className="form-error" role="alert" data-testid="viewer-unreadable">{t(loaded.format === 'pdf' ? 'viewer.pdfError' : 'viewer.tiffError')}</p>}
          {loaded.kind === 'unsupported' && <p className="notice">{t('viewer.unsupported', { type: loaded.type })}</p>}
          {loaded.kind === 'pages' && loaded.watermarked && <p className="hint" data-testid="viewer-watermarked">{t('viewer.watermarked')}</p>}
          {loaded.kind === 'image' && (
            <ZoomedImage url={loaded.url} alt={doc.title} zoom={zoom} fit={size} onNaturalWidth={setNaturalWidth} />
          )}
          {loaded.kind === 'pages' && page < loaded.source.count && (
            <PageCanvas source={loaded.source} index={page} zoom={zoom} fitTo={body} label={t('viewer.page', { page: page + 1, count: pageCount })} testId="viewer-canvas" />
          )}
        </div>
        {loaded.kind === 'pages' && pageCount > 1 && (
          <nav className="viewer-thumbs" aria-label={t('viewer.pages')} data-testid="viewer-thumbs">
            {loaded.source.sizes.map((_size, index) => (
              <button
                type="button"
                key={index}
                className="viewer-thumb"
                aria-current={index === page ? 'page' : undefined}
                aria-label={t('viewer.goTo', { page: index + 1 })}
                onClick={() => goTo(index)}
                data-testid="viewer-thumb"
              >
                <PageCanvas source={loaded.source} index={index} zoom={null} thumbnail label="" testId="viewer-thumb-canvas" />
                <span>{index + 1}</span>
              </button>
            ))}
          </nav>
        )}
      </div>
    </div>
  );
}

function ZoomedImage(props: { url: string; alt: string; zoom: number | null; fit: { width: string } | undefined; onNaturalWidth: (width: number) => void }) {
  const { url, alt, zoom, fit, onNaturalWidth } = props;
  const [natural, setNatural] = useState<number | null>(null);
  const style = fit ?? (natural ? { width: `${Math.round(natural * (zoom ?? 1))}px`, maxWidth: 'none' } : undefined);
  return (
    <img
      className="viewer-image"
      src={url}
      alt={alt}
      style={style}
      onLoad={(event) => {
        setNatural(event.currentTarget.naturalWidth);
        onNaturalWidth(event.currentTarget.naturalWidth);
      }}
      data-testid="viewer-image"
    />
  );
}

/** device pixels a thumbnail is drawn at (its box is 4.5rem wide) */
const THUMB_PIXELS = 144;

/**
 * One page of a PageSource in a canvas, for the page shown and for each thumbnail alike.
 * The CSS width follows the zoom (null: the width of `fitTo`); a PDF page is drawn at that
 * width times the screen's pixel ratio, so it stays sharp at every zoom. A thumbnail is
 * drawn only once it scrolls into view (a long scan has hundreds).
 */
function PageCanvas(props: {
  source: PageSource;
  index: number;
  zoom: number | null;
  fitTo?: { readonly current: HTMLElement | null };
  thumbnail?: boolean;
  label: string;
  testId: string;
}) {
  const { source, index, zoom, fitTo, thumbnail = false, label, testId } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const [visible, setVisible] = useState(!thumbnail);
  const [drawn, setDrawn] = useState(false);
  const natural = source.sizes[index] ?? { width: 1, height: 1 };

  useEffect(() => {
    const element = canvas.current;
    if (visible || !element || typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && setVisible(true));
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible]);

  useEffect(() => {
    const element = canvas.current;
    if (!element || !visible) return;
    const controller = new AbortController();
    const ratio = globalThis.devicePixelRatio || 1;
    const cssWidth = thumbnail ? THUMB_PIXELS / ratio : zoom === null ? Math.max(100, (fitTo?.current?.clientWidth ?? 800) - 16) : natural.width * zoom;
    setDrawn(false);
    source.draw(index, element, cssWidth * ratio, controller.signal).then(
      () => !controller.signal.aborted && setDrawn(true),
      () => undefined, // a page pdf.js cannot draw stays blank; the others still show
    );
    return () => controller.abort();
  }, [source, index, zoom, visible, thumbnail, fitTo, natural.width]);

  const style = zoom === null ? { width: '100%' } : { width: `${Math.round(natural.width * zoom)}px`, maxWidth: 'none' };
  return (
    <canvas
      ref={canvas}
      className="viewer-canvas"
      style={style}
      role={label ? 'img' : undefined}
      aria-label={label || undefined}
      aria-hidden={label ? undefined : true}
      data-testid={testId}
      data-drawn={drawn ? 'true' : 'false'}
    />
  );
}
