import type { Booking } from './bookings.js';
import type { LeasedWorkQueue, WorkItem } from './leasedWorkQueue.js';

/**
 * The booking outbox: everything that must happen after a booking — the coach's calendar
 * written, moved or cleared, the resident told, the reminder sent — as durable jobs on a
 * {@link LeasedWorkQueue}, so each happens once although instances crash and scale out. The
 * booking in the store stays the source of truth: a job reads it again before it acts.
 *
 * Jobs of one booking share a group (`pk` = booking id) and run in order of `dueAt`. A job's id
 * names what it does and which version of the booking (its `createdAt`), so queueing it twice
 * is a duplicate, not a second event or message.
 */

/** What a job does. */
export type OutboxJobKind =
  /** Write the booking's event in the coach's calendar (after re-checking the coach's time). */
  | 'calendarPut'
  /** Take the booking's event out of the coach's calendar. */
  | 'calendarRemove'
  /** The WhatsApp reminder the day before. */
  | 'reminder'
  /** A message to the resident (see {@link ResidentNoticeKind}). */
  | 'notice';

/** Messages the outbox sends a resident outside their own turn. */
export type ResidentNoticeKind =
  /** The calendar could not be written yet: the booking stands, the coach's calendar follows. */
  | 'calendarDelayed'
  /** The coach turned out to be busy at the booked time: new times are offered. */
  | 'lateConflict'
  /** The coach cancelled or moved the meeting in their own calendar. */
  | 'coachCancelled';

export interface OutboxJob extends WorkItem {
  kind: OutboxJobKind;
  /** The booking's id: the group whose jobs run in order. */
  pk: string;
  coachId: string;
  /** `createdAt` of the booking version the job is for (a slot booked again is a new version). */
  bookingCreatedAt: string;
  /** The resident's conversation key (to tell them); no message text, names or numbers. */
  residentKey: string;
  /** When the job may run (ms): now, the day before for a reminder, later after a failure. */
  dueAt: number;
  notice?: ResidentNoticeKind;
  /** For a notice about a booking that is gone (`coachCancelled`): its start and language. */
  meetingStart?: string;
  /** Its end: with the start, what the resident's cancellation calendar file needs. */
  meetingEnd?: string;
  language?: string;
  /** And what it was for (`HandoffSummary.intent`): the button to plan again goes there. */
  intent?: string;
  /** The error code of the last failed attempt, for staff and logs. */
  lastError?: string;
  /**
   * When a message to the resident started going out (ms), stored before the send: a job found
   * with it after its instance died may or may not have sent (see `outboxJobs.ts`).
   */
  sendingAt?: number;
  ttl?: number;
}

/** The group of jobs of one booking. */
export type OutboxQueue = LeasedWorkQueue<OutboxJob>;

/** The id of a job: what it does for which version of the booking. */
export function outboxJobId(
  kind: OutboxJobKind,
  bookingCreatedAt: string,
  notice?: ResidentNoticeKind,
): string {
  const version = Date.parse(bookingCreatedAt);
  return notice ? `${kind}.${notice}.${version}` : `${kind}.${version}`;
}

/** Jobs of a booking in the order they run: by due time, then by when they were queued. */
export function outboxOrder(a: OutboxJob, b: OutboxJob): number {
  return a.dueAt - b.dueAt || a.receivedAt - b.receivedAt;
}

/** What the planner hands the outbox: a booking made or given up. */
export interface BookingOutbox {
  /**
   * Queues what a new booking needs (the calendar write; the reminder for a WhatsApp resident).
   * Called before the booking is stored, so a crash in between leaves a job that finds no
   * booking (and does nothing), never a booking without its job.
   */
  booked(booking: Booking, resident: { channel: string }): Promise<void>;
  /**
   * Starts the queued jobs of a booking now (else the next sweep does). The durable outbox
   * resolves at once; an in-process one (tests over memory stores) resolves when they are done.
   */
  dispatch(booking: Pick<Booking, 'id' | 'coachId'>): Promise<void>;
  /**
   * Queues taking a booking's event out of the coach's calendar; see {@link CancelCalendarEntry}.
   * Called before the booking is cancelled: the job waits until the booking is gone.
   */
  cancelled(booking: BookingRef): Promise<void>;
}

/** Enough of a booking to find its calendar event. */
export interface BookingRef {
  id: string;
  coachId: string;
  /** The booking version; without it (a booking already erased) any version's event goes. */
  createdAt?: string;
  residentKey: string;
}

/**
 * "Cancel this booking's calendar entry": queues the removal (idempotent) and starts it. For
 * erasure and other callers outside the planner; the event goes once the booking is gone.
 */
export type CancelCalendarEntry = (booking: BookingRef) => Promise<void>;

/** What staff see of the outbox: the jobs that do not succeed. */
export interface OutboxMonitor {
  /**
   * Failed jobs (a late clash, a cancellation the booking outlived, given up) and open ones that
   * failed `minAttempts` times or more (the calendar is down or refuses): newest first.
   */
  troubled(minAttempts: number, limit: number): Promise<OutboxJob[]>;
}
