import type { Container } from '@azure/cosmos';
import type { Interval } from '../../domain/calendarTime.js';
import { VoordeurError } from '../../errors.js';
import {
  busyWithin,
  released,
  scheduleClaim,
  type ScheduleEntry,
} from '../../ports/bookingSchedule.js';
import type { Booking, BookingStore, CreateBookingOptions } from '../../ports/bookings.js';
import type { Clock } from '../../ports/clock.js';
import { canonicalBooking } from '../canonical.js';
import {
  callCosmos,
  isDocumentMissing,
  queryAll,
  queryOverlapping,
  readDocument,
  storeSettings,
  ttlAfter,
  withoutDocumentFields,
  type CosmosCallOptions,
  type CosmosStoreOptions,
} from './cosmosOps.js';
import { statusOf } from './retry.js';

/** What one booking looks like in the `bookings` container: partitioned by coach. */
export type BookingDocument = Booking & {
  pk: string;
  /** Seconds until Cosmos deletes it: the retention period, counted from the meeting's end. */
  ttl: number;
};

/**
 * The coach's booked time, one document per coach in the coach's partition of `bookings`.
 * It has no `ttl`: it lives as long as the coach; entries are pruned a day after they end.
 * It has no `start` either, so the booking queries (`c.start < …`) never match it.
 */
export interface ScheduleDocument {
  id: typeof scheduleId;
  pk: string;
  entries: ScheduleEntry[];
}

export const scheduleId = 'schedule';

const ownFields = ['pk', 'ttl'] as const;
/**
 * Conditional writes of the schedule before one that keeps changing is given up on. Each lost
 * round means another claim (or cancel) landed, so this bounds how many of those one booking
 * waits out; a last read after the last lost round still tells "taken" from "busy".
 */
const maxRounds = 10;

function bookingOf(document: BookingDocument): Booking {
  return withoutDocumentFields<Booking>(document, ownFields);
}

function slotTaken(id: string, cause?: unknown): VoordeurError {
  return new VoordeurError('VD_SLOT_TAKEN', id, cause === undefined ? undefined : { cause });
}

function keepsChanging(coachId: string): VoordeurError {
  return new VoordeurError('VD_STATE_CONFLICT', `the schedule of ${coachId} keeps changing`);
}

