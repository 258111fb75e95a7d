import { isVoordeurError } from '../errors.js';
import type { Logger } from '../log.js';
import { pseudonym } from '../domain/pseudonym.js';
import type { Booking, BookingStore } from '../ports/bookings.js';
import type { Calendar } from '../ports/calendar.js';
import type { Clock } from '../ports/clock.js';
import type { CoachDirectory } from '../ports/coaches.js';
import { outboxJobId, type OutboxJob, type OutboxQueue } from '../ports/outbox.js';
import type { OfferedTime, ResidentNotice, ResidentNotifier } from '../ports/residentNotices.js';
import { calendarEventOf, type DescribeHandoff } from '../planner/calendarEvent.js';
import type { Checkpoint } from './leasedWorker.js';
import { deliverNotice, MAYBE_SENT } from './noticeDelivery.js';

export interface OutboxJobDeps {
  queue: OutboxQueue;
  bookings: BookingStore;
  coaches: CoachDirectory;
  calendar: Calendar;
  clock: Clock;
  log: Logger;
  describeHandoff: DescribeHandoff;
  notifier: ResidentNotifier;
  /** New times for a resident whose meeting turned out to clash (the planner's proposals). */
  offersFor(booking: Booking): Promise<OfferedTime[]>;
  /** A removal waits this many tries for its booking to be cancelled before it lets it be. */
  removalPatience: number;
  ttlSeconds: number;
}

/** A removal found its booking still there: try again later (the cancel may be under way). */
export class BookingStillThere extends Error {
  override name = 'BookingStillThere';
  readonly code = 'BOOKING_STILL_THERE';
}

/**
 * What each outbox job does. Every job reads the booking again first: the booking in the store
 * is the truth, a job for a version of it that is gone (cancelled, moved, never stored) ends
 * without acting. Throws to be tried again later (the worker backs off).
 */
