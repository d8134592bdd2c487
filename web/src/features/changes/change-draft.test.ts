import { describe, expect, it } from 'vitest';
import { anchorsOf, buildChangeRequest, checkDraft, EMPTY_DRAFT, EMPTY_HOLDER, parseShare, placeFault, shareTotal, type ChangeDraft } from './change-draft';

const parcel = { unitCode: '25201', sheetNumber: 12, parcelNumber: 345 };
const transfer: ChangeDraft = {
  ...EMPTY_DRAFT,
  type: 'transfer',
  legalBasis: 'Hợp đồng chuyển nhượng số 15/2026',
  holders: [{ ...EMPTY_HOLDER, fullName: 'Võ Thị Mai', idNumber: '079085001234', share: '1/3' }, { ...EMPTY_HOLDER, fullName: 'Lê Văn Tám', share: '2/3' }],
};

describe('a change being prepared', () => {
  it('reads shares as decimals (comma or point) and fractions, and totals them', () => {
    expect(parseShare('0,5')).toBe(0.5);
    expect(parseShare('1/4')).toBe(0.25);
    expect(parseShare('abc')).toBeNaN();
    expect(shareTotal(transfer.holders)).toBeCloseTo(1);
  });

  it('names the field at fault before sending anything', () => {
    expect(checkDraft(EMPTY_DRAFT)?.field).toBe('type');
    expect(checkDraft({ ...transfer, legalBasis: 'HĐ' })?.field).toBe('legalBasis');
    expect(checkDraft({ ...transfer, holders: [{ ...EMPTY_HOLDER, fullName: 'Võ Thị Mai', share: '0,5' }] })).toEqual({ field: 'edits/to', message: 'holdersForm.badTotal' });
    expect(checkDraft({ ...transfer, holders: [{ ...EMPTY_HOLDER, fullName: 'V' }] })?.field).toBe('edits/to/0/party/fullName');
    expect(checkDraft(transfer)).toBeNull();
  });

  it('becomes the request the API takes', () => {
    expect(buildChangeRequest(transfer, parcel)).toEqual({
      type: 'transfer',
      parcel,
      legalBasis: 'Hợp đồng chuyển nhượng số 15/2026',
      edits: { to: [
        { party: { kind: 'individual', fullName: 'Võ Thị Mai', idNumber: '079085001234' }, share: 1 / 3 },
        { party: { kind: 'individual', fullName: 'Lê Văn Tám' }, share: 2 / 3 },
      ] },
    });
    const split = buildChangeRequest({ ...transfer, type: 'split', line: [[106.1, 11.2], [106.2, 11.3]] }, parcel);
    expect(split.edits).toEqual({ line: { type: 'LineString', coordinates: [[106.1, 11.2], [106.2, 11.3]] } });
  });

  it('shows a refusal at the field it names, or the nearest field shown above it', () => {
    const anchors = anchorsOf(transfer);
    expect(placeFault('dossierRef', anchors)).toBe('dossierRef');
    expect(placeFault('edits/to/1/party/fullName', anchors)).toBe('edits/to/1/party/fullName');
    expect(placeFault('edits/to/1/party/unknown', anchors)).toBe('edits/to/1');
    expect(placeFault('parcel/sheetNumber', anchors)).toBeNull();
  });
});
