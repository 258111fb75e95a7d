import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Calendar, CalendarEvent } from '../../src/ports/calendar.js';

export interface CalendarUnderTest {
  calendar: Calendar;
  /** What the coach would see for one event (not part of the port: each adapter has its way). */
  event(coachId: string, eventId: string): Promise<CalendarEvent | undefined>;
  cleanup(): Promise<void>;
}

const at = (time: string) => `2031-03-04T${time}:00.000Z`;
const ms = (time: string) => Date.parse(at(time));

function event(coachId: string, id: string, start: string, end: string): CalendarEvent {
  return {
    id,
    coachId,
    start: at(start),
    end: at(end),
    title: 'Kennismaking via Voordeur',
    description: 'Wil graag iets met de handen doen. Voorkeur: dinsdagochtend.',
    location: 'Dorpshuis Den Domp, Kerkstraat 2, 5076 AB Haaren',
  };
}

/**
 * The behaviour every {@link Calendar} must have: Voordeur's own (memory, Cosmos DB), CalDAV
 * (Radicale) and Microsoft Graph (a local stand-in). Each test uses fresh coach ids, so
 * implementations may share one backing store.
 */
export function calendarContract(name: string, makeCalendar: () => Promise<CalendarUnderTest>) {
  describe(`${name} (Calendar contract)`, () => {
    let subject: CalendarUnderTest;
    let calendar: Calendar;
    let coach: string;
    const day = [new Date(at('00:00')), new Date(at('23:59'))] as const;

    beforeEach(async () => {
      subject = await makeCalendar();
      calendar = subject.calendar;
      coach = `coach-${randomUUID()}`;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('reports no busy time for a coach with an empty calendar', async () => {
      expect(await calendar.busy(coach, ...day)).to.deep.equal([]);
    });

    it('reports an event as busy from its start to its end, in epoch milliseconds', async () => {
      await calendar.put(event(coach, 'booking-1', '09:00', '09:45'));
      expect(await calendar.busy(coach, ...day)).to.deep.equal([
        { start: ms('09:00'), end: ms('09:45') },
      ]);
      expect(await subject.event(coach, 'booking-1')).to.deep.equal(
        event(coach, 'booking-1', '09:00', '09:45'),
      );
    });

    it('keeps one event when the same id is written twice, with the latest details', async () => {
      await calendar.put(event(coach, 'booking-1', '09:00', '09:45'));
      const moved = { ...event(coach, 'booking-1', '13:00', '13:45'), description: 'Nieuw' };
      await calendar.put(moved);
      await calendar.put(moved);
      expect(await calendar.busy(coach, ...day)).to.deep.equal([
        { start: ms('13:00'), end: ms('13:45') },
      ]);
      expect((await subject.event(coach, 'booking-1'))?.description).to.equal('Nieuw');
    });

    it("counts the coach's own appointments, whatever their id, and orders busy time by start", async () => {
      await calendar.put(event(coach, 'voordeur-booking', '13:00', '13:45'));
      await calendar.put({
        id: 'eigen-afspraak-tandarts',
        coachId: coach,
        start: at('10:00'),
        end: at('11:00'),
        title: 'Tandarts',
        description: '',
      });
      await calendar.put(event(coach, 'team-overleg', '08:30', '09:30'));
      expect(await calendar.busy(coach, ...day)).to.deep.equal([
        { start: ms('08:30'), end: ms('09:30') },
        { start: ms('10:00'), end: ms('11:00') },
        { start: ms('13:00'), end: ms('13:45') },
      ]);
      const own = await subject.event(coach, 'eigen-afspraak-tandarts');
      expect(own?.title).to.equal('Tandarts');
      expect(own).not.to.have.property('location');
    });

    it('reports only events that overlap the window; an event touching its edge is outside', async () => {
      await calendar.put(event(coach, 'before', '08:00', '09:00'));
      await calendar.put(event(coach, 'inside', '09:15', '09:30'));
      await calendar.put(event(coach, 'across', '09:45', '10:15'));
      await calendar.put(event(coach, 'after', '10:00', '11:00'));
      expect(
        await calendar.busy(coach, new Date(at('09:00')), new Date(at('10:00'))),
      ).to.deep.equal([
        { start: ms('09:15'), end: ms('09:30') },
        { start: ms('09:45'), end: ms('10:15') },
      ]);
    });

    it("keeps coaches' calendars apart, even for one event id", async () => {
      const other = `coach-${randomUUID()}`;
      await calendar.put(event(coach, 'shared-id', '09:00', '09:45'));
      await calendar.put(event(other, 'shared-id', '14:00', '14:45'));
      expect(await calendar.busy(coach, ...day)).to.deep.equal([
        { start: ms('09:00'), end: ms('09:45') },
      ]);
      await calendar.remove(other, 'shared-id');
      expect(await calendar.busy(other, ...day)).to.deep.equal([]);
      expect(await calendar.busy(coach, ...day)).to.have.length(1);
    });

    it('removes an event, and accepts removing one that is gone or never was', async () => {
      await calendar.put(event(coach, 'booking-1', '09:00', '09:45'));
      await calendar.remove(coach, 'booking-1');
      await calendar.remove(coach, 'booking-1');
      await calendar.remove(coach, 'never-written');
      expect(await calendar.busy(coach, ...day)).to.deep.equal([]);
      expect(await subject.event(coach, 'booking-1')).to.equal(undefined);
    });

    it("reads an event's times back, as the calendar holds them after a move", async () => {
      await calendar.put(event(coach, 'booking-1', '09:00', '09:45'));
      expect(await calendar.eventTimes(coach, 'booking-1')).to.deep.equal({
        start: at('09:00'),
        end: at('09:45'),
      });
      await calendar.put(event(coach, 'booking-1', '15:00', '15:45'));
      expect(await calendar.eventTimes(coach, 'booking-1')).to.deep.equal({
        start: at('15:00'),
        end: at('15:45'),
      });
    });

    it("reads back nothing for an event removed, never written, or in another coach's calendar", async () => {
      const other = `coach-${randomUUID()}`;
      await calendar.put(event(coach, 'booking-1', '09:00', '09:45'));
      await calendar.put(event(coach, 'booking-2', '11:00', '11:45'));
      await calendar.remove(coach, 'booking-1');
      expect(await calendar.eventTimes(coach, 'booking-1')).to.equal(undefined);
      expect(await calendar.eventTimes(coach, 'never-written')).to.equal(undefined);
      expect(await calendar.eventTimes(other, 'booking-2')).to.equal(undefined);
      expect(await calendar.eventTimes(coach, 'booking-2')).to.deep.equal({
        start: at('11:00'),
        end: at('11:45'),
      });
    });

    it('moves an event written before: one event at the new time, the old time free again', async () => {
      await calendar.put(event(coach, 'booking-1', '09:00', '09:45'));
      await calendar.put(event(coach, 'booking-1', '15:00', '15:45'));
      expect(await calendar.busy(coach, ...day)).to.deep.equal([
        { start: ms('15:00'), end: ms('15:45') },
      ]);
      expect((await subject.event(coach, 'booking-1'))?.start).to.equal(at('15:00'));
    });

    it('makes one event when two instances write the same booking at once', async () => {
      const same = event(coach, 'booking-1', '09:00', '09:45');
      await Promise.all([calendar.put(same), calendar.put({ ...same })]);
      await calendar.put(same);
      expect(await calendar.busy(coach, ...day)).to.deep.equal([
        { start: ms('09:00'), end: ms('09:45') },
      ]);
    });

    it('keeps the instants of an event across the spring clock change (2027-03-28, Amsterdam)', async () => {
      // 01:30 CET until 03:30 CEST: one hour of real time, though the wall clock shows two.
      const across: CalendarEvent = {
        ...event(coach, 'night', '00:00', '01:00'),
        start: '2027-03-28T00:30:00.000Z',
        end: '2027-03-28T01:30:00.000Z',
      };
      // And 09:00 Amsterdam on the Monday after: 07:00 UTC, no longer 08:00.
      const monday: CalendarEvent = {
        ...event(coach, 'monday', '00:00', '01:00'),
        start: '2027-03-29T07:00:00.000Z',
        end: '2027-03-29T07:45:00.000Z',
      };
      await calendar.put(across);
      await calendar.put(monday);
      const busy = await calendar.busy(
        coach,
        new Date('2027-03-27T00:00:00Z'),
        new Date('2027-03-30T00:00:00Z'),
      );
      expect(busy).to.deep.equal([
        { start: Date.parse(across.start), end: Date.parse(across.end) },
        { start: Date.parse(monday.start), end: Date.parse(monday.end) },
      ]);
      expect((await subject.event(coach, 'night'))?.end).to.equal(across.end);
    });

    it('refuses an event that ends before it starts, has no time zone, or has an id no store can keep', async () => {
      const backwards = event(coach, 'b', '10:00', '09:00');
      const slashed = event(coach, 'a/b', '09:00', '10:00');
      const zoneless = { ...event(coach, 'c', '09:00', '10:00'), start: '2031-03-04T09:00:00' };
      for (const bad of [backwards, slashed, zoneless]) {
        const error = await calendar.put(bad).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).to.be.instanceOf(RangeError);
      }
      expect(await calendar.busy(coach, ...day)).to.deep.equal([]);
    });
  });
}
