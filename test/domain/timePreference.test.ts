import { expect } from 'chai';
import * as chrono from 'chrono-node';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  PLANNING_ZONE,
  dayParts,
  type TimeOfDayRange,
  type TimePreference,
} from '../../src/domain/calendarTime.js';
import {
  MAX_PREFERENCE_LENGTH,
  FURTHEST_DATE_AHEAD_DAYS,
  parseTimePreference,
  type ParsedPreference,
  type UnclearReason,
} from '../../src/domain/timePreference.js';

// Fixed clocks, all given as Amsterdam wall time.
const at = (iso: string): Date => DateTime.fromISO(iso, { zone: PLANNING_ZONE }).toJSDate();
/** Monday 23 November 2026, 09:15 (winter time). */
const MONDAY = at('2026-11-23T09:15');
/** Friday 26 March 2027, 10:00: clocks go forward on Sunday 28 March at 02:00. */
const BEFORE_DST = at('2027-03-26T10:00');
/** Tuesday 24 November 2026, 00:30 in Amsterdam, but still Monday in UTC. */
const JUST_AFTER_MIDNIGHT = at('2026-11-24T00:30');
/** Thursday 15 July 2027, 12:00 (summer time). */
const SUMMER_NOON = at('2027-07-15T12:00');

const understood = (preference: TimePreference): ParsedPreference => ({
  kind: 'understood',
  preference,
});
const unclear = (reason: UnclearReason): ParsedPreference => ({ kind: 'unclear', reason });
const anything: ParsedPreference = { kind: 'anything' };

const minutes = (hhmm: string): number => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};
const from = (start: string, end: string): TimeOfDayRange => ({
  start: minutes(start),
  end: minutes(end),
});
const after = (time: string): TimeOfDayRange => from(time, '24:00');
const before = (time: string): TimeOfDayRange => from('00:00', time);
const { morning, afternoon, evening } = dayParts;

interface Case {
  text: string;
  /** What the reading means, for the test name. */
  as: string;
  expect: ParsedPreference;
  language?: 'nl' | 'en';
  now?: Date;
}

const dutchDaysAndParts: Case[] = [
  {
    text: 'dinsdagochtend',
    as: 'Tuesday morning',
    expect: understood({ days: [2], times: [morning] }),
  },
  {
    text: 'woensdagmiddag',
    as: 'Wednesday afternoon (12–17, not noon)',
    expect: understood({ days: [3], times: [afternoon] }),
  },
  {
    text: 'donderdagavond',
    as: 'Thursday evening',
    expect: understood({ days: [4], times: [evening] }),
  },
  { text: 'dinsdag', as: 'any Tuesday', expect: understood({ days: [2] }) },
  { text: 'maandag of dinsdag', as: 'Monday or Tuesday', expect: understood({ days: [1, 2] }) },
  {
    text: 'maandag, dinsdag of woensdag',
    as: 'Monday, Tuesday or Wednesday',
    expect: understood({ days: [1, 2, 3] }),
  },
  { text: 'op dinsdagen', as: 'Tuesdays', expect: understood({ days: [2] }) },
  {
    text: 'zaterdag',
    as: 'Saturday (availability decides whether anyone works then)',
    expect: understood({ days: [6] }),
  },
  { text: 'in het weekend', as: 'Saturday or Sunday', expect: understood({ days: [6, 7] }) },
  { text: 'doordeweeks', as: 'weekdays', expect: understood({ days: [1, 2, 3, 4, 5] }) },
  { text: 'vandaag', as: 'today', expect: understood({ dates: ['2026-11-23'] }) },
  { text: 'morgen', as: 'tomorrow', expect: understood({ dates: ['2026-11-24'] }) },
  {
    text: 'overmorgen',
    as: 'the day after tomorrow',
    expect: understood({ dates: ['2026-11-25'] }),
  },
  {
    text: 'morgenochtend',
    as: 'tomorrow morning',
    expect: understood({ dates: ['2026-11-24'], times: [morning] }),
  },
  {
    text: 'vanmiddag',
    as: 'this afternoon',
    expect: understood({ dates: ['2026-11-23'], times: [afternoon] }),
  },
  {
    text: 'morgen om 10 uur',
    as: 'tomorrow at exactly 10:00',
    expect: understood({ at: { date: '2026-11-24', minute: 600 } }),
  },
  {
    text: 'morgen om 14:30',
    as: 'tomorrow at exactly 14:30',
    expect: understood({ at: { date: '2026-11-24', minute: 870 } }),
  },
  { text: 'ochtend', as: 'mornings', expect: understood({ times: [morning] }) },
  { text: 'middag', as: 'afternoons, not noon', expect: understood({ times: [afternoon] }) },
  { text: "'s ochtends", as: 'mornings', expect: understood({ times: [morning] }) },
  { text: "'s middags", as: 'afternoons', expect: understood({ times: [afternoon] }) },
  { text: 'in de middag', as: 'afternoons', expect: understood({ times: [afternoon] }) },
  { text: "'s avonds", as: 'evenings', expect: understood({ times: [evening] }) },
  {
    text: 'ochtend of middag',
    as: 'morning or afternoon',
    expect: understood({ times: [morning, afternoon] }),
  },
  {
    text: 'tussen de middag',
    as: 'around lunch, 12:00–14:00',
    expect: understood({ times: [from('12:00', '14:00')] }),
  },
];

