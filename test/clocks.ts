import type { Clock } from '../src/ports/clock.js';

/**
 * Clocks for tests. Every test that involves time reads it from one of these, never from the
 * machine: the suite must pass on any date (CI runs it under `faketime` too).
 */

/** Monday 23 November 2026, 09:15 in Amsterdam (UTC+1): the conversation tests' "now". */
export const mondayMorning = '2026-11-23T08:15:00.000Z';

/** A clock that stands still at `at`. */
export function fixedClock(at: string | Date = mondayMorning): Clock {
  const ms = new Date(at).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a time: ${String(at)}`);
  return { now: () => new Date(ms) };
}

/** A clock the test moves by hand, for expiry, leases and retention. */
export class TestClock implements Clock {
  ms: number;
  constructor(at: string | Date | number = mondayMorning) {
    this.ms = typeof at === 'number' ? at : new Date(at).getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}
