// Deadlines of a dossier (issue #7 item 3; F2, O13): the due day moved by the clock's
// stops, on time / due soon / late, and the step that made a late dossier late. Pure.
import { addWorkingDays, workingDaysBetween, type Day, type WorkingCalendar } from './working-days.js';

export type DeadlineStatus = 'on_time' | 'due_soon' | 'late';

/**
 * The due day while the clock may be stopped now: a stop still open at `today` pushes the
 * due day by the working days it has lasted so far.
 */
export function effectiveDueDay(calendar: WorkingCalendar, dueDay: Day, openPauseFrom: Day | null, today: Day): Day {
  if (!openPauseFrom) return dueDay;
  return addWorkingDays(calendar, dueDay, workingDaysBetween(calendar, openPauseFrom, today));
}

/**
 * Closed dossiers: on time when closed by the due day. Open ones: late after the due day,
 * due soon when at most `dueSoonDays` working days remain.
 */
export function deadlineStatus(calendar: WorkingCalendar, p: { today: Day; dueDay: Day; closedDay: Day | null; dueSoonDays: number }): DeadlineStatus {
  if (p.closedDay) return p.closedDay > p.dueDay ? 'late' : 'on_time';
  if (p.today > p.dueDay) return 'late';
  return workingDaysBetween(calendar, p.today, p.dueDay) <= p.dueSoonDays ? 'due_soon' : 'on_time';
}

export interface StepShare {
  seq: number;
  code: string;
  days: number;
  clockRuns: boolean;
}

export interface StepDone {
  seq: number;
  code: string;
  /** working days the step took with the clock running (null: still open) */
  workingDays: number | null;
}

/**
 * The step that made a dossier late: the first whose working days exceeded its share of
 * the time limit (a step whose clock does not run cannot), else the open step (`openDays`
 * working days so far), else the last step done.
 */
export function stepThatCausedDelay(shares: readonly StepShare[], done: readonly StepDone[], openDays: number | null): string | null {
  const share = new Map(shares.map((s) => [s.seq, s]));
  for (const step of done) {
    const planned = share.get(step.seq);
    const used = step.workingDays ?? openDays ?? 0;
    if (planned && planned.clockRuns && used > planned.days) return step.code;
  }
  return done.at(-1)?.code ?? null;
}
