import { expect } from 'chai';
import { join } from 'node:path';
import { loadCoachSeed } from '../../src/adapters/coachSeed.js';
import { MemoryBookingStore } from '../../src/adapters/memory/memoryBookings.js';
import { MemoryCalendar } from '../../src/adapters/memory/memoryCalendar.js';
import { MemoryCoachDirectory } from '../../src/adapters/memory/memoryCoaches.js';
import { closureDays } from '../../src/domain/closureDays.js';
import type { HandoffSummary } from '../../src/domain/handoff.js';
import { projectRoot } from '../../src/paths.js';
import { createPlanner } from '../../src/planner/createPlanner.js';
import type { BookRequest, Planner, ResidentContext } from '../../src/planner/planner.js';
import type { TimePreference } from '../../src/domain/calendarTime.js';
import type { Calendar } from '../../src/ports/calendar.js';
import type { BookingOutbox } from '../../src/ports/outbox.js';
import { DateTime } from 'luxon';
import { VoordeurError } from '../../src/errors.js';

/** Monday 23 November 2026, 09:15 in Amsterdam. */
const now = new Date('2026-11-23T08:15:00.000Z');
const clock = { now: () => new Date(now) };
const coaches = await loadCoachSeed(join(projectRoot, 'infra/coaches.example.json'));

const summary: HandoffSummary = {
  intent: 'work',
  wishes: 'iets met mijn handen',
  form: 'location',
  language: 'nl',
  channel: 'webchat',
};

function resident(key: string, extra: Partial<ResidentContext> = {}): ResidentContext {
  return { key, language: 'nl', channel: 'webchat', ...extra };
}

function setup(calendar: Calendar = new MemoryCalendar(), extraClosures: string[] = []) {
  const bookings = new MemoryBookingStore({ clock });
  const planner: Planner = createPlanner({
    coaches: new MemoryCoachDirectory(coaches),
    bookings,
    calendar,
    clock,
    closures: closureDays({ years: [2026, 2027], extraDates: extraClosures }),
    minNoticeMinutes: 24 * 60,
    horizonDays: 28,
    describeHandoff: (s, coach) => ({
      title: `Kennismaking met ${coach.name}`,
      description: s.wishes ?? '',
    }),
  });
  return { planner, bookings, calendar };
}

const amsterdam = (date: Date) => DateTime.fromJSDate(date, { zone: 'Europe/Amsterdam' });

function request(key: string, coachId: string, start: Date): BookRequest {
  return {
    coachId,
    start: start.toISOString(),
    resident: resident(key),
    form: 'location',
    placeId: 'den-domp',
    summary,
  };
}

