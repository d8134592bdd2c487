// The working-day calendar (issue #7 item 3; F2): holidays computed from the lunar
// calendar at UTC+7, compensatory days, yearly overrides, and the counting rule.
import { describe, expect, it } from 'vitest';
import { holidaysOf, statutoryHolidays, tetDay } from './holidays.js';
import { addWorkingDays, countingDay, createCalendar, dueDay, isWorkingDay, workingDaysBetween } from './working-days.js';

const days = (year: number) => holidaysOf(year).map((h) => h.day);

describe('Vietnamese public holidays (Bộ luật Lao động 2019, Điều 112)', () => {
  it('F2 Tết is computed at UTC+7: 17 Feb 2026, 6 Feb 2027 and 2 Feb 2030 (not 3 Feb as at UTC+8)', () => {
    expect(tetDay(2026)).toBe('2026-02-17');
    expect(tetDay(2027)).toBe('2027-02-06');
    expect(tetDay(2030)).toBe('2030-02-02');
  });

  it('F2 2026: New Year, five Tết days from the last day of the lunar year, Hùng Kings on 26 Apr, 30 Apr, 1 May, 2 Sep + adjacent', () => {
    const statutory = statutoryHolidays(2026).map((h) => h.day);
    expect(statutory).toEqual(['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-26', '2026-04-30', '2026-05-01', '2026-09-02', '2026-09-03']);
  });

  it('F2 a holiday on a weekend gives the next working day off: Hùng Kings 2026 (Sunday 26 Apr) → Monday 27 Apr', () => {
    expect(days(2026)).toContain('2026-04-27');
    const calendar = createCalendar();
    expect(isWorkingDay(calendar, '2026-04-27')).toBe(false);
    expect(isWorkingDay(calendar, '2026-04-28')).toBe(true);
  });

  it('F2 Tết 2030 (Saturday 2 Feb) and its days on the weekend give compensatory days after the break', () => {
    // 1 Feb (Fri, last day) .. 5 Feb (Tue); 2 and 3 Feb are a weekend → 6 and 7 Feb off
    const calendar = createCalendar();
    for (const d of ['2030-02-01', '2030-02-04', '2030-02-05', '2030-02-06', '2030-02-07']) expect(isWorkingDay(calendar, d), d).toBe(false);
    expect(isWorkingDay(calendar, '2030-02-08')).toBe(true);
    expect(isWorkingDay(calendar, '2030-01-31')).toBe(true);
  });

  it('F2 National Day: 2 Sep with 1 Sep when it is a Tuesday (2025), with 3 Sep when it is a Monday (2024) or Wednesday (2026)', () => {
    expect(statutoryHolidays(2025).map((h) => h.day)).toEqual(expect.arrayContaining(['2025-09-01', '2025-09-02']));
    expect(statutoryHolidays(2024).map((h) => h.day)).toEqual(expect.arrayContaining(['2024-09-02', '2024-09-03']));
    const calendar = createCalendar();
    expect(workingDaysBetween(calendar, '2026-08-31', '2026-09-04')).toBe(2); // 1 and 4 Sep
  });
});

describe('working days', () => {
  const calendar = createCalendar();

  it('F2 across Tết 2026 and weekends: 8 working days from Thursday 12 Feb end on Tuesday 3 Mar', () => {
    // counted: 13 Feb (Fri); 14-15 weekend; 16-20 Tết; 21-22 weekend; 23, 24, 25, 26 ...: 13, 23, 24, 25, 26, 27 Feb, 2, 3 Mar
    expect(addWorkingDays(calendar, '2026-02-12', 8)).toBe('2026-03-03');
    expect(addWorkingDays(calendar, '2026-02-12', 1)).toBe('2026-02-13');
    expect(addWorkingDays(calendar, '2026-02-12', 2)).toBe('2026-02-23');
    expect(workingDaysBetween(calendar, '2026-02-12', '2026-03-03')).toBe(8);
    expect(workingDaysBetween(calendar, '2026-03-03', '2026-02-12')).toBe(0);
  });

  it('F2 yearly overrides: an extra day off and a Saturday worked in a swap', () => {
    const swapped = createCalendar([{ day: '2026-02-13', kind: 'day_off' }, { day: '2026-02-28', kind: 'working_day' }]);
    expect(isWorkingDay(swapped, '2026-02-13')).toBe(false);
    expect(isWorkingDay(swapped, '2026-02-28')).toBe(true);
    // the day off is taken out, the Saturday put in: 8 days end one calendar day earlier than without the Saturday
    expect(addWorkingDays(swapped, '2026-02-12', 8)).toBe('2026-03-03');
    expect(addWorkingDays(swapped, '2026-02-12', 1)).toBe('2026-02-23');
  });

  it('F2 the day of receipt is not counted; after 17:00 or on a day off it counts as received the next working day', () => {
    // Friday 13 Feb 2026, 10:00 local → received 13 Feb, first counted day 23 Feb
    expect(countingDay(calendar, new Date('2026-02-13T03:00:00Z'))).toBe('2026-02-13');
    expect(dueDay(calendar, new Date('2026-02-13T03:00:00Z'), 1)).toBe('2026-02-23');
    // Friday 13 Feb, 17:30 local → as received Monday 23 Feb (after Tết), due 1 day later
    expect(countingDay(calendar, new Date('2026-02-13T10:30:00Z'))).toBe('2026-02-23');
    expect(dueDay(calendar, new Date('2026-02-13T10:30:00Z'), 1)).toBe('2026-02-24');
    // Saturday 21 Feb → Monday 23 Feb
    expect(countingDay(calendar, new Date('2026-02-21T03:00:00Z'))).toBe('2026-02-23');
  });
});
