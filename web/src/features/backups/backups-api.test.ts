// The backup screen's helpers: the incident time typed in a datetime-local field is
// Vietnam time (R3: "the latest backup before 08:00 on 20 Nov" means 08:00 in Hà Nội),
// and a backup's age (the O8 alarm speaks of 26 hours).
import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '../../app/router';
import { ageHours, vietnamTime } from './backups-api';

describe('backups screen helpers (R3, O8)', () => {
  it('R3 reads the incident time as Vietnam time (UTC+7)', () => {
    expect(vietnamTime('2026-11-20T08:00')).toBe('2026-11-20T08:00:00+07:00');
    expect(new Date(vietnamTime('2026-11-20T08:00')!).toISOString()).toBe('2026-11-20T01:00:00.000Z');
    expect(vietnamTime('')).toBeUndefined();
    expect(vietnamTime('20/11/2026 08:00')).toBeUndefined();
  });

  it('O8 gives a backup\'s age in hours', () => {
    expect(ageHours('2026-11-20T00:00:00Z', new Date('2026-11-21T02:00:00Z'))).toBe(26);
  });

  it('the screen has its own route', () => {
    expect(parseRoute('#/backups')).toEqual({ name: 'backups' });
    expect(routeHash({ name: 'backups' })).toBe('#/backups');
  });
});
