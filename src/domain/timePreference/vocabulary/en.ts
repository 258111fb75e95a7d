import { byMeaning, counting, numbers, weekdayNames, type Vocabulary } from '../vocabulary.js';

/** English words for when a meeting suits. */
export const english: Vocabulary = {
  weekdays: weekdayNames('monday tuesday wednesday thursday friday saturday sunday'),
  weekdayAbbreviations: numbers(
    'mon=1 tue=2 tues=2 wed=3 weds=3 thu=4 thur=4 thurs=4 fri=5 sat=6',
  ) as Vocabulary['weekdayAbbreviations'],
  ordinalSuffixes: 'st nd rd th',
  abbreviationsWithDot:
    'jan feb apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat',
  dayParts: byMeaning({
    morning: 'morning mornings',
    afternoon: 'afternoon afternoons',
    evening: 'evening evenings',
  }),
  meridiemAdverbs: {},
  meridiemWords: { am: 'am', pm: 'pm' },
  meridiemPrefixes: '',
  relativeDays: numbers('today=0 tomorrow=1 yesterday=-1'),
  months: numbers(`
    january=1 jan=1 february=2 feb=2 march=3 mar=3 april=4 apr=4 may=5 june=6 jun=6 july=7 jul=7
    august=8 aug=8 september=9 sep=9 sept=9 october=10 oct=10 november=11 nov=11
    december=12 dec=12
  `),
  monthsNeedingIn: 'march mar may',
  numberWords: counting('one two three four five six seven eight nine ten eleven twelve'),
  countOnlyWords: { a: 1, an: 1 },
  minuteWords: numbers('five=5 ten=10 quarter=15 twenty=20'),
  minuteRelations: {
    past: { sign: 1, digits: false },
    to: { sign: -1, digits: false },
  },
  halfHours: [{ words: 'half past', offset: 30 }],
  noonWords: 'noon midday',
  hourSuffixes: 'oclock',
  articles: 'the',
  inWords: 'in',
  ofWords: 'of',
  rangeConnectors: 'to till til until',
  betweenConnectors: 'and',
  conjunctions: { or: 'or', and: 'and' },
  negations: `not no never except excluding without cant cannot dont doesnt wont isnt bad busy
    work besides out away unavailable`,
  clauseWords: 'but rather preferably',
  fillers: `i im ive id am my it its is are be would could can will like prefer free available on
    the a an for fine good great works suits suit please pls thanks thank you maybe perhaps only
    also just every each any sometime ideally best that then so because actually
    `,
  prepositions: {
    point: 'at, around, about, approximately',
    after: 'after, later than',
    from: 'from, no earlier than, not earlier than, starting from, starting at',
    before: 'before, earlier than',
    until: 'until, till, til, no later than, not later than',
    between: 'between',
  },
  phrases: {
    // "om 3 uur moet ik de kinderen halen": the meeting is over by 3.
    busy: 'must, have to, has to, need to, needs to, got to, have got to',
    anything: `doesnt matter, does not matter, dont mind, do not mind, no preference, whenever,
      anytime, any time, any day, every day, any moment, asap, as soon as possible, whatever,
      flexible, anything, all week, all days, any day of the week`,
    nothing: 'all day, the whole day, whole day, for me',
    negation: 'rather not, preferably not, other than, apart from',
    morning: 'in the morning',
    afternoon: 'in the afternoon',
    evening: 'in the evening',
    daytime: 'during the day',
    lateAfternoon: `late afternoon, late in the afternoon, end of the day, the end of the day,
      towards the end of the day, at the end of the day, late in the day, later in the day`,
    earlyMorning: 'early morning, early in the morning, first thing in the morning, first thing',
    afterNoon: 'after noon, afternoon onwards',
    today: 'right now, now, immediately, right away, today please',
    lunchtime: 'lunchtime, at lunchtime, around lunchtime, around lunch',
    beforeNoon: 'before lunch',
    afterLunch: 'after lunch',
    thisWeek: 'this week',
    nextWeek: 'next week, the coming week',
    weekAfterNext: 'the week after next',
    inWeeks: 'in {n} weeks, in {n} week',
    inDays: 'in {n} days, in {n} day',
    withinWeeks: 'within {n} weeks, within {n} week',
    withinDays: 'within {n} days',
    thisMonth: 'this month',
    nextMonth: 'next month',
    thisWeekend: 'this weekend',
    nextWeekend: 'next weekend',
    weekend: 'weekend, weekends, at the weekend, at weekends',
    workdays: 'weekdays, weekday, during the week',
    startOfWeek: 'beginning of the week, start of the week, early in the week',
    endOfWeek: 'end of the week, later in the week',
    nextWeekday: 'next {wd}',
    comingWeekday: 'this {wd}, coming {wd}, this coming {wd}',
    dayAfterTomorrow: 'day after tomorrow',
  },
  compounds: { tonight: ['today', 'evening'] },
  monthFirstDates: true,
};
