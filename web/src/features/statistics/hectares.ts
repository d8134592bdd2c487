// Areas in the forms' unit: hectares to two decimals, in the language's number format
// (vi-VN: 1.234,56). Thông tư 08/2024/TT-BTNMT forms give areas in ha (verify: decimals).
const formats = new Map<string, Intl.NumberFormat>();

export function formatHectares(squareMetres: number, locale: string): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    formats.set(locale, format);
  }
  // −0,00 reads as a fault: a rounding residue shows as 0,00
  const hectares = squareMetres / 10_000;
  return format.format(Math.abs(hectares) < 0.005 ? 0 : hectares);
}
