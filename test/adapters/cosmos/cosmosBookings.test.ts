import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { expect } from 'chai';
import {
  CosmosBookingStore,
  scheduleId,
  type BookingDocument,
  type ScheduleDocument,
} from '../../../src/adapters/cosmos/cosmosBookings.js';
import type { EmbeddedCosmos } from '../../../src/adapters/cosmos/embeddedCosmos.js';
import type { RetryOptions } from '../../../src/adapters/cosmos/retry.js';
import { isVoordeurError } from '../../../src/errors.js';
import { bookingId } from '../../../src/ports/bookings.js';
import type { Clock } from '../../../src/ports/clock.js';
import { booking, bookingStoreContract, contractNow } from '../../ports/bookingStore.contract.js';
import { fixedClock as fixedClockAt } from '../../clocks.js';
import { batchingWith } from './batchingWith.js';
import { useTestCosmos } from './cosmosTestServer.js';

const tinyRetry: RetryOptions = { attempts: 4, baseDelayMs: 1, maxDelayMs: 5, maxTotalMs: 2_000 };
const ttlSeconds = 30 * 24 * 3600;
const fixedClock: Clock = fixedClockAt(contractNow);
const nine = '2031-03-04T08:00:00.000Z';
const ten = '2031-03-04T09:00:00.000Z';
const half = '2031-03-04T08:30:00.000Z';
const buffered = { bufferMinutes: 15 } as const;

/**
 * The container, except that the first point read through it runs `between` before it
 * answers: the moment between a cancel's read and its delete, where another turn can act.
 */
function pausingAfterFirstRead(container: Container, between: () => Promise<void>): Container {
  let armed = true;
  const bound = (target: object, value: unknown) =>
    typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
  return new Proxy(container, {
    get(target, property) {
      if (property !== 'item') return bound(target, Reflect.get(target, property));
      return (id: string, partitionKey: string) => {
        const item = target.item(id, partitionKey);
        return new Proxy(item, {
          get(itemTarget, itemProperty) {
            if (itemProperty !== 'read' || !armed) {
              return bound(itemTarget, Reflect.get(itemTarget, itemProperty));
            }
            return async (...args: Parameters<typeof item.read>) => {
              armed = false;
              const response = await itemTarget.read(...args);
              await between();
              return response;
            };
          },
        });
      };
    },
  });
}

