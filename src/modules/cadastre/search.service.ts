// Use case of the cadastre search (F4): who may find what, and what they see of it.
// Results come only from units the caller's cadastre.read covers; a search by personal
// ID number needs cadastre.read_personal and is confined to the units it covers (else the
// search itself would tell who holds land where); holders are masked (P4) unless the
// caller reads personal data on the parcel's unit, and every unmasked read is logged.
import type { Database } from '../../db/database.js';
import { actAs, appendAudit, type Actor } from '../audit/index.js';
import { AppError, errors } from '../../kernel/app-error.js';
import { maskHolder, type Holder } from './personal-data.js';
import { matchingHolders, searchParcels, type SearchParcelRow } from './search.repo.js';
import { unitLineageIds } from '../units/index.js';

export const MAX_SEARCH_RESULTS = 100;

export interface SearchRequest {
  name?: string | undefined;
  idNumber?: string | undefined;
  address?: string | undefined;
  unitCode?: string | undefined;
  sheetNumber?: number | undefined;
  parcelNumber?: number | undefined;
  /** serial of a certificate valid now (its live parcels) */
  certificateSerial?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** What the search needs of the caller: permission → unit ids (AuthContext.scopes). */
export interface SearchCaller {
  actor: Actor;
  scopes: ReadonlyMap<string, ReadonlySet<number>>;
  /** YYYY-MM-DD: the day a unit code is read on */
  today: string;
}

export interface SearchItem extends Omit<SearchParcelRow, 'unitId'> {
  masked: boolean;
  holders: Holder[];
}

export interface SearchResult {
  items: SearchItem[];
  nextCursor: string | null;
}

/** Whitespace collapsed; LIKE's wildcards and escape taken literally. */
function likeLiteral(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').replace(/[\\%_]/g, (c) => `\\${c}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(parcelId: string): string {
  return Buffer.from(parcelId, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!UUID.test(id)) {
    throw errors.invalid({ vi: 'Con trỏ trang (cursor) không hợp lệ', en: 'Invalid page cursor' }, { field: 'body/cursor' });
  }
  return id;
}

function cleaned(request: SearchRequest): SearchRequest {
  const text = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);
  return { ...request, name: text(request.name), address: text(request.address), idNumber: text(request.idNumber) };
}

export async function searchCadastre(db: Database, caller: SearchCaller, raw: SearchRequest): Promise<SearchResult> {
  const request = cleaned(raw);
  const { name, idNumber, address, unitCode, sheetNumber, parcelNumber, certificateSerial } = request;
  if ([name, idNumber, address, unitCode, sheetNumber, parcelNumber, certificateSerial].every((v) => v === undefined)) {
    throw errors.invalid(
      { vi: 'Cần ít nhất một tiêu chí tìm kiếm (tên, số giấy tờ, địa chỉ, đơn vị, tờ, thửa, số phát hành Giấy chứng nhận)', en: 'Give at least one search criterion (name, ID number, address, unit, sheet, parcel, certificate serial)' },
      { field: 'body', criteria: ['name', 'idNumber', 'address', 'unitCode', 'sheetNumber', 'parcelNumber', 'certificateSerial'] },
    );
  }
  const readable = caller.scopes.get('cadastre.read') ?? new Set<number>();
  const personal = caller.scopes.get('cadastre.read_personal') ?? new Set<number>();
  let unitIds = [...readable];
  if (idNumber !== undefined) {
    if (personal.size === 0) {
      throw new AppError(
        'FORBIDDEN',
        { vi: 'Tìm theo số giấy tờ tùy thân cần quyền "cadastre.read_personal"', en: 'Searching by personal ID number needs "cadastre.read_personal"' },
        { permission: 'cadastre.read_personal', field: 'body/idNumber' },
      );
    }
    unitIds = unitIds.filter((id) => personal.has(id));
  }
  const limit = Math.min(request.limit ?? 20, MAX_SEARCH_RESULTS);
  const nameLiteral = name === undefined ? undefined : likeLiteral(name);
  const oneWord = nameLiteral !== undefined && !nameLiteral.includes(' ');
  const partyCriteria = {
    name: nameLiteral,
    givenName: oneWord ? nameLiteral : undefined,
    restName: oneWord ? undefined : nameLiteral,
    idNumber,
  };
  // A unit given by today's code also covers the old units merged into it (the demo's
  // parcels were surveyed under the pre-2025 communes); an old code matches as such.
  const lineage = unitCode === undefined ? [] : await unitLineageIds(db, unitCode, caller.today);
  if (lineage.length > 0) unitIds = unitIds.filter((id) => lineage.includes(id));
  const rows = await searchParcels(db, {
    unitIds, unitCode: lineage.length > 0 ? undefined : unitCode, sheetNumber, parcelNumber, certificateSerial, ...partyCriteria,
    address: address === undefined ? undefined : likeLiteral(address),
    afterId: request.cursor === undefined ? undefined : decodeCursor(request.cursor),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const holders = await matchingHolders(db, page.map((p) => p.id), partyCriteria);
  const unmasked: { parcels: string[]; parties: string[] } = { parcels: [], parties: [] };
  const items = page.map(({ unitId, ...parcel }): SearchItem => {
    const mine = holders.filter((h) => h.parcelId === parcel.id).map(({ parcelId: _p, ...h }) => h);
    const mayReadPersonal = personal.has(unitId);
    if (mayReadPersonal && mine.length > 0) {
      unmasked.parcels.push(parcel.id);
      unmasked.parties.push(...mine.map((h) => h.partyId));
    }
    return { ...parcel, masked: !mayReadPersonal, holders: mayReadPersonal ? mine : mine.map(maskHolder) };
  });
  if (unmasked.parcels.length > 0) {
    await actAs(db, caller.actor, (tx) =>
      appendAudit(tx, caller.actor, {
        action: 'read.personal',
        objectType: 'search',
        details: {
          parcels: unmasked.parcels,
          parties: [...new Set(unmasked.parties)],
          fields: ['fullName', 'idNumber', 'birthYear', 'address'],
          // which criteria were used, never their values (an ID number is personal data)
          criteria: Object.entries({ name, idNumber, address, unitCode, sheetNumber, parcelNumber, certificateSerial }).filter(([, v]) => v !== undefined).map(([k]) => k),
        },
      }),
    );
  }
  return { items, nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.id) : null };
}
