// Time comes from a clock so that tests and the demo can fix "now".
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
