// Printing the current view: an A4 landscape sheet composed on a canvas (map image,
// title, date shown, scale bar, north arrow, legend, source, creation time and the user),
// saved as PNG or put into a PDF with jsPDF.
//
// Why a canvas and not PDF text: jsPDF's built-in fonts (the PDF standard 14) have no
// Vietnamese letters (ạ, ư, ộ … come out garbled), and embedding a TTF with Vietnamese
// coverage means shipping a 300+ KB font in the bundle. The browser already has fonts
// that draw Vietnamese, so the whole sheet is drawn on a canvas at 150 dpi and the PDF
// holds that one image. The cost: the PDF's text is not selectable or searchable.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { metresPerPixel, nominalScale, scaleBar, scaleBarLabel } from './scale-bar';

/** A4 landscape in millimetres (ISO 216). */
export const A4_LANDSCAPE = { width: 297, height: 210 } as const;
/** Print resolution of the composed sheet. */
export const PRINT_DPI = 150;
const PX_PER_MM = PRINT_DPI / 25.4;
const mm = (value: number): number => Math.round(value * PX_PER_MM);
/** Points (1/72 in) to sheet pixels, for font sizes. */
const pt = (value: number): number => Math.round((value / 72) * PRINT_DPI);

const MARGIN = 10;
const HEADER = 22;
const SIDE = 72;
const FOOTER = 16;
const FONT = 'system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif';

export interface PrintLegendEntry {
  readonly code: string;
  readonly name: string;
  readonly color: string;
}

/** What the sheet says, already in the user's language. */
export interface PrintTexts {
  readonly title: string;
  /** e.g. "Bản đồ tại ngày 14/07/2019" or "Bản đồ hiện tại" */
  readonly dateShown: string;
  readonly legendTitle: string;
  readonly noLegend: string;
  readonly moreEntries: (count: number) => string;
  readonly scale: (denominator: string) => string;
  /** the letter under the north arrow (B for Bắc, N for North) */
  readonly north: string;
  readonly footer: readonly string[];
  readonly locale: string;
}

/** The map as the screen shows it, read back inside a render (no preserveDrawingBuffer). */
export function captureMap(map: MapLibreMap, timeoutMs = 5000): Promise<HTMLCanvasElement> {
  return new Promise((resolve) => {
    const copy = (): HTMLCanvasElement => {
      const source = map.getCanvas();
      const canvas = document.createElement('canvas');
      canvas.width = source.width;
      canvas.height = source.height;
      canvas.getContext('2d')?.drawImage(source, 0, 0);
      return canvas;
    };
    let done = false;
    const onRender = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      // the drawing buffer is still intact during the frame's own 'render' event
      resolve(copy());
    };
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      map.off('render', onRender);
      resolve(copy());
    }, timeoutMs);
    map.once('render', onRender);
    map.triggerRepaint();
  });
}

