import { performance } from 'node:perf_hooks';
import { isVoordeurError } from '../errors.js';
import type { Logger } from '../log.js';
import { pseudonym } from '../domain/pseudonym.js';
import type { Booking, BookingStore } from '../ports/bookings.js';
import type { Calendar } from '../ports/calendar.js';
import type { Clock } from '../ports/clock.js';
import type { CoachDirectory } from '../ports/coaches.js';
import { outboxJobId, type OutboxJob, type OutboxQueue } from '../ports/outbox.js';

export interface CoachCalendarSyncDeps {
  coaches: CoachDirectory;
  bookings: BookingStore;
  /** The coaches' calendars (as the outbox uses them: one try per call, no waiting). */
  calendar: Calendar;
  /** The booking outbox: where the calendar writes are recorded and the notice is queued. */
  queue: OutboxQueue;
  clock: Clock;
  log: Logger;
  /**
   * Cancels the booking as the resident's own cancel does (the planner, as the chat sees it):
   * frees the slot, queues the removal of the event, records it for the staff pages.
   */
  cancel(booking: Booking): Promise<void>;
  /** Starts a booking's queued jobs now (the outbox worker); the sweep would find them too. */
  dispatch(bookingId: string): void;
  /** How far ahead bookings are looked at: the planning horizon. */
  horizonDays: number;
  /** `ttl` of the queued notice (as the outbox's other jobs). */
  ttlSeconds: number;
  /** Bookings looked at per round at most; the others come first in the next rounds. */
  maxChecksPerRound?: number;
  /** Calendar reads at the same time. */
  concurrency?: number;
}

/** What one round found. */
export interface SyncRound {
  /** Upcoming bookings (all coaches). */
  upcoming: number;
  /** Of those, looked at this round (at most `maxChecksPerRound`). */
  checked: number;
  /** Events as written. */
  unchanged: number;
  /** Bookings whose event is not written (yet): the calendar job is pending, failed or clashed. */
  notWritten: number;
  /** Cancelled because the coach deleted or cancelled the event. */
  gone: number;
  /** Cancelled because the coach moved the event to another start. */
  moved: number;
  /** Bookings not looked at because their coach's calendar (or the store) did not answer. */
  unreachable: number;
  ms: number;
}

type Outcome = 'unchanged' | 'notWritten' | 'gone' | 'moved' | 'unreachable' | 'changed';

const DAY_MS = 86_400_000;

/**
 * Notices what a coach changed in their own calendar (Microsoft 365, CalDAV, Voordeur's own):
 * every round it reads back the event of each upcoming booking whose calendar job wrote it
 * (`calendarPut` handled as `written`; a job still pending, failed or clashed wrote nothing to
 * compare). When the event is gone, cancelled, or starts at another time, the coach cannot
 * meet at the booked time: the resident gets the `coachCancelled` notice through the outbox
 * (with buttons to choose another time or be called), and the booking is cancelled the way a
 * resident cancels, so the slot is free again and the staff pages count it.
 *
 * Safe with several instances polling: the notice's job id names the booking version (two
 * instances queue one message), the cancel is idempotent and ETag-guarded in the store, and the
 * booking is read again after the calendar, so an event Voordeur removed itself (it does so
 * only after the booking is gone) is never taken for the coach's doing. A calendar that does
 * not answer is logged (no personal data) and read again next round: nothing is lost.
 */
export class CoachCalendarSync {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  /** Where the last round stopped, when it could not look at every booking. */
  private cursor = '';

  constructor(private readonly deps: CoachCalendarSyncDeps) {}

  /** Runs a round every `intervalMs` (0: never); a round still running skips the next tick. */
  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.round()
        .catch((error: unknown) =>
          this.deps.log.warn({ err: errorInfo(error) }, 'coach calendar round failed'),
        )
        .finally(() => {
          this.running = undefined;
        });
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a round under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One round over the upcoming bookings (tests call it directly). */
  async round(): Promise<SyncRound> {
    const began = performance.now();
    const { deps } = this;
    const now = deps.clock.now();
    const until = new Date(now.getTime() + (deps.horizonDays + 1) * DAY_MS);
    const upcoming: Booking[] = [];
    for (const coach of await deps.coaches.list()) {
      const bookings = await deps.bookings.forCoach(coach.id, now, until);
      upcoming.push(...bookings.filter((b) => Date.parse(b.start) > now.getTime()));
    }
    const chosen = this.nextBatch(upcoming);

    const unreachable = new Set<string>();
    const outcomes = await inParallel(chosen, deps.concurrency ?? 4, (booking) =>
      this.check(booking, unreachable),
    );
    const count = (outcome: Outcome) => outcomes.filter((o) => o === outcome).length;
    const result: SyncRound = {
      upcoming: upcoming.length,
      checked: chosen.length,
      unchanged: count('unchanged'),
      notWritten: count('notWritten'),
      gone: count('gone'),
      moved: count('moved'),
      unreachable: count('unreachable'),
      ms: Math.round(performance.now() - began),
    };
    const level = result.gone + result.moved + result.unreachable > 0 ? 'info' : 'debug';
    deps.log[level]({ ...result }, 'coach calendars checked');
    return result;
  }

