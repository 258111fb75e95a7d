import { DateTime } from 'luxon';
import { isVoordeurError } from '../errors.js';
import type { Logger } from '../log.js';
import { finish, release } from '../ports/leasedWorkQueue.js';
import {
  outboxJobId,
  outboxOrder,
  type BookingOutbox,
  type BookingRef,
  type CancelCalendarEntry,
  type OutboxJob,
} from '../ports/outbox.js';
import type { Booking } from '../ports/bookings.js';
import { LeasedWorker } from './leasedWorker.js';
import { outboxJobHandler, type OutboxJobDeps } from './outboxJobs.js';

export interface OutboxSettings {
  /** This process's name on its claims. */
  instanceId: string;
  leaseMs: number;
  /** A due job nobody took for this long is picked up by the sweep. */
  graceMs: number;
  recoveryIntervalMs: number;
  /** Back-off after a failed attempt: doubling from `retryBaseMs`, at most `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Failed attempts after which a job shows on the staff page (it keeps trying). */
  troubleAfter: number;
  /** Hour (Amsterdam) of the day before the meeting when the WhatsApp reminder goes. */
  reminderHour: number;
  /** Whether reminders are sent (WhatsApp configured). */
  reminders: boolean;
}

export interface DurableOutbox {
  outbox: BookingOutbox;
  worker: LeasedWorker<OutboxJob>;
  /** "Cancel this booking's calendar entry" (erasure and tools); see {@link CancelCalendarEntry}. */
  cancelCalendarEntry: CancelCalendarEntry;
}

/** Channels whose residents get the reminder the day before. */
const reminderChannels: ReadonlySet<string> = new Set(['whatsapp']);

/**
 * The durable booking outbox: jobs on a leased queue (Cosmos in the app), worked by a
 * {@link LeasedWorker} with back-off. A calendar job keeps trying until the meeting has passed
 * (a calendar that is down loses nothing; after `troubleAfter` failures staff see it); a
 * removal that finds its booking still there waits for it; every other job is given up after
 * many tries.
 */
export function createDurableOutbox(
  deps: Omit<OutboxJobDeps, 'removalPatience'> & { settings: OutboxSettings; log: Logger },
): DurableOutbox {
  const { settings, queue, clock } = deps;
  const now = () => clock.now().getTime();
  const handle = outboxJobHandler({ ...deps, removalPatience: 12 });

  const worker = new LeasedWorker<OutboxJob>({
    queue,
    handle,
    clock,
    log: deps.log,
    label: 'outbox job',
    instanceId: settings.instanceId,
    leaseMs: settings.leaseMs,
    graceMs: settings.graceMs,
    recoveryIntervalMs: settings.recoveryIntervalMs,
    // Calendar jobs end themselves once the meeting has passed ('tooLate'); this is a backstop.
    maxAttempts: 500,
    order: outboxOrder,
    continueAfterFailure: true,
    due: (job, at) => job.dueAt <= at,
    done: (job, outcome, at) =>
      finish(
        job,
        outcome === 'conflict' || outcome === 'bookingKept' ? 'failed' : 'handled',
        outcome,
        at,
      ),
    retry: (job, error, at) => {
      const code = isVoordeurError(error)
        ? error.code
        : (((error as { code?: unknown }).code as string | undefined) ?? (error as Error).name);
      const doubling = settings.retryBaseMs * 2 ** Math.max(0, job.attempts - 1);
      const asked = (error as { retryAfterMs?: unknown }).retryAfterMs;
      const wait = Math.max(
        Math.min(doubling, settings.retryMaxMs),
        typeof asked === 'number' ? asked : 0,
      );
      return { ...release(job), dueAt: at + wait, lastError: String(code).slice(0, 40) };
    },
  });

  const job = (
    booking: Pick<Booking, 'id' | 'coachId' | 'residentKey'> & { createdAt?: string },
    kind: OutboxJob['kind'],
    dueAt: number,
  ): OutboxJob => {
    const createdAt = booking.createdAt ?? '';
    return {
      id: booking.createdAt ? outboxJobId(kind, createdAt) : `${kind}.any`,
      pk: booking.id,
      kind,
      coachId: booking.coachId,
      bookingCreatedAt: createdAt,
      residentKey: booking.residentKey,
      receivedAt: now(),
      dueAt,
      state: 'pending',
      attempts: 0,
      ttl: deps.ttlSeconds,
    };
  };

  const cancelled = async (booking: BookingRef) => {
    await queue.add(job(booking, 'calendarRemove', now()));
  };

  const outbox: BookingOutbox = {
    async booked(booking, resident) {
      await queue.add(job(booking, 'calendarPut', now()));
      if (settings.reminders && reminderChannels.has(resident.channel)) {
        const at = reminderTime(booking.start, settings.reminderHour);
        if (at > now()) await queue.add(job(booking, 'reminder', at));
      }
    },
    dispatch(booking) {
      worker.dispatch([booking.id]);
      return Promise.resolve();
    },
    cancelled,
  };

  return {
    outbox,
    worker,
    async cancelCalendarEntry(booking) {
      await cancelled(booking);
      worker.dispatch([booking.id]);
    },
  };
}

/** The reminder's moment: `hour` o'clock (Amsterdam) on the day before the meeting. */
export function reminderTime(start: string, hour: number): number {
  return DateTime.fromISO(start, { zone: 'Europe/Amsterdam' })
    .minus({ days: 1 })
    .set({ hour, minute: 0, second: 0, millisecond: 0 })
    .toMillis();
}