const dutchTimes: Case[] = [
  {
    text: 'na 3 uur',
    as: 'after 15:00 (office hours)',
    expect: understood({ times: [after('15:00')] }),
  },
  {
    text: 'na 9 uur',
    as: 'after 09:00 (office hours)',
    expect: understood({ times: [after('09:00')] }),
  },
  { text: 'na 3', as: 'after 15:00', expect: understood({ times: [after('15:00')] }) },
  { text: 'na drie uur', as: 'after 15:00', expect: understood({ times: [after('15:00')] }) },
  { text: 'voor 11 uur', as: 'over by 11:00', expect: understood({ times: [before('11:00')] }) },
  { text: 'vanaf 10 uur', as: 'from 10:00', expect: understood({ times: [after('10:00')] }) },
  {
    text: 'tussen 9 en 12',
    as: '09:00–12:00',
    expect: understood({ times: [from('09:00', '12:00')] }),
  },
  {
    text: 'van 9 tot 12',
    as: '09:00–12:00',
    expect: understood({ times: [from('09:00', '12:00')] }),
  },
  { text: '9-12 uur', as: '09:00–12:00', expect: understood({ times: [from('09:00', '12:00')] }) },
  {
    text: 'tussen 11 en 2',
    as: '11:00–14:00',
    expect: understood({ times: [from('11:00', '14:00')] }),
  },
  {
    text: "tussen 8 en 10 's avonds",
    as: '20:00–22:00',
    expect: understood({ times: [from('20:00', '22:00')] }),
  },
  {
    text: "om 3 uur 's middags",
    as: 'starting at 15:00',
    expect: understood({ starts: [minutes('15:00')] }),
  },
  {
    text: "om 9 uur 's ochtends",
    as: 'starting at 09:00',
    expect: understood({ starts: [minutes('09:00')] }),
  },
  { text: '14:30', as: 'starting at 14:30', expect: understood({ starts: [minutes('14:30')] }) },
  { text: '14.30', as: 'starting at 14:30', expect: understood({ starts: [minutes('14:30')] }) },
  {
    text: 'om 2:30',
    as: 'starting at 14:30 (office hours)',
    expect: understood({ starts: [minutes('14:30')] }),
  },
  {
    text: 'om 7:30',
    as: 'starting at 19:30 (office hours)',
    expect: understood({ starts: [minutes('19:30')] }),
  },
  {
    text: 'om 07:30',
    as: 'starting at 07:30 (a leading zero is a 24-hour time)',
    expect: understood({ starts: [minutes('07:30')] }),
  },
  { text: 'half 2', as: 'starting at 13:30', expect: understood({ starts: [minutes('13:30')] }) },
  { text: 'half 10', as: 'starting at 09:30', expect: understood({ starts: [minutes('09:30')] }) },
  {
    text: 'kwart over 2',
    as: 'starting at 14:15',
    expect: understood({ starts: [minutes('14:15')] }),
  },
  {
    text: 'kwart voor 3',
    as: 'starting at 14:45',
    expect: understood({ starts: [minutes('14:45')] }),
  },
  {
    text: 'vijf voor half 3',
    as: 'starting at 14:25',
    expect: understood({ starts: [minutes('14:25')] }),
  },
  {
    text: "12 uur 's middags",
    as: 'starting at noon',
    expect: understood({ starts: [minutes('12:00')] }),
  },
  { text: 'voor de middag', as: 'over by noon', expect: understood({ times: [before('12:00')] }) },
  { text: 'na de lunch', as: 'after 13:00', expect: understood({ times: [after('13:00')] }) },
  {
    text: "'s middags na 3 uur",
    as: 'afternoon after 15:00',
    expect: understood({ times: [from('15:00', '17:00')] }),
  },
  {
    text: 'tussen 9 en 12 of na 3',
    as: 'either 09:00–12:00 or after 15:00',
    expect: understood({ times: [from('09:00', '12:00'), after('15:00')] }),
  },
  { text: 'niet na 4 uur', as: 'over by 16:00', expect: understood({ times: [before('16:00')] }) },
  {
    text: 'liever niet voor 10 uur',
    as: 'from 10:00',
    expect: understood({ times: [after('10:00')] }),
  },
  {
    text: 'om 3 uur in de middag',
    as: 'starting at 15:00',
    expect: understood({ starts: [minutes('15:00')] }),
  },
];

