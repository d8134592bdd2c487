import { describe, expect, it } from 'vitest';
import { clampMapDate, dateAtPosition, endOfDayInVietnam, isIsoDate, MAP_HISTORY_START, sliderPosition } from './map-date';

describe('S-PORTAL map as of a date', () => {
  it('asks for the last moment of the day in Vietnam (UTC+7)', () => {
    expect(endOfDayInVietnam('2020-03-01')).toBe('2020-03-01T16:59:59.999Z');
  });

  it('keeps only real past dates; today or later is the live map', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-1')).toBe(false);
    expect(clampMapDate('2020-05-01', '2026-11-25')).toBe('2020-05-01');
    expect(clampMapDate('2026-11-25', '2026-11-25')).toBeNull();
    expect(clampMapDate('2027-01-01', '2026-11-25')).toBeNull();
    expect(clampMapDate('1990-01-01', '2026-11-25')).toBe(MAP_HISTORY_START);
    expect(clampMapDate('garbage', '2026-11-25')).toBeNull();
  });

  it('maps slider positions to days and back; the last position is live', () => {
    const today = '2026-11-25';
    expect(sliderPosition(MAP_HISTORY_START, today)).toBe(0);
    expect(dateAtPosition(sliderPosition('2019-07-14', today), today)).toBe('2019-07-14');
    expect(dateAtPosition(sliderPosition(null, today), today)).toBeNull();
  });
});