export function outboxJobHandler(
  deps: OutboxJobDeps,
): (job: OutboxJob, checkpoint: Checkpoint<OutboxJob>) => Promise<string> {
  const current = async (job: OutboxJob) => {
    const booking = await deps.bookings.get(job.coachId, job.pk);
    return booking?.createdAt === job.bookingCreatedAt ? booking : undefined;
  };

  async function notice(job: OutboxJob, booking: Booking, notice: OutboxJob['notice']) {
    if (!notice) return;
    await deps.queue.add({
      ...jobBase(job, deps),
      id: outboxJobId('notice', booking.createdAt, notice),
      kind: 'notice',
      notice,
    });
  }

  async function calendarPut(job: OutboxJob): Promise<string> {
    const booking = await current(job);
    if (!booking) return 'bookingGone';
    const now = deps.clock.now();
    if (Date.parse(booking.end) <= now.getTime()) return 'tooLate';
    const coach = await deps.coaches.get(booking.coachId);
    if (!coach) return 'coachGone';
    try {
      // Right before writing: has the coach filled this time in their own calendar meanwhile?
      const start = Date.parse(booking.start);
      const end = Date.parse(booking.end);
      const busy = await deps.calendar.busy(coach.id, new Date(start), new Date(end));
      // An interval exactly the meeting's is our own event, written by an earlier attempt.
      const clash = busy.some(
        (b) => b.start < end && start < b.end && !(b.start === start && b.end === end),
      );
      if (clash) {
        await notice(job, booking, 'lateConflict');
        return 'conflict';
      }
      await deps.calendar.put(calendarEventOf(booking, coach, deps.describeHandoff, now));
      return 'written';
    } catch (error) {
      // Said once, at the first failure: the booking stands and the calendar follows.
      if (job.attempts === 1 && isVoordeurError(error, 'VD_CALENDAR_UNAVAILABLE')) {
        await notice(job, booking, 'calendarDelayed');
      }
      throw error;
    }
  }

  async function calendarRemove(job: OutboxJob): Promise<string> {
    const booking = await deps.bookings.get(job.coachId, job.pk);
    const sameVersion =
      booking && (!job.bookingCreatedAt || booking.createdAt === job.bookingCreatedAt);
    if (sameVersion) {
      if (job.attempts >= deps.removalPatience) return 'bookingKept';
      throw new BookingStillThere('the booking is still there');
    }
    // A new booking of the same slot has an event of the same id: leave it.
    if (booking) return 'rebooked';
    await deps.calendar.remove(job.coachId, job.pk);
    return 'removed';
  }

  async function send(
    job: OutboxJob,
    checkpoint: Checkpoint<OutboxJob>,
    build: (booking: Booking, coachName: string) => Promise<ResidentNotice>,
  ) {
    const booking = await current(job);
    if (!booking) return 'bookingGone';
    if (Date.parse(booking.start) <= deps.clock.now().getTime()) return 'tooLate';
    const coach = await deps.coaches.get(booking.coachId);
    const notice = await build(booking, coach?.name ?? '');
    return deliverNotice(deps, job, checkpoint, booking.summary.language, notice);
  }

  async function residentNotice(
    job: OutboxJob,
    checkpoint: Checkpoint<OutboxJob>,
  ): Promise<string> {
    const kind = job.notice;
    if (!kind) return 'nothingToSay';
    if (kind === 'coachCancelled') {
      // The booking is gone by then: the message names the time the job was made for.
      const coach = await deps.coaches.get(job.coachId);
      return deliverNotice(deps, job, checkpoint, job.language ?? 'nl', {
        kind,
        coachName: coach?.name ?? '',
        start: job.meetingStart ?? '',
        ...(job.intent ? { intent: job.intent } : {}),
        ...(job.meetingEnd && job.meetingStart
          ? {
              calendarFile: {
                end: job.meetingEnd,
                bookedAt: job.bookingCreatedAt,
                cancelledAt: new Date(job.receivedAt).toISOString(),
              },
            }
          : {}),
      });
    }
    return send(job, checkpoint, async (booking, coachName) =>
      kind === 'lateConflict'
        ? { kind, coachName, start: booking.start, offers: await deps.offersFor(booking) }
        : { kind, coachName, start: booking.start },
    );
  }

  async function reminder(job: OutboxJob, checkpoint: Checkpoint<OutboxJob>): Promise<string> {
    return send(job, checkpoint, async (booking, coachName) => {
      const coach = await deps.coaches.get(booking.coachId);
      const place = coach?.places.find((p) => p.id === booking.placeId);
      return {
        kind: 'reminder',
        coachName,
        start: booking.start,
        place: place ? `${place.name}, ${place.address}` : '',
      };
    });
  }

  return async (job, checkpoint) => {
    const outcome = await {
      calendarPut,
      calendarRemove,
      reminder,
      notice: residentNotice,
    }[job.kind](job, checkpoint);
    if (outcome === MAYBE_SENT) {
      deps.log.warn(
        { booking: pseudonym(job.pk), job: job.kind, notice: job.notice, outcome },
        'outbox message not sent again: its instance died while sending',
      );
    }
    if (outcome === 'conflict' || outcome === 'bookingKept') {
      deps.log.warn(
        { booking: pseudonym(job.pk), job: job.kind, outcome },
        'outbox job needs staff: see "Agenda-opdrachten die niet lukken"',
      );
    }
    return outcome;
  };
}

/** The fields a new job of the same booking shares with `job`, pending and due now. */
export function jobBase(
  job: OutboxJob,
  deps: Pick<OutboxJobDeps, 'clock' | 'ttlSeconds'>,
): Omit<OutboxJob, 'id' | 'kind'> {
  const now = deps.clock.now().getTime();
  return {
    pk: job.pk,
    coachId: job.coachId,
    bookingCreatedAt: job.bookingCreatedAt,
    residentKey: job.residentKey,
    receivedAt: now,
    dueAt: now,
    state: 'pending',
    attempts: 0,
    ttl: deps.ttlSeconds,
  };
}
