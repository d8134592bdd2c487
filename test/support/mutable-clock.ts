import type { Clock } from '../../src/kernel/clock.js';

/** A clock a test moves forward (L1: a week passes). */
export class MutableClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}
