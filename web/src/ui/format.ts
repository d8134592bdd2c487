// Number formatting through Intl, in the locale of the chosen language
// (vi-VN: 1.234,5; en-GB: 1,234.5).
const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** An area in square metres to one decimal, as recorded officially (0.1 m²). */
export function formatArea(squareMetres: number, locale: string): string {
  return `${formatter(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(squareMetres)} m²`;
}

export function formatCount(count: number, locale: string): string {
  return formatter(locale, { maximumFractionDigits: 0 }).format(count);
}