const dutchNegations: Case[] = [
  {
    text: 'liever niet op maandag',
    as: 'any day but Monday',
    expect: understood({ excludedDays: [1] }),
  },
  {
    text: 'niet op woensdag',
    as: 'any day but Wednesday',
    expect: understood({ excludedDays: [3] }),
  },
  { text: 'maandag niet', as: 'any day but Monday', expect: understood({ excludedDays: [1] }) },
  {
    text: 'ik werk op maandag',
    as: 'any day but Monday',
    expect: understood({ excludedDays: [1] }),
  },
  { text: 'maandag kan ik niet, dinsdag wel', as: 'Tuesday', expect: understood({ days: [2] }) },
  {
    text: 'elke dag behalve woensdag',
    as: 'any day but Wednesday',
    expect: understood({ excludedDays: [3] }),
  },
  { text: 'behalve vrijdag', as: 'any day but Friday', expect: understood({ excludedDays: [5] }) },
  {
    text: 'niet op maandag of vrijdag',
    as: 'any day but Monday and Friday',
    expect: understood({ excludedDays: [1, 5] }),
  },
  { text: 'geen ochtenden', as: 'no mornings', expect: understood({ excludedTimes: [morning] }) },
  {
    text: 'met uitzondering van vrijdag',
    as: 'any day but Friday',
    expect: understood({ excludedDays: [5] }),
  },
  {
    text: 'niet morgen',
    as: 'any day but tomorrow',
    expect: understood({ excludedDates: ['2026-11-24'] }),
  },
];

const dutchWeeksAndDates: Case[] = [
  {
    text: 'deze week',
    as: 'today up to Sunday',
    expect: understood({ earliest: '2026-11-23', latest: '2026-11-29' }),
  },
  {
    text: 'volgende week',
    as: 'next calendar week',
    expect: understood({ earliest: '2026-11-30', latest: '2026-12-06' }),
  },
  {
    text: 'over twee weken',
    as: 'the calendar week two weeks on',
    expect: understood({ earliest: '2026-12-07', latest: '2026-12-13' }),
  },
  {
    text: 'over 3 weken',
    as: 'the calendar week three weeks on',
    expect: understood({ earliest: '2026-12-14', latest: '2026-12-20' }),
  },
  {
    text: 'volgende week donderdag',
    as: 'Thursday of next week',
    expect: understood({ days: [4], earliest: '2026-11-30', latest: '2026-12-06' }),
  },
  {
    text: 'donderdag volgende week',
    as: 'Thursday of next week',
    expect: understood({ days: [4], earliest: '2026-11-30', latest: '2026-12-06' }),
  },
  {
    text: 'volgende donderdag',
    as: 'Thursday of next week',
    expect: understood({ days: [4], earliest: '2026-11-30', latest: '2026-12-06' }),
  },
  {
    text: 'aanstaande donderdag',
    as: 'this coming Thursday',
    expect: understood({ dates: ['2026-11-26'] }),
  },
  {
    text: 'dit weekend',
    as: 'this Saturday or Sunday',
    expect: understood({ days: [6, 7], earliest: '2026-11-23', latest: '2026-11-29' }),
  },
  {
    text: 'volgende maand',
    as: 'December',
    expect: understood({ earliest: '2026-12-01', latest: '2026-12-31' }),
  },
  {
    text: 'in december',
    as: 'December',
    expect: understood({ earliest: '2026-12-01', latest: '2026-12-31' }),
  },
  {
    text: 'binnen twee weken',
    as: 'within fourteen days',
    expect: understood({ earliest: '2026-11-23', latest: '2026-12-07' }),
  },
  {
    text: 'over 3 dagen',
    as: 'Thursday 26 November',
    expect: understood({ dates: ['2026-11-26'] }),
  },
  { text: '3 december', as: '3 December 2026', expect: understood({ dates: ['2026-12-03'] }) },
  { text: '3e december', as: '3 December 2026', expect: understood({ dates: ['2026-12-03'] }) },
  {
    text: 'donderdag 3 december',
    as: '3 December 2026 (it is a Thursday)',
    expect: understood({ dates: ['2026-12-03'] }),
  },
  {
    text: '3/12',
    as: '3 December 2026 (day/month)',
    expect: understood({ dates: ['2026-12-03'] }),
  },
  {
    text: '3 december om half 2',
    as: '3 December at 13:30',
    expect: understood({ at: { date: '2026-12-03', minute: 810 } }),
  },
  {
    text: '1 januari',
    as: 'next 1 January (within eight weeks)',
    expect: understood({ dates: ['2027-01-01'] }),
  },
  {
    text: 'vanaf 1 december',
    as: 'from 1 December',
    expect: understood({ earliest: '2026-12-01' }),
  },
  { text: 'na 1 december', as: 'from 2 December', expect: understood({ earliest: '2026-12-02' }) },
  {
    text: 'voor 10 december',
    as: 'up to 9 December',
    expect: understood({ latest: '2026-12-09' }),
  },
  {
    text: 'tot en met vrijdag',
    as: 'up to this Friday',
    expect: understood({ latest: '2026-11-27' }),
  },
];

