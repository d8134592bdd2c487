import { describe, expect, it } from 'vitest';
import { addDays, formatDate, formatDateTime, todayIso } from './format';

describe('date formatting', () => {
  it('shows calendar dates as dd/mm/yyyy whatever the time zone', () => {
    expect(formatDate('2026-11-05', 'vi-VN')).toBe('05/11/2026');
    expect(formatDate('2026-11-05', 'en-GB')).toBe('05/11/2026');
    expect(formatDate(null, 'vi-VN')).toBe('');
  });

  it('shows moments in Vietnam time', () => {
    expect(formatDateTime('2026-11-24T18:30:00Z', 'en-GB')).toBe('25/11/2026, 01:30');
  });

  it('counts days across month ends and knows today in Vietnam', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(todayIso(new Date('2026-11-24T18:30:00Z'))).toBe('2026-11-25');
  });
});