describe('the planner', () => {
  it("proposes three Tuesday mornings with the coach who serves the resident's place", async () => {
    const { planner } = setup();
    const result = await planner.propose(resident('a', { place: 'Haaren' }), {
      days: [2],
      times: [{ start: 480, end: 720 }],
    });
    expect(result.kind).to.equal('matches');
    if (result.kind !== 'matches') return;
    expect(result.proposals).to.have.length(3);
    for (const proposal of result.proposals) {
      expect(proposal.coach.name).to.equal('Elke');
      expect(amsterdam(proposal.start).weekday).to.equal(2);
      expect(amsterdam(proposal.start).hour).to.be.within(8, 11);
      expect(proposal.reasons).to.deep.include({ kind: 'servesArea', place: 'Haaren' });
    }
    // Never before the minimum notice: the first Tuesday (tomorrow 09:00) is less than 24 h away.
    expect(result.proposals[0]!.start.getTime()).to.be.at.least(now.getTime() + 24 * 3600_000);
  });

  it('offers the nearest alternatives when nothing matches', async () => {
    const { planner } = setup();
    // Elke does not work on Fridays.
    const result = await planner.propose(resident('a', { place: 'Haaren' }), { days: [5] });
    expect(result.kind).to.equal('alternatives');
    if (result.kind === 'alternatives') {
      // Without the day there is no preference left: anything that suits Elke.
      expect(result.relaxed).to.equal('everything');
      expect(result.proposals.length).to.be.greaterThan(0);
    }
  });

  it("books a proposed slot and writes the coach's calendar with the handoff", async () => {
    const { planner, calendar } = setup();
    const proposed = await planner.propose(resident('a', { place: 'Haaren' }), {});
    if (proposed.kind !== 'matches') throw new Error('expected matches');
    const slot = proposed.proposals[0]!;
    const result = await planner.book(request('a', slot.coach.id, slot.start));
    expect(result.kind).to.equal('booked');
    if (result.kind !== 'booked') return;
    const busy = await calendar.busy('elke', now, new Date(now.getTime() + 30 * 86_400_000));
    expect(busy).to.deep.include({ start: slot.start.getTime(), end: slot.end.getTime() });
    expect(result.booking.summary.wishes).to.equal('iets met mijn handen');
  });

  it('gives the slot to one resident only, and fresh options to the next', async () => {
    const { planner } = setup();
    const proposed = await planner.propose(resident('a', { place: 'Haaren' }), {});
    if (proposed.kind !== 'matches') throw new Error('expected matches');
    const slot = proposed.proposals[0]!;
    const [first, second] = await Promise.all([
      planner.book(request('a', 'elke', slot.start)),
      planner.book(request('b', 'elke', slot.start)),
    ]);
    expect([first.kind, second.kind].sort()).to.deep.equal(['booked', 'unavailable']);
    const loser = first.kind === 'unavailable' ? first : second;
    if (loser.kind === 'unavailable') {
      expect(loser.reason).to.equal('taken');
      expect(loser.alternatives.kind).to.equal('matches');
    }
  });

  it('is idempotent: the same resident booking the same slot again gets the same booking', async () => {
    const { planner } = setup();
    const start = DateTime.fromISO('2026-11-26T09:00', { zone: 'Europe/Amsterdam' }).toJSDate();
    const once = await planner.book(request('a', 'elke', start));
    const twice = await planner.book(request('a', 'elke', start));
    expect(once.kind).to.equal('booked');
    expect(twice.kind).to.equal('booked');
    if (once.kind === 'booked' && twice.kind === 'booked')
      expect(twice.booking.id).to.equal(once.booking.id);
  });

  it('finds the closure days on its first search when given how, once for every search after', async () => {
    let found = 0;
    const planner = createPlanner({
      coaches: new MemoryCoachDirectory(coaches),
      bookings: new MemoryBookingStore({ clock }),
      calendar: new MemoryCalendar(),
      clock,
      closures: async () => {
        found += 1;
        return closureDays({ years: [2026, 2027], extraDates: ['2026-12-03'] });
      },
      minNoticeMinutes: 24 * 60,
      horizonDays: 28,
      describeHandoff: (_, coach) => ({ title: coach.name, description: '' }),
    });
    expect(found).to.equal(0);
    const thursdays: TimePreference = { days: [4], times: [{ start: 480, end: 720 }] };
    const [first, second] = await Promise.all([
      planner.propose(resident('a'), thursdays),
      planner.propose(resident('b'), thursdays),
    ]);
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Amsterdam' }).toJSDate();
    const closed = await planner.book(request('c', 'elke', at('2026-12-03T09:00')));
    expect(found).to.equal(1);
    for (const result of [first, second]) {
      expect(result.kind).to.equal('matches');
      if (result.kind !== 'matches') continue;
      const days = result.proposals.map((p) => amsterdam(new Date(p.start)).toISODate());
      expect(days).to.not.include('2026-12-03');
    }
    expect(closed.kind === 'unavailable' && closed.reason).to.equal('notOffered');
  });

  it('refuses a slot in the past, too soon, or outside working hours, with fresh options', async () => {
    // The municipality is closed on Thursday 3 December (a configured closure day).
    const { planner } = setup(new MemoryCalendar(), ['2026-12-03']);
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Amsterdam' }).toJSDate();
    const past = await planner.book(request('a', 'elke', at('2026-11-16T09:00')));
    const tooSoon = await planner.book(request('a', 'elke', at('2026-11-23T13:00')));
    const evening = await planner.book(request('a', 'elke', at('2026-11-26T20:00')));
    const closed = await planner.book(request('a', 'elke', at('2026-12-03T09:00')));
    const beyondHorizon = await planner.book(request('a', 'elke', at('2027-01-07T09:00')));
    const open = await planner.book(request('a', 'elke', at('2026-12-10T09:00')));
    const unknownCoach = await planner.book(request('a', 'nobody', at('2026-11-26T09:00')));
    const outcomes = [past, tooSoon, evening, closed, beyondHorizon, unknownCoach, open].map((r) =>
      r.kind === 'unavailable' ? r.reason : r.kind,
    );
    expect(outcomes).to.deep.equal([
      'expired',
      'expired',
      'notOffered',
      'notOffered',
      'notOffered',
      'notOffered',
      'booked', // a Thursday morning within the horizon
    ]);
  });

  it('moves a meeting: the new slot is booked, the old one freed', async () => {
    const { planner, bookings } = setup();
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Amsterdam' }).toJSDate();
    const first = await planner.book(request('a', 'elke', at('2026-11-26T09:00')));
    if (first.kind !== 'booked') throw new Error('expected booked');
    const moved = await planner.move(
      { coachId: 'elke', bookingId: first.booking.id },
      request('a', 'elke', at('2026-11-30T13:00')),
    );
    expect(moved.kind).to.equal('booked');
    expect(await bookings.get('elke', first.booking.id)).to.equal(undefined);
    const again = await planner.book(request('b', 'elke', at('2026-11-26T09:00')));
    expect(again.kind, 'the old slot is free for someone else').to.equal('booked');
  });

  it("cancels idempotently, and only the resident's own booking", async () => {
    const { planner } = setup();
    const at = DateTime.fromISO('2026-11-26T09:00', { zone: 'Europe/Amsterdam' }).toJSDate();
    const booked = await planner.book(request('a', 'elke', at));
    if (booked.kind !== 'booked') throw new Error('expected booked');
    const current = { coachId: 'elke', bookingId: booked.booking.id };
    await planner.cancel(resident('someone-else'), current);
    expect(await planner.find(current)).not.to.equal(undefined);
    await planner.cancel(resident('a'), current);
    await planner.cancel(resident('a'), current);
    expect(await planner.find(current)).to.equal(undefined);
  });

  it('queues the calendar job before it stores the booking, and the booking stands', async () => {
    const bookings = new MemoryBookingStore({ clock });
    const seen: string[] = [];
    const outbox: BookingOutbox = {
      booked: async (booking) => {
        // Queued first: the booking is not stored yet, so a crash now leaves a harmless job.
        seen.push(`booked:${(await bookings.get(booking.coachId, booking.id)) ? 'stored' : 'new'}`);
      },
      cancelled: async (booking) => {
        seen.push(
          `cancelled:${(await bookings.get(booking.coachId, booking.id)) ? 'stored' : 'gone'}`,
        );
      },
      dispatch: async () => {
        seen.push('dispatch');
      },
    };
    const calendar = new MemoryCalendar();
    const planner = createPlanner({
      coaches: new MemoryCoachDirectory(coaches),
      bookings,
      calendar,
      clock,
      closures: closureDays({ years: [2026, 2027] }),
      minNoticeMinutes: 24 * 60,
      horizonDays: 28,
      describeHandoff: () => ({ title: 'Kennismaking', description: '' }),
      outbox,
    });
    const at = DateTime.fromISO('2026-11-26T09:00', { zone: 'Europe/Amsterdam' }).toJSDate();
    const result = await planner.book(request('a', 'elke', at));
    expect(result.kind).to.equal('booked');
    if (result.kind !== 'booked') return;
    // Nothing written in the turn: the outbox does that.
    expect(
      await calendar.busy('elke', now, new Date(now.getTime() + 30 * 86_400_000)),
    ).to.deep.equal([]);
    await planner.cancel(resident('a'), { coachId: 'elke', bookingId: result.booking.id });
    expect(seen).to.deep.equal(['booked:new', 'dispatch', 'cancelled:stored', 'dispatch']);
  });

  it("offers and books from its own bookings while the coach's calendar is down; a taken time still gets fresh options", async () => {
    const down: Calendar = {
      busy: () => Promise.reject(new VoordeurError('VD_CALENDAR_UNAVAILABLE', 'status 503')),
      // The test planner writes the calendar directly (no outbox): let the write through.
      put: () => Promise.resolve(),
      remove: () => Promise.resolve(),
      eventTimes: () => Promise.reject(new VoordeurError('VD_CALENDAR_UNAVAILABLE', 'status 503')),
    };
    const { planner } = setup(down);
    const offer = await planner.propose(resident('a', { place: 'Haaren' }), { days: [2] });
    if (offer.kind !== 'matches') throw new Error('expected matches while the calendar is down');
    const first = offer.proposals[0]!;
    const booked = await planner.book(request('a', first.coach.id, first.start));
    expect(booked.kind).to.equal('booked');
    // Someone else wanted the same time: told it is taken, with fresh times, not an error.
    const second = await planner.book(request('b', first.coach.id, first.start));
    expect(second.kind).to.equal('unavailable');
    if (second.kind !== 'unavailable') return;
    expect(second.reason).to.equal('taken');
    expect(second.alternatives.kind).to.equal('matches');
  });
});