const dutchAnything: Case[] = [
  { text: 'maakt niet uit', as: 'anything', expect: anything },
  { text: 'het maakt mij niet uit', as: 'anything', expect: anything },
  { text: 'altijd goed', as: 'anything', expect: anything },
  { text: 'altijd', as: 'anything', expect: anything },
  { text: 'zo snel mogelijk', as: 'anything (the earliest slot)', expect: anything },
  { text: 'geen voorkeur', as: 'anything', expect: anything },
];

const combinations: Case[] = [
  {
    text: 'dinsdag of donderdag na 2 uur',
    as: 'Tuesday or Thursday after 14:00',
    expect: understood({ days: [2, 4], times: [after('14:00')] }),
  },
  {
    text: "niet op maandag, liever 's ochtends",
    as: 'mornings, not Monday',
    expect: understood({ excludedDays: [1], times: [morning] }),
  },
  {
    text: 'volgende week, maar niet vrijdag',
    as: 'next week except Friday',
    expect: understood({ earliest: '2026-11-30', latest: '2026-12-06', excludedDays: [5] }),
  },
  {
    text: 'maandagochtend of dinsdagochtend',
    as: 'Monday or Tuesday morning',
    expect: understood({ days: [1, 2], times: [morning] }),
  },
  {
    text: 'vrijdag tussen 9 en 12',
    as: 'Friday 09:00–12:00',
    expect: understood({ days: [5], times: [from('09:00', '12:00')] }),
  },
  {
    text: 'morgen of donderdag',
    as: 'tomorrow or this Thursday',
    expect: understood({ dates: ['2026-11-24', '2026-11-26'] }),
  },
  {
    text: 'dinsdag om 10 uur',
    as: 'Tuesdays starting at 10:00',
    expect: understood({ days: [2], starts: [minutes('10:00')] }),
  },
  {
    text: "volgende week dinsdag of donderdag 's ochtends",
    as: 'next week, Tuesday or Thursday morning',
    expect: understood({
      days: [2, 4],
      times: [morning],
      earliest: '2026-11-30',
      latest: '2026-12-06',
    }),
  },
  {
    text: 'maakt niet uit, als het maar niet op maandag is',
    as: 'any day but Monday',
    expect: understood({ excludedDays: [1] }),
  },
  {
    text: 'Wednesday, no mornings',
    as: 'Wednesday, not in the morning',
    language: 'en',
    expect: understood({ days: [3], excludedTimes: [morning] }),
  },
];

const dutchUnclear: Case[] = [
  { text: '31 februari', as: 'an impossible date', expect: unclear('impossibleDate') },
  { text: '31 april', as: 'an impossible date', expect: unclear('impossibleDate') },
  {
    text: 'maandag 3 december',
    as: 'an impossible date (3 December is a Thursday)',
    expect: unclear('impossibleDate'),
  },
  { text: '1 januari 2026', as: 'in the past', expect: unclear('inThePast') },
  {
    text: '22 november',
    as: 'in the past (next year is beyond eight weeks)',
    expect: unclear('inThePast'),
  },
  {
    text: '3 maart',
    as: 'in the past (next year is beyond eight weeks)',
    expect: unclear('inThePast'),
  },
  { text: 'gisteren', as: 'in the past', expect: unclear('inThePast') },
  { text: 'vandaag om 8 uur', as: 'in the past (it is 09:15)', expect: unclear('inThePast') },
  { text: '3 december 2027', as: 'too far ahead', expect: unclear('tooFarAhead') },
  { text: 'over tien weken', as: 'too far ahead', expect: unclear('tooFarAhead') },
  { text: 'blabla', as: 'not understood', expect: unclear('notUnderstood') },
  {
    text: 'constructor',
    as: 'not understood (a property every JavaScript object has is no weekday)',
    expect: unclear('notUnderstood'),
  },
  { text: '🙂🙂', as: 'not understood', expect: unclear('notUnderstood') },
  { text: '', as: 'not understood', expect: unclear('notUnderstood') },
  {
    text: 'graag',
    as: 'not understood (politeness alone says nothing)',
    expect: unclear('notUnderstood'),
  },
  { text: '3', as: 'not understood (a bare number is no time)', expect: unclear('notUnderstood') },
  {
    text: 'dinsdag blabla',
    as: 'Tuesdays, with the unknown word left out and noted',
    expect: { kind: 'understood', preference: { days: [2] }, skipped: ['blabla'] },
  },
  {
    text: 'dinsdagochtend of donderdagmiddag',
    as: 'Tuesday mornings or Thursday afternoons (a union)',
    expect: understood({
      anyOf: [
        { days: [2], times: [morning] },
        { days: [4], times: [afternoon] },
      ],
    }),
  },
  {
    text: "niet op maandag 's ochtends",
    as: 'not understood (neither all Mondays nor all mornings)',
    expect: unclear('notUnderstood'),
  },
  {
    text: "'s ochtends na 3 uur",
    as: 'not understood (contradiction)',
    expect: unclear('notUnderstood'),
  },
  {
    text: '3-12',
    as: 'not understood (a time range ending before it starts, not a date)',
    expect: unclear('notUnderstood'),
  },
  { text: 'om 25 uur', as: 'not understood', expect: unclear('notUnderstood') },
  {
    text: 'dinsdag مرحبا',
    as: 'Tuesdays, with the word we cannot read left out and noted',
    expect: { kind: 'understood', preference: { days: [2] }, skipped: ['مرحبا'] },
  },
  {
    text: 'dinsdagochtend '.repeat(700),
    as: 'not understood (10 000 characters)',
    expect: unclear('notUnderstood'),
  },
];

