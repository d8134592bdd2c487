// Vietnamese public holidays (ngày nghỉ lễ, tết), computed, never typed in yearly.
// Bộ luật Lao động 2019, Điều 112 khoản 1: Tết Dương lịch (1 Jan); Tết Âm lịch (5 days);
// Chiến thắng (30 Apr); Quốc tế lao động (1 May); Quốc khánh (2 Sep + 1 day before or
// after); Giỗ Tổ Hùng Vương (10th day of the 3rd lunar month). Điều 111 khoản 3: a holiday
// on the weekly rest day gives a compensatory day off on the next working day.
// Điều 112 khoản 3: the Prime Minister fixes the actual Tết and National Day days each
// year; those notices (longer breaks, swapped Saturdays) are data: calendar_day rows.
// Lunar dates come from `vietnamese-date`, which computes at UTC+7 (Chinese libraries,
// at UTC+8, put Tết 2030 on 3 Feb; Vietnam celebrates it on 2 Feb).
import vietnameseDate from 'vietnamese-date';

// The package ships ES modules without declaring "type": "module": TypeScript reads it as
// CommonJS (the class under .default) while Node and Vite hand over the class itself.
type VietnameseDateClass = typeof vietnameseDate.default;
const VietnameseDate = ((vietnameseDate as unknown as { default?: VietnameseDateClass }).default ?? vietnameseDate) as unknown as VietnameseDateClass;

/** A calendar day, YYYY-MM-DD, in Vietnamese local time. */
export type Day = string;

export interface Holiday {
  day: Day;
  vi: string;
  en: string;
}

const VN_OFFSET_MS = 7 * 3_600_000;

/** The local (UTC+7) day of an instant. */
export function localDay(at: Date): Day {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Day ± n calendar days. */
export function shiftDay(day: Day, n: number): Day {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday. */
export function weekday(day: Day): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export const isWeekend = (day: Day): boolean => weekday(day) === 0 || weekday(day) === 6;

/** The solar day of a lunar date (the library gives midnight UTC+7 as an instant). */
function lunarToSolar(lunarYear: number, month: number, dayOfMonth: number): Day {
  return localDay(new VietnameseDate(lunarYear, month, dayOfMonth).solarDate);
}

/** Tết Nguyên Đán of a lunar year (its first day falls in that solar year). */
export function tetDay(year: number): Day {
  return lunarToSolar(year, 1, 1);
}

/**
 * The statutory holidays of a solar year, before compensatory days. Tết: the last day of
 * the old lunar year and days 1-4 of the new (the usual reading of "05 ngày"; the yearly
 * notice may lengthen the break: calendar_day rows). National Day's adjacent day follows
 * recent notices: 1 Sep when 2 Sep is a Tuesday, Friday or Saturday (a bridge to the
 * weekend), else 3 Sep (verify each year against the Prime Minister's notice).
 */
export function statutoryHolidays(year: number): Holiday[] {
  const tet = tetDay(year);
  const national = `${year}-09-02`;
  const adjacent = [2, 5, 6].includes(weekday(national)) ? `${year}-09-01` : `${year}-09-03`;
  const list: Holiday[] = [
    { day: `${year}-01-01`, vi: 'Tết Dương lịch', en: "New Year's Day" },
    { day: shiftDay(tet, -1), vi: 'Tết Âm lịch (ngày cuối năm)', en: 'Lunar New Year (last day of the year)' },
    ...[0, 1, 2, 3].map((i) => ({ day: shiftDay(tet, i), vi: `Tết Âm lịch (mùng ${i + 1})`, en: `Lunar New Year (day ${i + 1})` })),
    { day: lunarToSolar(year, 3, 10), vi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', en: "Hùng Kings' Commemoration (10th of the 3rd lunar month)" },
    { day: `${year}-04-30`, vi: 'Ngày Chiến thắng', en: 'Reunification Day' },
    { day: `${year}-05-01`, vi: 'Ngày Quốc tế lao động', en: 'International Workers’ Day' },
    { day: national, vi: 'Quốc khánh', en: 'National Day' },
    { day: adjacent, vi: 'Quốc khánh (ngày liền kề)', en: 'National Day (adjacent day)' },
  ];
  return list.sort((a, b) => a.day.localeCompare(b.day));
}

/**
 * The holidays of a year with the compensatory days off (Điều 111 khoản 3): each holiday
 * on a Saturday or Sunday moves to the next weekday that is neither a holiday nor already
 * a compensatory day.
 */
export function holidaysOf(year: number): Holiday[] {
  const statutory = statutoryHolidays(year);
  const taken = new Set(statutory.map((h) => h.day));
  const compensatory: Holiday[] = [];
  for (const h of statutory) {
    if (!isWeekend(h.day)) continue;
    let day = shiftDay(h.day, 1);
    while (isWeekend(day) || taken.has(day)) day = shiftDay(day, 1);
    taken.add(day);
    compensatory.push({ day, vi: `Nghỉ bù ${h.vi}`, en: `Compensatory day off for ${h.en}` });
  }
  return [...statutory, ...compensatory].sort((a, b) => a.day.localeCompare(b.day));
}
