// Working days (ngày làm việc): Monday to Friday, minus public holidays and their
// compensatory days (holidays.ts), with the yearly notices applied as overrides: extra
// days off, and make-up working days (Saturdays worked in a swap). Pure.
//
// Counting, one rule for every time limit (chosen, and cited):
// - Bộ luật Dân sự 2015, Điều 147 khoản 1: a period counted in days starts the day after
//   the event; so the day a dossier is received is not counted.
// - A dossier received on a day off, or after office hours (17:00 local time), is taken as
//   received on the next working day (the one-stop desk's working hours end at 17:00;
//   Nghị định 61/2018/NĐ-CP on the one-stop mechanism).
// - Điều 148: the period ends at the end of its last day; holidays are not counted
//   (Nghị định 101/2024/NĐ-CP, Điều 22: time limits are in working days).
import { holidaysOf, isWeekend, localDay, shiftDay, type Day, type Holiday } from './holidays.js';

export type { Day } from './holidays.js';

export interface CalendarOverride {
  day: Day;
  kind: 'day_off' | 'working_day';
  note?: string | undefined;
}

export interface WorkingCalendar {
  isWorkingDay(day: Day): boolean;
  holidaysOf(year: number): Holiday[];
}

/** Local hour from which a receipt counts as the next working day's. */
export const OFFICE_CLOSES_AT_HOUR = 17;
/** Counting never runs further than this many calendar days (a bad override must not loop). */
const MAX_SPAN_DAYS = 3660;

export function createCalendar(overrides: readonly CalendarOverride[] = []): WorkingCalendar {
  const byDay = new Map(overrides.map((o) => [o.day, o.kind]));
  const holidayYears = new Map<number, Set<Day>>();
  const holidaySet = (year: number) => {
    let set = holidayYears.get(year);
    if (!set) holidayYears.set(year, (set = new Set(holidaysOf(year).map((h) => h.day))));
    return set;
  };
  return {
    isWorkingDay(day) {
      const override = byDay.get(day);
      if (override) return override === 'working_day';
      return !isWeekend(day) && !holidaySet(Number(day.slice(0, 4))).has(day);
    },
    holidaysOf,
  };
}

export function isWorkingDay(calendar: WorkingCalendar, day: Day): boolean {
  return calendar.isWorkingDay(day);
}

/** The first working day strictly after `day`. */
export function nextWorkingDay(calendar: WorkingCalendar, day: Day): Day {
  let d = shiftDay(day, 1);
  for (let i = 0; i < MAX_SPAN_DAYS && !calendar.isWorkingDay(d); i++) d = shiftDay(d, 1);
  return d;
}

/** The n-th working day after `start` (start itself not counted; n = 0 gives start). */
export function addWorkingDays(calendar: WorkingCalendar, start: Day, n: number): Day {
  let d = start;
  for (let i = 0; i < n; i++) d = nextWorkingDay(calendar, d);
  return d;
}

/** Working days d with from < d ≤ to (0 when to ≤ from). */
export function workingDaysBetween(calendar: WorkingCalendar, from: Day, to: Day): number {
  let count = 0;
  for (let d = shiftDay(from, 1), i = 0; d <= to && i < MAX_SPAN_DAYS; d = shiftDay(d, 1), i++) {
    if (calendar.isWorkingDay(d)) count += 1;
  }
  return count;
}

/**
 * The day a receipt is taken as received on (a day not itself counted): its local day
 * when that is a working day and the desk was open, else the next working day.
 */
export function countingDay(calendar: WorkingCalendar, at: Date): Day {
  const day = localDay(at);
  const hour = new Date(at.getTime() + 7 * 3_600_000).getUTCHours();
  if (calendar.isWorkingDay(day) && hour < OFFICE_CLOSES_AT_HOUR) return day;
  // received on a day off or after hours: as if received at the opening of the next working day
  return nextWorkingDay(calendar, day);
}

/** The due day of a time limit of n working days for a dossier received at `at`. */
export function dueDay(calendar: WorkingCalendar, receivedAt: Date, n: number): Day {
  return addWorkingDays(calendar, countingDay(calendar, receivedAt), n);
}
