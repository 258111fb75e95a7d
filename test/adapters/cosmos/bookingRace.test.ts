import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import {
  CosmosBookingStore,
  scheduleId,
  type BookingDocument,
  type ScheduleDocument,
} from '../../../src/adapters/cosmos/cosmosBookings.js';
import type { CosmosConnection } from '../../../src/adapters/cosmos/cosmosClient.js';
import type { EmbeddedCosmos } from '../../../src/adapters/cosmos/embeddedCosmos.js';
import { isVoordeurError } from '../../../src/errors.js';
import { bookingId, conflictsWith, type Booking } from '../../../src/ports/bookings.js';
import { booking, contractNow } from '../../ports/bookingStore.contract.js';
import { fixedClock } from '../../clocks.js';
import { useTestCosmos } from './cosmosTestServer.js';

const ttlSeconds = 30 * 24 * 3600;
const residents = 40;
const buffered = { bufferMinutes: 15 } as const;
const minute = 60_000;

/** Every booking document of the coach (the schedule aside), sorted by start. */
async function bookingDocuments(connection: CosmosConnection, coach: string) {
  const { resources } = await connection.containers.bookings.items
    .query<BookingDocument>({
      query: 'SELECT * FROM c WHERE c.pk = @coach AND c.id != @schedule',
      parameters: [
        { name: '@coach', value: coach },
        { name: '@schedule', value: scheduleId },
      ],
    })
    .fetchAll();
  return resources.sort((a, b) => a.start.localeCompare(b.start));
}

/** The coach's schedule entries, read through `connection`. */
async function scheduleEntries(connection: CosmosConnection, coach: string) {
  const { resource } = await connection.containers.bookings
    .item(scheduleId, coach)
    .read<ScheduleDocument>();
  return resource?.entries ?? [];
}

const heldBy = ({ id, start, end, residentKey }: Booking) => ({ id, start, end, residentKey });

/**
 * Two instances of the bot, each with its own `CosmosClient` (own connections, own caches),
 * against one database: what protects a slot must be the database, not this process.
 */
describe("booking a coach's time from two instances at once", () => {
  const db = useTestCosmos('race');
  let first: CosmosConnection;
  let second: CosmosConnection;
  let embedded: EmbeddedCosmos;
  let stores: [CosmosBookingStore, CosmosBookingStore];

  before(async () => {
    ({ cosmos: first, embedded } = db());
    second = await db().secondInstance();
    stores = [
      new CosmosBookingStore(first.containers.bookings, {
        ttlSeconds,
        clock: fixedClock(contractNow),
      }),
      new CosmosBookingStore(second.containers.bookings, {
        ttlSeconds,
        clock: fixedClock(contractNow),
      }),
    ];
  });

  for (const start of ['2031-03-04T08:00:00.000Z', '2031-03-04T12:00:00.000Z']) {
    it(`gives the slot at ${start.slice(11, 16)} to exactly one of ${residents} residents; every other one hears it is taken`, async () => {
      const coach = `coach-${randomUUID()}`;
      embedded.requests.reset();
      const results = await Promise.allSettled(
        Array.from({ length: residents }, (_, i) =>
          stores[i % 2 === 0 ? 0 : 1].create(booking(coach, start, `resident-${i}`), buffered),
        ),
      );

      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).to.have.length(1);
      expect(lost).to.have.length(residents - 1);
      for (const r of lost) {
        expect(isVoordeurError(r.reason, 'VD_SLOT_TAKEN'), String(r.reason)).to.equal(true);
      }
      // Each resident reads the schedule at least once; a loser that read it before the winner
      // wrote it also sent its claim (refused with 409: the schedule exists) and read again.
      // Every claim is one batch with its booking; nothing is written outside a batch.
      const kinds = embedded.requests.byKind();
      expect(Object.keys(kinds).sort()).to.deep.equal(['BATCH docs', 'GET docs']);
      expect(kinds['GET docs']).to.be.within(residents, 2 * residents - 1);
      expect(kinds['BATCH docs']).to.be.within(1, residents);

      // Nothing half-written: one document for the slot, the winner's, read through either client.
      const documents = await bookingDocuments(first, coach);
      expect(documents).to.have.length(1);
      expect(documents[0]?.id).to.equal(bookingId(coach, start));
      expect(documents[0]?.residentKey).to.equal(won[0]?.value.residentKey);
      expect(await stores[1].get(coach, bookingId(coach, start))).to.deep.equal(won[0]?.value);
      expect(await scheduleEntries(second, coach)).to.deep.equal(won.map((r) => heldBy(r.value)));
    });
  }

  // 45-minute meetings with 15 minutes buffer: two starts less than an hour apart conflict.
  for (const stepMinutes of [15, 5, 1]) {
    it(`never double-books the coach when ${residents} residents claim starts ${stepMinutes} min apart at once`, async () => {
      const coach = `coach-${randomUUID()}`;
      const nine = Date.parse('2031-03-04T08:00:00.000Z');
      const wanted = Array.from({ length: residents }, (_, i) =>
        booking(coach, new Date(nine + i * stepMinutes * minute).toISOString(), `resident-${i}`),
      );
      embedded.requests.reset();
      // Interleaved so the two instances' neighbours race each other, not only themselves.
      const results = await Promise.allSettled(
        wanted.map((b, i) => stores[i % 2 === 0 ? 0 : 1].create(b, buffered)),
      );

      const accepted = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const refused = wanted.filter((_, i) => results[i]?.status === 'rejected');
      expect(accepted.length).to.be.at.least(1);
      for (const r of results) {
        if (r.status === 'rejected') {
          expect(isVoordeurError(r.reason, 'VD_SLOT_TAKEN'), String(r.reason)).to.equal(true);
        }
      }
      for (const [i, a] of accepted.entries()) {
        for (const b of accepted.slice(i + 1)) {
          expect(conflictsWith(a, 15)(b), `${a.start} and ${b.start} overlap`).to.equal(false);
        }
      }
      // Refused only for a reason that still stands: an accepted booking it conflicts with.
      for (const b of refused) {
        expect(accepted.some(conflictsWith(b, 15)), `${b.start} was free`).to.equal(true);
      }

      // Nothing half-written: the schedule holds exactly the booking documents, and both are
      // the accepted bookings, whichever client reads them.
      const documents = await bookingDocuments(second, coach);
      const byStart = (a: Booking, b: Booking) => a.start.localeCompare(b.start);
      expect(documents.map((d) => d.id)).to.deep.equal(accepted.sort(byStart).map((b) => b.id));
      expect(await scheduleEntries(first, coach)).to.deep.equal(documents.map(heldBy));
      expect(
        await stores[0].busyIntervals(coach, new Date(0), new Date('2040-01-01')),
      ).to.deep.equal(
        accepted.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) })),
      );
    });
  }
});
