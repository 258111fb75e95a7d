import { expect } from 'chai';
import { DateTime } from 'luxon';
import {
  matchesPreference,
  nearestAlternatives,
  proposeSlots,
  whyNothingMatches,
  type CoachCalendar,
} from '../../../src/domain/availability.js';
import {
  PLANNING_ZONE,
  type Interval,
  type TimePreference,
} from '../../../src/domain/calendarTime.js';
import { coachSchema } from '../../../src/domain/coach.js';

/** Elke works Monday, Tuesday and Thursday 09:00–17:00, meets for 45 minutes, 15 minutes buffer. */
const elke = coachSchema.parse({
  id: 'elke',
  name: 'Elke',
  photoUrl: '/coaches/elke.jpg',
  intro: { nl: 'Ik wandel graag.' },
  languages: ['nl'],
  areas: { postcodes: [{ from: 5076, to: 5076 }], places: ['Haaren'] },
  places: [{ id: 'dorpshuis', name: 'Dorpshuis', address: 'Kerkstraat 1, Haaren' }],
  forms: ['location'],
  workingHours: {
    '1': [{ start: '09:00', end: '17:00' }],
    '2': [{ start: '09:00', end: '17:00' }],
    '4': [{ start: '09:00', end: '17:00' }],
  },
  meetingMinutes: 45,
  bufferMinutes: 15,
});

const at = (wall: string): number => DateTime.fromISO(wall, { zone: PLANNING_ZONE }).toMillis();
const wall = (slots: readonly Interval[]): string[] =>
  slots.map((s) =>
    DateTime.fromMillis(s.start, { zone: PLANNING_ZONE }).toFormat('ccc yyyy-MM-dd HH:mm'),
  );
/** Monday 30 November 2026, 08:00 in Amsterdam. */
const now = new Date('2026-11-30T07:00:00Z');

function input(preference: TimePreference, busy: Interval[] = [], closures: string[] = []) {
  const calendar: CoachCalendar = { coach: elke, busy, bookings: [] };
  return {
    coaches: [calendar],
    preference,
    closures: new Set(closures),
    now,
    minNoticeMinutes: 24 * 60,
    horizonDays: 28,
  };
}

describe('availability: exact start times', () => {
  it('offers a quarter-hour start for an exact time, off the 30-minute grid', () => {
    const slots = proposeSlots(input({ days: [2], starts: [10 * 60 + 45] }));
    expect(wall(slots)).to.deep.equal([
      'Tue 2026-12-01 10:45',
      'Tue 2026-12-08 10:45',
      'Tue 2026-12-15 10:45',
    ]);
  });

  it('never offers a start 15 minutes later for "om 10 uur"', () => {
    for (const slot of proposeSlots(input({ starts: [600] }))) {
      expect(DateTime.fromMillis(slot.start, { zone: PLANNING_ZONE }).toFormat('HH:mm')).to.equal(
        '10:00',
      );
    }
  });

  it('offers the nearest starts that day when the exact time is taken', () => {
    const busy = [{ start: at('2026-12-01T10:30'), end: at('2026-12-01T12:00') }];
    const result = nearestAlternatives(
      input({ dates: ['2026-12-01'], starts: [10 * 60 + 45] }, busy),
    );
    expect(result.relaxed).to.equal('startTime');
    // 09:30 ends at 10:15, and the buffer keeps 10:15–10:30 free; after the event and its
    // buffer, the grid's 12:30 is the first start.
    expect(wall(result.slots)).to.deep.equal([
      'Tue 2026-12-01 09:00',
      'Tue 2026-12-01 09:30',
      'Tue 2026-12-01 12:30',
    ]);
  });

  it('matches one of the options of a union, and nothing else', () => {
    const preference: TimePreference = {
      anyOf: [
        { days: [2], times: [{ start: 480, end: 720 }] },
        { days: [4], times: [{ start: 720, end: 1020 }] },
      ],
    };
    expect(
      matchesPreference({ start: at('2026-12-01T09:00'), end: at('2026-12-01T09:45') }, preference),
    ).to.equal(true);
    expect(
      matchesPreference({ start: at('2026-12-01T14:00'), end: at('2026-12-01T14:45') }, preference),
    ).to.equal(false);
    expect(
      matchesPreference({ start: at('2026-12-03T14:00'), end: at('2026-12-03T14:45') }, preference),
    ).to.equal(true);
    expect(
      matchesPreference({ start: at('2026-12-03T09:00'), end: at('2026-12-03T09:45') }, preference),
    ).to.equal(false);
    for (const slot of proposeSlots({ ...input(preference), count: 6 })) {
      expect(matchesPreference(slot, preference)).to.equal(true);
    }
  });
});

describe('availability: why nothing is possible', () => {
  const why = (preference: TimePreference, closures: string[] = []) =>
    whyNothingMatches(input(preference, [], closures), preference);

  it('names the minimum notice for today', () => {
    expect(why({ dates: ['2026-11-30'] })).to.equal('notice');
  });
  it('names the days nobody works (the weekend, Wednesday for Elke)', () => {
    expect(why({ days: [6, 7] })).to.equal('noWork');
    expect(why({ dates: ['2026-12-02'] })).to.equal('noWork');
  });
  it('names a closure day', () => {
    expect(why({ dates: ['2026-12-03'] }, ['2026-12-03'])).to.equal('closed');
  });
  it('names the horizon for a date beyond it', () => {
    expect(why({ dates: ['2027-01-04'] })).to.equal('horizon');
  });
  it('names hours nobody works', () => {
    expect(why({ starts: [22 * 60] })).to.equal('outsideHours');
  });
  it('names no rule when a named day could be had (the calendars are simply full)', () => {
    expect(why({ days: [2] })).to.equal(undefined);
    expect(why({})).to.equal(undefined);
  });
});
