// Reads what was typed into the search box: "12/345" is sheet/parcel (within the chosen
// unit), 9 to 12 digits an ID number (CMND/CCCD), anything else a name.
import type { ParcelSearchRequest } from '../../api';

export const SEARCH_PAGE_SIZE = 20;

/** The request for this text and unit, or null when there is nothing to search for. */
export function buildSearchRequest(text: string, unitCode: string | null): ParcelSearchRequest | null {
  const value = text.normalize('NFC').trim().replace(/\s+/g, ' ');
  const unit = unitCode ? { unitCode } : {};
  const key = /^(\d{1,4}) ?\/ ?(\d{1,5})$/.exec(value);
  if (key) {
    const sheetNumber = Number(key[1]);
    const parcelNumber = Number(key[2]);
    if (sheetNumber >= 1 && parcelNumber >= 1) return { ...unit, sheetNumber, parcelNumber, limit: SEARCH_PAGE_SIZE };
  }
  if (/^\d{9,12}$/.test(value)) return { ...unit, idNumber: value, limit: SEARCH_PAGE_SIZE };
  if (value.length >= 2) return { ...unit, name: value.slice(0, 100), limit: SEARCH_PAGE_SIZE };
  if (value === '' && unitCode) return { unitCode, limit: SEARCH_PAGE_SIZE };
  return null;
}
