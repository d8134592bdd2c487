// A change transaction being prepared: the form's state (every field a string, so that
// nothing typed is lost), the checks made before sending, the request it becomes and
// the fields a refusal can be shown next to. Pure.
import type { ChangeEdits, ChangeRequest, ChangeTypeCode, NewHolder, ParcelKey } from '../../api';
import type { MessageKey } from '../../i18n';

export const RIGHTS_TYPES: readonly ChangeTypeCode[] = ['transfer', 'inheritance', 'gift', 'capital_contribution'];
export const CHANGE_TYPES: readonly ChangeTypeCode[] = [
  ...RIGHTS_TYPES, 'mortgage', 'mortgage_release', 'purpose_change', 'split', 'merge', 'certificate_reissue',
];
export const PARTY_KINDS = ['individual', 'household', 'couple', 'organisation'] as const;

export interface HolderDraft {
  readonly mode: 'new' | 'existing';
  readonly partyId: string;
  readonly kind: string;
  readonly fullName: string;
  readonly idNumber: string;
  readonly birthYear: string;
  readonly address: string;
  readonly share: string;
}

export interface PurposeDraft {
  readonly landUseCode: string;
  readonly area: string;
  readonly termEnd: string;
  readonly originCode: string;
}

export interface ReissueDraft {
  readonly oldSerial: string;
  readonly reason: 'exchange' | 'lost';
  readonly serial: string;
  readonly form: string;
  readonly entryNumber: string;
  readonly issuedOn: string;
  readonly issuer: string;
}

export interface ChangeDraft {
  readonly type: ChangeTypeCode | '';
  readonly legalBasis: string;
  readonly dossierRef: string;
  readonly holders: readonly HolderDraft[];
  readonly lenderName: string;
  readonly contractRef: string;
  readonly amount: string;
  readonly restrictionId: string;
  readonly purposes: readonly PurposeDraft[];
  /** The cutting line of a split, as clicked on the map: [lon, lat]. */
  readonly line: readonly (readonly [number, number])[];
  readonly merge: readonly { readonly sheet: string; readonly parcel: string }[];
  readonly reissue: ReissueDraft;
}

export const EMPTY_HOLDER: HolderDraft = {
  mode: 'new', partyId: '', kind: 'individual', fullName: '', idNumber: '', birthYear: '', address: '', share: '1',
};
export const EMPTY_PURPOSE: PurposeDraft = { landUseCode: '', area: '', termEnd: '', originCode: '' };

export const EMPTY_DRAFT: ChangeDraft = {
  type: '', legalBasis: '', dossierRef: '', holders: [EMPTY_HOLDER], lenderName: '', contractRef: '', amount: '',
  restrictionId: '', purposes: [EMPTY_PURPOSE], line: [], merge: [{ sheet: '', parcel: '' }],
  reissue: { oldSerial: '', reason: 'exchange', serial: '', form: 'gcn_2024', entryNumber: '', issuedOn: '', issuer: '' },
};

/** A share typed as a decimal (0,5 or 0.5) or a fraction (1/3); NaN when unreadable. */
export function parseShare(text: string): number {
  const value = text.trim().replace(',', '.');
  const fraction = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(value);
  if (fraction) return Number(fraction[1]) / Number(fraction[2]);
  return /^\d*\.?\d+$/.test(value) ? Number(value) : Number.NaN;
}

export function shareTotal(holders: readonly HolderDraft[]): number {
  return holders.reduce((sum, holder) => sum + (parseShare(holder.share) || 0), 0);
}

export const sharesComplete = (total: number): boolean => Math.abs(total - 1) <= 1e-6;

