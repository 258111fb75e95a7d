import { expect } from 'chai';
import {
  busyWithin,
  entryOf,
  pruned,
  released,
  scheduleClaim,
  type ScheduleEntry,
} from '../../src/ports/bookingSchedule.js';
import { conflictsWith } from '../../src/ports/bookings.js';
import { booking } from './bookingStore.contract.js';

const coach = 'elke';
const now = new Date('2031-03-04T07:00:00.000Z');
const nine = '2031-03-04T08:00:00.000Z';
const half = '2031-03-04T08:30:00.000Z';
const ten = '2031-03-04T09:00:00.000Z';
/** Ended two days before `now`: nothing bookable can conflict with it any more. */
const old = entryOf(booking(coach, '2031-03-02T08:00:00.000Z', 'resident-old'));

describe('the booking schedule', () => {
  describe('pruned', () => {
    it('drops entries that ended more than a day ago and keeps the rest', () => {
      const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
      const endsAtCutoff: ScheduleEntry = { ...old, id: 'edge', end: dayAgo };
      const current = entryOf(booking(coach, nine, 'resident-a'));
      expect(pruned([old, endsAtCutoff, current], now)).to.deep.equal([endsAtCutoff, current]);
    });
  });

  describe('scheduleClaim', () => {
    const held = entryOf(booking(coach, nine, 'resident-a'));

    it('adds a free time in order and prunes what has long ended', () => {
      const outcome = scheduleClaim(booking(coach, '2031-03-04T07:00:00.000Z', 'resident-b'), 15)(
        [old, held],
        now,
      );
      expect(outcome.kind).to.equal('claimed');
      expect(outcome.kind === 'claimed' && outcome.entries.map((e) => e.start)).to.deep.equal([
        '2031-03-04T07:00:00.000Z',
        nine,
      ]);
    });

    it("gives the resident who holds the slot 'held', and anyone else 'taken'", () => {
      expect(scheduleClaim(booking(coach, nine, 'resident-a'), 15)([held], now)).to.deep.equal({
        kind: 'held',
        entries: [held],
      });
      expect(scheduleClaim(booking(coach, nine, 'resident-b'), 15)([held], now).kind).to.equal(
        'taken',
      );
    });

    it('counts the buffer: 09:30 is taken next to 09:00-09:45, 10:00 is free', () => {
      expect(scheduleClaim(booking(coach, half, 'resident-b'), 15)([held], now).kind).to.equal(
        'taken',
      );
      expect(scheduleClaim(booking(coach, ten, 'resident-b'), 15)([held], now).kind).to.equal(
        'claimed',
      );
    });

    it('refuses a negative buffer before it is given any schedule', () => {
      expect(() => scheduleClaim(booking(coach, ten, 'resident-b'), -1)).to.throw(RangeError);
    });
  });

  describe('released', () => {
    const a = entryOf(booking(coach, nine, 'resident-a'));
    const b = entryOf(booking(coach, '2031-03-04T12:00:00.000Z', 'resident-b'));

    it("frees the resident's own entry and prunes the rest", () => {
      expect(released([old, a, b], a.id, 'resident-a', now)).to.deep.equal([b]);
    });

    it("leaves nothing to write for another resident's entry or a missing one", () => {
      expect(released([a, b], a.id, 'resident-b', now)).to.equal(undefined);
      expect(released([a, b], 'gone', 'resident-a', now)).to.equal(undefined);
    });
  });

  describe('busyWithin', () => {
    it('gives the meeting time of entries overlapping the window, in order', () => {
      const late = entryOf(booking(coach, ten, 'resident-b'));
      const early = entryOf(booking(coach, nine, 'resident-a'));
      const busy = busyWithin([late, early], new Date(half), new Date('2031-03-04T09:30:00Z'));
      expect(busy).to.deep.equal([
        { start: Date.parse(nine), end: Date.parse('2031-03-04T08:45:00.000Z') },
        { start: Date.parse(ten), end: Date.parse('2031-03-04T09:45:00.000Z') },
      ]);
      expect(busyWithin([early], new Date(ten), new Date('2031-03-04T11:00:00Z'))).to.deep.equal(
        [],
      );
    });
  });

  describe('conflictsWith', () => {
    it('answers alike for ISO instants and epoch milliseconds', () => {
      const meeting = { start: nine, end: '2031-03-04T08:45:00.000Z' };
      const inMs = { start: Date.parse(meeting.start), end: Date.parse(meeting.end) };
      for (const start of [half, ten, '2031-03-04T07:00:00.000Z', '2031-03-04T07:30:00.000Z']) {
        const other = { start, end: new Date(Date.parse(start) + 45 * 60_000).toISOString() };
        const otherMs = { start: Date.parse(other.start), end: Date.parse(other.end) };
        expect(conflictsWith(inMs, 15)(otherMs), start).to.equal(conflictsWith(meeting, 15)(other));
      }
      expect(conflictsWith(inMs, 15)({ start: Date.parse(half), end: Date.parse(ten) })).to.equal(
        true,
      );
    });
  });
});
