// Rules of change transactions that need no database: what each type's edits must
// contain, and that shares of a right add up to the whole. Pure.
import { errors } from '../../kernel/app-error.js';

export type RightsChangeType = 'transfer' | 'inheritance' | 'gift' | 'capital_contribution';
/** Changes that end the parcel's version and start new ones (new geometry, area or purposes). */
export type ParcelChangeType = 'split' | 'merge' | 'purpose_change' | 'boundary_correction';
export type ChangeType = RightsChangeType | ParcelChangeType | 'first_registration' | 'mortgage' | 'mortgage_release' | 'certificate_reissue';
export const RIGHTS_CHANGE_TYPES: readonly RightsChangeType[] = ['transfer', 'inheritance', 'gift', 'capital_contribution'];
export const PARCEL_CHANGE_TYPES: readonly ParcelChangeType[] = ['split', 'merge', 'purpose_change', 'boundary_correction'];
export const CHANGE_TYPES: readonly ChangeType[] = ['first_registration', ...RIGHTS_CHANGE_TYPES, ...PARCEL_CHANGE_TYPES, 'mortgage', 'mortgage_release', 'certificate_reissue'];

export interface NewParty {
  kind: 'individual' | 'household' | 'couple' | 'organisation';
  fullName: string;
  idNumber?: string | undefined;
  birthYear?: number | undefined;
  address?: string | undefined;
}

/** An existing party by id, or a new one to register with the change. */
export type PartyRef = { partyId: string } | { party: NewParty };

export interface RightsEdits {
  to: Array<PartyRef & { share: number }>;
}

/** Đăng ký lần đầu: the first land users of a parcel, and the certificate issued to them if it is issued now. */
export interface FirstRegistrationEdits extends RightsEdits {
  certificate?: NewCertificate | undefined;
}

export interface MortgageEdits {
  lender: PartyRef;
  amount?: number | undefined;
  contractRef: string;
}

export interface ReleaseEdits {
  restrictionId: string;
}

/** GeoJSON geometry as sent; coordinates in EPSG:4326 unless `srid` names the parcel's VN-2000 zone. */
export interface GeoJsonGeometry {
  type: 'Polygon' | 'MultiPolygon' | 'LineString';
  coordinates: unknown;
}

/** Split by a cutting line, or into given parts (each with a declared area, else the computed one). */
export type SplitEdits = { srid?: number | undefined } & (
  | { line: GeoJsonGeometry }
  | { parts: Array<{ geometry: GeoJsonGeometry; officialArea?: number | undefined }> }
);

export interface MergeEdits {
  /** the other parcels, merged with the one the change is filed on */
  with: Array<{ unitCode: string; sheetNumber: number; parcelNumber: number }>;
}

export interface Purpose {
  landUseCode: string;
  area: number;
  /** YYYY-MM-DD; absent: long-term use */
  termEnd?: string | undefined;
  originCode: string;
}

export interface PurposeEdits {
  purposes: Purpose[];
}

export interface BoundaryEdits {
  geometry: GeoJsonGeometry;
  srid?: number | undefined;
  officialArea?: number | undefined;
}

/** The certificate forms a certificate row may have (certificate.form, migration 0012). */
export const CERTIFICATE_FORM_CODES = ['gcn_2024', 'gcn_2014', 'gcn_2009', 'gcn_qsdd', 'so_hong'] as const;

export interface NewCertificate {
  serial: string;
  form: (typeof CERTIFICATE_FORM_CODES)[number];
  entryNumber: string;
  issuedOn: string;
  issuer: string;
}

export interface ReissueEdits {
  certificateSerial: string;
  /** exchange (cấp đổi) of a worn or outdated certificate, or reissue after loss (cấp lại) */
  reason: 'exchange' | 'lost';
  newCertificate: NewCertificate;
}

export type ChangeEdits = RightsEdits | FirstRegistrationEdits | MortgageEdits | ReleaseEdits | SplitEdits | MergeEdits | PurposeEdits | BoundaryEdits | ReissueEdits;

/**
 * The tolerance of an official area against the area computed from the geometry
 * (hạn sai diện tích): factor × M × √P, M the sheet's scale denominator (the factor is the
 * setting cadastre.area_tolerance_factor, 0.0004 = 2 × 0.0002 after Thông tư 25/2014/TT-BTNMT
 * Điều 7, kept by Thông tư 26/2024/TT-BTNMT; verify). Never below the 0.1 m² the area is rounded to.
 */
export function areaTolerance(area: number, scale: number, factor: number): number {
  return Math.max(0.1, factor * scale * Math.sqrt(Math.max(area, 0)));
}

