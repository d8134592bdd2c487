// The national population database (Cơ sở dữ liệu quốc gia về dân cư, Ministry of Public
// Security): land users who are individuals are matched against it by their 12-digit
// citizen ID (the 2025 land data campaign). The database is reached through the national
// data sharing platform (Nghị định 278/2025), which this deployment cannot reach: the
// system talks to it through this interface, and a simulator answers in tests and the
// demo. A real adapter implements the same interface.

export type MatchStatus = 'matched' | 'mismatch' | 'not_found';

export interface CitizenQuery {
  idNumber: string;
  fullName: string;
  birthYear?: number | null | undefined;
}

export interface MatchResult {
  status: MatchStatus;
  /** which fields differ, for a mismatch */
  differences: string[];
}

export interface PopulationRegistry {
  readonly name: string;
  match(query: CitizenQuery): Promise<MatchResult>;
}

/**
 * The simulator, deterministic so tests can rely on it. It knows the structure of the
 * citizen ID (Thông tư 59/2021/TT-BCA: 3 digits of the province of birth registration,
 * 1 digit of century and sex, 2 digits of the year of birth, 6 random digits) and:
 * - answers not_found for IDs ending in 000 (citizens it "does not hold"), or whose
 *   province code is not one of 001-096;
 * - answers mismatch when the year of birth given differs from the year the ID encodes;
 * - answers matched otherwise.
 */
export function createPopulationSimulator(): PopulationRegistry {
  return {
    name: 'simulator',
    async match(query) {
      const id = query.idNumber;
      const province = Number(id.slice(0, 3));
      if (!/^\d{12}$/.test(id) || id.endsWith('000') || province < 1 || province > 96) return { status: 'not_found', differences: [] };
      const century = Number(id[3]) < 2 ? 1900 : 2000;
      const year = century + Number(id.slice(4, 6));
      if (query.birthYear != null && query.birthYear !== year) return { status: 'mismatch', differences: ['birthYear'] };
      return { status: 'matched', differences: [] };
    },
  };
}
