// The official list of administrative units (GSO codes) shipped with the system,
// loaded once into an empty database. Sources and cross-checks:
// docs/sources/admin-units.md.
import fs from 'node:fs';
import type { UnitFacts } from './unit.js';

export type ReferenceUnit = UnitFacts;

export interface ReferenceSuccession {
  predecessorCode: string;
  predecessorValidFrom: string;
  successorCode: string;
  successorValidFrom: string;
  effectiveDate: string;
  legalBasis?: string;
}

export interface ReferenceUnits {
  source: string;
  legalBasis?: string;
  units: ReferenceUnit[];
  successions: ReferenceSuccession[];
}

export function readReferenceUnits(): ReferenceUnits {
  const file = new URL('./data/binh-phuoc-units.json', import.meta.url);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ReferenceUnits;
}
