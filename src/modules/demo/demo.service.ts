// The demo province: deterministic, realistic data for the portal, the tests and the
// benchmarks, generated in one place (the cadastre issue extends it here).
import type { Database } from '../../db/database.js';
import { countUnits, insertReferenceUnits, readReferenceUnits } from '../units/index.js';
import { drawCommunes, drawDistricts, drawUnionsOfParts } from './demo-boundaries.repo.js';
import { demoCommunes, hasParcels, provinceSrid } from './demo-communes.repo.js';
import { DISTRICT_SEATS, outlineWkt } from './demo-geography.js';
import { assignDemoParties } from './demo-parties.repo.js';
import { tileCommuneWithParcels } from './demo-parcels.repo.js';
import { addDemoRecords } from './demo-records.repo.js';
import { addDemoPlanning } from './demo-planning.repo.js';
import { addDemoPrices } from './demo-prices.repo.js';
import { cumulative, PUBLIC_LAND, RURAL_MIX, URBAN_MIX } from './land-use-mix.js';

export interface DemoOptions {
  /** Parcels to generate in all (spread over communes in code order). */
  parcels: number;
  /** Same seed, same data. */
  seed?: number;
  /** Called after each commune, for progress output. */
  onProgress?: (done: number, total: number, unitName: string, parcels: number) => void;
}

export interface DemoResult {
  communes: number;
  parcels: number;
}

/** About this many parcels per demo commune, and at least three communes. */
const PARCELS_PER_COMMUNE = 10_000;
const MIN_COMMUNES = 3;

/** Loads the official unit list into an empty database (production needs it too). */
export async function ensureReferenceUnits(db: Database): Promise<boolean> {
  if ((await countUnits(db)) > 0) return false;
  await db.transaction((tx) => insertReferenceUnits(tx, readReferenceUnits()));
  return true;
}

export function splitParcels(total: number, communes: number): number[] {
  const k = Math.min(communes, Math.max(Math.min(MIN_COMMUNES, communes), Math.ceil(total / PARCELS_PER_COMMUNE)));
  return Array.from({ length: k }, (_, i) => Math.floor(total / k) + (i < total % k ? 1 : 0));
}

export async function seedDemo(db: Database, options: DemoOptions): Promise<DemoResult> {
  const seed = options.seed ?? 1;
  await ensureReferenceUnits(db);
  const srid = await provinceSrid(db);
  await db.transaction(async (tx) => {
    await drawDistricts(tx, outlineWkt(), DISTRICT_SEATS, srid);
    await drawCommunes(tx, srid, seed);
    await drawUnionsOfParts(tx);
  });
  const communes = await demoCommunes(db, srid);
  const shares = splitParcels(options.parcels, communes.length);
  let parcels = 0;
  for (const [i, count] of shares.entries()) {
    const commune = communes[i]!;
    if (!commune.hasParcels && count > 0) {
      const urban = commune.kind === 'Phường' || commune.kind === 'Thị trấn';
      parcels += await db.transaction(async (tx) => {
        const n = await tileCommuneWithParcels(tx, {
          unitId: commune.id, parcels: count, seed: seed + i, srid: commune.srid, urban,
          landUse: cumulative(urban ? URBAN_MIX : RURAL_MIX),
        });
        await assignDemoParties(tx, commune.id, PUBLIC_LAND);
        await addDemoRecords(tx, commune.id, seed);
        return n;
      });
    }
    options.onProgress?.(i + 1, shares.length, commune.name, count);
  }
  // the land price table of the demo (S-PRICE): roads through the communes with parcels
  await db.transaction((tx) => addDemoPrices(tx));
  // the land-use plan of the demo (S-PLAN): one approved public plan for the first commune
  if (communes[0]) await db.transaction((tx) => addDemoPlanning(tx, communes[0]!.id, communes[0]!.srid));
  return { communes: shares.length, parcels };
}
