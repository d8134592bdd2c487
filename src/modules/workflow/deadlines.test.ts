// Deadline status, the step that made a dossier late, and the compliance comparison (issue #7 items 3, 8). Pure.
import { describe, expect, it } from 'vitest';
import { deviationOf } from './compliance.js';
import { deadlineStatus, effectiveDueDay, stepThatCausedDelay } from './deadlines.js';
import { createCalendar } from './working-days.js';

const calendar = createCalendar();
const shares = [
  { seq: 1, code: 'check', days: 2, clockRuns: true },
  { seq: 2, code: 'tax', days: 0, clockRuns: false },
  { seq: 3, code: 'record', days: 3, clockRuns: true },
  { seq: 4, code: 'approve', days: 3, clockRuns: true },
];

describe('deadlines (F2, O13)', () => {
  it('F2 on time, due soon within the configured working days, late after the due day; closed dossiers by their closing day', () => {
    const at = (today: string, closedDay: string | null = null) => deadlineStatus(calendar, { today, dueDay: '2026-12-07', closedDay, dueSoonDays: 2 });
    expect(at('2026-12-01')).toBe('on_time');
    // Friday 4 Dec: two working days left (7 Dec counts, the weekend does not)
    expect(at('2026-12-03')).toBe('due_soon');
    expect(at('2026-12-04')).toBe('due_soon');
    expect(at('2026-12-08')).toBe('late');
    expect(at('2026-12-09', '2026-12-07')).toBe('on_time');
    expect(at('2026-12-09', '2026-12-08')).toBe('late');
  });

  it('F2 a stop still open moves the due day by the working days it has lasted', () => {
    expect(effectiveDueDay(calendar, '2026-12-07', null, '2026-12-10')).toBe('2026-12-07');
    // stopped since Friday 27 Nov, today Wednesday 2 Dec: 30 Nov, 1 and 2 Dec stood still
    expect(effectiveDueDay(calendar, '2026-12-07', '2026-11-27', '2026-12-02')).toBe('2026-12-10');
  });

  it('O13 the step that caused the delay: the first over its share; a step whose clock does not run never is', () => {
    expect(stepThatCausedDelay(shares, [
      { seq: 1, code: 'check', workingDays: 2 }, { seq: 2, code: 'tax', workingDays: 0 }, { seq: 3, code: 'record', workingDays: 5 }, { seq: 4, code: 'approve', workingDays: null },
    ], 4)).toBe('record');
    // 30 working days waiting for the tax notice are not the office's: the check, a day over, is
    expect(stepThatCausedDelay(shares, [{ seq: 1, code: 'check', workingDays: 3 }, { seq: 2, code: 'tax', workingDays: null }], 30)).toBe('check');
    expect(stepThatCausedDelay(shares, [{ seq: 1, code: 'check', workingDays: null }], 3)).toBe('check');
  });

  it('O13 recorded steps against the procedure version: order, unknown steps, a result without every step', () => {
    const planned = ['check', 'tax', 'record', 'approve'];
    expect(deviationOf(planned, planned, 'done')).toBeNull();
    expect(deviationOf(planned, ['check', 'tax'], 'processing')).toBeNull();
    expect(deviationOf(planned, ['check', 'record'], 'processing')!.en).toBe('Step "record" recorded in position 2; the procedure has "tax"');
    expect(deviationOf(planned, ['check', 'survey'], 'refused')!.en).toBe('Step "survey" is not in the procedure');
    expect(deviationOf(planned, ['check', 'tax', 'record'], 'done')!.en).toBe('Result returned without the steps: approve');
  });
});
