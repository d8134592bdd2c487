// What an administrative unit is, wherever it comes from (the official list, the database).
export type UnitLevel = 'province' | 'district' | 'commune';

export interface UnitFacts {
  code: string;
  level: UnitLevel;
  kind: string;
  name: string;
  parentCode: string | null;
  /** YYYY-MM-DD, inclusive */
  validFrom: string;
  /** YYYY-MM-DD, exclusive; null while the unit exists */
  validTo: string | null;
}
