// "The map as of a date": the day a user picks (Vietnam's calendar) and the moment the
// server is asked for, the end of that day in Asia/Ho_Chi_Minh (UTC+7, no daylight
// saving), so that the changes registered during that day are shown.
import { addDays, todayIso } from '../../ui/format';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Where the slider starts. The API publishes no temporal extent of the record yet, so this
 * is the start of the province's digital cadastral record as migrated (the demo's oldest
 * parcels are from 2015). verify: the real first valid_from after migration; better, a
 * temporal extent on /ogc/collections/parcels read at start-up.
 */
export const MAP_HISTORY_START = '2015-01-01';

/** A real calendar date YYYY-MM-DD (not 2024-02-30), else false. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The moment (RFC 3339, UTC) that stands for "as of this day": its last millisecond in Vietnam. */
export function endOfDayInVietnam(isoDate: string): string {
  return new Date(`${isoDate}T23:59:59.999+07:00`).toISOString();
}

/** A map date to keep: a past day on or after the start; today or later means the live map (null). */
export function clampMapDate(value: string | null, today: string = todayIso()): string | null {
  if (!value || !isIsoDate(value) || value >= today) return null;
  return value < MAP_HISTORY_START ? MAP_HISTORY_START : value;
}

/** Days from a to b (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The slider's position of a date (days since the start); live is the last position. */
export function sliderPosition(date: string | null, today: string = todayIso()): number {
  return daysBetween(MAP_HISTORY_START, date ?? today);
}

export function dateAtPosition(position: number, today: string = todayIso()): string | null {
  return clampMapDate(addDays(MAP_HISTORY_START, Math.round(position)), today);
}
