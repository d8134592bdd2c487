// The default sharing services (S-SHARE, Art. 4.2): the cadastre, planning, price and
// statistics use cases of their own modules, answered in the published v1 structures
// (share-schemas.ts). Scope: a consumer sees only its units (each with its descendants
// and reorganisation lineage); anything outside answers 404 exactly as an unknown key
// does, so a consumer cannot learn what exists elsewhere. Personal data only with the
// personal-data permission, otherwise masked by the cadastre's own rule (P4, Nghị định
// 13/2023); unmasked reads are logged in the audit log by the cadastre under the consumer.
import type { Static } from '@sinclair/typebox';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, errors } from '../../kernel/app-error.js';
import type { Actor } from '../audit/index.js';
import { getCertificate, getHolders, getParcel, searchCadastre } from '../cadastre/index.js';
import { parcelPlanning } from '../planning/index.js';
import { parcelPrice } from '../prices/index.js';
import { landUseStatistics } from '../statistics/index.js';
import { unitIdsByCode } from '../units/index.js';
import type { Consumer } from './consumers.repo.js';
import type { CertificateStatusV1, HolderParcelsV1, IocIndicatorsV1, ParcelChangesV1, ParcelInfoV1, ParcelPlanningV1, ParcelPriceV1, UnitStatisticsV1 } from './share-schemas.js';
import { approvedChangesAfter, countApprovedChanges, liveParcelKeyByNationalCode } from './share.repo.js';
import { dossierStatistics } from '../workflow/index.js';
import { sharingUsage } from './usage.service.js';

export interface ShareCaller {
  consumer: Consumer;
  /** unit ids the consumer's grant covers */
  covered: ReadonlySet<number>;
  actor: Actor;
  now: Date;
}

export interface ParcelKey {
  unitCode: string;
  sheetNumber: number;
  parcelNumber: number;
}

/** Today in Vietnam (UTC+7): the default date of the dated services. */
export const vietnamDay = (now: Date) => new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

const outOfScope = (what: { vi: string; en: string }, details: Record<string, unknown>) => errors.notFound(what, details);

/** Does the consumer's grant cover a unit that held this code (as account grants are checked)? */
async function coversCode(db: Queryable, caller: ShareCaller, unitCode: string): Promise<boolean> {
  return (await unitIdsByCode(db, unitCode)).some((id) => caller.covered.has(id));
}

async function checkParcelScope(db: Queryable, caller: ShareCaller, key: ParcelKey): Promise<void> {
  if (!(await coversCode(db, caller, key.unitCode))) {
    throw outOfScope(
      { vi: `thửa đất số ${key.parcelNumber}, tờ bản đồ số ${key.sheetNumber}, đơn vị ${key.unitCode}`, en: `Parcel ${key.parcelNumber} on map sheet ${key.sheetNumber} of unit ${key.unitCode}` },
      { ...key },
    );
  }
}

export async function parcelInfo(db: Database, caller: ShareCaller, key: ParcelKey): Promise<Static<typeof ParcelInfoV1>> {
  await checkParcelScope(db, caller, key);
  const parcel = await getParcel(db, key.unitCode, key.sheetNumber, key.parcelNumber);
  const { masked, holders } = await getHolders(db, caller.actor, key, caller.consumer.personalData, undefined, caller.now);
  return {
    parcel: {
      nationalCode: parcel.nationalCode, unitCode: parcel.unitCode, unitName: parcel.unitName, sheetNumber: parcel.sheetNumber,
      parcelNumber: parcel.parcelNumber, officialArea: parcel.officialArea, landUseCode: parcel.landUseCode, landUseName: parcel.landUseName,
      address: parcel.address, centroid: parcel.centroid, validFrom: parcel.validFrom, version: parcel.version,
    },
    holders: holders.map((h) => ({ kind: h.kind, name: h.fullName, idNumber: h.idNumber, birthYear: h.birthYear, address: h.address, rightType: h.rightType, share: h.share })),
    masked,
  };
}

export async function parcelInfoByNationalCode(db: Database, caller: ShareCaller, nationalCode: string): Promise<Static<typeof ParcelInfoV1>> {
  const key = await liveParcelKeyByNationalCode(db, nationalCode);
  const notFound = () => errors.notFound({ vi: `thửa đất có mã định danh ${nationalCode}`, en: `Parcel with national code ${nationalCode}` }, { field: 'nationalCode' });
  if (!key || !caller.covered.has(key.unitId)) throw notFound();
  return parcelInfo(db, caller, key);
}