const tolerance: Case[] = [
  {
    text: '  DINSDAG   ochtend!!  ',
    as: 'Tuesday morning',
    expect: understood({ days: [2], times: [morning] }),
  },
  {
    text: 'Dínsdag-ochtend 🙂',
    as: 'Tuesday morning',
    expect: understood({ days: [2], times: [morning] }),
  },
  { text: "s'ochtends", as: 'mornings', expect: understood({ times: [morning] }) },
  { text: '‘s middags graag', as: 'afternoons', expect: understood({ times: [afternoon] }) },
  { text: 'maandag/dinsdag 👍', as: 'Monday or Tuesday', expect: understood({ days: [1, 2] }) },
  { text: 'Na 3 uur.', as: 'after 15:00', expect: understood({ times: [after('15:00')] }) },
];

const english: Case[] = [
  {
    text: 'tuesday afternoon',
    as: 'Tuesday afternoon',
    expect: understood({ days: [2], times: [afternoon] }),
  },
  {
    text: 'Wednesday morning',
    as: 'Wednesday morning',
    expect: understood({ days: [3], times: [morning] }),
  },
  { text: 'not before 10', as: 'from 10:00', expect: understood({ times: [after('10:00')] }) },
  {
    text: 'after 3',
    as: 'after 15:00 (office hours)',
    expect: understood({ times: [after('15:00')] }),
  },
  { text: 'after 3pm', as: 'after 15:00', expect: understood({ times: [after('15:00')] }) },
  { text: 'after 3 p.m.', as: 'after 15:00', expect: understood({ times: [after('15:00')] }) },
  { text: 'before noon', as: 'over by noon', expect: understood({ times: [before('12:00')] }) },
  {
    text: 'between 9 and 12',
    as: '09:00–12:00',
    expect: understood({ times: [from('09:00', '12:00')] }),
  },
  {
    text: 'from 9am to 1pm',
    as: '09:00–13:00',
    expect: understood({ times: [from('09:00', '13:00')] }),
  },
  {
    text: 'between 2 and 4 in the afternoon',
    as: '14:00–16:00',
    expect: understood({ times: [from('14:00', '16:00')] }),
  },
  { text: 'not on monday', as: 'any day but Monday', expect: understood({ excludedDays: [1] }) },
  {
    text: 'not mondays or fridays',
    as: 'any day but Monday and Friday',
    expect: understood({ excludedDays: [1, 5] }),
  },
  {
    text: "monday doesn't work",
    as: 'any day but Monday',
    expect: understood({ excludedDays: [1] }),
  },
  {
    text: 'any day except wednesday',
    as: 'any day but Wednesday',
    expect: understood({ excludedDays: [3] }),
  },
  {
    text: 'next thursday',
    as: 'Thursday of next week',
    expect: understood({ days: [4], earliest: '2026-11-30', latest: '2026-12-06' }),
  },
  {
    text: 'this thursday',
    as: 'this coming Thursday',
    expect: understood({ dates: ['2026-11-26'] }),
  },
  {
    text: 'next week',
    as: 'next calendar week',
    expect: understood({ earliest: '2026-11-30', latest: '2026-12-06' }),
  },
  {
    text: 'in two weeks',
    as: 'the calendar week two weeks on',
    expect: understood({ earliest: '2026-12-07', latest: '2026-12-13' }),
  },
  {
    text: 'tomorrow at 10',
    as: 'tomorrow at exactly 10:00',
    expect: understood({ at: { date: '2026-11-24', minute: 600 } }),
  },
  {
    text: 'december 3 at 1:30 pm',
    as: '3 December at 13:30',
    expect: understood({ at: { date: '2026-12-03', minute: 810 } }),
  },
  { text: 'the 3rd of December', as: '3 December', expect: understood({ dates: ['2026-12-03'] }) },
  { text: '25/12', as: '25 December', expect: understood({ dates: ['2026-12-25'] }) },
  { text: 'mornings', as: 'mornings', expect: understood({ times: [morning] }) },
  {
    text: 'tonight',
    as: 'this evening',
    expect: understood({ dates: ['2026-11-23'], times: [evening] }),
  },
  {
    text: 'quarter to 3',
    as: 'starting at 14:45',
    expect: understood({ starts: [minutes('14:45')] }),
  },
  {
    text: 'from ten to twelve',
    as: '10:00–12:00 (after "from", "to" joins two hours)',
    expect: understood({ times: [from('10:00', '12:00')] }),
  },
  {
    text: 'ten to twelve',
    as: 'starting at 11:50',
    expect: understood({ starts: [minutes('11:50')] }),
  },
  {
    text: 'half past 2',
    as: 'starting at 14:30',
    expect: understood({ starts: [minutes('14:30')] }),
  },
  { text: 'at the weekend', as: 'Saturday or Sunday', expect: understood({ days: [6, 7] }) },
  { text: 'before lunch', as: 'over by noon', expect: understood({ times: [before('12:00')] }) },
  {
    text: "I'm free on Tuesday after 2pm, please",
    as: 'Tuesday after 14:00',
    expect: understood({ days: [2], times: [after('14:00')] }),
  },
  { text: "doesn't matter", as: 'anything', expect: anything },
  { text: 'anytime', as: 'anything', expect: anything },
  { text: 'whenever', as: 'anything', expect: anything },
  { text: 'as soon as possible', as: 'anything (the earliest slot)', expect: anything },
  {
    text: '3/12',
    as: 'not understood (3 December or 12 March?)',
    expect: unclear('notUnderstood'),
  },
  { text: 'february 31', as: 'an impossible date', expect: unclear('impossibleDate') },
  {
    text: 'I may come on tuesday',
    as: 'Tuesdays ("may" is no month here, and is left out)',
    expect: {
      kind: 'understood' as const,
      preference: { days: [2 as const] },
      skipped: ['may', 'come'],
    },
  },
].map((c): Case => ({ ...c, language: 'en' }));

