// Which source field carries which of our attributes. Deliveries from ViLIS, ELIS, gCadas,
// FAMIS/eMap and VBDLIS exports name them differently; the defaults below are the names
// seen in those exports (docs/imports.md, "verify" against real deliveries), matched
// without regard to case. An uploader may declare a mapping of their own.

export const MAPPED_FIELDS = ['sheet', 'parcel', 'landUse', 'area', 'address', 'origin', 'unit', 'partyName', 'partyId', 'partyKind'] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];
export type ColumnMapping = Partial<Record<MappedField, string>>;

export const DEFAULT_NAMES: Record<MappedField, string[]> = {
  sheet: ['SHBANDO', 'SOTO', 'SO_TO', 'SOTOBANDO', 'TOBANDO', 'SOHIEUTOBANDO', 'SH_TO', 'TO_BD', 'sheet_number', 'sheetNumber'],
  parcel: ['SOTHUA', 'SO_THUA', 'SOHIEUTHUA', 'THUA', 'SOTHUTUTHUA', 'parcel_number', 'parcelNumber'],
  landUse: ['MALOAIDAT', 'LOAIDAT', 'KHLOAIDAT', 'MDSD', 'MUCDICHSD', 'LOAI_DAT', 'MA_LOAIDAT', 'land_use_code', 'landUseCode'],
  area: ['DIENTICH', 'DIEN_TICH', 'DTPHAPLY', 'DIENTICHPL', 'DT', 'official_area', 'officialArea'],
  address: ['DIACHI', 'DIA_CHI', 'DIACHITHUA', 'address'],
  origin: ['NGUONGOC', 'MANGUONGOC', 'NGUON_GOC', 'origin_code', 'originCode'],
  unit: ['MAXA', 'MA_XA', 'MADVHC', 'MAHC', 'unit_code', 'unitCode'],
  partyName: ['CHUSUDUNG', 'TENCHU', 'TENCSD', 'HOTEN', 'CHUSD', 'party_name'],
  partyId: ['SOGIAYTO', 'SOCMND', 'CMND', 'CCCD', 'SODINHDANH', 'party_id_number'],
  partyKind: ['DOITUONG', 'MADOITUONG', 'LOAIDOITUONG', 'party_kind'],
};

/**
 * The owner kinds of Thông tư 25/2014/TT-BTNMT (cadastral map, "mã đối tượng sử dụng
 * đất", still used by ViLIS and VBDLIS exports) → our party kinds (verify).
 */
export const PARTY_KIND_CODES: Record<string, string> = {
  GDC: 'household', CN: 'individual', HGD: 'household', UBS: 'state', TKT: 'organisation', TCN: 'organisation',
  TCC: 'state', TNG: 'foreign_enterprise', TVN: 'foreign_enterprise', TNN: 'foreign_enterprise', TTG: 'religious',
  CDS: 'community', NNG: 'overseas_vietnamese',
};

/** For each of our fields, the source field that carries it (declared first, then the defaults). */
export function resolveMapping(sourceFields: string[], declared: ColumnMapping = {}): ColumnMapping {
  const byUpper = new Map(sourceFields.map((f) => [f.toUpperCase(), f]));
  const out: ColumnMapping = {};
  for (const field of MAPPED_FIELDS) {
    const wanted = declared[field] ? [declared[field]!] : DEFAULT_NAMES[field];
    const hit = wanted.map((w) => byUpper.get(w.toUpperCase())).find((f) => f !== undefined);
    if (hit) out[field] = hit;
  }
  return out;
}

export interface MappedAttributes {
  sheet: number | null;
  parcel: number | null;
  landUse: string | null;
  area: number | null;
  address: string | null;
  origin: string | null;
}

const integer = (v: unknown): number | null => {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(typeof v === 'string' ? v.trim() : v);
  return Number.isInteger(n) && n > 0 && n < 2 ** 31 ? n : null;
};
const decimal = (v: unknown): number | null => {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(typeof v === 'string' ? v.trim().replace(',', '.') : v);
  return Number.isFinite(n) ? Math.round(n * 10) / 10 : null;
};
const text = (v: unknown, max: number): string | null => {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s.slice(0, max);
};

export function mapAttributes(properties: Record<string, unknown>, mapping: ColumnMapping): MappedAttributes {
  const get = (f: MappedField) => (mapping[f] ? properties[mapping[f]!] : null);
  return {
    sheet: integer(get('sheet')),
    parcel: integer(get('parcel')),
    landUse: text(get('landUse'), 20)?.toUpperCase() ?? null,
    area: decimal(get('area')),
    address: text(get('address'), 300),
    origin: text(get('origin'), 20)?.toUpperCase() ?? null,
  };
}
