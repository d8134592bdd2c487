// The province's naming convention for bulk scan import (S-SCAN, issue #9 item 5). Pure.
// A scan says which record it belongs to by its name (or the folders it sits in):
//
//  1. by parcel, flat:   <unitCode>_<sheet>_<parcel>[_<docType>][_<n>].<ext>
//                        e.g. 25198_3_12.pdf, 25198_3_12_contract_2.jpg
//  2. by parcel, folders: …/<unitCode>/<sheet>/<parcel>/<anything>.<ext>
//                        e.g. scans/25198/3/12/hop-dong.pdf; the doc type is the file name's
//                        first word when it is a code of the list (contract_1.pdf), else the default
//  3. by certificate:    <serial>[_<docType>][_<n>].<ext>
//                        e.g. AA01234567.pdf, "CS 123456_2.tif", cs_123456.pdf
//
// unitCode: the 5-digit GSO code of the commune the parcel was surveyed under (an old
// commune code still names its parcels after a merger: Nghị quyết 202/2025/QH15 units keep
// their sheets). sheet 1-9999, parcel 1-99999 (the ranges of map_sheet / parcel, 0004).
// serial: 2 letters + 6 to 8 digits as the certificate table holds it (migration 0012,
// Thông tư 10/2024/TT-BTNMT Điều 13 for the 8-digit form; 6 digits for the 2009/2014 forms);
// a space, underscore or hyphen between letters and digits and lower case are tolerated.
// docType: a code of the document_type list (migration 0018: certificate, contract, …);
// n: a page or copy counter (up to 4 digits), kept only in the file name.
// ext: pdf, jpg, jpeg, png, tif, tiff (any case); the type stored is decided by the bytes.
// Without a suffix the type is the import's default, else "certificate" for a serial name
// and "other" for a parcel name.

export const SCAN_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'tif', 'tiff'] as const;

export type ScanTarget =
  | { kind: 'parcel'; unitCode: string; sheetNumber: number; parcelNumber: number }
  | { kind: 'certificate'; serial: string };

export type ParsedName =
  | { ok: true; target: ScanTarget; documentType: string; fileName: string }
  | { ok: false; reason: { vi: string; en: string } };

export interface NameRules {
  /** the codes of the document_type list */
  documentTypes: readonly string[];
  /** the type when the name carries none (the import's --type) */
  defaultType?: string | undefined;
}

const EXT = `(?:${SCAN_EXTENSIONS.join('|')})`;
const TYPE = '([a-z][a-z_]{0,38}[a-z])';
const COUNTER = '([0-9]{1,4})';
const FLAT_PARCEL = new RegExp(`^([0-9]{5})_([0-9]{1,4})_([0-9]{1,5})(?:_${TYPE})?(?:_${COUNTER})?\\.${EXT}$`, 'i');
const SERIAL = new RegExp(`^([a-z]{2})[ _-]?([0-9]{6,8})(?:_${TYPE})?(?:_${COUNTER})?\\.${EXT}$`, 'i');
const ANY_SCAN = new RegExp(`\\.${EXT}$`, 'i');

const fail = (vi: string, en: string): ParsedName => ({ ok: false, reason: { vi, en } });

/** The entry's path with forward slashes, no leading "./" or "/". */
function segmentsOf(path: string): string[] {
  return path.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
}

/** Hidden and system entries of zip tools (macOS resource forks, Thumbs.db, .DS_Store). */
export function isSystemEntry(path: string): boolean {
  const segments = segmentsOf(path);
  return segments.some((s) => s.startsWith('.') || s === '__MACOSX') || /^(thumbs\.db|desktop\.ini)$/i.test(segments.at(-1) ?? '');
}

function typeOf(suffix: string | undefined, rules: NameRules, fallback: string): { ok: true; type: string } | { ok: false; code: string } {
  if (suffix === undefined) return { ok: true, type: rules.defaultType ?? fallback };
  const code = suffix.toLowerCase();
  return rules.documentTypes.includes(code) ? { ok: true, type: code } : { ok: false, code };
}

const unknownType = (code: string, name: string) =>
  fail(`Mã loại tài liệu "${code}" trong tên tệp ${name} không có trong danh mục`, `Document type code "${code}" in file name ${name} is not in the code list`);

/** Which record a scan belongs to, from its path inside the zip or folder. */
export function parseScanName(path: string, rules: NameRules): ParsedName {
  const segments = segmentsOf(path);
  const fileName = segments.at(-1) ?? '';
  if (!fileName || fileName.length > 255) return fail('Tên tệp rỗng hoặc dài quá 255 ký tự', 'The file name is empty or longer than 255 characters');
  if (!ANY_SCAN.test(fileName)) {
    return fail(`Tệp ${fileName}: đuôi tệp phải là ${SCAN_EXTENSIONS.join(', ')}`, `File ${fileName}: the extension must be one of ${SCAN_EXTENSIONS.join(', ')}`);
  }
  const flat = FLAT_PARCEL.exec(fileName);
  if (flat) {
    const type = typeOf(flat[4], rules, 'other');
    if (!type.ok) return unknownType(type.code, fileName);
    return parcelTarget(flat[1]!, flat[2]!, flat[3]!, type.type, fileName);
  }
  const serial = SERIAL.exec(fileName);
  if (serial) {
    const type = typeOf(serial[3], rules, 'certificate');
    if (!type.ok) return unknownType(type.code, fileName);
    return { ok: true, target: { kind: 'certificate', serial: `${serial[1]!.toUpperCase()}${serial[2]!}` }, documentType: type.type, fileName };
  }
  // folders: …/<unit>/<sheet>/<parcel>/<file>
  if (segments.length >= 4) {
    const [unit, sheet, parcel] = segments.slice(-4, -1) as [string, string, string];
    if (/^[0-9]{5}$/.test(unit) && /^[0-9]{1,4}$/.test(sheet) && /^[0-9]{1,5}$/.test(parcel)) {
      const word = /^([a-z][a-z_]*[a-z])(?:[_-]|\.)/i.exec(fileName)?.[1]?.toLowerCase();
      const suffix = word && rules.documentTypes.includes(word) ? word : undefined;
      return parcelTarget(unit, sheet, parcel, suffix ?? rules.defaultType ?? 'other', fileName);
    }
  }
  return fail(
    `Tên tệp ${path} không theo quy ước: <mã xã>_<tờ>_<thửa>[_<loại>][_<số>], <mã xã>/<tờ>/<thửa>/<tệp> hoặc <số phát hành GCN>[_<số>]`,
    `File name ${path} does not follow the convention: <unitCode>_<sheet>_<parcel>[_<type>][_<n>], <unitCode>/<sheet>/<parcel>/<file> or <certificate serial>[_<n>]`,
  );
}

function parcelTarget(unit: string, sheet: string, parcel: string, documentType: string, fileName: string): ParsedName {
  const sheetNumber = Number(sheet);
  const parcelNumber = Number(parcel);
  if (sheetNumber < 1 || parcelNumber < 1) {
    return fail(`Tệp ${fileName}: số tờ và số thửa bắt đầu từ 1`, `File ${fileName}: sheet and parcel numbers start at 1`);
  }
  return { ok: true, target: { kind: 'parcel', unitCode: unit, sheetNumber, parcelNumber }, documentType, fileName };
}

/** The record as people write it, for reports: "25198 tờ 3 thửa 12" or the serial. */
export function describeTarget(target: ScanTarget): string {
  return target.kind === 'parcel' ? `${target.unitCode}/${target.sheetNumber}/${target.parcelNumber}` : target.serial;
}
