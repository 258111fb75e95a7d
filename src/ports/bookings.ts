import type { MeetingForm } from '../domain/coach.js';
import type { HandoffSummary } from '../domain/handoff.js';
import type { Interval } from '../domain/calendarTime.js';

/** A first meeting, booked. */
export interface Booking {
  /** Derived from coach and start ({@link bookingId}): a second booking of the slot collides. */
  id: string;
  coachId: string;
  /** ISO instants (UTC). */
  start: string;
  end: string;
  /** The conversation that booked it (its key); only it may move or cancel. */
  residentKey: string;
  form: MeetingForm;
  /** The meeting place for `location` and `walk` meetings. */
  placeId?: string;
  summary: HandoffSummary;
  createdAt: string;
}

/** The id of the booking of `coachId`'s slot starting at `start`: the same slot, the same id. */
export function bookingId(coachId: string, start: Date | string): string {
  const iso = typeof start === 'string' ? new Date(start).toISOString() : start.toISOString();
  return `${coachId}_${iso.replace(/[:.]/g, '-')}`;
}

/** What {@link BookingStore.create} needs besides the booking. */
export interface CreateBookingOptions {
  /** The coach's free time kept before and after every meeting (`Coach.bufferMinutes`). */
  bufferMinutes: number;
}

/** A meeting's span: ISO instants as stored, or epoch milliseconds as in an {@link Interval}. */
export interface Span {
  start: string | number;
  end: string | number;
}

const epochMs = (instant: string | number) =>
  typeof instant === 'number' ? instant : Date.parse(instant);

/**
 * Whether `a` and `b` cannot both be booked with one coach who keeps `bufferMinutes` free
 * around each meeting: `b.start < a.end + buffer && a.start < b.end + buffer`. The rule is
 * symmetric, and it is the one availability applies (a booking widened by the buffer on both
 * sides must not touch the other meeting), so a slot that was offered can be claimed. The
 * stores ask it of schedule entries, the planner of busy intervals: one rule for both.
 *
 * @example
 * // 09:00–09:45 and 10:00–10:45 with a 15-minute buffer: the buffer exactly fits.
 * conflictsWith({ start: '…T09:00Z', end: '…T09:45Z' }, 15)({ start: '…T10:00Z', end: '…T10:45Z' }); // false
 */
export function conflictsWith(booking: Span, bufferMinutes: number): (other: Span) => boolean {
  if (!Number.isFinite(bufferMinutes) || bufferMinutes < 0) {
    throw new RangeError('bufferMinutes must be a number of minutes, 0 or more');
  }
  const bufferMs = bufferMinutes * 60_000;
  const start = epochMs(booking.start);
  const end = epochMs(booking.end);
  return (other) => epochMs(other.start) < end + bufferMs && start < epochMs(other.end) + bufferMs;
}

/**
 * Bookings of coaches' time, claimed atomically in the database (not with a lock in memory),
 * so two residents never hold overlapping time of one coach, across instances.
 *
 * Slots start on a grid finer than a meeting plus its buffer (every 30 minutes, for 45 minutes
 * plus 15), so claiming a slot's id is not enough: 09:00 and 09:30 are different ids but the
 * same coach's time. The store therefore keeps one *schedule* per coach — the coach's booked
 * intervals — and claims time on it with a write that is conditional on the version it read
 * (an ETag-guarded replace), so of two overlapping claims made at once only one can land. A
 * booking conflicts with another when `[start, end)` widened by `bufferMinutes` on both sides
 * overlaps the other's `[start, end)` ({@link conflictsWith}).
 *
 * Errors: `create` throws `VoordeurError('VD_SLOT_TAKEN')` when the time conflicts with another
 * booking; a store outage throws `VD_STORE_UNAVAILABLE`; a schedule that keeps changing under
 * heavy contention throws `VD_STATE_CONFLICT`.
 */
export interface BookingStore {
  /**
   * Claims the booking's time on the coach's schedule and stores the booking. Throws
   * `VD_SLOT_TAKEN` when another booking of the coach conflicts (including another resident's
   * booking of the same slot). Creating the same booking (same id) again for the same resident
   * returns the existing one, so a retried turn books once.
   */
  create(booking: Booking, options: CreateBookingOptions): Promise<Booking>;
  get(coachId: string, id: string): Promise<Booking | undefined>;
  /** Frees the slot. Idempotent: a booking already gone, or not this resident's, is left alone. */
  cancel(coachId: string, id: string, residentKey: string): Promise<void>;
  /** The coach's bookings that overlap [from, to), in order (for listing them). */
  forCoach(coachId: string, from: Date, to: Date): Promise<Booking[]>;
  /**
   * The coach's booked intervals (meeting time, without buffer) that overlap [from, to), in
   * order: what availability must keep free. Read from the schedule `create` claims on, in one
   * point read, so it agrees with what `create` would refuse.
   */
  busyIntervals(coachId: string, from: Date, to: Date): Promise<Interval[]>;
  /** Upcoming bookings per coach id (for caseloads). */
  upcomingCounts(now: Date): Promise<Record<string, number>>;
}
