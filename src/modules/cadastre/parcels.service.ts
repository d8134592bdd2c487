// Use cases of parcel look-up: the rules of what is found, not found or ambiguous.
import type { Queryable } from '../../db/database.js';
import { AppError, errors } from '../../kernel/app-error.js';
import { unitLineageIds } from '../units/index.js';
import { findLiveParcels, parcelsOfUnitGeoJson, type ParcelDetail, type ParcelKey, type ParcelsOfUnitQuery } from './parcels.repo.js';

export interface ParcelsOfUnitRequest extends Omit<ParcelsOfUnitQuery, 'unitIds'> {
  unitCode: string;
  /** the date the unit is valid on */
  asOf: string;
}

export async function getParcelsOfUnit(db: Queryable, query: ParcelsOfUnitRequest): Promise<string> {
  const unitIds = await unitLineageIds(db, query.unitCode, query.asOf);
  if (unitIds.length === 0) {
    throw errors.notFound(
      { vi: `đơn vị hành chính mã ${query.unitCode} vào ngày ${query.asOf}`, en: `Administrative unit ${query.unitCode} on ${query.asOf}` },
      { field: 'code', unitCode: query.unitCode, asOf: query.asOf },
    );
  }
  return parcelsOfUnitGeoJson(db, { unitIds, bbox: query.bbox, limit: query.limit });
}

export async function getParcel(db: Queryable, unitCode: string, sheet: number, parcelNumber: number): Promise<ParcelDetail> {
  const found = await findLiveParcels(db, [{ unitCode, sheetNumber: sheet, parcelNumber }]);
  const where = { unitCode, sheetNumber: sheet, parcelNumber };
  if (found.length === 0) {
    throw errors.notFound(
      { vi: `thửa đất số ${parcelNumber}, tờ bản đồ số ${sheet}, đơn vị ${unitCode}`, en: `Parcel ${parcelNumber} on map sheet ${sheet} of unit ${unitCode}` },
      where,
    );
  }
  if (found.length > 1) {
    // A code reused by a successor unit after a merger, with the same sheet and number in both.
    throw new AppError(
      'CONFLICT',
      { vi: 'Mã đơn vị được dùng cho nhiều đơn vị theo thời kỳ; số tờ, số thửa trùng nhau', en: 'The unit code was used by several units over time and both hold this sheet and parcel number' },
      { ...where, candidates: found.map((p) => ({ id: p.id, unitName: p.unitName })) },
    );
  }
  return found[0]!;
}

/** Many keys at once (agencies check lists of parcels): what was found and what was not. */
export async function lookupParcels(db: Queryable, keys: ParcelKey[]): Promise<{ found: ParcelDetail[]; notFound: ParcelKey[] }> {
  const found = await findLiveParcels(db, keys);
  const seen = new Set(found.map((p) => `${p.unitCode}/${p.sheetNumber}/${p.parcelNumber}`));
  return { found, notFound: keys.filter((k) => !seen.has(`${k.unitCode}/${k.sheetNumber}/${k.parcelNumber}`)) };
}
