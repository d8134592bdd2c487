// Use cases of parcel look-up: the rules of what is found, not found or ambiguous.
import type { Database, Queryable } from '../../db/database.js';
import { actAs, appendAudit, type Actor } from '../audit/index.js';
import { maskHolder, type Holder } from './personal-data.js';
import { AppError, errors } from '../../kernel/app-error.js';
import { unitLineageIds } from '../units/index.js';
import { findLiveParcels, holdersOfParcel, parcelsOfUnitGeoJson, type ParcelDetail, type ParcelKey, type ParcelsOfUnitQuery } from './parcels.repo.js';

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
export async function lookupParcels(
  db: Queryable,
  keys: ParcelKey[],
  inScope: (unitCode: string) => Promise<boolean>,
): Promise<{ found: ParcelDetail[]; notFound: ParcelKey[] }> {
  const codes = [...new Set(keys.map((k) => k.unitCode))];
  const permitted = new Set((await Promise.all(codes.map(async (c) => ((await inScope(c)) ? c : null)))).filter((c) => c !== null));
  const found = (await findLiveParcels(db, keys)).filter((p) => permitted.has(p.unitCode));
  const seen = new Set(found.map((p) => `${p.unitCode}/${p.sheetNumber}/${p.parcelNumber}`));
  return { found, notFound: keys.filter((k) => !seen.has(`${k.unitCode}/${k.sheetNumber}/${k.parcelNumber}`)) };
}

/**
 * The land users of a parcel. Unmasked only for a caller whose role reads personal data
 * on that unit, and then the read is logged (P4): who read whose data, when, why.
 */
export async function getHolders(
  db: Database,
  actor: Actor,
  key: ParcelKey,
  mayReadPersonal: boolean,
  at: Date,
): Promise<{ parcelId: string; masked: boolean; holders: Holder[] }> {
  const parcel = await getParcel(db, key.unitCode, key.sheetNumber, key.parcelNumber);
  const holders = await holdersOfParcel(db, parcel.id, at);
  if (!mayReadPersonal) return { parcelId: parcel.id, masked: true, holders: holders.map(maskHolder) };
  await actAs(db, actor, (tx) =>
    appendAudit(tx, actor, {
      action: 'read.personal',
      objectType: 'parcel',
      objectId: parcel.id,
      details: { parties: holders.map((h) => h.partyId), fields: ['fullName', 'idNumber', 'birthYear', 'address'] },
    }),
  );
  return { parcelId: parcel.id, masked: false, holders };
}