const aroundTheClockChange: Case[] = [
  {
    text: 'overmorgen',
    as: 'Sunday 28 March, the day the clocks change',
    expect: understood({ dates: ['2027-03-28'] }),
  },
  {
    text: 'morgen om 10 uur',
    as: 'Saturday 27 March at 10:00',
    expect: understood({ at: { date: '2027-03-27', minute: 600 } }),
  },
  {
    text: 'maandag 29 maart om 10 uur',
    as: 'Monday 29 March at 10:00 (summer time)',
    expect: understood({ at: { date: '2027-03-29', minute: 600 } }),
  },
  {
    text: '28 maart om half 3',
    as: 'Sunday 28 March at 14:30',
    expect: understood({ at: { date: '2027-03-28', minute: 870 } }),
  },
  {
    text: '28 maart om 02:30',
    as: 'an impossible moment (02:30 does not exist that night)',
    expect: unclear('impossibleDate'),
  },
  {
    text: 'zondag om 10 uur',
    as: 'Sundays starting at 10:00',
    expect: understood({ days: [7], starts: [minutes('10:00')] }),
  },
  {
    text: 'deze week',
    as: 'today up to Sunday 28 March',
    expect: understood({ earliest: '2027-03-26', latest: '2027-03-28' }),
  },
  {
    text: 'volgende week',
    as: 'the week of 29 March',
    expect: understood({ earliest: '2027-03-29', latest: '2027-04-04' }),
  },
  {
    text: 'over twee weken',
    as: 'the week of 5 April',
    expect: understood({ earliest: '2027-04-05', latest: '2027-04-11' }),
  },
  {
    text: '15 mei',
    as: '15 May 2027 (within eight weeks)',
    expect: understood({ dates: ['2027-05-15'] }),
  },
  { text: '1 juni', as: 'too far ahead', expect: unclear('tooFarAhead') },
  {
    text: '1 januari',
    as: 'in the past (next 1 January is beyond eight weeks)',
    expect: unclear('inThePast'),
  },
  {
    text: '29 februari',
    as: 'an impossible date (no 29 February within reach)',
    expect: unclear('impossibleDate'),
  },
  {
    text: 'vanochtend',
    as: 'this morning (still going at 10:00)',
    expect: understood({ dates: ['2027-03-26'], times: [morning] }),
  },
  { text: 'vandaag om 8 uur', as: 'in the past (it is 10:00)', expect: unclear('inThePast') },
].map((c): Case => ({ ...c, now: BEFORE_DST }));

