// Use cases of parcel look-up: the rules of what is found, not found or ambiguous.
import type { Database, Queryable } from '../../db/database.js';
import { actAs, appendAudit, type Actor } from '../audit/index.js';
import { maskHolder, type Holder } from './personal-data.js';
import { AppError, errors } from '../../kernel/app-error.js';
import { unitLineageIds } from '../units/index.js';
import {
  findLiveParcels, findParcelsAsOf, holdersOfParcel, parcelsAtPoint, parcelsOfUnitGeoJson,
  type ParcelAtPoint, type ParcelDetail, type ParcelKey, type ParcelsOfUnitQuery,
} from './parcels.repo.js';

export interface ParcelsOfUnitRequest extends Omit<ParcelsOfUnitQuery, 'unitIds' | 'before'> {
  unitCode: string;
  /** the date the unit is valid on */
  asOf: string;
  /** true: the parcels in force at the end of that day; false: the live ones (the fast path) */
  parcelsAsOf: boolean;
}

/**
 * The first instant after a calendar day in Vietnam (one time zone, UTC+7, no daylight
 * saving): what was in force at the end of the day is what was in force just before it.
 */
export function endOfDayInVietnam(day: string): Date {
  const next = new Date(`${day}T00:00:00+07:00`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

export async function getParcelsOfUnit(db: Queryable, query: ParcelsOfUnitRequest): Promise<string> {
  const unitIds = await unitLineageIds(db, query.unitCode, query.asOf);
  if (unitIds.length === 0) {
    throw errors.notFound(
      { vi: `đơn vị hành chính mã ${query.unitCode} vào ngày ${query.asOf}`, en: `Administrative unit ${query.unitCode} on ${query.asOf}` },
      { field: 'code', unitCode: query.unitCode, asOf: query.asOf },
    );
  }
  const before = query.parcelsAsOf ? endOfDayInVietnam(query.asOf) : undefined;
  return parcelsOfUnitGeoJson(db, { unitIds, bbox: query.bbox, limit: query.limit, before });
}

/**
 * The parcel with this key: the live one, or with `asOf` the version in force then
 * (found even if it has ended since, e.g. the parent of a split).
 */
export async function getParcel(db: Queryable, unitCode: string, sheet: number, parcelNumber: number, asOf?: Date): Promise<ParcelDetail> {
  const key = { unitCode, sheetNumber: sheet, parcelNumber };
  const found = asOf ? await findParcelsAsOf(db, key, asOf) : await findLiveParcels(db, [key]);
  const where = asOf ? { ...key, asOf: asOf.toISOString() } : key;
  if (found.length === 0) {
    const when = asOf ? { vi: ` vào thời điểm ${asOf.toISOString()}`, en: ` as of ${asOf.toISOString()}` } : { vi: '', en: '' };
    throw errors.notFound(
      { vi: `thửa đất số ${parcelNumber}, tờ bản đồ số ${sheet}, đơn vị ${unitCode}${when.vi}`, en: `Parcel ${parcelNumber} on map sheet ${sheet} of unit ${unitCode}${when.en}` },
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
 * The land users of a parcel at a time: `asOf` resolves the key and reads the record as
 * of then; without it the live parcel's holders now. Unmasked only for a caller whose
 * role reads personal data on that unit, and then the read is logged (P4): who read
 * whose data, when, why.
 */
export async function getHolders(
  db: Database,
  actor: Actor,
  key: ParcelKey,
  mayReadPersonal: boolean,
  asOf: Date | undefined,
  now: Date,
): Promise<{ parcelId: string; masked: boolean; holders: Holder[] }> {
  const parcel = await getParcel(db, key.unitCode, key.sheetNumber, key.parcelNumber, asOf);
  const holders = await holdersOfParcel(db, parcel.id, asOf ?? now);
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

/** Vietnam's rough extent: a point outside it is a mistake (swapped lon/lat, another CRS). */
export const VIETNAM_BOUNDS = { lon: [102, 110], lat: [8, 24] } as const;

/** The parcels containing a WGS84 point at a time (public: no personal data). */
export async function getParcelsAtPoint(db: Queryable, lon: number, lat: number, at: Date): Promise<ParcelAtPoint[]> {
  for (const [field, value] of [['lon', lon], ['lat', lat]] as const) {
    const [min, max] = VIETNAM_BOUNDS[field];
    if (!(value >= min && value <= max)) {
      throw errors.invalid(
        { vi: `${field} = ${value} nằm ngoài lãnh thổ Việt Nam (${min}..${max}, WGS84)`, en: `${field} = ${value} is outside Vietnam (${min}..${max}, WGS84)` },
        { field: `querystring/${field}`, value, min, max },
      );
    }
  }
  return parcelsAtPoint(db, lon, lat, at);
}