describe('CosmosBookingStore', () => {
  const db = useTestCosmos('bookings');
  let embedded: EmbeddedCosmos;
  let container: Container;
  let coach: string;

  before(() => {
    embedded = db().embedded;
    container = db().cosmos.containers.bookings;
  });
  beforeEach(() => {
    coach = `coach-${randomUUID()}`;
  });

  bookingStoreContract('CosmosBookingStore on the embedded Cosmos server', async () => ({
    store: new CosmosBookingStore(container, { ttlSeconds, retry: tinyRetry, clock: fixedClock }),
    cleanup: async () => {},
  }));

  const rawDocument = async (id: string, partitionKey: string) =>
    (await container.item(id, partitionKey).read<BookingDocument>()).resource;

  describe('cost per operation', () => {
    let store: CosmosBookingStore;
    beforeEach(() => {
      store = new CosmosBookingStore(container, {
        ttlSeconds,
        retry: tinyRetry,
        clock: fixedClock,
      });
      embedded.requests.reset();
    });

    it("claims a coach's first slot with a read (404) and one batch: the schedule's create and the booking", async () => {
      await store.create(booking(coach, nine, 'resident-a'), buffered);
      expect(embedded.requests.byKind()).to.deep.equal({ 'GET docs': 1, 'BATCH docs': 1 });
    });

    it("claims a later slot with a read and one batch: the schedule's conditional replace and the booking", async () => {
      await store.create(booking(coach, nine, 'resident-a'), buffered);
      embedded.requests.reset();
      await store.create(booking(coach, ten, 'resident-b'), buffered);
      expect(embedded.requests.byKind()).to.deep.equal({ 'GET docs': 1, 'BATCH docs': 1 });
    });

    it('gives a retried turn its booking back with two point reads and no write', async () => {
      await store.create(booking(coach, nine, 'resident-a'), buffered);
      embedded.requests.reset();
      await store.create(booking(coach, nine, 'resident-a'), buffered);
      expect(embedded.requests.byKind()).to.deep.equal({ 'GET docs': 2 });
    });

    it("reads a coach's booked intervals with one point read", async () => {
      await store.create(booking(coach, nine, 'resident-a'), buffered);
      embedded.requests.reset();
      await store.busyIntervals(coach, new Date('2031-03-04'), new Date('2031-03-05'));
      await store.busyIntervals(`coach-${randomUUID()}`, new Date(0), new Date('2031-03-05'));
      expect(embedded.requests.byKind()).to.deep.equal({ 'GET docs': 2 });
    });

    it('reads a booking with exactly one point read, found or not', async () => {
      const made = await store.create(booking(coach, nine, 'resident-a'), buffered);
      embedded.requests.reset();
      await store.get(coach, made.id);
      await store.get(coach, `${made.id}-missing`);
      expect(embedded.requests.byKind()).to.deep.equal({ 'GET docs': 2 });
    });

    it('refuses a taken or overlapping slot with one point read, and writes nothing', async () => {
      await store.create(booking(coach, nine, 'resident-a'), buffered);
      embedded.requests.reset();
      for (const start of [nine, half]) {
        const error = await store
          .create(booking(coach, start, 'resident-b'), buffered)
          .catch((e: unknown) => e);
        expect(isVoordeurError(error, 'VD_SLOT_TAKEN')).to.equal(true);
      }
      expect(embedded.requests.byKind()).to.deep.equal({ 'GET docs': 2 });
    });

    it("lists a coach's bookings with one query (and the SDK's query plan beside it)", async () => {
      await store.create(booking(coach, nine, 'resident-a'), buffered);
      embedded.requests.reset();
      await store.forCoach(coach, new Date('2031-03-04'), new Date('2031-03-05'));
      // @azure/cosmos 4.9 asks for a query plan (a POST without the query header) alongside
      // every query, in parallel; Azure's gateway answers it without reading documents.
      expect(embedded.requests.byKind()).to.deep.equal({ 'QUERY docs': 1, 'POST docs': 1 });
    });

    it('cancels with two reads and one batch: the booking deleted and its time freed, each in the version read', async () => {
      const made = await store.create(booking(coach, nine, 'resident-a'), buffered);
      embedded.requests.reset();
      await store.cancel(coach, made.id, 'resident-a');
      expect(embedded.requests.byKind()).to.deep.equal({ 'GET docs': 2, 'BATCH docs': 1 });
      expect(await store.busyIntervals(coach, new Date(0), new Date('2040-01-01'))).to.deep.equal(
        [],
      );
    });
  });

  describe('documents', () => {
    it("are partitioned by coach and keep the retention period after the meeting's end", async () => {
      const store = new CosmosBookingStore(container, { ttlSeconds: 1000, clock: fixedClock });
      const made = await store.create(booking(coach, nine, 'resident-a'), buffered);
      const document = await rawDocument(made.id, coach);
      expect(document?.pk).to.equal(coach);
      expect(document?.id).to.equal(made.id);
      // From 2031-03-01T00:00Z to the end at 2031-03-04T08:45Z, plus the retention period.
      expect(document?.ttl).to.equal(3 * 86_400 + 8 * 3_600 + 45 * 60 + 1000);
    });

    it('keep the plain retention period for a meeting already over', async () => {
      const store = new CosmosBookingStore(container, { ttlSeconds: 1000, clock: fixedClock });
      const made = await store.create(
        booking(coach, '2031-02-01T08:00:00.000Z', 'resident-a'),
        buffered,
      );
      expect((await rawDocument(made.id, coach))?.ttl).to.equal(1000);
    });

    it('come back without Cosmos system fields, pk or ttl', async () => {
      const store = new CosmosBookingStore(container, { ttlSeconds, clock: fixedClock });
      const made = booking(coach, nine, 'resident-a');
      expect((await rawDocument((await store.create(made, buffered)).id, coach))?._etag).to.be.a(
        'string',
      );
      expect(await store.get(coach, made.id)).to.deep.equal(made);
      expect(await store.forCoach(coach, new Date(nine), new Date('2031-03-05'))).to.deep.equal([
        made,
      ]);
    });

    it('refuse a ttl that Cosmos would not honour', () => {
      expect(
        () => new CosmosBookingStore(container, { ttlSeconds: 0, clock: fixedClock }),
      ).to.throw(RangeError);
      expect(
        () => new CosmosBookingStore(container, { ttlSeconds: 2.5, clock: fixedClock }),
      ).to.throw(RangeError);
    });
  });

  describe('the schedule', () => {
    const readSchedule = async (coachId: string) =>
      (await container.item(scheduleId, coachId).read<ScheduleDocument>()).resource;
    const slotTaken = (error: unknown) => isVoordeurError(error, 'VD_SLOT_TAKEN');

    it("is one document in the coach's partition, without ttl, listing each booking's time and holder", async () => {
      const store = new CosmosBookingStore(container, { ttlSeconds, clock: fixedClock });
      const first = await store.create(booking(coach, ten, 'resident-b'), buffered);
      const second = await store.create(booking(coach, nine, 'resident-a'), buffered);
      const schedule = await readSchedule(coach);
      expect(schedule?.pk).to.equal(coach);
      expect(schedule).to.not.have.property('ttl');
      expect(schedule?.entries).to.deep.equal(
        [second, first].map(({ id, start, end, residentKey }) => ({ id, start, end, residentKey })),
      );
      // The booking queries never take the schedule for a booking.
      expect(await store.forCoach(coach, new Date(0), new Date('2040-01-01'))).to.have.length(2);
      expect((await store.upcomingCounts(new Date(0)))[coach]).to.equal(2);
      expect(await store.get(coach, scheduleId)).to.equal(undefined);
    });

    it('drops entries that ended more than a day ago when it is next written', async () => {
      const store = new CosmosBookingStore(container, { ttlSeconds, clock: fixedClock });
      // fixedClock: 2031-03-01T00:00Z. One meeting long over, one that ended 23 hours ago.
      await store.create(booking(coach, '2031-02-20T08:00:00.000Z', 'resident-a'), buffered);
      await store.create(booking(coach, '2031-02-28T00:00:00.000Z', 'resident-b'), buffered);
      await store.create(booking(coach, nine, 'resident-c'), buffered);
      expect((await readSchedule(coach))?.entries.map((e) => e.residentKey)).to.deep.equal([
        'resident-b',
        'resident-c',
      ]);
    });

    for (const exists of [true, false]) {
      it(`refuses time that another instance claimed between its read and its write (schedule ${exists ? 'replaced' : 'created'})`, async () => {
        const store = new CosmosBookingStore(container, { ttlSeconds, clock: fixedClock });
        if (exists) await store.create(booking(coach, '2031-03-04T13:00:00.000Z', 'r0'), buffered);
        const racing = new CosmosBookingStore(
          pausingAfterFirstRead(container, async () => {
            await store.create(booking(coach, half, 'resident-b'), buffered);
            embedded.requests.reset();
          }),
          { ttlSeconds, clock: fixedClock },
        );
        const error = await racing
          .create(booking(coach, nine, 'resident-a'), buffered)
          .catch((e: unknown) => e);
        expect(slotTaken(error), String(error)).to.equal(true);
        // The refused batch (412 on the replace, or 409 on the create), then a fresh read.
        expect(embedded.requests.byKind()).to.deep.equal({ 'BATCH docs': 1, 'GET docs': 1 });
        expect(await store.get(coach, bookingId(coach, nine))).to.equal(undefined);
        expect((await readSchedule(coach))?.entries.map((e) => e.residentKey)).to.deep.equal(
          exists ? ['resident-b', 'r0'] : ['resident-b'],
        );
      });
    }

    it('gives up with VD_STATE_CONFLICT on a schedule that changes before every write', async () => {
      const store = new CosmosBookingStore(container, { ttlSeconds, clock: fixedClock });
      await store.create(booking(coach, '2031-03-04T13:00:00.000Z', 'r0'), buffered);
      // A refused batch as Cosmos DB answers it: the failing operation's status, 424 for the rest.
      const busy = new CosmosBookingStore(
        batchingWith(container, async () => ({
          result: [
            { statusCode: 412, requestCharge: 0 },
            { statusCode: 424, requestCharge: 0 },
          ],
        })),
        { ttlSeconds, clock: fixedClock },
      );
      embedded.requests.reset();
      const error = await busy
        .create(booking(coach, nine, 'resident-a'), buffered)
        .catch((e: unknown) => e);
      expect(isVoordeurError(error, 'VD_STATE_CONFLICT'), String(error)).to.equal(true);
      // Ten lost rounds, then a last read that still finds the time free.
      expect(embedded.requests.byKind()).to.deep.equal({ 'GET docs': 11 });
    });

    it('leaves neither claim nor booking when the store is gone for the whole create, and books on the next turn', async () => {
      const store = new CosmosBookingStore(container, { ttlSeconds, clock: fixedClock });
      await store.create(booking(coach, '2031-03-04T13:00:00.000Z', 'r0'), buffered);
      const stopped = new CosmosBookingStore(
        batchingWith(container, async () => {
          throw new Error('Batch request error: connect ECONNREFUSED 127.0.0.1:1');
        }),
        { ttlSeconds, clock: fixedClock, retry: tinyRetry },
      );
      const made = booking(coach, nine, 'resident-a');
      const error = await stopped.create(made, buffered).catch((e: unknown) => e);
      expect(isVoordeurError(error, 'VD_STORE_UNAVAILABLE'), String(error)).to.equal(true);
      expect(await store.get(coach, made.id)).to.equal(undefined);
      expect((await readSchedule(coach))?.entries.map((e) => e.residentKey)).to.deep.equal(['r0']);

      expect(await store.create(made, buffered)).to.deep.equal(made);
      expect((await readSchedule(coach))?.entries.map((e) => e.id)).to.include(made.id);
    });

    it('books once when the batch landed but its answer was lost', async () => {
      let lost = 1;
      const flaky = new CosmosBookingStore(
        batchingWith(container, async (batch, operations, partitionKey, options) => {
          const response = await batch(operations, partitionKey, options);
          if (lost-- > 0) throw new Error('Batch request error: socket hang up');
          return response;
        }),
        { ttlSeconds, clock: fixedClock, retry: tinyRetry },
      );
      const made = booking(coach, nine, 'resident-a');
      expect(await flaky.create(made, buffered)).to.deep.equal(made);
      expect((await readSchedule(coach))?.entries.map((e) => e.id)).to.deep.equal([made.id]);
      expect(await flaky.get(coach, made.id)).to.deep.equal(made);
    });

    it('cancels once when the batch landed but its answer was lost', async () => {
      const store = new CosmosBookingStore(container, { ttlSeconds, clock: fixedClock });
      const made = await store.create(booking(coach, nine, 'resident-a'), buffered);
      let lost = 1;
      const flaky = new CosmosBookingStore(
        batchingWith(container, async (batch, operations, partitionKey, options) => {
          const response = await batch(operations, partitionKey, options);
          if (lost-- > 0) throw new Error('Batch request error: socket hang up');
          return response;
        }),
        { ttlSeconds, clock: fixedClock, retry: tinyRetry },
      );
      await flaky.cancel(coach, made.id, 'resident-a');
      expect(await store.get(coach, made.id)).to.equal(undefined);
      expect((await readSchedule(coach))?.entries).to.deep.equal([]);
    });

    it('completes a claim whose booking document was never written when the same turn is retried', async () => {
      const store = new CosmosBookingStore(container, { ttlSeconds, clock: fixedClock });
      const made = booking(coach, nine, 'resident-a');
      // A claim without its booking, as stores wrote before claim and booking were one batch.
      const entry = { id: made.id, start: made.start, end: made.end, residentKey: 'resident-a' };
      await container.items.create<ScheduleDocument>({
        id: scheduleId,
        pk: coach,
        entries: [entry],
      });
      expect(await store.get(coach, made.id)).to.equal(undefined);
      const error = await store
        .create(booking(coach, half, 'resident-b'), buffered)
        .catch((e: unknown) => e);
      expect(slotTaken(error)).to.equal(true);
      expect(await store.create(made, buffered)).to.deep.equal(made);
      expect(await store.get(coach, made.id)).to.deep.equal(made);
    });

    it('overwrites a stale booking document that the schedule does not know', async () => {
      const store = new CosmosBookingStore(container, { ttlSeconds, clock: fixedClock });
      const stale = booking(coach, nine, 'resident-x');
      await container.items.create<BookingDocument>({ ...stale, pk: coach, ttl: 60 });
      const made = await store.create(booking(coach, nine, 'resident-a'), buffered);
      expect(made.residentKey).to.equal('resident-a');
      expect((await store.get(coach, made.id))?.residentKey).to.equal('resident-a');
      expect((await rawDocument(made.id, coach))?.ttl).to.be.greaterThan(60);
    });

    it('frees the time when a cancel is retried after its booking document was already deleted', async () => {
      const store = new CosmosBookingStore(container, { ttlSeconds, clock: fixedClock });
      const made = await store.create(booking(coach, nine, 'resident-a'), buffered);
      await container.item(made.id, coach).delete();
      await store.cancel(coach, made.id, 'resident-b');
      expect(await store.busyIntervals(coach, new Date(0), new Date('2040-01-01'))).to.have.length(
        1,
      );
      await store.cancel(coach, made.id, 'resident-a');
      expect(await store.busyIntervals(coach, new Date(0), new Date('2040-01-01'))).to.deep.equal(
        [],
      );
    });
  });

  describe('cancel while the slot changes hands', () => {
    it('leaves the new booking alone when the slot was freed and rebooked by another resident in between', async () => {
      const store = new CosmosBookingStore(container, { ttlSeconds, clock: fixedClock });
      const made = await store.create(booking(coach, nine, 'resident-a'), buffered);
      const racing = new CosmosBookingStore(
        pausingAfterFirstRead(container, async () => {
          await store.cancel(coach, made.id, 'resident-a');
          await store.create(booking(coach, nine, 'resident-b'), buffered);
        }),
        { ttlSeconds, clock: fixedClock },
      );
      embedded.requests.reset();
      await racing.cancel(coach, made.id, 'resident-a');
      expect((await store.get(coach, made.id))?.residentKey).to.equal('resident-b');
    });

    it('tries once more when its own booking was rewritten in between, and frees the slot', async () => {
      const store = new CosmosBookingStore(container, { ttlSeconds, clock: fixedClock });
      const made = await store.create(booking(coach, nine, 'resident-a'), buffered);
      const racing = new CosmosBookingStore(
        pausingAfterFirstRead(container, async () => {
          await store.cancel(coach, made.id, 'resident-a');
          await store.create(booking(coach, nine, 'resident-a'), buffered);
          embedded.requests.reset();
        }),
        { ttlSeconds, clock: fixedClock },
      );
      await racing.cancel(coach, made.id, 'resident-a');
      // The batch with the stale delete (412), then fresh reads of both and a batch that lands.
      expect(embedded.requests.byKind()).to.deep.equal({ 'BATCH docs': 2, 'GET docs': 2 });
      expect(await store.get(coach, made.id)).to.equal(undefined);
    });
  });
});