const justAfterMidnight: Case[] = [
  {
    text: 'vandaag',
    as: 'Tuesday 24 November in Amsterdam, though UTC still says Monday',
    expect: understood({ dates: ['2026-11-24'] }),
  },
  { text: 'morgen', as: 'Wednesday 25 November', expect: understood({ dates: ['2026-11-25'] }) },
  {
    text: 'vandaag om 10 uur',
    as: 'Tuesday 24 November at 10:00',
    expect: understood({ at: { date: '2026-11-24', minute: 600 } }),
  },
  {
    text: 'deze week',
    as: 'Tuesday up to Sunday',
    expect: understood({ earliest: '2026-11-24', latest: '2026-11-29' }),
  },
].map((c): Case => ({ ...c, now: JUST_AFTER_MIDNIGHT }));

const inSummer: Case[] = [
  {
    text: 'morgen om 10 uur',
    as: 'Friday 16 July at 10:00',
    expect: understood({ at: { date: '2027-07-16', minute: 600 } }),
  },
  {
    text: "vandaag 's ochtends",
    as: 'in the past (the morning ended at noon)',
    expect: unclear('inThePast'),
  },
  {
    text: "vandaag 's middags",
    as: 'this afternoon',
    expect: understood({ dates: ['2027-07-15'], times: [afternoon] }),
  },
  {
    text: 'volgende week vrijdag',
    as: 'Friday of next week',
    expect: understood({ days: [5], earliest: '2027-07-19', latest: '2027-07-25' }),
  },
].map((c): Case => ({ ...c, now: SUMMER_NOON }));

const tables: Array<[string, Case[]]> = [
  ['Dutch days and parts of the day, on Monday 23 November 2026 at 09:15', dutchDaysAndParts],
  ['Dutch times, read as office hours', dutchTimes],
  ['Dutch negations', dutchNegations],
  ['Dutch weeks and dates', dutchWeeksAndDates],
  ['Dutch "anything"', dutchAnything],
  ['combinations', combinations],
  ['what it cannot read', dutchUnclear],
  ['case, accents, spaces, punctuation and emoji', tolerance],
  ['English', english],
  ['around the change to summer time (Friday 26 March 2027, 10:00)', aroundTheClockChange],
  ['just after midnight in Amsterdam', justAfterMidnight],
  ['in summer time (Thursday 15 July 2027, noon)', inSummer],
];

const parse = (c: Case): ParsedPreference =>
  parseTimePreference(c.text, { now: c.now ?? MONDAY, language: c.language ?? 'nl' });