/** A short random pause after losing a conditional write, so racers stop arriving in step. */
function jitter(round: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 2 ** round);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * {@link BookingStore} on Cosmos DB. Bookings live in the `bookings` container, partitioned by
 * coach, beside one {@link ScheduleDocument} per coach that lists the coach's booked intervals.
 *
 * Claiming time is a read of the schedule and a replace conditional on its ETag (`IfMatch`):
 * Cosmos refuses the replace with 412 when anyone changed the schedule since the read, so two
 * overlapping claims made at once on different instances cannot both land; the loser reads
 * again and finds the conflict. A query over the booking documents could not do this: under
 * Session consistency a query right after another instance's write need not see that write,
 * while a conditional write on one document is linearizable.
 *
 * Cost per `create`: one point read and one replace of the schedule plus one create of the
 * booking (the coach's first booking: read 404, create schedule, create booking); a refused
 * one costs the single read. Contention adds one read and one write per lost round.
 *
 * Booking documents carry `ttl`: the retention period after the meeting's end, so personal
 * data in the handoff summary disappears without a clean-up job but never before the meeting.
 */
export class CosmosBookingStore implements BookingStore {
  private readonly ttlSeconds: number;
  private readonly clock: Clock;
  private readonly call: CosmosCallOptions;

  /**
   * @param opts.ttlSeconds - retention in seconds, counted from the end of the meeting.
   * @param opts.timeoutMs - deadline per attempt (default 3000).
   */
  constructor(
    private readonly container: Container,
    opts: CosmosStoreOptions & { clock: Clock },
  ) {
    ({ ttlSeconds: this.ttlSeconds, call: this.call } = storeSettings(opts));
    this.clock = opts.clock;
  }

  async create(booking: Booking, options: CreateBookingOptions): Promise<Booking> {
    const canonical = canonicalBooking(booking);
    const claim = scheduleClaim(canonical, options.bufferMinutes);
    const document: BookingDocument = {
      ...canonical,
      id: canonical.id,
      pk: canonical.coachId,
      ttl: ttlAfter(canonical.end, this.ttlSeconds, this.clock.now().getTime()),
    };

    for (let round = 1; ; round += 1) {
      const schedule = await this.readSchedule(canonical.coachId);
      const outcome = claim(schedule?.resource.entries ?? [], this.clock.now());
      if (outcome.kind === 'taken') throw slotTaken(canonical.id);
      // A retried turn (or a turn that crashed after claiming): the time is already ours.
      if (outcome.kind === 'held') return this.storeBooking(document, 'keepExisting');
      if (round > maxRounds) throw keepsChanging(canonical.coachId);

      const landed = schedule
        ? await this.replaceSchedule(canonical.coachId, outcome.entries, schedule.etag)
        : await this.createSchedule(canonical.coachId, outcome.entries);
      if (landed) {
        // Order matters: the schedule claim first, the booking document second. A crash in
        // between leaves at most a time block that nobody holds (the coach loses that slot
        // until a retry of the same turn completes it or the time passes and it is pruned),
        // never a booking document that the schedule does not know — that one could be
        // double-booked. For the same reason a failed create below is not undone: it may
        // have landed after all.
        return this.storeBooking(document, 'overwriteStale');
      }
      await jitter(round);
    }
  }

  async get(coachId: string, id: string): Promise<Booking | undefined> {
    if (id === scheduleId) return undefined;
    const found = await readDocument<BookingDocument>(this.container, id, coachId, this.call);
    return found ? bookingOf(found.resource) : undefined;
  }

  async cancel(coachId: string, id: string, residentKey: string): Promise<void> {
    if (id === scheduleId) return;
    // The booking document first, the schedule entry second (the reverse of `create`): a crash
    // in between leaves a time block without a booking, never a booking without its time.
    // A cancel retried after such a crash finds no document and still frees the time below,
    // because the entry itself says whose it is.
    for (let round = 1; ; round += 1) {
      const found = await readDocument<BookingDocument>(this.container, id, coachId, this.call);
      if (found && found.resource.residentKey !== residentKey) return;
      if (!found) break;
      // Delete only the version read: if the slot was freed and rebooked by someone else in
      // between, the IfMatch fails (412) instead of deleting their booking.
      const outcome = await callCosmos(
        async (options) => {
          try {
            await this.container.item(id, coachId).delete({
              ...options,
              accessCondition: { type: 'IfMatch', condition: found.etag },
            });
            return 'deleted' as const;
          } catch (error) {
            if (isDocumentMissing(error)) return 'deleted' as const;
            const status = statusOf(error);
            if (status === 412) return 'changed' as const;
            throw error;
          }
        },
        this.call,
        this.container,
      );
      if (outcome === 'deleted') break;
      if (round >= 2) {
        throw new VoordeurError('VD_STATE_CONFLICT', `booking ${id} keeps changing`);
      }
    }

    for (let round = 1; ; round += 1) {
      const schedule = await this.readSchedule(coachId);
      const entries = schedule?.resource.entries ?? [];
      const rest = released(entries, id, residentKey, this.clock.now());
      // Gone already, or another resident's since (freed and rebooked in between): leave it.
      if (!schedule || !rest) return;
      if (round > maxRounds) throw keepsChanging(coachId);
      if (await this.replaceSchedule(coachId, rest, schedule.etag)) return;
      await jitter(round);
    }
  }

  async busyIntervals(coachId: string, from: Date, to: Date): Promise<Interval[]> {
    const schedule = await this.readSchedule(coachId);
    return busyWithin(schedule?.resource.entries ?? [], from, to);
  }

  private readSchedule(coachId: string) {
    return readDocument<ScheduleDocument>(this.container, scheduleId, coachId, this.call);
  }

  /** The coach's first schedule; `false` when another instance created one meanwhile (409). */
  private createSchedule(coachId: string, entries: ScheduleEntry[]): Promise<boolean> {
    const document: ScheduleDocument = { id: scheduleId, pk: coachId, entries };
    return callCosmos(
      async (options) => {
        try {
          await this.container.items.create<ScheduleDocument>(document, options);
          return true;
        } catch (error) {
          if (statusOf(error) === 409) return false;
          throw error;
        }
      },
      this.call,
      this.container,
    );
  }

  /** Replaces the version read (`etag`); `false` when it changed meanwhile (412). */
  private replaceSchedule(
    coachId: string,
    entries: ScheduleEntry[],
    etag: string,
  ): Promise<boolean> {
    const document: ScheduleDocument = { id: scheduleId, pk: coachId, entries };
    return callCosmos(
      async (options) => {
        try {
          await this.container.item(scheduleId, coachId).replace<ScheduleDocument>(document, {
            ...options,
            accessCondition: { type: 'IfMatch', condition: etag },
          });
          return true;
        } catch (error) {
          if (statusOf(error) === 412) return false;
          throw error;
        }
      },
      this.call,
      this.container,
    );
  }

  /**
   * Makes sure the booking document of time the schedule gives this booking exists. A document
   * already there with this id is stale (a cancelled booking's, which can reappear when a
   * cancel races its own resident's retried create) and is overwritten: the schedule is the
   * source of truth. Only when the claim was found, not made (`keepExisting`), does a document
   * of the same resident count as the booking itself, so a retried turn gets it back.
   */
  private async storeBooking(
    document: BookingDocument,
    mode: 'keepExisting' | 'overwriteStale',
  ): Promise<Booking> {
    const { id, pk } = document;
    const read = () => readDocument<BookingDocument>(this.container, id, pk, this.call);
    // A retried turn usually finds its document: one read instead of a create that fails.
    let existing = mode === 'keepExisting' ? await read() : undefined;
    for (let round = 1; round <= maxRounds; round += 1) {
      if (existing && mode === 'keepExisting') {
        if (existing.resource.residentKey === document.residentKey) {
          return bookingOf(existing.resource);
        }
      }
      const written = await this.writeBooking(document, existing?.etag);
      if (written) return bookingOf(written);
      existing = await read();
    }
    throw keepsChanging(pk);
  }

  /**
   * Creates the document, or replaces the version `etag` when given; `undefined` when Cosmos
   * refuses because the document changed meanwhile (409 on create; 412 or 404 on replace).
   */
  private writeBooking(
    document: BookingDocument,
    etag: string | undefined,
  ): Promise<BookingDocument | undefined> {
    return callCosmos(
      async (options) => {
        try {
          if (etag === undefined) {
            return (await this.container.items.create<BookingDocument>(document, options)).resource;
          }
          return (
            await this.container.item(document.id, document.pk).replace<BookingDocument>(document, {
              ...options,
              accessCondition: { type: 'IfMatch', condition: etag },
            })
          ).resource;
        } catch (error) {
          const status = statusOf(error);
          if (status === 409 || status === 412 || isDocumentMissing(error)) return undefined;
          throw error;
        }
      },
      this.call,
      this.container,
    );
  }

  async forCoach(coachId: string, from: Date, to: Date): Promise<Booking[]> {
    const documents = await queryOverlapping<BookingDocument>(
      this.container,
      coachId,
      { from, to },
      this.call,
    );
    return documents.map(bookingOf).sort((a, b) => a.start.localeCompare(b.start));
  }

  async upcomingCounts(now: Date): Promise<Record<string, number>> {
    // Across partitions (every coach); counted here because GROUP BY does not run everywhere
    // (the embedded server cannot parse it) and the list is one short string per booking.
    const coachIds = await queryAll<string>(
      this.container,
      'SELECT VALUE c.coachId FROM c WHERE c.start >= @now',
      [{ name: '@now', value: now.toISOString() }],
      undefined,
      this.call,
    );
    const counts: Record<string, number> = {};
    for (const coachId of coachIds) counts[coachId] = (counts[coachId] ?? 0) + 1;
    return counts;
  }
}
