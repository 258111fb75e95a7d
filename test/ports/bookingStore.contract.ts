import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { isVoordeurError } from '../../src/errors.js';
import { bookingId, type Booking, type BookingStore } from '../../src/ports/bookings.js';

export interface BookingStoreUnderTest {
  store: BookingStore;
  cleanup(): Promise<void>;
}

const minute = 60_000;

/** Coaches keep 15 minutes free around each 45-minute meeting (the default coach). */
const buffered = { bufferMinutes: 15 } as const;

/** "Now" for stores under contract: the Saturday before the bookings below. */
export const contractNow = '2031-03-01T00:00:00.000Z';

/** The instant of `hhmm` on Tuesday 2031-03-04 in Haaren (UTC+1 in March). */
function tuesday(hhmm: string): string {
  return new Date(`2031-03-04T${hhmm}:00+01:00`).toISOString();
}

/** A booking of `coachId`'s 45-minute slot at `start`, made by `residentKey`. */
export function booking(coachId: string, start: string, residentKey: string): Booking {
  const startMs = Date.parse(start);
  return {
    id: bookingId(coachId, start),
    coachId,
    start,
    end: new Date(startMs + 45 * minute).toISOString(),
    residentKey,
    form: 'location',
    placeId: 'den-domp',
    summary: {
      intent: 'work',
      wishes: 'Iets met mijn handen — graag buiten 🌳',
      preferredTimes: 'dinsdagochtend',
      form: 'location',
      language: 'nl',
      channel: 'webchat',
    },
    createdAt: '2031-03-01T08:00:00.000Z',
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

async function expectSlotTaken(promise: Promise<unknown>): Promise<void> {
  const error = await rejection(promise);
  expect(
    isVoordeurError(error, 'VD_SLOT_TAKEN'),
    `expected VD_SLOT_TAKEN, got ${String(error)}`,
  ).to.equal(true);
}

/**
 * The behaviour every {@link BookingStore} must have. Each test uses fresh coach ids, so
 * implementations may share one backing store; times are fixed, far from the real clock.
 */
export function bookingStoreContract(
  name: string,
  makeStore: () => Promise<BookingStoreUnderTest>,
): void {
  describe(`${name} (BookingStore contract)`, () => {
    let subject: BookingStoreUnderTest;
    let store: BookingStore;
    let coach: string;
    let otherCoach: string;
    const nine = '2031-03-04T08:00:00.000Z'; // Tuesday 09:00 in Haaren

    beforeEach(async () => {
      subject = await makeStore();
      store = subject.store;
      coach = `coach-${randomUUID()}`;
      otherCoach = `coach-${randomUUID()}`;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('gives back the booking it created, and nothing for a slot never booked', async () => {
      const made = booking(coach, nine, 'resident-a');
      expect(await store.create(made, buffered)).to.deep.equal(made);
      expect(await store.get(coach, made.id)).to.deep.equal(made);
      expect(await store.get(coach, bookingId(coach, '2031-03-04T09:00:00.000Z'))).to.equal(
        undefined,
      );
      expect(await store.get(otherCoach, made.id)).to.equal(undefined);
    });

    it('refuses a second resident the same slot with VD_SLOT_TAKEN and keeps the first booking', async () => {
      await store.create(booking(coach, nine, 'resident-a'), buffered);
      await expectSlotTaken(store.create(booking(coach, nine, 'resident-b'), buffered));
      expect((await store.get(coach, bookingId(coach, nine)))?.residentKey).to.equal('resident-a');
    });

    it('gives the same resident their existing booking when they book the slot again', async () => {
      const first = await store.create(booking(coach, nine, 'resident-a'), buffered);
      const retried = {
        ...booking(coach, nine, 'resident-a'),
        createdAt: '2031-03-01T08:00:05.000Z',
      };
      expect(await store.create(retried, buffered)).to.deep.equal(first);
      expect(await store.forCoach(coach, new Date(nine), new Date('2031-03-05'))).to.have.length(1);
    });

    it('lets exactly one of many residents who book one slot at once have it', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          store.create(booking(coach, nine, `resident-${i}`), buffered),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).to.have.length(1);
      for (const r of lost) expect(isVoordeurError(r.reason, 'VD_SLOT_TAKEN')).to.equal(true);
      const held = await store.get(coach, bookingId(coach, nine));
      expect(held?.residentKey).to.equal(won[0]?.value.residentKey);
    });

    it('gives one booking to a resident who sends the same booking twice at once', async () => {
      const [a, b] = await Promise.all([
        store.create(booking(coach, nine, 'resident-a'), buffered),
        store.create(booking(coach, nine, 'resident-a'), buffered),
      ]);
      expect(a).to.deep.equal(b);
      expect(await store.forCoach(coach, new Date(nine), new Date('2031-03-05'))).to.have.length(1);
    });

    it('books the same time with different coaches independently', async () => {
      await store.create(booking(coach, nine, 'resident-a'), buffered);
      await store.create(booking(otherCoach, nine, 'resident-b'), buffered);
      expect((await store.get(otherCoach, bookingId(otherCoach, nine)))?.residentKey).to.equal(
        'resident-b',
      );
    });

    it('frees the slot on cancel, so another resident can book it', async () => {
      const made = await store.create(booking(coach, nine, 'resident-a'), buffered);
      await store.cancel(coach, made.id, 'resident-a');
      expect(await store.get(coach, made.id)).to.equal(undefined);
      const second = await store.create(booking(coach, nine, 'resident-b'), buffered);
      expect(second.residentKey).to.equal('resident-b');
    });

    it('leaves a booking alone when another resident cancels it', async () => {
      const made = await store.create(booking(coach, nine, 'resident-a'), buffered);
      await store.cancel(coach, made.id, 'resident-b');
      expect(await store.get(coach, made.id)).to.deep.equal(made);
      await expectSlotTaken(store.create(booking(coach, tuesday('09:30'), 'resident-b'), buffered));
    });

    describe('overlapping slots (45-minute meetings, 15 minutes buffer, 09:00 booked)', () => {
      beforeEach(async () => {
        await store.create(booking(coach, tuesday('09:00'), 'resident-a'), buffered);
      });

      it('refuses another resident a slot that starts inside the meeting', async () => {
        await expectSlotTaken(
          store.create(booking(coach, tuesday('09:30'), 'resident-b'), buffered),
        );
        expect(await store.get(coach, bookingId(coach, tuesday('09:30')))).to.equal(undefined);
      });

      it('refuses slots whose meeting reaches into the buffer around 09:00-09:45', async () => {
        // 08:15-09:00 ends after 08:45 (09:00 less the buffer); 09:45 starts before 10:00.
        await expectSlotTaken(
          store.create(booking(coach, tuesday('08:15'), 'resident-b'), buffered),
        );
        await expectSlotTaken(
          store.create(booking(coach, tuesday('09:45'), 'resident-b'), buffered),
        );
      });

      it('books the slots where the buffer exactly fits: 08:00 and 10:00', async () => {
        const ten = await store.create(booking(coach, tuesday('10:00'), 'resident-b'), buffered);
        const eight = await store.create(booking(coach, tuesday('08:00'), 'resident-c'), buffered);
        expect([eight.residentKey, ten.residentKey]).to.deep.equal(['resident-c', 'resident-b']);
      });

      it('counts the buffer it is given: with none, 09:45 fits and 09:30 still does not', async () => {
        const none = { bufferMinutes: 0 };
        await expectSlotTaken(store.create(booking(coach, tuesday('09:30'), 'resident-b'), none));
        const touching = await store.create(booking(coach, tuesday('09:45'), 'resident-b'), none);
        expect(touching.start).to.equal(tuesday('09:45'));
      });

      it('refuses the same resident a second meeting that overlaps the first', async () => {
        await expectSlotTaken(
          store.create(booking(coach, tuesday('09:30'), 'resident-a'), buffered),
        );
      });

      it('lets another resident book 09:30 once 09:00 is cancelled', async () => {
        await store.cancel(coach, bookingId(coach, tuesday('09:00')), 'resident-a');
        const made = await store.create(booking(coach, tuesday('09:30'), 'resident-b'), buffered);
        expect(made.residentKey).to.equal('resident-b');
        expect(await store.busyIntervals(coach, new Date(0), new Date('2040-01-01'))).to.deep.equal(
          [{ start: Date.parse(tuesday('09:30')), end: Date.parse(tuesday('10:15')) }],
        );
      });

      it('gives the same resident their booking back when the turn is retried', async () => {
        const again = await store.create(booking(coach, tuesday('09:00'), 'resident-a'), buffered);
        expect(again.residentKey).to.equal('resident-a');
        expect(
          await store.busyIntervals(coach, new Date(0), new Date('2040-01-01')),
        ).to.have.length(1);
        expect(await store.forCoach(coach, new Date(0), new Date('2040-01-01'))).to.have.length(1);
      });

      it('refuses a negative buffer', async () => {
        const error = await rejection(
          store.create(booking(coach, tuesday('12:00'), 'resident-b'), { bufferMinutes: -1 }),
        );
        expect(error).to.be.instanceOf(RangeError);
      });
    });

    it("gives the coach's booked intervals that overlap the window, in order, meeting time only", async () => {
      for (const [i, hhmm] of ['11:00', '08:00', '10:00', '09:00'].entries()) {
        await store.create(booking(coach, tuesday(hhmm), `resident-${i}`), buffered);
      }
      await store.create(booking(otherCoach, tuesday('09:00'), 'resident-x'), buffered);
      const at = (hhmm: string) => Date.parse(tuesday(hhmm));

      // [08:45, 11:00): the first ends exactly at `from`, the last starts exactly at `to`.
      expect(
        await store.busyIntervals(coach, new Date(at('08:45')), new Date(at('11:00'))),
      ).to.deep.equal([
        { start: at('09:00'), end: at('09:45') },
        { start: at('10:00'), end: at('10:45') },
      ]);
      expect(
        await store.busyIntervals(`coach-${randomUUID()}`, new Date(0), new Date(at('12:00'))),
      ).to.deep.equal([]);
    });

    it('accepts cancelling twice, and cancelling a booking that never existed', async () => {
      const made = await store.create(booking(coach, nine, 'resident-a'), buffered);
      await store.cancel(coach, made.id, 'resident-a');
      await store.cancel(coach, made.id, 'resident-a');
      await store.cancel(coach, bookingId(coach, '2031-05-05T08:00:00.000Z'), 'resident-a');
      expect(await store.get(coach, made.id)).to.equal(undefined);
    });

    it("lists the coach's bookings that overlap the window, in order, and no other coach's", async () => {
      // 08:00-08:45, 09:00-09:45, 10:00-10:45 and 11:00-11:45 UTC.
      const starts = ['10:00', '08:00', '11:00', '09:00'].map((t) => `2031-03-04T${t}:00.000Z`);
      for (const [i, start] of starts.entries()) {
        await store.create(booking(coach, start, `resident-${i}`), buffered);
      }
      await store.create(booking(otherCoach, '2031-03-04T09:00:00.000Z', 'resident-x'), buffered);

      // [08:45, 11:00): the first ends exactly at `from`, the last starts exactly at `to`.
      const found = await store.forCoach(
        coach,
        new Date('2031-03-04T08:45:00.000Z'),
        new Date('2031-03-04T11:00:00.000Z'),
      );
      expect(found.map((b) => b.start)).to.deep.equal([
        '2031-03-04T09:00:00.000Z',
        '2031-03-04T10:00:00.000Z',
      ]);
      expect(found.every((b) => b.coachId === coach)).to.equal(true);

      const partial = await store.forCoach(
        coach,
        new Date('2031-03-04T09:30:00.000Z'),
        new Date('2031-03-04T09:31:00.000Z'),
      );
      expect(partial.map((b) => b.start)).to.deep.equal(['2031-03-04T09:00:00.000Z']);
    });

    it('counts upcoming bookings per coach and ignores those that started before now', async () => {
      const now = new Date('2031-03-04T09:30:00.000Z');
      await store.create(booking(coach, '2031-03-03T08:00:00.000Z', 'r1'), buffered); // yesterday
      await store.create(booking(coach, '2031-03-04T09:00:00.000Z', 'r2'), buffered); // started, not ended
      await store.create(booking(coach, '2031-03-11T08:00:00.000Z', 'r3'), buffered);
      // One coach cannot have a meeting that starts now beside one still running: another can.
      await store.create(booking(otherCoach, '2031-03-04T09:30:00.000Z', 'r4'), buffered); // starts now
      await store.create(booking(otherCoach, '2031-03-12T08:00:00.000Z', 'r5'), buffered);
      const counts = await store.upcomingCounts(now);
      expect(counts[coach]).to.equal(1);
      expect(counts[otherCoach]).to.equal(2);
      expect(counts[`coach-${randomUUID()}`]).to.equal(undefined);
    });

    it('stores one spelling of each instant, whichever ISO form it was given', async () => {
      const loose = { ...booking(coach, nine, 'resident-a'), start: '2031-03-04T09:00:00+01:00' };
      loose.end = '2031-03-04T08:45:00Z';
      const made = await store.create(loose, buffered);
      expect([made.start, made.end]).to.deep.equal([
        '2031-03-04T08:00:00.000Z',
        '2031-03-04T08:45:00.000Z',
      ]);
      const found = await store.forCoach(
        coach,
        new Date('2031-03-04T08:44:00.000Z'),
        new Date('2031-03-04T08:45:00.000Z'),
      );
      expect(found.map((b) => b.id)).to.deep.equal([made.id]);
    });

    it('refuses a booking whose id is not its slot, or whose end is not after its start', async () => {
      const wrongId = { ...booking(coach, nine, 'resident-a'), id: `${coach}_somewhere` };
      expect(await rejection(store.create(wrongId, buffered))).to.be.instanceOf(RangeError);
      const backwards = { ...booking(coach, nine, 'resident-a'), end: nine };
      expect(await rejection(store.create(backwards, buffered))).to.be.instanceOf(RangeError);
      expect(await store.forCoach(coach, new Date(0), new Date('2040-01-01'))).to.deep.equal([]);
    });

    it('keeps stored bookings safe from changes to the objects passed in or handed out', async () => {
      const made = booking(coach, nine, 'resident-a');
      const returned = await store.create(made, buffered);
      made.summary.wishes = 'changed';
      returned.summary.wishes = 'changed';
      const read = await store.get(coach, made.id);
      if (read) read.summary.wishes = 'changed';
      expect((await store.get(coach, made.id))?.summary.wishes).to.equal(
        'Iets met mijn handen — graag buiten 🌳',
      );
    });
  });
}
