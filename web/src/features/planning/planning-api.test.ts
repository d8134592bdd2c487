import { describe, expect, it } from 'vitest';
import { dayInVietnam } from './planning-api';

describe('S-PLAN portal: the day a parcel panel asks the plans in force for', () => {
  it('is the calendar day in Vietnam (UTC+7) of the time shown', () => {
    expect(dayInVietnam('2026-06-01')).toBe('2026-06-01');
    expect(dayInVietnam('2026-05-31T16:59:59Z')).toBe('2026-05-31');
    expect(dayInVietnam('2026-05-31T17:00:00Z')).toBe('2026-06-01');
    expect(dayInVietnam('2026-06-01T00:30:00+07:00')).toBe('2026-06-01');
  });
});
