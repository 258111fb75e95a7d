import {
  BulkOperationType,
  type Container,
  type DeleteOperationInput,
  type JSONObject,
  type OperationBase,
  type OperationInput,
} from '@azure/cosmos';
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
  runBatch,
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
 * Claiming time is a read of the schedule and one transactional batch: the schedule replaced
 * on the condition that it is still the version read (`ifMatch` on its ETag), and the booking
 * document written beside it. Cosmos refuses the batch as a whole with 412 when anyone changed
 * the schedule since the read, so two overlapping claims made at once on different instances
 * cannot both land; the loser reads again and finds the conflict. A query over the booking
 * documents could not do this: under Session consistency a query right after another
 * instance's write need not see that write, while a conditional write in one partition is
 * linearizable. Because claim and document are one transaction, no failure between them
 * (a store that stops, an instance that crashes) can leave a claim without its booking.
 *
 * Cost per `create`: one point read of the schedule and one batch (a refused one costs the
 * single read). `cancel` is two point reads and one batch that deletes the booking and frees
 * its time together. Contention adds one read round and one batch per lost round.
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
      // A retried turn: the time is already ours.
      if (outcome.kind === 'held') return this.completeHeld(document);
      if (round > maxRounds) throw keepsChanging(canonical.coachId);

      if (await this.claimAndStore(outcome.entries, schedule?.etag, document)) {
        return bookingOf(document);
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
    for (let round = 1; ; round += 1) {
      const [found, schedule] = await Promise.all([
        readDocument<BookingDocument>(this.container, id, coachId, this.call),
        this.readSchedule(coachId),
      ]);
      // Freed and rebooked by another resident since: their booking stays.
      if (found && found.resource.residentKey !== residentKey) return;
      const rest = schedule
        ? released(schedule.resource.entries, id, residentKey, this.clock.now())
        : undefined;
      if (!found && !rest) return;
      if (round > maxRounds) throw keepsChanging(coachId);
      // Each only in the version read: a booking or schedule changed meanwhile fails the batch
      // (412) and the next round decides again on what is there then. The delete goes first:
      // the embedded server stops at a refused operation without undoing the ones before it
      // (Cosmos DB undoes them), and a booking gone with its time still claimed is the harmless
      // half, which the next round frees.
      const operations: OperationInput[] = [];
      if (found) {
        // The service honours `ifMatch` on a batch's delete; the SDK's type leaves it out.
        const remove: DeleteOperationInput & Pick<OperationBase, 'ifMatch'> = {
          operationType: BulkOperationType.Delete,
          id,
          partitionKey: coachId,
          ifMatch: found.etag,
        };
        operations.push(remove);
      }
      if (schedule && rest) operations.push(this.scheduleWrite(coachId, rest, schedule.etag));
      if (await this.commit(coachId, operations)) return;
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

  /**
   * The claim on the schedule and the booking document in one transactional batch: both land
   * or neither does. The schedule is replaced only in the version read (`etag`), or created
   * when the coach had none; the document is written over any stale one of this id, because
   * the schedule, not an old document, says whose the time is. `false` when the schedule
   * changed meanwhile.
   */
  private claimAndStore(
    entries: ScheduleEntry[],
    etag: string | undefined,
    document: BookingDocument,
  ): Promise<boolean> {
    const { pk } = document;
    // The condition first, for the embedded server's sake (see `cancel`).
    return this.commit(pk, [
      this.scheduleWrite(pk, entries, etag),
      {
        operationType: BulkOperationType.Upsert,
        partitionKey: pk,
        // Plain JSON: a booking is strings, numbers and nested objects of them.
        resourceBody: document as unknown as JSONObject,
      },
    ]);
  }

  /** The schedule's replace in the version `etag`, or its create when there was none. */
  private scheduleWrite(
    coachId: string,
    entries: ScheduleEntry[],
    etag: string | undefined,
  ): OperationInput {
    const resourceBody = { id: scheduleId, pk: coachId, entries: entries.map((e) => ({ ...e })) };
    return etag === undefined
      ? { operationType: BulkOperationType.Create, partitionKey: coachId, resourceBody }
      : {
          operationType: BulkOperationType.Replace,
          id: scheduleId,
          partitionKey: coachId,
          resourceBody,
          ifMatch: etag,
        };
  }

  /**
   * Runs `operations` in the coach's partition as one transactional batch. `true` when all
   * landed; `false` when Cosmos refused the batch because a document was not as read (409,
   * 412, or 404 for one gone meanwhile): nothing was written, and the caller reads again.
   * Another refusal (an operation throttled or failing on its own) throws
   * `VD_STORE_UNAVAILABLE`; the SDK's own failures are retried by {@link runBatch}.
   */
  private async commit(coachId: string, operations: OperationInput[]): Promise<boolean> {
    const answers = await runBatch(this.container, coachId, operations, this.call);
    const refusal = answers.find((a) => a.statusCode >= 400 && a.statusCode !== 424);
    if (!refusal && answers.length === operations.length) return true;
    const status = refusal?.statusCode;
    if (status === 409 || status === 412 || status === 404) return false;
    throw new VoordeurError('VD_STORE_UNAVAILABLE', `a batch refused with status ${status}`);
  }

  /**
   * The booking whose time this resident already holds on the schedule (a retried turn): its
   * document, or, when the document is missing or another resident's (a claim written before
   * claim and booking were one batch, or a stale document), this one written in its place. The
   * schedule, not an old document, says whose the time is.
   */
  private async completeHeld(document: BookingDocument): Promise<Booking> {
    const { id, pk } = document;
    const read = () => readDocument<BookingDocument>(this.container, id, pk, this.call);
    let existing = await read();
    for (let round = 1; round <= maxRounds; round += 1) {
      if (existing?.resource.residentKey === document.residentKey) {
        return bookingOf(existing.resource);
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
