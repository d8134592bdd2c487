// Reports on demand (F4: query, extract and filter data for direction, management,
// reports and statistics): the parcels of a unit matching a filter as of a day, as a
// paged table, an Excel file or GeoJSON for the map. Holders' names are personal data
// (Nghị định 13/2023; Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, verify its effective
// date): they are shown only to a caller who holds cadastre.read_personal on the unit,
// and masked otherwise as everywhere else (the cadastre's rule: a person's family name
// and initials; organisations and the state in full).
import ExcelJS from 'exceljs';
import type { Database, Queryable } from '../../db/database.js';
import { errors } from '../../kernel/app-error.js';
import { actAs, appendAudit, type Actor } from '../audit/index.js';
import { maskPartyName } from '../cadastre/index.js';
import { endOfDay, vietnameseDate } from './statistics-forms.js';
import { countParcels, pageOfParcels, parcelsGeoJson, partyKindExists, type ParcelFilter, type ReportRow } from './parcel-reports.repo.js';
import { memberUnits, readSnapshot, unitAtDate } from './statistics.repo.js';

export const MAX_PAGE = 1000;
export const MAX_EXPORT_ROWS = 20_000;

export interface ParcelReportQuery {
  unitCode: string;
  date: string;
  landUseCodes?: string[] | undefined;
  partyKind?: string | undefined;
  minArea?: number | undefined;
  maxArea?: number | undefined;
}

export interface ParcelReportRow extends Omit<ReportRow, 'holders'> {
  holders: Array<{ kind: string; fullName: string; rightType: string; share: number }>;
}

export interface ParcelReportPage {
  unitCode: string;
  date: string;
  total: number;
  totalArea: number;
  limit: number;
  offset: number;
  masked: boolean;
  items: ParcelReportRow[];
}

async function filterOf(db: Queryable, q: ParcelReportQuery): Promise<ParcelFilter> {
  if (q.minArea !== undefined && q.maxArea !== undefined && q.minArea > q.maxArea) {
    throw errors.invalid(
      { vi: `Diện tích tối thiểu (minArea=${q.minArea}) lớn hơn tối đa (maxArea=${q.maxArea})`, en: `minArea (${q.minArea}) exceeds maxArea (${q.maxArea})` },
      { field: 'querystring/minArea' },
    );
  }
  if (q.partyKind !== undefined && !(await partyKindExists(db, q.partyKind))) {
    throw errors.invalid(
      { vi: `Loại người sử dụng đất "${q.partyKind}" không có trong danh mục`, en: `Unknown party kind "${q.partyKind}"` },
      { field: 'querystring/partyKind' },
    );
  }
  const unit = await unitAtDate(db, q.unitCode, q.date);
  if (!unit) {
    throw errors.notFound(
      { vi: `đơn vị hành chính mã ${q.unitCode} có hiệu lực ngày ${q.date}`, en: `administrative unit ${q.unitCode} valid on ${q.date}` },
      { field: 'querystring/unitCode' },
    );
  }
  return {
    unitIds: (await memberUnits(db, unit.id, q.date)).ids,
    at: endOfDay(q.date),
    landUseCodes: q.landUseCodes && q.landUseCodes.length > 0 ? q.landUseCodes : null,
    partyKind: q.partyKind ?? null,
    minArea: q.minArea ?? null,
    maxArea: q.maxArea ?? null,
  };
}

/** Who reads the extract: names in full only with cadastre.read_personal, and that read is logged. */
export interface ReportReader {
  actor: Actor;
  mayReadPersonal: boolean;
}

/** Every read of personal data is logged (P4): which extract, which parcels, which field. */
async function logPersonalRead(database: Database, reader: ReportReader, q: ParcelReportQuery, rows: readonly ReportRow[]): Promise<void> {
  if (!reader.mayReadPersonal || !rows.some((r) => r.holders.length > 0)) return;
  await actAs(database, reader.actor, (tx) =>
    appendAudit(tx, reader.actor, {
      action: 'read.personal',
      objectType: 'parcel_report',
      details: { unitCode: q.unitCode, date: q.date, parcels: rows.filter((r) => r.holders.length > 0).map((r) => r.id), fields: ['fullName'] },
    }),
  );
}

