// Number and date formatting through Intl, in the locale of the chosen language
// (vi-VN: 1.234,5 and 25/11/2026; en-GB: 1,234.5 and 25/11/2026).
const cache = new Map<string, Intl.NumberFormat>();
const dateCache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateCache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateCache.set(key, format);
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

/** A calendar date (YYYY-MM-DD, or the date part of a timestamp) as dd/mm/yyyy. */
export function formatDate(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(day.getTime())) return value;
  const timeZone = /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : 'Asia/Ho_Chi_Minh';
  return dateFormatter(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone }).format(day);
}

/** A moment, in Vietnam's time zone whatever the browser's. */
export function formatDateTime(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const moment = new Date(value);
  if (Number.isNaN(moment.getTime())) return value;
  return dateFormatter(locale, {
    day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh',
  }).format(moment);
}

/** Today as YYYY-MM-DD in Vietnam. */
export function todayIso(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus n calendar days. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