describe('timePreference', () => {
  for (const [title, cases] of tables) {
    describe(title, () => {
      for (const c of cases) {
        const shown = c.text.length > 60 ? `${c.text.slice(0, 30)}…` : c.text;
        it(`reads "${shown}" as ${c.as}`, () => {
          expect(parse(c)).to.deep.equal(c.expect);
        });
      }
    });
  }

  it('tests at least 70 phrases', () => {
    const phrases = tables.flatMap(([, cases]) => cases).length;
    expect(phrases).to.be.at.least(70);
  });

  describe('calendar dates, checked against chrono-node', () => {
    const dutchMonths =
      'januari februari maart april mei juni juli augustus september oktober november december'.split(
        ' ',
      );
    const englishMonths =
      'January February March April May June July August September October November December'.split(
        ' ',
      );

    it('reads every date in the next eight weeks as chrono does, in Dutch and in English', () => {
      const today = DateTime.fromJSDate(MONDAY, { zone: PLANNING_ZONE }).startOf('day');
      for (let offset = 0; offset <= FURTHEST_DATE_AHEAD_DAYS; offset += 1) {
        const date = today.plus({ days: offset });
        const iso = date.toISODate();
        const texts: Array<[string, 'nl' | 'en', chrono.Chrono]> = [
          [`${date.day} ${dutchMonths[date.month - 1]}`, 'nl', chrono.nl.casual],
          [`${englishMonths[date.month - 1]} ${date.day}`, 'en', chrono.en.casual],
        ];
        for (const [text, language, oracle] of texts) {
          const [read] = oracle.parse(text, MONDAY);
          expect([read?.start.get('day'), read?.start.get('month')], text).to.deep.equal([
            date.day,
            date.month,
          ]);
          expect(parseTimePreference(text, { now: MONDAY, language }), text).to.deep.equal(
            understood({ dates: [iso ?? ''] }),
          );
        }
      }
    });

    it('says which dates cannot exist where chrono only finds nothing', () => {
      for (const text of [
        '31 februari',
        '30 februari',
        '31 april',
        '31 juni',
        '31 september',
        '31 november',
      ]) {
        expect(chrono.nl.casual.parse(text, MONDAY), text).to.deep.equal([]);
        expect(parseTimePreference(text, { now: MONDAY, language: 'nl' }), text).to.deep.equal(
          unclear('impossibleDate'),
        );
      }
    });
  });

  describe('for any input', () => {
    const vocabulary = (
      'dinsdag maandag zaterdag ochtend middag avond morgen overmorgen vandaag na voor vanaf tot ' +
      'tussen en of om half kwart over 3 9 12 14:30 uur niet liever behalve maar , volgende deze ' +
      "week weken twee december 3 31 2027 's middags tuesday after before between and not next " +
      'pm am the at maakt uit altijd 🙂 ! 3/12 9-12 in de'
    ).split(' ');
    const phrase = fc
      .array(fc.constantFrom(...vocabulary), { maxLength: 8 })
      .map((words) => words.join(' '));
    const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 600 }), phrase);
    const anyNow = fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    const anyLanguage = fc.constantFrom('nl' as const, 'en' as const);

    it('never throws', () => {
      fc.assert(
        fc.property(anyText, anyNow, anyLanguage, (text, now, language) => {
          parseTimePreference(text, { now, language });
        }),
        { numRuns: 3000 },
      );
    });

    it('gives only valid ISO dates and times of day with 0 <= start < end <= 1440', () => {
      const isoDate = (date: string): boolean =>
        /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date).isValid;
      const validRange = (r: TimeOfDayRange): boolean =>
        Number.isInteger(r.start) &&
        Number.isInteger(r.end) &&
        0 <= r.start &&
        r.start < r.end &&
        r.end <= 1440;
      fc.assert(
        fc.property(phrase, anyNow, anyLanguage, (text, now, language) => {
          const result = parseTimePreference(text, { now, language });
          if (result.kind !== 'understood') return;
          const p = result.preference;
          expect(Object.keys(p)).to.have.length.above(0);
          const dates = [...(p.dates ?? []), ...(p.excludedDates ?? [])];
          for (const date of [...dates, p.earliest, p.latest, p.at?.date]) {
            if (date !== undefined) expect(isoDate(date), date).to.equal(true);
          }
          for (const range of [...(p.times ?? []), ...(p.excludedTimes ?? [])]) {
            expect(validRange(range), JSON.stringify(range)).to.equal(true);
          }
          if (p.at) expect(p.at.minute).to.be.within(0, 1439);
          for (const day of [...(p.days ?? []), ...(p.excludedDays ?? [])]) {
            expect(day).to.be.within(1, 7);
          }
        }),
        { numRuns: 3000 },
      );
    });

    it('never offers a date before today', () => {
      fc.assert(
        fc.property(phrase, anyNow, anyLanguage, (text, now, language) => {
          const result = parseTimePreference(text, { now, language });
          if (result.kind !== 'understood') return;
          const today = DateTime.fromJSDate(now, { zone: PLANNING_ZONE }).toISODate() ?? '';
          const p = result.preference;
          for (const date of [...(p.dates ?? []), p.at?.date, p.latest]) {
            if (date !== undefined) expect(date >= today, date).to.equal(true);
          }
        }),
        { numRuns: 3000 },
      );
    });

    it('reads the same with capitals, accents, extra spaces and emoji around the words', () => {
      const decoration = fc.constantFrom('', ' ', '  ', '🙂', ' 👍 ', '"', '(', '*');
      const accented = (word: string): string => word.replace(/e/g, 'é').replace(/a/g, 'á');
      fc.assert(
        fc.property(
          fc.array(
            fc.tuple(fc.constantFrom(...vocabulary), decoration, fc.boolean(), fc.boolean()),
            { maxLength: 6 },
          ),
          (words) => {
            const plain = words.map(([word]) => word).join(' ');
            const decorated = words
              .map(([word, around, upper, accent]) => {
                const shaped = accent ? accented(word) : word;
                return `${around}${upper ? shaped.toUpperCase() : shaped}${around}`;
              })
              .join('  ');
            const context = { now: MONDAY, language: 'nl' as const };
            expect(parseTimePreference(decorated, context), decorated).to.deep.equal(
              parseTimePreference(plain, context),
            );
          },
        ),
        { numRuns: 1000 },
      );
    });

    it('reads nothing longer than the limit', () => {
      fc.assert(
        fc.property(
          fc.string({ minLength: MAX_PREFERENCE_LENGTH + 1, maxLength: 2000 }),
          (text) => {
            expect(parseTimePreference(text, { now: MONDAY, language: 'nl' })).to.deep.equal(
              unclear('notUnderstood'),
            );
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});
