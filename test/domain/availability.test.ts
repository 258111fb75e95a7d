import { expect } from 'chai';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  freeSlots,
  matchesPreference,
  nearestAlternatives,
  proposeSlots,
  type CoachCalendar,
  type FreeSlotsInput,
} from '../../src/domain/availability.js';
import { closureDays } from '../../src/domain/closureDays.js';
import { coachSchema, type Coach, type CoachInput } from '../../src/domain/coach.js';
import {
  PLANNING_ZONE,
  dayParts,
  type Interval,
  type Slot,
  type TimeOfDayRange,
  type TimePreference,
  type Weekday,
} from '../../src/domain/calendarTime.js';

const MINUTE = 60_000;

function coach(overrides: Partial<CoachInput> = {}): Coach {
  return coachSchema.parse({
    id: 'elke',
    name: 'Elke',
    photoUrl: '/coaches/elke.jpg',
    intro: { nl: 'Ik wandel graag.' },
    languages: ['nl', 'en'],
    areas: { postcodes: [{ from: 5076, to: 5076 }], places: ['Haaren'] },
    places: [{ id: 'dorpshuis', name: 'Dorpshuis', address: 'Kerkstraat 1, Haaren' }],
    forms: ['location', 'walk', 'phone'],
    workingHours: {
      '1': [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
      '2': [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
      '3': [{ start: '09:00', end: '12:00' }],
      '4': [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
    },
    meetingMinutes: 45,
    bufferMinutes: 15,
    ...overrides,
  });
}

/** An absolute instant from an Amsterdam wall time, for readable expectations. */
function at(wall: string): number {
  const time = DateTime.fromISO(wall, { zone: PLANNING_ZONE });
  if (!time.isValid) throw new Error(`bad wall time ${wall}`);
  return time.toMillis();
}

function between(start: string, end: string): Interval {
  return { start: at(start), end: at(end) };
}

/** Slots as Amsterdam wall times with their UTC offset, e.g. '2026-12-01 09:00+01:00'. */
function wall(slots: readonly Interval[]): string[] {
  return slots.map((slot) =>
    DateTime.fromMillis(slot.start, { zone: PLANNING_ZONE }).toFormat('yyyy-MM-dd HH:mmZZ'),
  );
}

const noClosures: ReadonlySet<string> = new Set();
// Monday 30 November 2026, 08:00 in Amsterdam: the fixed clock of the example tests.
const monday = new Date('2026-11-30T07:00:00Z');

/**
 * {@link freeSlots} for one coach with what most examples share: Elke, no calendar events, no
 * bookings, no closure days and a day's notice. Each example says what differs.
 */
function freeSlotsWith(input: Partial<FreeSlotsInput> & Pick<FreeSlotsInput, 'now'>): Slot[] {
  return freeSlots({
    coach: coach(),
    busy: [],
    bookings: [],
    closures: noClosures,
    minNoticeMinutes: 24 * 60,
    ...input,
  });
}

describe('availability', () => {
  describe('freeSlots', () => {
    it('offers working time around calendar events, keeping the buffer free on both sides', () => {
      const slots = freeSlotsWith({
        busy: [between('2026-12-01T10:00', '2026-12-01T11:00')],
        now: monday,
        horizonDays: 3,
      });
      expect(wall(slots)).to.deep.equal([
        // Tuesday: 09:00–09:45 ends exactly where the buffer before 10:00 starts.
        '2026-12-01 09:00+01:00',
        '2026-12-01 13:00+01:00',
        '2026-12-01 13:30+01:00',
        '2026-12-01 14:00+01:00',
        '2026-12-01 14:30+01:00',
        '2026-12-01 15:00+01:00',
        '2026-12-01 15:30+01:00',
        '2026-12-01 16:00+01:00',
        // Wednesday: mornings only; 11:30 would end after 12:00.
        '2026-12-02 09:00+01:00',
        '2026-12-02 09:30+01:00',
        '2026-12-02 10:00+01:00',
        '2026-12-02 10:30+01:00',
        '2026-12-02 11:00+01:00',
      ]);
      expect(
        slots.every((slot) => slot.coachId === 'elke' && slot.end - slot.start === 45 * MINUTE),
      ).to.equal(true);
    });

    it('treats Voordeur bookings like calendar events, buffer included', () => {
      const slots = freeSlotsWith({
        bookings: [between('2026-12-02T09:30', '2026-12-02T10:15')],
        now: new Date('2026-12-01T07:00:00Z'),
        horizonDays: 2,
      });
      expect(wall(slots)).to.deep.equal(['2026-12-02 10:30+01:00', '2026-12-02 11:00+01:00']);
    });

    it('starts on the grid after busy time that ends off the grid', () => {
      const slots = freeSlotsWith({
        coach: coach({ bufferMinutes: 0 }),
        busy: [between('2026-12-02T09:00', '2026-12-02T10:10')],
        now: new Date('2026-12-01T07:00:00Z'),
        horizonDays: 2,
      });
      expect(wall(slots)).to.deep.equal(['2026-12-02 10:30+01:00', '2026-12-02 11:00+01:00']);
    });

    it('also offers the start of a working-hours range that is off the grid', () => {
      const slots = freeSlotsWith({
        coach: coach({ workingHours: { '3': [{ start: '08:45', end: '10:00' }] } }),
        now: new Date('2026-12-01T07:00:00Z'),
        horizonDays: 2,
      });
      expect(wall(slots)).to.deep.equal(['2026-12-02 08:45+01:00', '2026-12-02 09:00+01:00']);
    });

    it('offers nothing before now plus the minimum notice', () => {
      const slots = freeSlotsWith({
        now: new Date('2026-11-30T10:20:00Z'), // Monday 11:20
        horizonDays: 2,
      });
      expect(wall(slots)).to.deep.equal([
        '2026-12-01 13:00+01:00',
        '2026-12-01 13:30+01:00',
        '2026-12-01 14:00+01:00',
        '2026-12-01 14:30+01:00',
        '2026-12-01 15:00+01:00',
        '2026-12-01 15:30+01:00',
        '2026-12-01 16:00+01:00',
      ]);
    });

    it('offers nothing on Koningsdag or on configured closure days', () => {
      const slots = freeSlotsWith({
        closures: closureDays({ years: [2026], extraDates: ['2026-04-28'] }),
        now: new Date('2026-04-24T10:00:00Z'), // Friday before Koningsdag
        minNoticeMinutes: 0,
        horizonDays: 6,
      });
      const dates = new Set(wall(slots).map((slot) => slot.slice(0, 10)));
      expect([...dates]).to.deep.equal(['2026-04-29']);
    });

    it('counts the horizon in calendar days from today, today included', () => {
      const slots = freeSlotsWith({
        now: monday,
        minNoticeMinutes: 0,
        horizonDays: 2,
      });
      const dates = new Set(wall(slots).map((slot) => slot.slice(0, 10)));
      expect([...dates]).to.deep.equal(['2026-11-30', '2026-12-01']);
    });

    it('reads busy intervals in any order', () => {
      const busy = [
        between('2026-12-02T11:00', '2026-12-02T11:30'),
        between('2026-12-01T09:00', '2026-12-01T17:00'),
        between('2026-12-02T09:00', '2026-12-02T10:00'),
      ];
      const input = {
        coach: coach({ bufferMinutes: 0 }),
        bookings: [],
        closures: noClosures,
        now: monday,
        minNoticeMinutes: 24 * 60,
        horizonDays: 3,
      };
      const sorted = freeSlots({ ...input, busy: [...busy].sort((a, b) => a.start - b.start) });
      expect(freeSlots({ ...input, busy })).to.deep.equal(sorted);
      expect(wall(sorted)).to.deep.equal(['2026-12-02 10:00+01:00']);
    });

    describe('on the night the clocks go forward (2027-03-28, 02:00–03:00 does not exist)', () => {
      it('skips the missing wall times and keeps the meeting length in real minutes', () => {
        const slots = freeSlotsWith({
          coach: coach({
            workingHours: { '7': [{ start: '01:00', end: '04:30' }] },
            meetingMinutes: 30,
            bufferMinutes: 0,
          }),
          now: new Date('2027-03-26T12:00:00Z'),
          minNoticeMinutes: 0,
          horizonDays: 3,
        });
        expect(wall(slots)).to.deep.equal([
          '2027-03-28 01:00+01:00',
          '2027-03-28 01:30+01:00',
          '2027-03-28 03:00+02:00',
          '2027-03-28 03:30+02:00',
          '2027-03-28 04:00+02:00',
        ]);
        expect(slots.map((slot) => new Date(slot.start).toISOString())).to.deep.equal([
          '2027-03-28T00:00:00.000Z',
          '2027-03-28T00:30:00.000Z',
          '2027-03-28T01:00:00.000Z',
          '2027-03-28T01:30:00.000Z',
          '2027-03-28T02:00:00.000Z',
        ]);
      });

      it('offers ordinary office hours that day at their usual wall times', () => {
        const slots = freeSlotsWith({
          coach: coach({
            workingHours: { '7': [{ start: '09:00', end: '11:00' }] },
            meetingMinutes: 60,
          }),
          now: new Date('2027-03-27T12:00:00Z'),
          minNoticeMinutes: 0,
          horizonDays: 2,
        });
        expect(wall(slots)).to.deep.equal([
          '2027-03-28 09:00+02:00',
          '2027-03-28 09:30+02:00',
          '2027-03-28 10:00+02:00',
        ]);
      });
    });

    describe('on the night the clocks go back (2026-10-25, 02:00–03:00 happens twice)', () => {
      it('offers each wall time once, at its first occurrence', () => {
        const slots = freeSlotsWith({
          coach: coach({
            workingHours: { '7': [{ start: '01:00', end: '04:00' }] },
            meetingMinutes: 30,
            bufferMinutes: 0,
          }),
          now: new Date('2026-10-23T12:00:00Z'),
          minNoticeMinutes: 0,
          horizonDays: 3,
        });
        expect(wall(slots)).to.deep.equal([
          '2026-10-25 01:00+02:00',
          '2026-10-25 01:30+02:00',
          '2026-10-25 02:00+02:00',
          '2026-10-25 02:30+02:00',
          '2026-10-25 03:00+01:00',
          '2026-10-25 03:30+01:00',
        ]);
        const labels = wall(slots).map((label) => label.slice(0, 16));
        expect(new Set(labels).size).to.equal(labels.length);
      });

      it('offers ordinary office hours that day at their usual wall times', () => {
        const slots = freeSlotsWith({
          coach: coach({ workingHours: { '7': [{ start: '09:00', end: '10:30' }] } }),
          busy: [between('2026-10-25T10:00', '2026-10-25T10:30')],
          now: new Date('2026-10-24T12:00:00Z'),
          minNoticeMinutes: 0,
          horizonDays: 2,
        });
        // 09:30–10:15 would run into the event; 09:00–09:45 ends where the buffer begins.
        expect(wall(slots)).to.deep.equal(['2026-10-25 09:00+01:00']);
      });
    });
  });

  describe('matchesPreference', () => {
    // Tuesday 1 December 2026.
    const tuesdayTen = between('2026-12-01T10:00', '2026-12-01T10:45');
    const tuesdayElevenThirty = between('2026-12-01T11:30', '2026-12-01T12:15');
    const mondayTen = between('2026-11-30T10:00', '2026-11-30T10:45');
    const matchesBetween = (start: string, end: string, preference: TimePreference): boolean =>
      matchesPreference(between(start, end), preference);

    it('matches anything for an empty preference ("maakt niet uit")', () => {
      expect(matchesPreference(tuesdayTen, {})).to.equal(true);
    });

    it('matches a Tuesday morning only when the whole meeting is in the morning', () => {
      const tuesdayMorning: TimePreference = { days: [2], times: [dayParts.morning] };
      expect(matchesPreference(tuesdayTen, tuesdayMorning)).to.equal(true);
      expect(matchesPreference(tuesdayElevenThirty, tuesdayMorning)).to.equal(false);
      expect(matchesPreference(mondayTen, tuesdayMorning)).to.equal(false);
    });

    it('rejects a slot on an excluded day ("liever niet op maandag")', () => {
      const notMonday: TimePreference = { excludedDays: [1] };
      expect(matchesPreference(mondayTen, notMonday)).to.equal(false);
      expect(matchesPreference(tuesdayTen, notMonday)).to.equal(true);
    });

    it('matches "tussen 9 en 12" when the meeting starts and ends within it', () => {
      const nineToTwelve: TimePreference = { times: [{ start: 9 * 60, end: 12 * 60 }] };
      expect(matchesPreference(tuesdayTen, nineToTwelve)).to.equal(true);
      expect(matchesBetween('2026-12-01T11:15', '2026-12-01T12:00', nineToTwelve)).to.equal(true);
      expect(matchesPreference(tuesdayElevenThirty, nineToTwelve)).to.equal(false);
      expect(matchesBetween('2026-12-01T08:45', '2026-12-01T09:30', nineToTwelve)).to.equal(false);
    });

    it('rejects a slot that overlaps an excluded time ("niet tussen 12 en 13")', () => {
      const noLunch: TimePreference = { excludedTimes: [{ start: 12 * 60, end: 13 * 60 }] };
      expect(matchesPreference(tuesdayElevenThirty, noLunch)).to.equal(false);
      expect(matchesBetween('2026-12-01T11:15', '2026-12-01T12:00', noLunch)).to.equal(true);
      expect(matchesBetween('2026-12-01T13:00', '2026-12-01T13:45', noLunch)).to.equal(true);
    });

    it('matches an exact moment ("morgen om 10 uur") only at that date and time', () => {
      const tomorrowAtTen: TimePreference = { at: { date: '2026-12-01', minute: 10 * 60 } };
      expect(matchesPreference(tuesdayTen, tomorrowAtTen)).to.equal(true);
      expect(matchesBetween('2026-12-01T10:30', '2026-12-01T11:15', tomorrowAtTen)).to.equal(false);
      expect(matchesBetween('2026-12-02T10:00', '2026-12-02T10:45', tomorrowAtTen)).to.equal(false);
    });

    it('matches dates, excluded dates and an earliest–latest window by Amsterdam date', () => {
      expect(matchesPreference(tuesdayTen, { dates: ['2026-12-01'] })).to.equal(true);
      expect(matchesPreference(tuesdayTen, { dates: ['2026-12-02'] })).to.equal(false);
      expect(matchesPreference(tuesdayTen, { excludedDates: ['2026-12-01'] })).to.equal(false);
      const nextWeek: TimePreference = { earliest: '2026-12-07', latest: '2026-12-13' };
      expect(matchesPreference(tuesdayTen, nextWeek)).to.equal(false);
      expect(matchesBetween('2026-12-13T10:00', '2026-12-13T10:45', nextWeek)).to.equal(true);
      // 00:30 in Amsterdam is still the previous day in UTC; the Amsterdam date counts.
      expect(matchesBetween('2026-12-07T00:30', '2026-12-07T01:15', nextWeek)).to.equal(true);
    });
  });

  describe('proposeSlots', () => {
    const base = {
      closures: noClosures,
      now: monday,
      minNoticeMinutes: 24 * 60,
      horizonDays: 28,
    };
    const free = (c: Coach): CoachCalendar => ({ coach: c, busy: [], bookings: [] });
    /** What is proposed with Elke free all the time, as wall times. */
    const proposedWithElke = (preference: TimePreference): string[] =>
      wall(proposeSlots({ ...base, coaches: [free(coach())], preference }));

    it('proposes the earliest matching slots, each on a different day', () => {
      expect(proposedWithElke({ days: [2], times: [dayParts.morning] })).to.deep.equal([
        '2026-12-01 09:00+01:00',
        '2026-12-08 09:00+01:00',
        '2026-12-15 09:00+01:00',
      ]);
    });

    it('gives the first coach in ranking order the slot when two coaches are free at once', () => {
      const slots = proposeSlots({
        ...base,
        coaches: [free(coach({ id: 'sanne' })), free(coach({ id: 'elke' }))],
        preference: {},
        spreadDays: false,
      });
      expect(slots.map((slot) => slot.coachId)).to.deep.equal(['sanne', 'elke', 'sanne']);
      // At most one slot per coach per day: the third is Sanne on the next day.
      expect(wall(slots)).to.deep.equal([
        '2026-12-01 09:00+01:00',
        '2026-12-01 09:00+01:00',
        '2026-12-02 09:00+01:00',
      ]);
    });

    it('moves to another coach when the first is busy', () => {
      const sanne = coach({ id: 'sanne' });
      const slots = proposeSlots({
        ...base,
        coaches: [
          {
            coach: sanne,
            busy: [between('2026-12-01T08:00', '2026-12-01T18:00')],
            bookings: [],
          },
          free(coach({ id: 'elke' })),
        ],
        preference: {},
      });
      expect(slots.map((slot) => [slot.coachId, wall([slot])[0]])).to.deep.equal([
        ['elke', '2026-12-01 09:00+01:00'],
        ['sanne', '2026-12-02 09:00+01:00'],
        ['sanne', '2026-12-03 09:00+01:00'],
      ]);
    });

    it('still offers a choice on the one day a resident asked for', () => {
      expect(
        proposedWithElke({ dates: ['2026-12-03'], times: [dayParts.afternoon] }),
      ).to.deep.equal([
        '2026-12-03 13:00+01:00',
        '2026-12-03 13:30+01:00',
        '2026-12-03 14:00+01:00',
      ]);
    });

    it('proposes the exact moment asked for when it is free, and nothing else', () => {
      expect(proposedWithElke({ at: { date: '2026-12-03', minute: 14 * 60 + 30 } })).to.deep.equal([
        '2026-12-03 14:30+01:00',
      ]);
    });

    it('proposes nothing when nothing matches', () => {
      expect(proposedWithElke({ times: [dayParts.evening] })).to.deep.equal([]);
    });
  });

  describe('nearestAlternatives', () => {
    const tuesdayMorning: TimePreference = { days: [2], times: [dayParts.morning] };

    /** The alternatives for one coach who is busy during `busy`, with slots as wall times. */
    const alternativesFor = (preference: TimePreference, ...busy: Interval[]) => {
      const alternatives = nearestAlternatives({
        closures: noClosures,
        now: monday,
        minNoticeMinutes: 24 * 60,
        horizonDays: 14,
        coaches: [{ coach: coach(), busy, bookings: [] }],
        preference,
      });
      return { ...alternatives, slots: wall(alternatives.slots) };
    };

    it('first lets go of the time of day: "Op dinsdagochtend kan het niet. Wel op dinsdag"', () => {
      const alternatives = alternativesFor(
        tuesdayMorning,
        between('2026-12-01T08:00', '2026-12-01T12:00'),
        between('2026-12-08T08:00', '2026-12-08T12:00'),
      );
      // Two Tuesdays in the horizon: one per day first, then the earliest other slot.
      expect(alternatives).to.deep.equal({
        relaxed: 'times',
        preference: { days: [2] },
        slots: ['2026-12-01 13:00+01:00', '2026-12-01 13:30+01:00', '2026-12-08 13:00+01:00'],
      });
    });

    it('then lets go of the day, keeping the time of day: other mornings', () => {
      const alternatives = alternativesFor(
        tuesdayMorning,
        between('2026-12-01T08:00', '2026-12-01T18:00'),
        between('2026-12-08T08:00', '2026-12-08T18:00'),
      );
      expect(alternatives).to.deep.equal({
        relaxed: 'days',
        preference: { times: [dayParts.morning] },
        slots: ['2026-12-02 09:00+01:00', '2026-12-03 09:00+01:00', '2026-12-07 09:00+01:00'],
      });
    });

    it('finally offers anything when the week asked for is full', () => {
      const nextWeek: TimePreference = {
        earliest: '2026-12-07',
        latest: '2026-12-13',
        times: [dayParts.morning],
      };
      const alternatives = alternativesFor(
        nextWeek,
        between('2026-12-07T00:00', '2026-12-14T00:00'),
      );
      expect(alternatives).to.deep.equal({
        relaxed: 'everything',
        preference: {},
        slots: ['2026-12-01 09:00+01:00', '2026-12-02 09:00+01:00', '2026-12-03 09:00+01:00'],
      });
    });

    it('for a precise moment that is taken, first offers the nearest starts that day', () => {
      const alternatives = alternativesFor(
        { at: { date: '2026-12-03', minute: 10 * 60 } },
        between('2026-12-03T10:00', '2026-12-03T11:00'),
      );
      expect(alternatives.relaxed).to.equal('startTime');
      // 10:00–11:00 is taken, and with the buffers 11:00–12:30 too; 09:00 and 13:00 are free.
      expect(alternatives.slots).to.deep.equal([
        '2026-12-03 09:00+01:00',
        '2026-12-03 13:00+01:00',
      ]);
    });

    it('calls an empty preference "everything" even when it is reached by dropping days', () => {
      const alternatives = alternativesFor(
        { dates: ['2026-12-03'] },
        between('2026-12-03T00:00', '2026-12-04T00:00'),
      );
      expect(alternatives.relaxed).to.equal('everything');
      expect(alternatives.preference).to.deep.equal({});
      expect(alternatives.slots).to.have.length(3);
    });

    it('says so when the coach has no time at all within the horizon', () => {
      const alternatives = alternativesFor(
        tuesdayMorning,
        between('2026-11-01T00:00', '2027-01-01T00:00'),
      );
      expect(alternatives).to.deep.equal({ relaxed: 'everything', preference: {}, slots: [] });
    });
  });

  describe('for all calendars (property)', () => {
    const weekdays: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
    // The four clock changes of 2026 and 2027 in Amsterdam.
    const clockChanges = ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'].map((date) =>
      Date.parse(`${date}T01:00:00Z`),
    );

    const range = fc
      .tuple(fc.integer({ min: 0, max: 1438 }), fc.integer({ min: 1, max: 720 }))
      .map(([start, length]): TimeOfDayRange => ({ start, end: Math.min(1439, start + length) }));

    const coachArb = fc
      .record({
        hours: fc.dictionary(
          fc.constantFrom(...weekdays.map(String)),
          fc.array(range, { minLength: 1, maxLength: 3 }),
        ),
        meetingMinutes: fc.integer({ min: 15, max: 180 }),
        bufferMinutes: fc.integer({ min: 0, max: 120 }),
      })
      .map(({ hours, meetingMinutes, bufferMinutes }): Coach => ({
        ...coach(),
        workingHours: hours,
        meetingMinutes,
        bufferMinutes,
      }));

    const scenario = fc
      .record({
        coach: coachArb,
        changeIndex: fc.integer({ min: 0, max: clockChanges.length - 1 }),
        nowShiftMinutes: fc.integer({ min: -10 * 24 * 60, max: 3 * 24 * 60 }),
        minNoticeMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
        horizonDays: fc.integer({ min: 1, max: 14 }),
        stepMinutes: fc.constantFrom(10, 15, 30, 60),
        busy: fc.array(
          fc.tuple(
            fc.integer({ min: -2 * 24 * 60, max: 25 * 24 * 60 }),
            fc.integer({ min: 1, max: 8 * 60 }),
          ),
          { maxLength: 40 },
        ),
        bookings: fc.array(
          fc.tuple(fc.integer({ min: 0, max: 25 * 24 * 60 }), fc.integer({ min: 15, max: 180 })),
          { maxLength: 8 },
        ),
        closedDayOffsets: fc.uniqueArray(fc.integer({ min: 0, max: 21 }), { maxLength: 6 }),
      })
      .map((s) => {
        const now = (clockChanges[s.changeIndex] as number) + s.nowShiftMinutes * MINUTE;
        const toInterval = ([offset, length]: [number, number]): Interval => ({
          start: now + offset * MINUTE,
          end: now + (offset + length) * MINUTE,
        });
        const today = DateTime.fromMillis(now, { zone: PLANNING_ZONE }).startOf('day');
        return {
          coach: s.coach,
          now: new Date(now),
          minNoticeMinutes: s.minNoticeMinutes,
          horizonDays: s.horizonDays,
          stepMinutes: s.stepMinutes,
          busy: s.busy.map(toInterval),
          bookings: s.bookings.map(toInterval),
          closures: new Set(
            s.closedDayOffsets.map((days) => today.plus({ days }).toISODate() as string),
          ),
        };
      });

    type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
    const run = (body: (input: Scenario, slots: Slot[]) => void) =>
      fc.assert(
        fc.property(scenario, (input) => body(input, freeSlots(input))),
        { numRuns: 200 },
      );

    it('never offers a slot that overlaps a busy interval or booking widened by the buffer', () => {
      run((input, slots) => {
        const buffer = input.coach.bufferMinutes * MINUTE;
        const busyTime = [...input.busy, ...input.bookings];
        for (const slot of slots) {
          for (const busy of busyTime) {
            const overlaps = busy.start - buffer < slot.end && slot.start < busy.end + buffer;
            expect(overlaps, JSON.stringify({ slot, busy })).to.equal(false);
          }
        }
      });
    });

    it('only offers whole meetings within working hours, in Amsterdam wall time, on one day', () => {
      run((input, slots) => {
        for (const slot of slots) {
          expect(slot.end - slot.start).to.equal(input.coach.meetingMinutes * MINUTE);
          const start = DateTime.fromMillis(slot.start, { zone: PLANNING_ZONE });
          const end = DateTime.fromMillis(slot.end, { zone: PLANNING_ZONE });
          expect(end.toISODate()).to.equal(start.toISODate());
          const ranges = mergedHours(input.coach, start.weekday as Weekday);
          const startMinute = start.hour * 60 + start.minute;
          const endMinute = end.hour * 60 + end.minute;
          const inside = ranges.some((r) => r.start <= startMinute && endMinute <= r.end);
          expect(inside, `${start.toISO()}–${end.toISO()}`).to.equal(true);
        }
      });
    });

    it('never offers a slot on a closure day', () => {
      run((input, slots) => {
        for (const slot of slots) {
          const date = DateTime.fromMillis(slot.start, { zone: PLANNING_ZONE }).toISODate();
          expect(input.closures.has(date as string)).to.equal(false);
        }
      });
    });

    it('never offers a slot before now plus the minimum notice, nor beyond the horizon', () => {
      run((input, slots) => {
        const lastDay = DateTime.fromJSDate(input.now, { zone: PLANNING_ZONE })
          .startOf('day')
          .plus({ days: input.horizonDays - 1 })
          .toISODate() as string;
        for (const slot of slots) {
          expect(slot.start).to.be.at.least(input.now.getTime() + input.minNoticeMinutes * MINUTE);
          const date = DateTime.fromMillis(slot.start, { zone: PLANNING_ZONE }).toISODate();
          expect((date as string) <= lastDay).to.equal(true);
        }
      });
    });

    it('offers each moment once, sorted, and never the same wall time twice a day', () => {
      run((_input, slots) => {
        for (let i = 1; i < slots.length; i += 1) {
          expect((slots[i] as Slot).start).to.be.greaterThan((slots[i - 1] as Slot).start);
        }
        const labels = wall(slots);
        expect(new Set(labels.map((label) => label.slice(0, 16))).size).to.equal(labels.length);
      });
    });

    it('offers every free grid start on days without a clock change (nothing is lost)', () => {
      run((input, slots) => {
        const expected = bruteForceOrdinaryDays(input);
        const ordinary = slots.filter((slot) => !isClockChangeDay(slot.start));
        expect(wall(ordinary)).to.deep.equal(wall(expected));
      });
    });

    it('proposes the earliest matching free slots and never more than asked', () => {
      const preferenceArb: fc.Arbitrary<TimePreference> = fc.record(
        {
          days: fc.subarray(weekdays, { minLength: 1 }),
          excludedDays: fc.subarray(weekdays, { maxLength: 2 }),
          times: fc.subarray([dayParts.morning, dayParts.afternoon, dayParts.evening], {
            minLength: 1,
          }),
          excludedTimes: fc.constant([{ start: 12 * 60, end: 13 * 60 }]),
        },
        { requiredKeys: [] },
      );
      fc.assert(
        fc.property(
          fc.array(scenario, { minLength: 1, maxLength: 3 }),
          preferenceArb,
          fc.integer({ min: 1, max: 4 }),
          fc.boolean(),
          (scenarios, preference, count, spreadDays) => {
            const first = scenarios[0] as (typeof scenarios)[number];
            const coaches = scenarios.map((s, index) => ({
              coach: { ...s.coach, id: `coach-${index}` },
              busy: s.busy,
              bookings: s.bookings,
            }));
            const window = {
              closures: first.closures,
              now: first.now,
              minNoticeMinutes: first.minNoticeMinutes,
              horizonDays: first.horizonDays,
              stepMinutes: first.stepMinutes,
            };
            const matching = coaches
              .flatMap((c) => freeSlots({ ...window, ...c }))
              .filter((slot) => matchesPreference(slot, preference))
              .sort((a, b) => a.start - b.start);
            const proposed = proposeSlots({ ...window, coaches, preference, count, spreadDays });
            expect(proposed.length).to.equal(Math.min(count, matching.length));
            const key = (slot: Slot) => `${slot.coachId}@${slot.start}`;
            const matchingKeys = new Set(matching.map(key));
            for (const slot of proposed) expect(matchingKeys.has(key(slot))).to.equal(true);
            expect(new Set(proposed.map(key)).size).to.equal(proposed.length);
            if (matching[0]) expect(proposed[0]?.start).to.equal(matching[0].start);
            for (let i = 1; i < proposed.length; i += 1) {
              expect((proposed[i] as Slot).start).to.be.at.least((proposed[i - 1] as Slot).start);
            }
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});

function mergedHours(c: Coach, weekday: Weekday): TimeOfDayRange[] {
  const ranges = [...(c.workingHours[String(weekday) as '1'] ?? [])].sort(
    (a, b) => a.start - b.start,
  );
  const merged: TimeOfDayRange[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

function isClockChangeDay(epoch: number): boolean {
  const day = DateTime.fromMillis(epoch, { zone: PLANNING_ZONE }).startOf('day');
  return day.plus({ days: 1 }).diff(day).as('hours') !== 24;
}

/** A slow, obvious model of freeSlots for days without a clock change. */
function bruteForceOrdinaryDays(input: {
  coach: Coach;
  busy: Interval[];
  bookings: Interval[];
  closures: ReadonlySet<string>;
  now: Date;
  minNoticeMinutes: number;
  horizonDays: number;
  stepMinutes: number;
}): Slot[] {
  const slots: Slot[] = [];
  const buffer = input.coach.bufferMinutes * MINUTE;
  const meeting = input.coach.meetingMinutes * MINUTE;
  const earliest = input.now.getTime() + input.minNoticeMinutes * MINUTE;
  const busyTime = [...input.busy, ...input.bookings];
  const today = DateTime.fromJSDate(input.now, { zone: PLANNING_ZONE }).startOf('day');
  for (let d = 0; d < input.horizonDays; d += 1) {
    const day = today.plus({ days: d });
    if (isClockChangeDay(day.toMillis())) continue;
    if (input.closures.has(day.toISODate() as string)) continue;
    for (const r of mergedHours(input.coach, day.weekday as Weekday)) {
      // Plain arithmetic is right on a day without a clock change.
      const rangeEnd = day.toMillis() + r.end * MINUTE;
      for (let m = r.start; m < r.end; m += 1) {
        // Starts fall on the step grid from midnight, and on the start of each range.
        if (m !== r.start && m % input.stepMinutes !== 0) continue;
        const start = day.toMillis() + m * MINUTE;
        const end = start + meeting;
        if (end > rangeEnd || start < earliest) continue;
        const clash = busyTime.some((b) => b.start - buffer < end && start < b.end + buffer);
        if (!clash) slots.push({ coachId: input.coach.id, start, end });
      }
    }
  }
  return slots;
}