/** Areas of purposes or parts must add up to the whole within the tolerance. */
export function checkAreasAddUp(parts: number[], whole: number, tolerance: number, field: string): void {
  const total = Math.round(parts.reduce((sum, a) => sum + a, 0) * 10) / 10;
  if (Math.abs(total - whole) > tolerance) {
    throw errors.invalid(
      { vi: `Tổng diện tích (${total} m²) lệch khỏi diện tích thửa (${whole} m²) quá hạn sai ${tolerance.toFixed(1)} m²`, en: `The areas add up to ${total} m², which differs from the parcel's ${whole} m² by more than the tolerance of ${tolerance.toFixed(1)} m²` },
      { field, total, whole, tolerance },
    );
  }
}

/**
 * Shares of purposes over a new area (a split child, a corrected boundary): each purpose
 * keeps its proportion, rounded to 0.1 m², the largest one absorbing the rounding.
 */
export function scalePurposes(purposes: Purpose[], newArea: number): Purpose[] {
  const total = purposes.reduce((sum, p) => sum + p.area, 0);
  const scaled = purposes.map((p) => ({ ...p, area: Math.round((p.area / total) * newArea * 10) / 10 }));
  const largest = scaled.reduce((best, p, i) => (p.area > scaled[best]!.area ? i : best), 0);
  const rest = scaled.reduce((sum, p, i) => (i === largest ? sum : sum + p.area), 0);
  scaled[largest] = { ...scaled[largest]!, area: Math.round((newArea - rest) * 10) / 10 };
  return scaled;
}

/** Purposes of a merged parcel: the same code, origin and term add up. */
export function combinePurposes(purposes: Purpose[]): Purpose[] {
  const byKey = new Map<string, Purpose>();
  for (const p of purposes) {
    const k = `${p.landUseCode}|${p.originCode}|${p.termEnd ?? ''}`;
    const seen = byKey.get(k);
    byKey.set(k, seen ? { ...seen, area: Math.round((seen.area + p.area) * 10) / 10 } : { ...p });
  }
  return [...byKey.values()];
}

/** The parcel's main land use: the purpose with the largest area. */
export function mainLandUse(purposes: Purpose[]): string {
  return purposes.reduce((best, p) => (p.area > best.area ? p : best)).landUseCode;
}

const SHARE_TOLERANCE = 1e-6;

/** Throws a 400 naming the field at fault when the edits do not fit the type. */
export function checkEdits(type: ChangeType, edits: ChangeEdits): void {
  if (type === 'first_registration' || (RIGHTS_CHANGE_TYPES as readonly string[]).includes(type)) {
    const to = (edits as RightsEdits).to;
    if (!Array.isArray(to) || to.length === 0) {
      throw errors.invalid({ vi: 'Cần ít nhất một người nhận quyền', en: 'At least one new right holder is needed' }, { field: 'body/edits/to' });
    }
    const total = to.reduce((sum, holder) => sum + holder.share, 0);
    if (Math.abs(total - 1) > SHARE_TOLERANCE) {
      throw errors.invalid(
        { vi: `Tổng phần quyền phải bằng 1 (hiện là ${total})`, en: `The shares must add up to 1 (they add up to ${total})` },
        { field: 'body/edits/to', total },
      );
    }
    return;
  }
  if (type === 'mortgage' && !('lender' in edits && 'contractRef' in edits)) {
    throw errors.invalid({ vi: 'Thiếu bên nhận thế chấp hoặc hợp đồng', en: 'The lender or the contract is missing' }, { field: 'body/edits' });
  }
  if (type === 'mortgage_release' && !('restrictionId' in edits)) {
    throw errors.invalid({ vi: 'Thiếu đăng ký thế chấp cần xóa', en: 'The mortgage to release is missing' }, { field: 'body/edits/restrictionId' });
  }
  const missing = (field: string, vi: string, en: string) => {
    throw errors.invalid({ vi, en }, { field: `body/edits/${field}` });
  };
  if (type === 'split' && !('line' in edits) && !('parts' in edits)) missing('line', 'Cần đường cắt hoặc các phần thửa mới', 'A cutting line or the new parts are needed');
  if (type === 'split' && 'parts' in edits && edits.parts.length < 2) missing('parts', 'Tách thửa cần ít nhất hai phần', 'A split needs at least two parts');
  if (type === 'merge' && !('with' in edits && edits.with.length > 0)) missing('with', 'Cần ít nhất một thửa để hợp', 'At least one parcel to merge with is needed');
  if (type === 'purpose_change' && !('purposes' in edits && edits.purposes.length > 0)) missing('purposes', 'Cần ít nhất một mục đích sử dụng', 'At least one land-use purpose is needed');
  if (type === 'boundary_correction' && !('geometry' in edits)) missing('geometry', 'Thiếu ranh giới thửa mới', 'The corrected boundary is missing');
  if (type === 'certificate_reissue' && !('certificateSerial' in edits && 'newCertificate' in edits)) {
    missing('newCertificate', 'Thiếu Giấy chứng nhận cũ hoặc mới', 'The old or the new certificate is missing');
  }
}
