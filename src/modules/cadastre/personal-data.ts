// Masking personal data (P4, Nghị định 13/2023 on personal data protection): a caller
// whose role does not need it sees who holds a parcel only in outline. Pure: no I/O.

export interface Holder {
  partyId: string;
  kind: string;
  fullName: string;
  idNumber: string | null;
  birthYear: number | null;
  address: string | null;
  rightType: string;
  share: number;
  /** match against the national population database: unchecked, matched, mismatch, not_found */
  populationStatus: string;
}

/** "Nguyễn Văn An" → "Nguyễn V. A.": the family name and initials. */
export function maskName(fullName: string): string {
  const [family, ...rest] = fullName.trim().split(/\s+/);
  return [family, ...rest.map((word) => `${word[0]}.`)].join(' ');
}

/** "070190605773" → "*********773". */
export function maskIdNumber(id: string | null): string | null {
  return id === null ? null : `${'*'.repeat(Math.max(0, id.length - 3))}${id.slice(-3)}`;
}

/** The personal part of a party, whatever else the row carries (a right's type and share, …). */
export type PersonalData = Pick<Holder, 'kind' | 'fullName' | 'idNumber' | 'birthYear' | 'address'>;

/** People (individuals, households, couples) have personal data; organisations and the state are public bodies. */
export function isPerson(kind: string): boolean {
  return kind === 'individual' || kind === 'household' || kind === 'couple';
}

/** A party's name as a caller without cadastre.read_personal may see it. */
export function maskPartyName(kind: string, fullName: string): string {
  return isPerson(kind) ? maskName(fullName) : fullName;
}

/** Individuals are masked; organisations and the state are public bodies and are not. */
export function maskHolder<T extends PersonalData>(holder: T): T {
  if (!isPerson(holder.kind)) return holder;
  return { ...holder, fullName: maskName(holder.fullName), idNumber: maskIdNumber(holder.idNumber), birthYear: null, address: null };
}