  /**
   * Up to `maxChecksPerRound` bookings, soonest first, going on after the last round's; all of
   * them when they fit.
   */
  private nextBatch(upcoming: Booking[]): Booking[] {
    const max = this.deps.maxChecksPerRound ?? 300;
    const keyOf = (b: Booking) => `${b.start}|${b.id}`;
    const sorted = [...upcoming].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
    if (sorted.length <= max) {
      this.cursor = '';
      return sorted;
    }
    const from = Math.max(
      0,
      sorted.findIndex((b) => keyOf(b) > this.cursor),
    );
    const batch = [...sorted.slice(from), ...sorted.slice(0, from)].slice(0, max);
    this.cursor = keyOf(batch[batch.length - 1]!);
    return batch;
  }

  private async check(booking: Booking, unreachable: Set<string>): Promise<Outcome> {
    const { deps } = this;
    if (unreachable.has(booking.coachId)) return 'unreachable';
    try {
      const put = await deps.queue.get(booking.id, outboxJobId('calendarPut', booking.createdAt));
      if (put?.state !== 'handled' || put.outcome !== 'written') return 'notWritten';
      let times;
      try {
        times = await deps.calendar.eventTimes(booking.coachId, booking.id);
      } catch (error) {
        // One failure is enough for this round: the coach's other events wait for the next.
        unreachable.add(booking.coachId);
        deps.log.warn(
          { coach: pseudonym(booking.coachId), err: errorInfo(error) },
          "coach's calendar not read; read again next round",
        );
        return 'unreachable';
      }
      if (times && Date.parse(times.start) === Date.parse(booking.start)) return 'unchanged';
      // Read again after the calendar: Voordeur removes an event only once its booking is gone,
      // so a booking still here (this version) means the coach removed or moved it.
      const current = await deps.bookings.get(booking.coachId, booking.id);
      if (current?.createdAt !== booking.createdAt) return 'changed';
      // The notice first: a crash before the cancel leaves it queued, and the next round (the
      // booking still there) queues it again as a duplicate and cancels.
      await deps.queue.add(coachCancelledNotice(current, deps));
      await deps.cancel(current);
      deps.dispatch(current.id);
      deps.log.info(
        { booking: pseudonym(current.id), change: times ? 'moved' : 'gone' },
        "booking cancelled: the coach's calendar no longer has it at the booked time",
      );
      return times ? 'moved' : 'gone';
    } catch (error) {
      deps.log.warn(
        { booking: pseudonym(booking.id), err: errorInfo(error) },
        'booking not checked against the coach calendar; checked again next round',
      );
      return 'unreachable';
    }
  }
}

/** The `coachCancelled` notice of `booking`: one per booking version, whoever queues it. */
export function coachCancelledNotice(
  booking: Booking,
  deps: Pick<CoachCalendarSyncDeps, 'clock' | 'ttlSeconds'>,
): OutboxJob {
  const now = deps.clock.now().getTime();
  return {
    id: outboxJobId('notice', booking.createdAt, 'coachCancelled'),
    pk: booking.id,
    kind: 'notice',
    notice: 'coachCancelled',
    coachId: booking.coachId,
    bookingCreatedAt: booking.createdAt,
    residentKey: booking.residentKey,
    meetingStart: booking.start,
    meetingEnd: booking.end,
    language: booking.summary.language,
    intent: booking.summary.intent,
    receivedAt: now,
    dueAt: now,
    state: 'pending',
    attempts: 0,
    ttl: deps.ttlSeconds,
  };
}

/** The error's code or name and status: never its message (it may quote a summary). */
function errorInfo(error: unknown): { code: string; status?: number } {
  const code = isVoordeurError(error)
    ? error.code
    : String((error as { code?: unknown } | null)?.code ?? (error as Error | null)?.name);
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? { code, status } : { code };
}

/** `work` over `items`, at most `limit` at a time, results in the items' order. */
async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