export async function certificateStatus(db: Database, caller: ShareCaller, serial: string): Promise<Static<typeof CertificateStatusV1>> {
  const c = await getCertificate(db, {
    actor: caller.actor,
    mayRead: (unitId) => caller.covered.has(unitId),
    mayReadPersonal: (unitId) => caller.consumer.personalData && caller.covered.has(unitId),
  }, serial);
  return {
    serial: c.serial, form: c.form, entryNumber: c.entryNumber, issuedOn: c.issuedOn, issuer: c.issuer, status: c.status,
    validFrom: c.validFrom, validTo: c.validTo, replacedBySerial: c.replacedBySerial,
    parcels: c.parcels.map((p) => ({ unitCode: p.unitCode, sheetNumber: p.sheetNumber, parcelNumber: p.parcelNumber, live: p.live })),
    holders: c.holders.map((h) => ({ kind: h.kind, name: h.fullName, idNumber: h.idNumber })),
    masked: c.masked,
  };
}

export async function planningOfParcel(db: Database, caller: ShareCaller, key: ParcelKey, date: string): Promise<Static<typeof ParcelPlanningV1>> {
  await checkParcelScope(db, caller, key);
  // public plans only: a consumer edits no plan
  const found = await parcelPlanning({ db }, { actor: caller.actor, editableUnitIds: [] }, key, date);
  return {
    parcel: { unitCode: found.parcel.unitCode, sheetNumber: found.parcel.sheetNumber, parcelNumber: found.parcel.parcelNumber, officialArea: found.parcel.officialArea },
    date: found.date,
    plans: found.plans.map((p) => ({
      name: p.name, kind: p.kind, level: p.level, unitCode: p.unitCode, periodStart: p.periodStart, periodEnd: p.periodEnd,
      decisionNumber: p.decisionNumber, decisionDate: p.decisionDate, parcelArea: p.parcelArea, uncoveredArea: p.uncoveredArea,
      zones: p.zones.map((z) => ({ zoneCode: z.zoneCode, name: z.name, landUseCode: z.landUseCode, landUseName: z.landUseName, area: z.area, share: z.share })),
    })),
  };
}

export async function priceOfParcel(db: Database, caller: ShareCaller, key: ParcelKey, date: string): Promise<Static<typeof ParcelPriceV1>> {
  await checkParcelScope(db, caller, key);
  const price = await parcelPrice({ db, clock: { now: () => caller.now } }, key, date, null);
  const e = price.explanation;
  const decision = e.source === 'specific' ? e.specificPrice?.decision ?? null : e.table?.decision ?? null;
  return {
    parcel: { ...key }, date: price.day, pricePerM2: price.pricePerM2, area: price.area, total: price.total,
    source: e.source, landUseCode: e.landUseCode, decision: decision && { number: decision.number, date: decision.date, issuer: decision.issuer }, formula: e.formula,
  };
}

export async function unitStatistics(db: Database, caller: ShareCaller, unitCode: string, date: string): Promise<Static<typeof UnitStatisticsV1>> {
  if (!(await coversCode(db, caller, unitCode))) {
    throw outOfScope({ vi: `đơn vị hành chính mã ${unitCode}`, en: `Administrative unit ${unitCode}` }, { field: 'unitCode' });
  }
  const s = await landUseStatistics(db, { unitCode, date });
  return {
    form: s.form, unit: { code: s.unit.code, name: s.unit.name, level: s.unit.level }, date: s.date,
    rows: s.rows.map((r) => ({ code: r.code, nameVi: r.nameVi, nameEn: r.nameEn, depth: r.depth, total: r.total })),
  };
}

