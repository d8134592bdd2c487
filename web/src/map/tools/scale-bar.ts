// Map scale for print: ground metres per pixel at the centre of the view, a scale bar of a
// round length, and the nominal scale (1:N) of the printed frame.

/** WGS84 equatorial circumference (m): what Web Mercator (EPSG:3857) scales by. */
export const EARTH_CIRCUMFERENCE = 40_075_016.686;
/** MapLibre's world is 512 CSS pixels wide at zoom 0. */
export const WORLD_TILE_SIZE = 512;

/** Ground metres per CSS pixel at a latitude and zoom (Web Mercator). */
export function metresPerPixel(latitude: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE * Math.cos((latitude * Math.PI) / 180)) / (WORLD_TILE_SIZE * 2 ** zoom);
}

/** The largest 1, 2 or 5 × 10ⁿ not above value. */
export function roundDown125(value: number): number {
  if (!(value > 0)) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  const leading = value / power;
  const step = leading >= 5 ? 5 : leading >= 2 ? 2 : 1;
  return step * power;
}

export interface ScaleBar {
  /** the bar's ground length (m) */
  readonly metres: number;
  /** the bar's length in the pixels it is drawn in */
  readonly pixels: number;
}

/** A bar of a round length, at most maxPixels long, for a drawing at metresPerPixel. */
export function scaleBar(metresPerPixelOfDrawing: number, maxPixels: number): ScaleBar {
  const metres = roundDown125(metresPerPixelOfDrawing * maxPixels);
  return { metres, pixels: metres / metresPerPixelOfDrawing };
}

/** "500 m", "2 km" */
export function scaleBarLabel(metres: number, locale: string): string {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  return metres >= 1000 ? `${format.format(metres / 1000)} km` : `${format.format(metres)} m`;
}

/**
 * The nominal scale denominator N of "1:N" when a width of groundMetres is printed
 * paperMillimetres wide, rounded to two significant digits (printing is not exact).
 */
export function nominalScale(groundMetres: number, paperMillimetres: number): number {
  const exact = (groundMetres * 1000) / paperMillimetres;
  if (!(exact > 0)) return 0;
  const power = 10 ** Math.max(0, Math.floor(Math.log10(exact)) - 1);
  return Math.round(exact / power) * power;
}
