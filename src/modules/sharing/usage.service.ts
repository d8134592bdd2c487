// Usage of the sharing services (O5, F3) for a period of days in Việt Nam: what each
// consumer asked of each service version, answered, refused, and with personal data.
// The periodic report (#10) reads it through sharingUsage.
import type { Queryable } from '../../db/database.js';
import { usage, type UsageRow } from './exchange.repo.js';

/** The first instant of a calendar day in Việt Nam (UTC+7, no daylight saving). */
const startOfDay = (day: string) => new Date(`${day}T00:00:00+07:00`);

/** Exchanges from the start of `from` to the end of `to` (both days included). */
export async function sharingUsage(db: Queryable, from: string, to: string): Promise<{ from: string; to: string; rows: UsageRow[] }> {
  const end = startOfDay(to);
  end.setUTCDate(end.getUTCDate() + 1);
  return { from, to, rows: await usage(db, startOfDay(from), end) };
}

export type { UsageRow };
