// Reading the versioned record (issue #4): a parcel's versions and relatives, and the
// record of a parcel at two times side by side. A parcel is followed by its identity
// (parcel_uid) across versions, so a renumbered or re-surveyed parcel stays one parcel.
import type { Database, Queryable } from '../../db/database.js';
import type { Actor } from '../audit/index.js';
import { AppError, errors } from '../../kernel/app-error.js';
import { restrictionsAsOf, type RestrictionRow } from './changes.repo.js';
import { maskHolder, type Holder } from './personal-data.js';
import { holdersOfParcel, parcelVersionDetailAt, type ParcelDetail, type ParcelKey, type ParcelVersionWithGeometry } from './parcels.repo.js';
import { getParcel } from './parcels.service.js';
import { logPersonalRead, partiesIn, recordsAsOf, type ParcelRecords } from './records.service.js';
import { relativesOfParcel, versionsOfParcel, type VersionRow } from './versions.repo.js';

export interface ParcelVersions {
  parcelUid: string;
  unitCode: string;
  versions: VersionRow[];
  /** versions of other parcels this one came from (split, merge) */
  parents: Array<ParcelKey & { id: string; validTo: string | null }>;
  /** parcels made from this one */
  children: Array<ParcelKey & { id: string; validFrom: string }>;
}

/** The versions of the parcel with this key (live, or as of `asOf`), oldest first, with its relatives. */
export async function getParcelVersions(db: Queryable, key: ParcelKey, asOf: Date | undefined): Promise<ParcelVersions> {
  const parcel = await getParcel(db, key.unitCode, key.sheetNumber, key.parcelNumber, asOf);
  const [versions, relatives] = await Promise.all([versionsOfParcel(db, parcel.parcelUid), relativesOfParcel(db, parcel.parcelUid)]);
  return {
    parcelUid: parcel.parcelUid,
    unitCode: parcel.unitCode,
    versions,
    parents: relatives.filter((r) => r.relation === 'parent').map(({ id, unitCode, sheetNumber, parcelNumber, validTo }) => ({ id, unitCode, sheetNumber, parcelNumber, validTo })),
    children: relatives.filter((r) => r.relation === 'child').map(({ id, unitCode, sheetNumber, parcelNumber, validFrom }) => ({ id, unitCode, sheetNumber, parcelNumber, validFrom })),
  };
}

/** The record of a parcel at one time. */
export interface Snapshot {
  at: string;
  parcel: ParcelDetail;
  /** GeoJSON MultiPolygon, EPSG:4326 */
  geometry: ParcelVersionWithGeometry['geometry'];
  holders: Holder[];
  restrictions: RestrictionRow[];
  // The rest of the land record's content, from records.service.ts (recordsAsOf).
  purposes: ParcelRecords['purposes'];
  assets: ParcelRecords['assets'];
  certificates: ParcelRecords['certificates'];
}

export interface Comparison {
  parcelUid: string;
  masked: boolean;
  from: Snapshot | null;
  to: Snapshot | null;
  /** the fields that differ; ['existence'] when the parcel existed at one time only */
  differences: string[];
}

/** The parcel's own fields compared (ids, lifespans and derived values such as the centroid are not). */
const PARCEL_FIELDS = ['unitCode', 'sheetNumber', 'parcelNumber', 'officialArea', 'landUseCode', 'address', 'nationalCode'] as const;
/** The parts of a record compared as lists, whatever order they come in. */
const LIST_FIELDS = ['holders', 'restrictions', 'purposes', 'assets', 'certificates'] as const;
/** What every copy onto a new version changes without changing the record. */
const VOLATILE = new Set(['id', 'validFrom', 'validTo']);

/** A value with its volatile keys left out and its lists in a fixed order: equal records compare equal. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable).map((v) => JSON.stringify(v)).sort();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !VOLATILE.has(k)).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, comparable(v)]));
  }
  return value;
}

/** The names of the fields in which two snapshots of one parcel differ. Pure. */
export function differencesBetween(from: Snapshot | null, to: Snapshot | null): string[] {
  if (from === null && to === null) return [];
  if (from === null || to === null) return ['existence'];
  const same = (a: unknown, b: unknown) => JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));
  return [
    ...PARCEL_FIELDS.filter((f) => !same(from.parcel[f], to.parcel[f])),
    ...(same(from.geometry, to.geometry) ? [] : ['geometry']),
    ...LIST_FIELDS.filter((f) => !same(from[f], to[f])),
  ];
}

export interface CompareRequest {
  key: ParcelKey;
  from: Date;
  to: Date;
  mayReadPersonal: boolean;
}

/** The parcel a key names at either time (the later first), or now: its identity. */
async function parcelUidOfKey(db: Queryable, key: ParcelKey, times: Date[]): Promise<string> {
  for (const at of [...times, undefined]) {
    try {
      return (await getParcel(db, key.unitCode, key.sheetNumber, key.parcelNumber, at)).parcelUid;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
    }
  }
  throw errors.notFound(
    { vi: `thửa đất số ${key.parcelNumber}, tờ bản đồ số ${key.sheetNumber}, đơn vị ${key.unitCode}`, en: `Parcel ${key.parcelNumber} on map sheet ${key.sheetNumber} of unit ${key.unitCode}` },
    { ...key, from: times[1]?.toISOString(), to: times[0]?.toISOString() },
  );
}

async function snapshotAt(db: Queryable, parcelUid: string, at: Date, mayReadPersonal: boolean): Promise<Snapshot | null> {
  const version = await parcelVersionDetailAt(db, parcelUid, at);
  if (!version) return null;
  const [holders, restrictions, records] = await Promise.all([
    holdersOfParcel(db, version.id, at),
    restrictionsAsOf(db, version.id, at),
    recordsAsOf(db, parcelUid, at, mayReadPersonal),
  ]);
  const { geometry, ...parcel } = version;
  return {
    at: at.toISOString(),
    parcel,
    geometry,
    holders: mayReadPersonal ? holders : holders.map(maskHolder),
    restrictions,
    purposes: records.purposes,
    assets: records.assets,
    certificates: records.certificates,
  };
}

/**
 * The record of a parcel at two times side by side, and what differs. Personal data is
 * masked unless the caller reads it on the unit; an unmasked comparison is one read,
 * logged once with every party it shows.
 */
export async function compareParcel(db: Database, actor: Actor, request: CompareRequest): Promise<Comparison> {
  const { key, from, to, mayReadPersonal } = request;
  if (from.getTime() >= to.getTime()) {
    throw errors.invalid(
      { vi: 'Thời điểm "from" phải trước thời điểm "to"', en: '"from" must be before "to"' },
      { field: 'querystring/from', from: from.toISOString(), to: to.toISOString() },
    );
  }
  const parcelUid = await parcelUidOfKey(db, key, [to, from]);
  const [before, after] = await Promise.all([snapshotAt(db, parcelUid, from, mayReadPersonal), snapshotAt(db, parcelUid, to, mayReadPersonal)]);
  if (mayReadPersonal) {
    const shown = [before, after].flatMap((s) => (s ? [...s.holders.map((h) => h.partyId), ...partiesIn({ masked: false, assets: s.assets, certificates: s.certificates })] : []));
    const parcelId = (after ?? before)?.parcel.id ?? parcelUid;
    await logPersonalRead(db, actor, 'parcel', parcelId, [...new Set(shown)], { record: 'compare', from: from.toISOString(), to: to.toISOString() });
  }
  return { parcelUid, masked: !mayReadPersonal, from: before, to: after, differences: differencesBetween(before, after) };
}
