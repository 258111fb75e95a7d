/** Where and from when a search for free slots looks, and the calendars it looks at. */
import type { Coach } from '../coach.js';
import type { Interval } from '../calendarTime.js';

/** Calendar days searched when the caller gives no horizon (the configured default is 28 too). */
export const defaultHorizonDays = 28;
/** Slot starts fall on this grid, in minutes, when the caller gives none. */
export const defaultStepMinutes = 30;

/** The calendars of one coach, as the calendar port and the bookings store return them. */
export interface CoachCalendar {
  coach: Coach;
  /** Events in the coach's own calendar (absolute time). */
  busy: readonly Interval[];
  /** Voordeur bookings of this coach, meeting time only (the buffer is added here). */
  bookings: readonly Interval[];
}

export interface SearchWindow {
  /** ISO dates on which nobody is met (see `closureDays`). */
  closures: ReadonlySet<string>;
  now: Date;
  /** No slot starts earlier than `now` plus this, e.g. 24 * 60. */
  minNoticeMinutes: number;
  /** Calendar days in Amsterdam, today included; default {@link defaultHorizonDays}. */
  horizonDays?: number;
  /** Slot starts fall on this grid from local midnight (and on each range's start); default 30. */
  stepMinutes?: number;
}