function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > maxWidth) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function drawNorthArrow(ctx: CanvasRenderingContext2D, x: number, y: number, size: number, letter: string): void {
  // The portal's map never rotates (dragRotate off): north is up.
  ctx.save();
  ctx.translate(x, y);
  ctx.fillStyle = '#222';
  ctx.strokeStyle = '#222';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(0, -size / 2);
  ctx.lineTo(size / 4, size / 2);
  ctx.lineTo(0, size / 4);
  ctx.closePath();
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(0, -size / 2);
  ctx.lineTo(-size / 4, size / 2);
  ctx.lineTo(0, size / 4);
  ctx.closePath();
  ctx.stroke();
  ctx.font = `600 ${pt(12)}px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText(letter, 0, size / 2 + mm(1));
  ctx.restore();
}

/**
 * The sheet: the map image cropped to the frame's proportions (never stretched, so the
 * scale is the same across and down), the scale computed from MapLibre's resolution at
 * the centre latitude and the crop.
 */
export function composeSheet(
  mapImage: HTMLCanvasElement,
  view: { readonly zoom: number; readonly latitude: number; readonly cssWidth: number },
  legend: readonly PrintLegendEntry[],
  texts: PrintTexts,
): HTMLCanvasElement {
  const sheet = document.createElement('canvas');
  sheet.width = mm(A4_LANDSCAPE.width);
  sheet.height = mm(A4_LANDSCAPE.height);
  const ctx = sheet.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, sheet.width, sheet.height);
  ctx.fillStyle = '#1b1b1b';

  // Header: title and the date shown.
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.font = `700 ${pt(18)}px ${FONT}`;
  ctx.fillText(fitText(ctx, texts.title, sheet.width - mm(2 * MARGIN)), mm(MARGIN), mm(MARGIN));
  ctx.font = `400 ${pt(11)}px ${FONT}`;
  ctx.fillStyle = '#444';
  ctx.fillText(texts.dateShown, mm(MARGIN), mm(MARGIN + 9));

  // The map frame.
  const frame = {
    x: mm(MARGIN),
    y: mm(HEADER + MARGIN / 2),
    width: mm(A4_LANDSCAPE.width - 2 * MARGIN - SIDE),
    height: mm(A4_LANDSCAPE.height - HEADER - MARGIN / 2 - FOOTER),
  };
  const frameAspect = frame.width / frame.height;
  let cropWidth = mapImage.width;
  let cropHeight = mapImage.height;
  if (cropWidth / cropHeight > frameAspect) cropWidth = Math.round(cropHeight * frameAspect);
  else cropHeight = Math.round(cropWidth / frameAspect);
  const cropX = Math.round((mapImage.width - cropWidth) / 2);
  const cropY = Math.round((mapImage.height - cropHeight) / 2);
  if (cropWidth > 0 && cropHeight > 0) {
    ctx.drawImage(mapImage, cropX, cropY, cropWidth, cropHeight, frame.x, frame.y, frame.width, frame.height);
  }
  ctx.strokeStyle = '#333';
  ctx.lineWidth = 2;
  ctx.strokeRect(frame.x, frame.y, frame.width, frame.height);

  // Scale: metres per CSS pixel at the centre, per image pixel (device pixel ratio), per sheet pixel.
  const imagePixelsPerCss = view.cssWidth > 0 ? mapImage.width / view.cssWidth : 1;
  const metresPerSheetPixel = (metresPerPixel(view.latitude, view.zoom) / imagePixelsPerCss) * (cropWidth / frame.width);
  const side = { x: frame.x + frame.width + mm(6), width: mm(SIDE - 6) };

  drawNorthArrow(ctx, side.x + mm(8), frame.y + mm(8), mm(12), texts.north);

  const bar = scaleBar(metresPerSheetPixel, side.width - mm(4));
  const barY = frame.y + mm(28);
  ctx.fillStyle = '#1b1b1b';
  ctx.font = `400 ${pt(9)}px ${FONT}`;
  ctx.textAlign = 'left';
  const denominator = new Intl.NumberFormat(texts.locale, { maximumFractionDigits: 0 }).format(
    nominalScale(metresPerSheetPixel * frame.width, A4_LANDSCAPE.width - 2 * MARGIN - SIDE),
  );
  ctx.fillText(texts.scale(denominator), side.x, barY - mm(6));
  const half = bar.pixels / 2;
  ctx.fillRect(side.x, barY, half, mm(1.5));
  ctx.strokeStyle = '#1b1b1b';
  ctx.lineWidth = 1.5;
  ctx.strokeRect(side.x, barY, bar.pixels, mm(1.5));
  ctx.textBaseline = 'top';
  ctx.fillText('0', side.x, barY + mm(2.5));
  ctx.textAlign = 'right';
  ctx.fillText(scaleBarLabel(bar.metres, texts.locale), side.x + bar.pixels, barY + mm(2.5));
  ctx.textAlign = 'left';

  // Legend: the land uses of the parcels in view.
  let y = barY + mm(12);
  ctx.font = `700 ${pt(11)}px ${FONT}`;
  ctx.fillText(texts.legendTitle, side.x, y);
  y += mm(7);
  ctx.font = `400 ${pt(8.5)}px ${FONT}`;
  const rowHeight = mm(5.2);
  const bottom = frame.y + frame.height;
  if (legend.length === 0) ctx.fillText(fitText(ctx, texts.noLegend, side.width), side.x, y);
  for (let i = 0; i < legend.length; i++) {
    const entry = legend[i]!;
    const lastRow = y + 2 * rowHeight > bottom;
    if (lastRow && i < legend.length - 1) {
      ctx.fillText(texts.moreEntries(legend.length - i), side.x, y);
      break;
    }
    ctx.fillStyle = entry.color;
    ctx.fillRect(side.x, y, mm(6), mm(3.6));
    ctx.strokeStyle = '#8a7a66';
    ctx.lineWidth = 1;
    ctx.strokeRect(side.x, y, mm(6), mm(3.6));
    ctx.fillStyle = '#1b1b1b';
    ctx.font = `700 ${pt(8.5)}px ${FONT}`;
    ctx.fillText(entry.code, side.x + mm(8), y);
    ctx.font = `400 ${pt(8.5)}px ${FONT}`;
    ctx.fillText(fitText(ctx, entry.name, side.width - mm(20)), side.x + mm(20), y);
    y += rowHeight;
  }

  // Footer: source, creation time, user; the note that measured figures are indicative.
  ctx.fillStyle = '#444';
  ctx.font = `400 ${pt(8)}px ${FONT}`;
  let footerY = frame.y + frame.height + mm(2.5);
  for (const line of texts.footer) {
    ctx.fillText(fitText(ctx, line, sheet.width - mm(2 * MARGIN)), mm(MARGIN), footerY);
    footerY += mm(4.2);
  }
  return sheet;
}

export function canvasToBlob(canvas: HTMLCanvasElement, type: 'image/png' | 'image/jpeg', quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('canvas export failed'))), type, quality);
  });
}

/** A one-page A4 landscape PDF holding the sheet (jsPDF loaded only when asked for). */
export async function sheetToPdf(sheet: HTMLCanvasElement, title: string): Promise<Blob> {
  const { jsPDF } = await import('jspdf');
  const pdf = new jsPDF({ orientation: 'landscape', unit: 'mm', format: 'a4', compress: true });
  pdf.setProperties({ title, creator: 'LIS Binh Phuoc' });
  pdf.addImage(sheet.toDataURL('image/jpeg', 0.9), 'JPEG', 0, 0, A4_LANDSCAPE.width, A4_LANDSCAPE.height);
  return pdf.output('blob');
}

/** Offers the blob as a download under name. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