const withheld = (row: ReportRow, mayReadPersonal: boolean): ParcelReportRow =>
  mayReadPersonal ? row : { ...row, holders: row.holders.map((h) => ({ ...h, fullName: maskPartyName(h.kind, h.fullName) })) };

export async function parcelReport(database: Database, q: ParcelReportQuery & { limit: number; offset: number }, reader: ReportReader): Promise<ParcelReportPage> {
  const { mayReadPersonal } = reader;
  const { count, area, rows } = await readSnapshot(database, async (db) => {
    const filter = await filterOf(db, q);
    return { ...(await countParcels(db, filter)), rows: await pageOfParcels(db, filter, { limit: q.limit, offset: q.offset }) };
  });
  await logPersonalRead(database, reader, q, rows);
  return {
    unitCode: q.unitCode, date: q.date, total: count, totalArea: area, limit: q.limit, offset: q.offset,
    masked: !mayReadPersonal, items: rows.map((r) => withheld(r, mayReadPersonal)),
  };
}

export function parcelReportGeoJson(database: Database, q: ParcelReportQuery): Promise<string> {
  return readSnapshot(database, async (db) => parcelsGeoJson(db, await filterOf(db, q), MAX_EXPORT_ROWS));
}

/** Sheet "Trích xuất thửa đất": one row per parcel, the filter written above the table. */
export async function parcelReportWorkbook(database: Database, q: ParcelReportQuery, reader: ReportReader): Promise<Buffer> {
  const { mayReadPersonal } = reader;
  const found = await readSnapshot(database, async (db) => {
    const filter = await filterOf(db, q);
    const { count } = await countParcels(db, filter);
    if (count > MAX_EXPORT_ROWS) {
      throw errors.invalid(
        { vi: `Kết quả có ${count} thửa, vượt giới hạn ${MAX_EXPORT_ROWS} thửa của tệp Excel: hãy thu hẹp điều kiện lọc`, en: `${count} parcels match, over the ${MAX_EXPORT_ROWS} limit of an Excel extract: narrow the filter` },
        { field: 'querystring', count, limit: MAX_EXPORT_ROWS },
      );
    }
    return pageOfParcels(db, filter, { limit: MAX_EXPORT_ROWS, offset: 0 });
  });
  await logPersonalRead(database, reader, q, found);
  const rows = found.map((r) => withheld(r, mayReadPersonal));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Trích xuất thửa đất');
  sheet.getCell('A1').value = 'TRÍCH XUẤT DỮ LIỆU THỬA ĐẤT';
  sheet.getCell('A1').font = { bold: true, size: 13 };
  sheet.getCell('A2').value = `Đơn vị: ${q.unitCode}; đến ngày ${vietnameseDate(q.date)}; loại đất: ${q.landUseCodes?.join(', ') || 'tất cả'}; loại người sử dụng: ${q.partyKind ?? 'tất cả'}; diện tích: ${q.minArea ?? 0} – ${q.maxArea ?? '∞'} m²`;
  sheet.getCell('A3').value = `Số thửa: ${rows.length}${mayReadPersonal ? '' : ' — thông tin cá nhân không hiển thị (cần quyền cadastre.read_personal)'}`;
  const header = ['Mã ĐVHC', 'Số tờ', 'Số thửa', 'Mã loại đất', 'Mục đích sử dụng (m²)', 'Diện tích (m²)', 'Địa chỉ', 'Người sử dụng, quản lý'];
  sheet.getRow(5).values = header;
  sheet.getRow(5).font = { bold: true };
  sheet.columns = [{ width: 9 }, { width: 7 }, { width: 8 }, { width: 10 }, { width: 24 }, { width: 13 }, { width: 36 }, { width: 48 }];
  rows.forEach((r, i) => {
    sheet.getRow(6 + i).values = [
      r.unitCode, r.sheetNumber, r.parcelNumber, r.landUseCode, r.purposes, r.officialArea, r.address ?? '',
      r.holders.map((h) => `${h.fullName} (${h.kind})`).join('; '),
    ];
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