/** A position in the changes feed: after this effective time and change id. */
function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString('base64url');
}
function decodeCursor(cursor: string): { after: Date; afterId: string } {
  const [at = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const after = new Date(at);
  if (Number.isNaN(after.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw errors.invalid({ vi: 'cursor không hợp lệ: dùng giá trị "next" của trang trước', en: 'Invalid cursor: use the "next" of the previous page' }, { field: 'querystring/cursor' });
  }
  return { after, afterId: id };
}

/**
 * Land changes approved on the consumer's units since a day (its start in Việt Nam) or
 * after a cursor: pages in the order they took effect, and a cursor to poll for more.
 */
export async function parcelChanges(db: Database, caller: ShareCaller, q: { since?: string | undefined; cursor?: string | undefined; limit?: number | undefined }): Promise<Static<typeof ParcelChangesV1>> {
  if (!q.cursor && !q.since) throw errors.invalid({ vi: 'Cần since (YYYY-MM-DD) hoặc cursor', en: 'since (YYYY-MM-DD) or cursor is required' }, { field: 'querystring/since' });
  const start = q.cursor ? decodeCursor(q.cursor) : { after: new Date(`${q.since}T00:00:00+07:00`), afterId: '00000000-0000-0000-0000-000000000000' };
  const rows = await approvedChangesAfter(db, { unitIds: [...caller.covered], ...start, limit: q.limit ?? 100 });
  const last = rows.at(-1);
  return {
    changes: rows.map((r) => ({ id: r.id, changeType: r.changeType, effectiveAt: r.effectiveAt, parcel: { unitCode: r.unitCode, sheetNumber: r.sheetNumber, parcelNumber: r.parcelNumber, nationalCode: r.nationalCode } })),
    next: last ? encodeCursor(last.effectiveAt, last.id) : q.cursor ?? encodeCursor(start.after.toISOString(), start.afterId),
  };
}

/**
 * The live parcels a land user holds in the consumer's units, by ID number (sent in the
 * body). Only for a consumer granted personal data: who holds what is itself personal data.
 * The cadastre's search logs the read under the consumer.
 */
export async function holderParcels(db: Database, caller: ShareCaller, idNumber: string, limit: number): Promise<Static<typeof HolderParcelsV1>> {
  if (!caller.consumer.personalData) {
    throw new AppError('FORBIDDEN', {
      vi: 'Tra cứu theo số giấy tờ tùy thân cần quyền khai thác dữ liệu cá nhân',
      en: 'A look-up by ID number needs the personal-data permission',
    }, { field: 'personalData' });
  }
  const scopes = new Map([['cadastre.read', caller.covered], ['cadastre.read_personal', caller.covered]]);
  const found = await searchCadastre(db, { actor: caller.actor, scopes, today: vietnamDay(caller.now) }, { idNumber, limit });
  return {
    parcels: found.items.map((p) => ({
      unitCode: p.unitCode, unitName: p.unitName, sheetNumber: p.sheetNumber, parcelNumber: p.parcelNumber,
      landUseCode: p.landUseCode, officialArea: p.officialArea, address: p.address,
      holders: p.holders.map((h) => ({ kind: h.kind, name: h.fullName, idNumber: h.idNumber, rightType: h.rightType, share: h.share })),
    })),
  };
}

/**
 * Indicators for the provincial operations centre (IOC, O5) over days in Việt Nam (default
 * today): dossiers received, done on time or late, refused and open (late ones apart) in
 * the consumer's units (the workflow's own statistics), land changes registered there, and
 * the sharing exchanges of all consumers.
 */
export async function iocIndicators(db: Database, caller: ShareCaller, q: { from?: string | undefined; to?: string | undefined }): Promise<Static<typeof IocIndicatorsV1>> {
  const to = q.to ?? vietnamDay(caller.now);
  const from = q.from ?? to;
  const unitIds = [...caller.covered];
  const dossiers = await dossierStatistics(db, from, to, { clock: { now: () => caller.now }, unitIds });
  const sum = (key: 'received' | 'doneOnTime' | 'doneLate' | 'refused' | 'inProgress' | 'inProgressLate') => dossiers.byUnit.reduce((n, u) => n + u[key], 0);
  const end = new Date(`${to}T00:00:00+07:00`);
  end.setUTCDate(end.getUTCDate() + 1);
  const usage = await sharingUsage(db, from, to);
  return {
    from, to,
    dossiers: { received: sum('received'), doneOnTime: sum('doneOnTime'), doneLate: sum('doneLate'), refused: sum('refused'), inProgress: sum('inProgress'), inProgressLate: sum('inProgressLate') },
    landChanges: { approved: await countApprovedChanges(db, unitIds, new Date(`${from}T00:00:00+07:00`), end) },
    sharing: {
      requests: usage.rows.reduce((n, r) => n + r.requests, 0),
      served: usage.rows.reduce((n, r) => n + r.succeeded, 0),
      refused: usage.rows.reduce((n, r) => n + r.refused, 0),
    },
  };
}