/** A complaint about the draft: the field it concerns and what to say. */
export interface Complaint {
  readonly field: string;
  readonly message: MessageKey;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SERIAL = /^[A-Z]{2}[0-9]{6,8}$/;
const positive = (text: string): boolean => Number(text.replace(',', '.')) > 0;

function checkHolders(holders: readonly HolderDraft[]): Complaint | null {
  for (const [i, h] of holders.entries()) {
    if (h.mode === 'existing') {
      if (!UUID.test(h.partyId.trim())) return { field: `edits/to/${i}/partyId`, message: 'holdersForm.needPartyId' };
    } else {
      const base = `edits/to/${i}/party`;
      if (h.fullName.trim().length < 2) return { field: `${base}/fullName`, message: 'holdersForm.needName' };
      if (h.idNumber.trim() && !/^[0-9A-Z]{6,20}$/.test(h.idNumber.trim())) return { field: `${base}/idNumber`, message: 'holdersForm.badId' };
      const year = Number(h.birthYear);
      if (h.birthYear.trim() && !(Number.isInteger(year) && year >= 1880 && year <= 2100)) {
        return { field: `${base}/birthYear`, message: 'holdersForm.badYear' };
      }
    }
    const share = parseShare(h.share);
    if (!(share > 0 && share <= 1)) return { field: `edits/to/${i}/share`, message: 'holdersForm.badShare' };
  }
  return sharesComplete(shareTotal(holders)) ? null : { field: 'edits/to', message: 'holdersForm.badTotal' };
}

export function checkDraft(d: ChangeDraft): Complaint | null {
  if (!d.type) return { field: 'type', message: 'change.needType' };
  if (d.legalBasis.trim().length < 3) return { field: 'legalBasis', message: 'change.needLegalBasis' };
  switch (d.type) {
    case 'mortgage':
      if (d.lenderName.trim().length < 2) return { field: 'edits/lender', message: 'mortgageForm.needLender' };
      if (!d.contractRef.trim()) return { field: 'edits/contractRef', message: 'mortgageForm.needContract' };
      if (d.amount.trim() && !/^\d+$/.test(d.amount.replace(/[.\s]/g, ''))) return { field: 'edits/amount', message: 'mortgageForm.badAmount' };
      return null;
    case 'mortgage_release':
      return d.restrictionId ? null : { field: 'edits/restrictionId', message: 'releaseForm.needPick' };
    case 'purpose_change':
      return d.purposes.every((p) => p.landUseCode && p.originCode && positive(p.area))
        ? null
        : { field: 'edits/purposes', message: 'purposeForm.needAll' };
    case 'split':
      return d.line.length >= 2 ? null : { field: 'edits/line', message: 'splitForm.needLine' };
    case 'merge':
      return d.merge.every((m) => positive(m.sheet) && positive(m.parcel)) ? null : { field: 'edits/with', message: 'mergeForm.needParcels' };
    case 'certificate_reissue': {
      const r = d.reissue;
      if (!SERIAL.test(r.oldSerial.trim())) return { field: 'edits/certificateSerial', message: 'reissueForm.badSerial' };
      if (!SERIAL.test(r.serial.trim())) return { field: 'edits/newCertificate/serial', message: 'reissueForm.badSerial' };
      if (!r.entryNumber.trim() || !r.issuedOn || r.issuer.trim().length < 3) return { field: 'edits/newCertificate', message: 'reissueForm.needAll' };
      return null;
    }
    default:
      return checkHolders(d.holders);
  }
}

function holderOf(h: HolderDraft): NewHolder {
  const share = parseShare(h.share);
  if (h.mode === 'existing') return { partyId: h.partyId.trim(), share };
  return {
    party: {
      kind: h.kind,
      fullName: h.fullName.trim(),
      ...(h.idNumber.trim() ? { idNumber: h.idNumber.trim() } : {}),
      ...(h.birthYear.trim() ? { birthYear: Number(h.birthYear) } : {}),
      ...(h.address.trim() ? { address: h.address.trim() } : {}),
    },
    share,
  };
}

function editsOf(d: ChangeDraft, parcel: ParcelKey): ChangeEdits {
  switch (d.type) {
    case 'mortgage': {
      const amount = d.amount.replace(/[.\s]/g, '');
      return {
        lender: { party: { kind: 'organisation', fullName: d.lenderName.trim() } },
        contractRef: d.contractRef.trim(),
        ...(amount ? { amount: Number(amount) } : {}),
      };
    }
    case 'mortgage_release':
      return { restrictionId: d.restrictionId };
    case 'purpose_change':
      return {
        purposes: d.purposes.map((p) => ({
          landUseCode: p.landUseCode, area: Number(p.area.replace(',', '.')), originCode: p.originCode, ...(p.termEnd ? { termEnd: p.termEnd } : {}),
        })),
      };
    case 'split':
      return { line: { type: 'LineString', coordinates: d.line.map(([lon, lat]) => [lon, lat]) } };
    case 'merge':
      return { with: d.merge.map((m) => ({ unitCode: parcel.unitCode, sheetNumber: Number(m.sheet), parcelNumber: Number(m.parcel) })) };
    case 'certificate_reissue': {
      const r = d.reissue;
      return {
        certificateSerial: r.oldSerial.trim(),
        reason: r.reason,
        newCertificate: { serial: r.serial.trim(), form: r.form, entryNumber: r.entryNumber.trim(), issuedOn: r.issuedOn, issuer: r.issuer.trim() },
      };
    }
    default:
      return { to: d.holders.map(holderOf) };
  }
}

export function buildChangeRequest(d: ChangeDraft, parcel: ParcelKey): ChangeRequest {
  return {
    type: d.type as ChangeTypeCode,
    parcel,
    legalBasis: d.legalBasis.trim(),
    ...(d.dossierRef.trim() ? { dossierRef: d.dossierRef.trim() } : {}),
    edits: editsOf(d, parcel),
  };
}

/** The fields of the draft's type that a message can be shown next to. */
export function anchorsOf(d: ChangeDraft): string[] {
  const anchors = ['type', 'legalBasis', 'dossierRef', 'edits'];
  if (d.type === '' || RIGHTS_TYPES.includes(d.type)) {
    anchors.push('edits/to');
    d.holders.forEach((_, i) => {
      anchors.push(`edits/to/${i}`);
      for (const name of ['partyId', 'share', 'party/fullName', 'party/idNumber', 'party/birthYear', 'party/address', 'party/kind']) {
        anchors.push(`edits/to/${i}/${name}`);
      }
    });
  }
  const more: Partial<Record<ChangeTypeCode, string[]>> = {
    mortgage: ['edits/lender', 'edits/contractRef', 'edits/amount'],
    mortgage_release: ['edits/restrictionId'],
    purpose_change: ['edits/purposes'],
    split: ['edits/line', 'edits/parts'],
    merge: ['edits/with'],
    certificate_reissue: ['edits/certificateSerial', 'edits/reason', 'edits/newCertificate',
      ...['serial', 'entryNumber', 'issuedOn', 'issuer'].map((name) => `edits/newCertificate/${name}`)],
  };
  if (d.type === 'purpose_change') d.purposes.forEach((_, i) => anchors.push(`edits/purposes/${i}/area`, `edits/purposes/${i}/termEnd`));
  if (d.type === 'merge') d.merge.forEach((_, i) => anchors.push(`edits/with/${i}/sheetNumber`, `edits/with/${i}/parcelNumber`));
  return [...anchors, ...((d.type && more[d.type]) || [])];
}

/** The anchor a refusal about this field is shown at: the field or its nearest shown parent. */
export function placeFault(field: string | null, anchors: readonly string[]): string | null {
  let path = field;
  while (path) {
    if (anchors.includes(path)) return path;
    path = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : null;
  }
  return null;
}
