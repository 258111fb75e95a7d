/**
 * Reads a resident's own words about when a first meeting suits them ("dinsdagochtend",
 * "na 3 uur", "liever niet op maandag", "next week") into a structured {@link TimePreference}.
 *
 * The rule is: never guess. Every word must be understood (or be a known filler such as
 * "graag" or "please"); one unknown word makes the whole answer `unclear`, and the dialog asks
 * again kindly. Dutch and English words are both understood whatever the conversation's
 * language; only the reading of numeric dates and a few short abbreviations depend on it.
 *
 * Why not chrono-node: its Dutch parser matches only part of a sentence and drops the rest
 * silently ("3 december om half 2" → 3 December at noon), reads "over twee weken" as one day,
 * "morgenochtend" as 06:15, "3e december" as just "december", "29 februari" as nothing and
 * "na 3 uur" as 03:00, and cannot say which words it did not read. The small grammar below
 * knows exactly what it consumed, which is what "never guess" needs; luxon does the calendar
 * work in {@link PLANNING_ZONE}. The tests use chrono as an independent oracle for the dates
 * it does read correctly.
 *
 * Decisions for ambiguous phrases (for the README):
 * - Office hours: an hour without a day part reads 1–7 as 13:00–19:00 and 8–12 as 08:00–12:00
 *   ("na 3 uur" → after 15:00, "half 2" → 13:30, "half 10" → 09:30, "kwart voor 8" → 07:45).
 *   "'s ochtends", "'s middags", "am"/"pm", a 24-hour time ("14:30", "14.30") or a leading
 *   zero ("09:30") win.
 * - "middag"/"afternoon" is 12:00–17:00 (not noon); see {@link dayParts}.
 * - A moment on a known date ("morgen om 10 uur") is `at`; a moment without a date ("om 10
 *   uur", "dinsdag om 10 uur") is a window of {@link POINT_WINDOW_MINUTES} starting then.
 * - "na 3 uur" → 15:00–24:00; "voor 11 uur" → 00:00–11:00 (the meeting is over by 11).
 * - Weeks are calendar weeks (Monday–Sunday): "deze week" is today to Sunday, "volgende week"
 *   (and "komende week") the next calendar week, "over twee weken" / "in two weeks" the
 *   calendar week two weeks after this one; "next thursday" / "volgende donderdag" is the
 *   Thursday of next week, "aanstaande/komende/deze donderdag" / "this thursday" the first
 *   Thursday from today.
 * - A day and month without a year that has passed this year means next year only if that is
 *   within {@link PLANNING_HORIZON_DAYS}; otherwise it is `inThePast`. Any date further ahead
 *   than the horizon is `tooFarAhead`.
 * - Numeric dates are day/month ("3/12" → 3 December). In English, "3/12" with both numbers
 *   12 or less is ambiguous and `unclear`; "12/25" is read as December 25. "9-12" without a
 *   year is a time range (09:00–12:00), not a date.
 * - "maakt niet uit", "altijd", "zo snel mogelijk", "whenever", "asap" → `anything`.
 * - Negation ("niet", "liever niet", "behalve", "not", "except") covers what follows it up to
 *   a comma or "maar"/"but"; trailing ("maandag niet", "maandag kan ik niet") covers its
 *   clause. A negation that mixes days and times ("niet maandagochtend") is `unclear`,
 *   because excluding Monday or mornings alone would be wrong.
 * - Different times on different days ("dinsdagochtend of donderdagmiddag") cannot be one
 *   preference and are `unclear`.
 */
import { DateTime } from 'luxon';
import type { Language } from './language.js';
import { PLANNING_ZONE, dayParts } from './planning.js';
import type { DayPart, TimeOfDayRange, TimePreference, Weekday } from './planning.js';

export type UnclearReason = 'notUnderstood' | 'inThePast' | 'impossibleDate' | 'tooFarAhead';

export type ParsedPreference =
  | { kind: 'understood'; preference: TimePreference }
  /** "maakt niet uit", "doesn't matter", "whenever", "altijd". */
  | { kind: 'anything' }
  | { kind: 'unclear'; reason: UnclearReason };

export interface TimePreferenceContext {
  now: Date;
  /**
   * The resident's language. Day and time words are understood in Dutch and English whatever
   * it is; it decides how numeric dates read: English "3/12" is ambiguous, every other language
   * here writes the day first, as Dutch does.
   */
  language: Language;
}

/** How far ahead a resident can ask for a date: eight weeks from today. */
export const PLANNING_HORIZON_DAYS = 56;
/** Longer answers are not read at all. */
export const MAX_PREFERENCE_LENGTH = 500;
/** "om 10 uur" without a date: the meeting fits in the hour starting then. */
export const POINT_WINDOW_MINUTES = 60;

const DAY_MINUTES = 24 * 60;

/**
 * Reads a resident's answer to "Wanneer komt het u goed uit?".
 *
 * @example
 * parseTimePreference('dinsdagochtend', { now, language: 'nl' });
 * // → { kind: 'understood', preference: { days: [2], times: [{ start: 480, end: 720 }] } }
 * parseTimePreference('31 februari', { now, language: 'nl' });
 * // → { kind: 'unclear', reason: 'impossibleDate' }
 */
export function parseTimePreference(
  text: string,
  context: TimePreferenceContext,
): ParsedPreference {
  if (text.length > MAX_PREFERENCE_LENGTH) return unclear('notUnderstood');
  const nowLocal = DateTime.fromJSDate(context.now, { zone: PLANNING_ZONE });
  if (!nowLocal.isValid) return unclear('notUnderstood');
  const ctx: Ctx = {
    language: context.language === 'en' ? 'en' : 'nl',
    today: nowLocal.startOf('day'),
    nowMinute: nowLocal.hour * 60 + nowLocal.minute,
    issues: new Set(),
  };
  try {
    const tokens = tokenize(text, ctx.language);
    const entries = new Reader(tokens, ctx).readAll();
    for (const reason of ['impossibleDate', 'inThePast', 'tooFarAhead'] as const) {
      if (ctx.issues.has(reason)) return unclear(reason);
    }
    const preference = assemble(entries, ctx);
    if (preference === 'anything') return { kind: 'anything' };
    return { kind: 'understood', preference };
  } catch (error) {
    if (error instanceof Unclear) return unclear(error.reason);
    throw error;
  }
}

function unclear(reason: UnclearReason): ParsedPreference {
  return { kind: 'unclear', reason };
}

class Unclear extends Error {
  constructor(readonly reason: UnclearReason) {
    super(reason);
  }
}

function fail(reason: UnclearReason = 'notUnderstood'): never {
  throw new Unclear(reason);
}

interface Ctx {
  language: 'nl' | 'en';
  /** Midnight of today in {@link PLANNING_ZONE}. */
  today: DateTime;
  nowMinute: number;
  /** Date problems found while reading; reported only if all words were understood. */
  issues: Set<UnclearReason>;
}

// ---------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'number'; value: number; ordinal: boolean; digits: string }
  | { kind: 'clock'; hour: number; minute: number; explicit: boolean }
  | { kind: 'numericDate'; day: number; month: number; year: number | undefined }
  | { kind: 'dash' }
  | { kind: 'sep' };

const TOKEN_PATTERN = new RegExp(
  [
    /(?<iso>(\d{4})-(\d{1,2})-(\d{1,2}))(?!\d)/.source,
    /(?<dmy>(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2}))(?![\d/.-]\d)/.source,
    /(?<dm>(\d{1,2})\/(\d{1,2}))(?![\d/])/.source,
    /(?<clock>(\d{1,2})(?:[:.]|[uh](?=\d{2}(?!\d)))(\d{2}))(?!\d)/.source,
    /(?<ordinal>(\d+)(?:ste|de|e|st|nd|rd|th))(?!\p{L})/u.source,
    /(?<number>\d+)/.source,
    /(?<word>\p{L}+)/u.source,
    /(?<dash>-)/.source,
    /(?<sep>[,;.!?:\n])/.source,
    /(?<other>\S)/.source,
  ].join('|'),
  'gu',
);

/** Turns text into tokens: lower case, no accents, no emoji, compounds split. */
function tokenize(text: string, language: 'nl' | 'en'): Token[] {
  const normalized = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`´ʼ]/g, '')
    .replace(/\bt\s*\/\s*m\b/g, ' tot en met ')
    .replace(/(?<![a-z])([ap])\.\s?m\b\.?/g, '$1m')
    .replace(ABBREVIATION_DOT, '$1')
    .replace(/(\p{L})\s*\/\s*(?=\p{L})/gu, '$1 of ')
    .replace(/(\p{L})-(?=\p{L})/gu, '$1 ')
    .replace(/[‐‑‒–—−]/g, '-')
    .replace(/[&+]/g, ' en ');
  const tokens: Token[] = [];
  for (const match of normalized.matchAll(TOKEN_PATTERN)) {
    const g = match.groups ?? {};
    const m = (i: number): number => Number(match[i]);
    if (g.iso !== undefined) {
      tokens.push({ kind: 'numericDate', year: m(2), month: m(3), day: m(4) });
    } else if (g.dmy !== undefined) {
      const year = m(8) < 100 ? 2000 + m(8) : m(8);
      tokens.push(numericDate(m(6), m(7), year, language));
    } else if (g.dm !== undefined) {
      tokens.push(numericDate(m(10), m(11), undefined, language));
    } else if (g.clock !== undefined) {
      const digits = match[13] ?? '';
      const hour = m(13);
      const minute = m(14);
      if (hour > 23 || minute > 59) fail();
      const explicit = hour >= 13 || hour === 0 || digits.startsWith('0');
      tokens.push({ kind: 'clock', hour, minute, explicit });
    } else if (g.ordinal !== undefined) {
      tokens.push({ kind: 'number', value: m(16), ordinal: true, digits: match[16] ?? '' });
    } else if (g.number !== undefined) {
      tokens.push({ kind: 'number', value: Number(g.number), ordinal: false, digits: g.number });
    } else if (g.word !== undefined) {
      for (const text of splitCompound(g.word)) tokens.push({ kind: 'word', text });
    } else if (g.dash !== undefined) {
      tokens.push({ kind: 'dash' });
    } else if (g.sep !== undefined) {
      tokens.push({ kind: 'sep' });
    } else if (g.other !== undefined && /[\p{L}\p{N}]/u.test(g.other)) {
      fail(); // a letter or digit of another script: we cannot read it, so we do not guess
    }
    // Anything else (emoji, symbols, quotes, brackets) is decoration.
  }
  return tokens;
}

function numericDate(a: number, b: number, year: number | undefined, language: 'nl' | 'en'): Token {
  if (language === 'en' && a <= 12 && b <= 12 && a !== b) fail(); // 3/12: March or December?
  if (language === 'en' && a <= 12 && b > 12)
    return { kind: 'numericDate', month: a, day: b, year };
  return { kind: 'numericDate', day: a, month: b, year };
}

/** "3 dec. 2026", "di. 3 december": the dot of an abbreviation ends no sentence. */
const ABBREVIATION_DOT =
  /\b(jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec|ma|di|wo|do|vr|za|mon|tue|tues|wed|thu|thur|thurs|fri|sat)\./g;

const DAY_WORDS = 'maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag';
const COMPOUND = new RegExp(
  `^(${DAY_WORDS}|overmorgen|morgen|vandaag)(ochtend|morgen|voormiddag|middag|namiddag|avond)(?:en|s)?$`,
);
const COMPOUND_PART: Record<string, string> = {
  ochtend: 'ochtend',
  morgen: 'ochtend',
  voormiddag: 'ochtend',
  middag: 'middag',
  namiddag: 'middag',
  avond: 'avond',
};

/** "dinsdagochtend" → dinsdag ochtend, "vanmiddag" → vandaag middag, "smiddags" → middags. */
function splitCompound(word: string): string[] {
  const compound = COMPOUND.exec(word);
  if (compound?.[1] && compound[2]) return [compound[1], COMPOUND_PART[compound[2]] ?? ''];
  const today = /^van(ochtend|morgen|middag|avond)$/.exec(word);
  if (today?.[1]) return ['vandaag', COMPOUND_PART[today[1]] ?? ''];
  const adverb = /^s(ochtends|morgens|middags|avonds)$/.exec(word);
  if (adverb?.[1]) return [adverb[1]];
  if (word === 'morgenvroeg') return ['morgen', 'ochtend'];
  if (word === 'tonight') return ['today', 'evening'];
  return [word];
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** "ma=1 di=2" → { ma: 1, di: 2 }. */
function numbers(spec: string): Record<string, number> {
  return Object.fromEntries(
    spec
      .split(/\s+/)
      .filter(Boolean)
      .map((pair) => {
        const [word = '', value = ''] = pair.split('=');
        return [word, Number(value)];
      }),
  );
}

/** "een twee drie" → { een: 1, twee: 2, drie: 3 }. */
function counting(words: string): Record<string, number> {
  return Object.fromEntries(words.split(' ').map((word, i) => [word, i + 1]));
}

/** { morning: 'ochtend morning' } → { ochtend: 'morning', morning: 'morning' }. */
function byMeaning<T extends string>(groups: Record<T, string>): Record<string, T> {
  return Object.fromEntries(
    (Object.entries(groups) as Array<[T, string]>).flatMap(([meaning, words]) =>
      words.split(' ').map((word) => [word, meaning]),
    ),
  );
}

/** A comma-separated list of phrases, each split into words. */
function phrases(list: string): string[][] {
  return list
    .split(',')
    .map((phrase) => phrase.trim())
    .filter(Boolean)
    .map((phrase) => phrase.split(/\s+/));
}

const WEEKDAYS = {
  ...counting('maandag dinsdag woensdag donderdag vrijdag zaterdag zondag'),
  ...counting('monday tuesday wednesday thursday friday saturday sunday'),
} as Record<string, Weekday>;
/** Short forms, only in their own language ("do" is a verb in English, "zo" a word in Dutch). */
const WEEKDAY_ABBREVIATIONS = {
  nl: counting('ma di wo do vr za'),
  en: numbers('mon=1 tue=2 tues=2 wed=3 weds=3 thu=4 thur=4 thurs=4 fri=5 sat=6'),
} as Record<'nl' | 'en', Record<string, Weekday>>;

function weekdayOf(word: string | undefined, language: 'nl' | 'en'): Weekday | undefined {
  if (word === undefined) return undefined;
  const plain = WEEKDAYS[word] ?? WEEKDAY_ABBREVIATIONS[language][word];
  if (plain) return plain;
  // Plurals and adverbs: "maandagen", "dinsdags", "mondays".
  const stem = /^(.+?)(?:en|s)$/.exec(word)?.[1];
  return stem ? WEEKDAYS[stem] : undefined;
}

const DAY_PART_WORDS = byMeaning<DayPart>({
  morning: 'ochtend ochtenden ochtends morgens voormiddag voormiddags morning mornings',
  afternoon: 'middag middagen middags namiddag namiddags afternoon afternoons',
  evening: 'avond avonden avonds evening evenings',
});

/** Day parts that, right after an hour, say which half of the day it is ("3 uur 's middags"). */
const MERIDIEM_ADVERBS = byMeaning<'am' | 'pm'>({
  am: 'ochtends morgens voormiddags',
  pm: 'middags namiddags avonds',
});

const RELATIVE_DAYS = numbers(
  'vandaag=0 today=0 morgen=1 tomorrow=1 overmorgen=2 gisteren=-1 yesterday=-1 eergisteren=-2',
);

const MONTHS = numbers(`
  januari=1 january=1 jan=1 februari=2 february=2 feb=2 maart=3 march=3 mrt=3 mar=3
  april=4 apr=4 mei=5 may=5 juni=6 june=6 jun=6 juli=7 july=7 jul=7 augustus=8 august=8 aug=8
  september=9 sep=9 sept=9 oktober=10 october=10 okt=10 oct=10 november=11 nov=11
  december=12 dec=12
`);
/** Month words that are ordinary words too: only a month after "in" ("in may"). */
const MONTHS_NEEDING_IN = new Set(['jan', 'march', 'mar', 'may']);

const NUMBER_WORDS = {
  ...counting('een twee drie vier vijf zes zeven acht negen tien elf twaalf'),
  ...counting('one two three four five six seven eight nine ten eleven twelve'),
};
/** Only as a count ("in a week", "over een week"). */
const COUNT_WORDS: Record<string, number> = { ...NUMBER_WORDS, a: 1, an: 1 };
const MINUTE_WORDS = numbers(
  'vijf=5 five=5 tien=10 ten=10 kwart=15 quarter=15 twintig=20 twenty=20',
);

/** Words that carry no meaning for when: politeness, pronouns, "op", "graag", "goed". */
const FILLERS = new Set(
  `ik je jij u we wij mij me mijn het de een is zijn ben bent kan kun kunt kunnen zou zouden
  wil wilt willen graag heel erg op in ook alleen goed prima fijn handig uit komt past passen
  schikt gaat lukt werkt heb hebt heeft hebben dat dit ja oke ok okay okee hoor hallo hoi
  alstublieft alsjeblieft aub ajb svp dank bedankt dankjewel dankuwel misschien eventueel
  mogelijk elke iedere ieder elk als s
  i im ive id am my it its is are be would could can will like prefer free available on the
  a an for fine good great works suits suit please pls thanks thank you maybe perhaps only
  also just every each any sometime ideally best that then`.split(/\s+/),
);

/** Words that start a new, positive clause ("..., liever 's ochtends"). */
const CLAUSE_WORDS = new Set('maar but wel liever liefst rather preferably nee'.split(' '));
const NEGATIONS = new Set(
  `niet geen nooit not no never behalve except excluding uitgezonderd cant cannot dont doesnt
  wont isnt lastig moeilijk slecht bad busy bezet druk werk werken work`.split(/\s+/),
);
const CONJUNCTIONS: Record<string, boolean> = { of: true, or: true, en: false, and: false };

type PrepKind = 'point' | 'after' | 'from' | 'before' | 'until' | 'between';

/** Words before a time or a day, longest first. `from` may start a range ("van 9 tot 12"). */
const PREPOSITIONS: Array<[string[], PrepKind]> = (
  Object.entries({
    point: 'om, at, rond, rondom, omstreeks, tegen, ongeveer, circa, around, about, approximately',
    after: 'na, after, pas na, later dan, later than',
    from: `vanaf, from, van, pas vanaf, niet eerder dan, no earlier than, not earlier than,
      starting from, starting at`,
    before: 'voor, before, eerder dan, earlier than',
    until: `tot, until, till, til, uiterlijk, tot uiterlijk, tot en met, niet later dan,
      no later than, not later than`,
    between: 'tussen, between',
  }) as Array<[PrepKind, string]>
)
  .flatMap(([kind, list]) => phrases(list).map((words): [string[], PrepKind] => [words, kind]))
  .sort((a, b) => b[0].length - a[0].length);

const RANGE_CONNECTORS = new Set(['tot', 'to', 'till', 'til', 'until', 'en', 'and']);

// ---------------------------------------------------------------------------------------------
// What the words mean

interface DayRange {
  from: DateTime;
  to: DateTime;
}

type DaySem =
  | { kind: 'weekdays'; days: Weekday[] }
  | { kind: 'date'; date: DateTime }
  | { kind: 'range'; range: DayRange }
  | { kind: 'dateBound'; side: 'earliest' | 'latest'; date: DateTime };
type TimeSem =
  | { kind: 'window'; range: TimeOfDayRange; point: number | undefined }
  | { kind: 'bound'; side: 'after' | 'before'; minute: number };
type ContentSem = DaySem | TimeSem;
type Sem =
  | ContentSem
  | { kind: 'neg' }
  | { kind: 'conj'; or: boolean }
  | { kind: 'sep' }
  | { kind: 'anything' };

const isDaySem = (sem: ContentSem): sem is DaySem =>
  sem.kind === 'weekdays' ||
  sem.kind === 'date' ||
  sem.kind === 'range' ||
  sem.kind === 'dateBound';

const part = (name: DayPart): TimeSem => ({
  kind: 'window',
  range: { ...dayParts[name] },
  point: undefined,
});
const window = (start: number, end: number): TimeSem => ({
  kind: 'window',
  range: { start, end },
  point: undefined,
});
const weekdays = (...days: Weekday[]): DaySem => ({ kind: 'weekdays', days });

type Builder = (ctx: Ctx, n: number, day: Weekday) => Sem[];

const week = (ctx: Ctx, offset: number): DaySem => {
  const monday = ctx.today.startOf('week').plus({ days: 7 * offset });
  const from = offset === 0 ? ctx.today : monday;
  return { kind: 'range', range: { from, to: monday.plus({ days: 6 }) } };
};
const month = (ctx: Ctx, offset: number): DaySem => {
  const first = ctx.today.startOf('month').plus({ months: offset });
  const from = offset === 0 ? ctx.today : first;
  return { kind: 'range', range: { from, to: first.endOf('month').startOf('day') } };
};
const within = (ctx: Ctx, days: number): DaySem => ({
  kind: 'range',
  range: { from: ctx.today, to: ctx.today.plus({ days }) },
});
const inDays = (ctx: Ctx, days: number): DaySem => ({
  kind: 'date',
  date: ctx.today.plus({ days }),
});
const nextOccurrence = (ctx: Ctx, day: Weekday): DaySem => ({
  kind: 'date',
  date: ctx.today.plus({ days: (day - ctx.today.weekday + 7) % 7 }),
});

/** Fixed phrases. `{n}` is a count (2, "twee", "a"), `{wd}` a weekday. Longest match wins. */
const PHRASES: Array<[string[], Builder]> = (
  [
    // Anything goes.
    [
      `maakt niet uit, maakt me niet uit, maakt mij niet uit, maakt niks uit, maakt niets uit,
      maakt me niks uit, maakt mij niks uit, om het even, geen voorkeur, wanneer dan ook,
      wanneer u wilt, wanneer jullie willen, wanneer het uitkomt, zo snel mogelijk,
      zo vroeg mogelijk, zsm, altijd, alles, elke dag, iedere dag, elk moment, ieder moment,
      flexibel, doesnt matter, does not matter, dont mind, do not mind, no preference, whenever,
      anytime, any time, any day, every day, any moment, asap, as soon as possible, whatever,
      flexible`,
      () => [{ kind: 'anything' }],
    ],
    // No meaning of their own.
    [
      'de hele dag, hele dag, heel de dag, all day, the whole day, whole day, voor mij, voor me, for me',
      () => [],
    ],
    [
      `liever niet, liefst niet, bij voorkeur niet, rather not, preferably not, other than,
      apart from, met uitzondering van`,
      () => [{ kind: 'neg' }],
    ],
    ['bij voorkeur, het liefst', () => [{ kind: 'sep' }]],
    // Parts of the day.
    ['in de ochtend, in de morgen, in de voormiddag, in the morning', () => [part('morning')]],
    ['in de middag, in de namiddag, in the afternoon', () => [part('afternoon')]],
    ['in de avond, in the evening', () => [part('evening')]],
    ['overdag, during the day', () => [window(dayParts.morning.start, dayParts.afternoon.end)]],
    [
      `tussen de middag, rond de middag, rond het middaguur, rond lunchtijd, lunchtijd,
      lunchtime, at lunchtime, around lunchtime, around lunch`,
      () => [window(12 * 60, 14 * 60)],
    ],
    [
      'voor de middag, voor de lunch, before lunch',
      () => [{ kind: 'bound', side: 'before', minute: 12 * 60 }],
    ],
    ['na de lunch, after lunch', () => [{ kind: 'bound', side: 'after', minute: 13 * 60 }]],
    // Weeks and months.
    ['deze week, this week', (ctx) => [week(ctx, 0)]],
    ['volgende week, komende week, next week, the coming week', (ctx) => [week(ctx, 1)]],
    ['the week after next', (ctx) => [week(ctx, 2)]],
    ['over {n} weken, over {n} week, in {n} weeks, in {n} week', (ctx, n) => [week(ctx, n)]],
    ['over {n} dagen, over {n} dag, in {n} days, in {n} day', (ctx, n) => [inDays(ctx, n)]],
    [
      'binnen {n} weken, binnen {n} week, within {n} weeks, within {n} week',
      (ctx, n) => [within(ctx, 7 * n)],
    ],
    ['binnen {n} dagen, within {n} days', (ctx, n) => [within(ctx, n)]],
    ['deze maand, this month', (ctx) => [month(ctx, 0)]],
    ['volgende maand, komende maand, next month', (ctx) => [month(ctx, 1)]],
    ['dit weekend, this weekend', (ctx) => [week(ctx, 0), weekdays(6, 7)]],
    [
      'volgend weekend, volgende weekend, komend weekend, next weekend',
      (ctx) => [week(ctx, 1), weekdays(6, 7)],
    ],
    ['weekend, weekends, weekenden, at the weekend, at weekends', () => [weekdays(6, 7)]],
    [
      'doordeweeks, door de week, werkdagen, werkdag, weekdays, weekday, during the week',
      () => [weekdays(1, 2, 3, 4, 5)],
    ],
    [
      'begin van de week, beginning of the week, start of the week, early in the week',
      () => [weekdays(1, 2)],
    ],
    [
      'eind van de week, einde van de week, end of the week, later in the week',
      () => [weekdays(4, 5)],
    ],
    // Particular weekdays.
    ['volgende {wd}, next {wd}', (ctx, _n, day) => [week(ctx, 1), weekdays(day)]],
    [
      'deze {wd}, komende {wd}, aanstaande {wd}, this {wd}, coming {wd}, this coming {wd}',
      (ctx, _n, day) => [nextOccurrence(ctx, day)],
    ],
    ['day after tomorrow', (ctx) => [inDays(ctx, 2)]],
  ] as Array<[string, Builder]>
)
  .flatMap(([list, build]) => phrases(list).map((words): [string[], Builder] => [words, build]))
  .sort((a, b) => b[0].length - a[0].length);

// ---------------------------------------------------------------------------------------------
// Reading

interface TimeRead {
  minute: number;
  next: number;
  /** Set when the hour could still take a day half from a later word ("tussen 8 en 10 's avonds"). */
  flexible: { hour: number; offset: number } | undefined;
  meridiem: 'am' | 'pm' | undefined;
}

class Reader {
  private readonly entries: Sem[] = [];
  /** Index of the token after the last word "in", for months that need it ("in may"). */
  private afterIn = -1;

  constructor(
    private readonly tokens: Token[],
    private readonly ctx: Ctx,
  ) {}

  readAll(): Sem[] {
    let i = 0;
    while (i < this.tokens.length) i = this.readOne(i);
    return this.entries;
  }

  private word(i: number): string | undefined {
    const token = this.tokens[i];
    return token?.kind === 'word' ? token.text : undefined;
  }

  private readOne(i: number): number {
    const token = this.tokens[i];
    if (!token) return i + 1;
    if (token.kind === 'sep' || token.kind === 'dash') {
      this.entries.push({ kind: 'sep' });
      return i + 1;
    }
    const phrase = this.matchPhrase(i);
    if (phrase) {
      this.entries.push(...phrase.sems);
      return phrase.next;
    }
    const prep = this.matchPreposition(i);
    if (prep) return this.readPrepositional(prep.kind, prep.next);
    const date = this.readDate(i);
    if (date) {
      this.entries.push(...date.sems);
      return date.next;
    }
    const range = this.readTimeRange(i, false);
    if (range) {
      this.entries.push(window(range.start, range.end));
      return range.next;
    }
    const time = this.readTime(i, false);
    if (time) {
      this.entries.push(pointWindow(time.minute));
      return time.next;
    }
    const word = this.word(i);
    if (word === undefined) fail();
    const weekday = weekdayOf(word, this.ctx.language);
    if (weekday) {
      this.entries.push(weekdays(weekday));
      return i + 1;
    }
    const dayPart = DAY_PART_WORDS[word];
    if (dayPart) {
      this.entries.push(part(dayPart));
      return i + 1;
    }
    const relative = RELATIVE_DAYS[word];
    if (relative !== undefined) {
      this.entries.push(this.relativeDay(relative));
      return i + 1;
    }
    const monthSem = this.readMonth(i);
    if (monthSem) {
      this.entries.push(...monthSem);
      return i + 1;
    }
    const conj = CONJUNCTIONS[word];
    if (conj !== undefined) {
      this.entries.push({ kind: 'conj', or: conj });
      return i + 1;
    }
    if (NEGATIONS.has(word)) {
      this.entries.push({ kind: 'neg' });
      return i + 1;
    }
    if (CLAUSE_WORDS.has(word)) {
      this.entries.push({ kind: 'sep' });
      return i + 1;
    }
    if (FILLERS.has(word)) {
      if (word === 'in') this.afterIn = i + 1;
      return i + 1;
    }
    return fail();
  }

  private relativeDay(offset: number): DaySem {
    if (offset < 0) this.ctx.issues.add('inThePast');
    return { kind: 'date', date: this.ctx.today.plus({ days: Math.max(offset, 0) }) };
  }

  private matchWords(
    i: number,
    pattern: string[],
  ): { next: number; n: number; day: Weekday } | undefined {
    let n = 0;
    let day: Weekday = 1;
    let j = i;
    for (const expected of pattern) {
      const token = this.tokens[j];
      if (expected === '{n}') {
        if (token?.kind === 'number' && !token.ordinal) n = token.value;
        else if (token?.kind === 'word' && COUNT_WORDS[token.text] !== undefined)
          n = COUNT_WORDS[token.text] ?? 0;
        else return undefined;
      } else if (expected === '{wd}') {
        const found = weekdayOf(this.word(j), this.ctx.language);
        if (!found) return undefined;
        day = found;
      } else if (this.word(j) !== expected) {
        return undefined;
      }
      j += 1;
    }
    return { next: j, n, day };
  }

  private matchPhrase(i: number): { sems: Sem[]; next: number } | undefined {
    for (const [pattern, build] of PHRASES) {
      const match = this.matchWords(i, pattern);
      if (match) {
        if (match.n > 60) {
          this.ctx.issues.add('tooFarAhead');
          return { sems: [], next: match.next };
        }
        return { sems: build(this.ctx, match.n, match.day), next: match.next };
      }
    }
    return undefined;
  }

  private matchPreposition(i: number): { kind: PrepKind; next: number } | undefined {
    for (const [pattern, kind] of PREPOSITIONS) {
      const match = this.matchWords(i, pattern);
      if (match) return { kind, next: match.next };
    }
    return undefined;
  }

  /** After "na", "voor", "tussen", …: a day ("na 1 december") or a time ("na 3 uur"). */
  private readPrepositional(kind: PrepKind, i: number): number {
    // "ongeveer om 10 uur", "vanaf ongeveer 9 uur": later point words add nothing.
    let j = i;
    while (true) {
      const more = this.matchPreposition(j);
      if (!more || more.kind !== 'point') break;
      j = more.next;
    }
    if (kind !== 'point' && kind !== 'between') {
      const day = this.readDayOperand(j);
      if (day) {
        if (day.range) this.entries.push(dateBound(kind, day.range));
        return day.next;
      }
    }
    if (kind === 'between' || kind === 'from') {
      const range = this.readTimeRange(j, true);
      if (range) {
        this.entries.push(window(range.start, range.end));
        return range.next;
      }
      if (kind === 'between') fail();
    }
    const time = this.readTime(j, true) ?? fail();
    if (kind === 'point') this.entries.push(pointWindow(time.minute));
    else if (kind === 'after' || kind === 'from') {
      if (time.minute >= DAY_MINUTES) fail();
      this.entries.push({ kind: 'bound', side: 'after', minute: time.minute });
    } else {
      if (time.minute <= 0) fail();
      this.entries.push({ kind: 'bound', side: 'before', minute: time.minute });
    }
    return time.next;
  }

  /** A day after a preposition: a date, "morgen", "volgende week", "woensdag", "december". */
  private readDayOperand(i: number): { range: DayRange | undefined; next: number } | undefined {
    const date = this.readDate(i);
    if (date) {
      const sem = date.sems[0];
      return {
        range: sem?.kind === 'date' ? { from: sem.date, to: sem.date } : undefined,
        next: date.next,
      };
    }
    const phrase = this.matchPhrase(i);
    if (phrase) {
      const [sem, ...rest] = phrase.sems;
      if (rest.length > 0 || !sem) return undefined;
      if (sem.kind === 'range') return { range: sem.range, next: phrase.next };
      if (sem.kind === 'date')
        return { range: { from: sem.date, to: sem.date }, next: phrase.next };
      return undefined;
    }
    const word = this.word(i);
    if (word === undefined) return undefined;
    const relative = RELATIVE_DAYS[word];
    if (relative !== undefined) {
      const sem = this.relativeDay(relative);
      return sem.kind === 'date'
        ? { range: { from: sem.date, to: sem.date }, next: i + 1 }
        : undefined;
    }
    const weekday = weekdayOf(word, this.ctx.language);
    if (weekday) {
      const sem = nextOccurrence(this.ctx, weekday);
      return sem.kind === 'date'
        ? { range: { from: sem.date, to: sem.date }, next: i + 1 }
        : undefined;
    }
    const monthSem = this.readMonth(i, true);
    if (monthSem) {
      const sem = monthSem[0];
      return { range: sem?.kind === 'range' ? sem.range : undefined, next: i + 1 };
    }
    return undefined;
  }

  /** A month on its own ("in december"): the rest of it, this year or next. */
  private readMonth(i: number, afterPreposition = false): DaySem[] | undefined {
    const word = this.word(i) ?? '';
    const number = MONTHS[word];
    if (number === undefined) return undefined;
    if (MONTHS_NEEDING_IN.has(word) && !afterPreposition && this.afterIn !== i) return undefined;
    const { today } = this.ctx;
    let first = today.startOf('month').set({ month: number });
    if (first < today.startOf('month')) {
      first = first.plus({ years: 1 });
      if (first > this.horizon()) {
        this.ctx.issues.add('inThePast');
        return [];
      }
    }
    if (first > this.horizon()) {
      this.ctx.issues.add('tooFarAhead');
      return [];
    }
    const from = first < today ? today : first;
    return [{ kind: 'range', range: { from, to: first.endOf('month').startOf('day') } }];
  }

  private horizon(): DateTime {
    return this.ctx.today.plus({ days: PLANNING_HORIZON_DAYS });
  }

  /**
   * A calendar date: "3 december", "3e december 2026", "december 3rd", "the 3rd of december",
   * "3/12", "2026-12-03", optionally after its weekday ("donderdag 3 december").
   */
  private readDate(i: number): { sems: DaySem[]; next: number } | undefined {
    let j = i;
    const weekday = weekdayOf(this.word(j), this.ctx.language);
    if (weekday) {
      j += 1;
      while (this.word(j) === 'de' || this.word(j) === 'the') j += 1;
    }
    const parts = this.readDateParts(j);
    if (!parts) return undefined;
    const date = this.resolveDate(parts.day, parts.month, parts.year, weekday);
    return { sems: date ? [{ kind: 'date', date }] : [], next: parts.next };
  }

  private readDateParts(
    i: number,
  ): { day: number; month: number; year: number | undefined; next: number } | undefined {
    const token = this.tokens[i];
    if (token?.kind === 'numericDate') return { ...token, next: i + 1 };
    const dayNumber = (t: Token | undefined): number | undefined =>
      t?.kind === 'number' && t.digits.length <= 2 ? t.value : undefined;
    const year = (j: number): { year: number | undefined; next: number } => {
      const k = this.tokens[j]?.kind === 'sep' ? j + 1 : j;
      const t = this.tokens[k];
      return t?.kind === 'number' && !t.ordinal && t.digits.length === 4
        ? { year: t.value, next: k + 1 }
        : { year: undefined, next: j };
    };
    // 3 december, 3e december, 3rd of december
    const day = dayNumber(token);
    if (day !== undefined) {
      let j = i + 1;
      if (this.word(j) === 'of' || this.word(j) === 'van') j += 1;
      const monthNumber = MONTHS[this.word(j) ?? ''];
      if (monthNumber !== undefined) {
        j += 1;
        const y = year(j);
        return { day, month: monthNumber, year: y.year, next: y.next };
      }
      return undefined;
    }
    // december 3, december 3rd 2026
    const monthNumber = MONTHS[this.word(i) ?? ''];
    if (monthNumber !== undefined) {
      const j = i + 1;
      const dayAfter = dayNumber(this.tokens[j]);
      if (dayAfter !== undefined && !this.looksLikeTime(j + 1)) {
        const y = year(j + 1);
        return { day: dayAfter, month: monthNumber, year: y.year, next: y.next };
      }
    }
    return undefined;
  }

  /** "december 3 uur"? Then 3 is an hour, and this is no date. */
  private looksLikeTime(i: number): boolean {
    const word = this.word(i);
    return (
      word === 'uur' ||
      word === 'u' ||
      word === 'h' ||
      word === 'am' ||
      word === 'pm' ||
      word === 'oclock'
    );
  }

  private resolveDate(
    day: number,
    monthNumber: number,
    year: number | undefined,
    weekday: Weekday | undefined,
  ): DateTime | undefined {
    const { today, issues } = this.ctx;
    const make = (y: number): DateTime | undefined => {
      const date = DateTime.fromObject(
        { year: y, month: monthNumber, day },
        { zone: PLANNING_ZONE },
      );
      return date.isValid ? date : undefined;
    };
    let date: DateTime | undefined;
    if (year !== undefined) {
      date = make(year);
      if (!date) return void issues.add('impossibleDate');
      if (date < today) return void issues.add('inThePast');
    } else {
      const thisYear = make(today.year);
      const nextYear = make(today.year + 1);
      if (thisYear && thisYear >= today) date = thisYear;
      else if (nextYear && nextYear <= this.horizon()) date = nextYear;
      else if (thisYear) return void issues.add('inThePast');
      // "29 februari" when neither this year nor the next weeks have one.
      else return void issues.add('impossibleDate');
    }
    if (!date) return void issues.add('impossibleDate');
    if (date > this.horizon()) return void issues.add('tooFarAhead');
    if (weekday !== undefined && date.weekday !== weekday) return void issues.add('impossibleDate');
    return date;
  }

  /** A hour number: digits 0–24 or a word ("drie", "three"). */
  private readHour(i: number): { hour: number; next: number } | undefined {
    const token = this.tokens[i];
    if (
      token?.kind === 'number' &&
      !token.ordinal &&
      token.digits.length <= 2 &&
      token.value <= 24
    ) {
      return { hour: token.value, next: i + 1 };
    }
    const word = this.word(i);
    const value = word === undefined ? undefined : NUMBER_WORDS[word];
    return value === undefined ? undefined : { hour: value, next: i + 1 };
  }

  /**
   * A time of day: "14:30", "3 uur", "3pm", "half 2", "kwart over 2", "tien voor half 3",
   * "quarter to 3", "noon"; with `bare`, also "3" (after "na", "om", "tussen", …).
   */
  private readTime(i: number, bare: boolean, minuteForms = true): TimeRead | undefined {
    const token = this.tokens[i];
    const word = this.word(i);
    if (token?.kind === 'clock') {
      if (token.explicit) return this.withMeridiem(token.hour, token.minute, i + 1, true);
      return this.withMeridiem(token.hour, token.minute, i + 1, false);
    }
    if (word === 'noon' || word === 'midday' || word === 'middaguur') {
      return { minute: 12 * 60, next: i + 1, flexible: undefined, meridiem: undefined };
    }
    if (word === 'half') {
      if (this.word(i + 1) === 'past') {
        const hour = this.readHour(i + 2);
        return hour && this.withMeridiem(hour.hour, 30, hour.next, false);
      }
      const hour = this.readHour(i + 1);
      return hour && this.withMeridiem(hour.hour, -30, hour.next, false);
    }
    // kwart over 2, tien voor half 3, quarter to 3, 5 over 10
    const minuteWord = word === undefined ? undefined : MINUTE_WORDS[word];
    const minuteNumber =
      token?.kind === 'number' && !token.ordinal && token.value >= 1 && token.value <= 29
        ? token.value
        : undefined;
    const minutes = minuteWord ?? minuteNumber;
    if (minutes !== undefined && minuteForms) {
      const relation = this.word(i + 1);
      const dutch = relation === 'over' || relation === 'voor';
      const english = (relation === 'past' || relation === 'to') && minuteWord !== undefined;
      if (dutch || english) {
        let j = i + 2;
        let offset = relation === 'over' || relation === 'past' ? minutes : -minutes;
        if (dutch && this.word(j) === 'half') {
          offset -= 30;
          j += 1;
        }
        const hour = this.readHour(j);
        if (hour && !(hour.hour === 0 || hour.hour > 12))
          return this.withMeridiem(hour.hour, offset, hour.next, false);
      }
    }
    const hour = this.readHour(i);
    if (!hour) return undefined;
    const suffix = this.word(hour.next);
    const hasSuffix = suffix === 'uur' || suffix === 'u' || suffix === 'h' || suffix === 'oclock';
    const read = this.withMeridiem(hour.hour, 0, hour.next, hour.hour > 12 || hour.hour === 0);
    if (!read) return undefined;
    if (!bare && !hasSuffix && read.meridiem === undefined) return undefined;
    return read;
  }

  /** Applies "uur", "am"/"pm", "'s middags", "in the afternoon", … after an hour. */
  private withMeridiem(
    hour: number,
    offset: number,
    i: number,
    explicit: boolean,
  ): TimeRead | undefined {
    if (hour > 24 || (hour === 24 && offset >= 0)) return undefined;
    let j = i;
    const suffix = this.word(j);
    if (suffix === 'uur' || suffix === 'u' || suffix === 'h' || suffix === 'oclock') j += 1;
    const meridiem = this.readMeridiem(j);
    const flexible = explicit ? undefined : { hour, offset };
    if (meridiem) {
      const clock = applyMeridiem(hour, meridiem.meridiem, explicit);
      if (clock === undefined || clock * 60 + offset < 0) fail();
      return {
        minute: clock * 60 + offset,
        next: meridiem.next,
        flexible: undefined,
        meridiem: meridiem.meridiem,
      };
    }
    const clock = explicit ? hour : officeHour(hour);
    const minute = clock * 60 + offset;
    if (minute < 0 || minute >= DAY_MINUTES) fail();
    return { minute, next: j, flexible, meridiem: undefined };
  }

  private readMeridiem(i: number): { meridiem: 'am' | 'pm'; next: number } | undefined {
    const word = this.word(i);
    if (word === 'am' || word === 'pm') return { meridiem: word, next: i + 1 };
    const j = word === 's' ? i + 1 : i;
    const adverb = MERIDIEM_ADVERBS[this.word(j) ?? ''];
    if (adverb) return { meridiem: adverb, next: j + 1 };
    // "3 uur in de middag", "2 in the afternoon"
    const article = this.word(i + 1);
    const dayPart = DAY_PART_WORDS[this.word(i + 2) ?? ''];
    if (word === 'in' && (article === 'de' || article === 'the') && dayPart) {
      return { meridiem: dayPart === 'morning' ? 'am' : 'pm', next: i + 3 };
    }
    return undefined;
  }

  /** "tussen 9 en 12", "van 9 tot 12", "9-12", "9 tot 12 uur", "from 9am to 1pm". */
  private readTimeRange(
    i: number,
    afterPreposition: boolean,
  ): { start: number; end: number; next: number } | undefined {
    // After "from"/"tussen", "ten to twelve" is 10:00–12:00; on its own it is 11:50.
    if (afterPreposition) {
      const plain = this.readTimeRangeFrom(this.readTime(i, true, false), afterPreposition);
      if (plain) return plain;
    }
    return this.readTimeRangeFrom(this.readTime(i, true), afterPreposition);
  }

  private readTimeRangeFrom(
    start: TimeRead | undefined,
    afterPreposition: boolean,
  ): { start: number; end: number; next: number } | undefined {
    if (!start) return undefined;
    const connector = this.tokens[start.next];
    const connects =
      connector?.kind === 'dash' ||
      (connector?.kind === 'word' &&
        RANGE_CONNECTORS.has(connector.text) &&
        (afterPreposition || (connector.text !== 'en' && connector.text !== 'and')));
    if (!connects) return undefined;
    const end = this.readTime(start.next + 1, true);
    if (!end) return undefined;
    let startMinute = start.minute;
    // "tussen 8 en 10 's avonds": the day half after the end counts for the start too.
    if (end.meridiem && start.flexible) {
      const clock = applyMeridiem(start.flexible.hour, end.meridiem, false);
      const minute = clock === undefined ? undefined : clock * 60 + start.flexible.offset;
      if (minute !== undefined && minute >= 0 && minute < end.minute) startMinute = minute;
    }
    if (startMinute >= end.minute) fail();
    return { start: startMinute, end: end.minute, next: end.next };
  }
}

function pointWindow(minute: number): TimeSem {
  return {
    kind: 'window',
    range: { start: minute, end: Math.min(minute + POINT_WINDOW_MINUTES, DAY_MINUTES) },
    point: minute,
  };
}

function dateBound(kind: PrepKind, range: DayRange): DaySem {
  switch (kind) {
    case 'after':
      return { kind: 'dateBound', side: 'earliest', date: range.to.plus({ days: 1 }) };
    case 'from':
      return { kind: 'dateBound', side: 'earliest', date: range.from };
    case 'before':
      return { kind: 'dateBound', side: 'latest', date: range.from.minus({ days: 1 }) };
    default:
      return { kind: 'dateBound', side: 'latest', date: range.to };
  }
}

/** Office hours: 1–7 are afternoon (13–19), 8–12 morning; 0 and 13–23 are what they say. */
function officeHour(hour: number): number {
  return hour >= 1 && hour <= 7 ? hour + 12 : hour;
}

function applyMeridiem(hour: number, meridiem: 'am' | 'pm', explicit: boolean): number | undefined {
  if (explicit || hour > 12) {
    if (meridiem === 'am') return hour < 12 ? hour : undefined;
    return hour < 12 ? hour + 12 : hour;
  }
  if (hour === 0) return undefined;
  return meridiem === 'am' ? hour % 12 : (hour % 12) + 12;
}

// ---------------------------------------------------------------------------------------------
// Putting it together

interface Item {
  sem: ContentSem;
  index: number;
  negated: boolean;
  group: number | undefined;
}

function assemble(entries: Sem[], ctx: Ctx): TimePreference | 'anything' {
  const items = markNegation(entries);
  const anything = entries.some((e) => e.kind === 'anything');
  checkNegatedGroups(items);
  checkDayTimePairs(items, entries);

  const preference: TimePreference = {};
  const times = assembleTimes(items, entries);
  const dayItems = items.filter((item) => isDaySem(item.sem));
  assembleDays(dayItems, ctx, preference);

  // A moment on one date: "morgen om 10 uur".
  const positiveTimes = items.filter((item) => !item.negated && !isDaySem(item.sem));
  const only = positiveTimes.length === 1 ? positiveTimes[0]?.sem : undefined;
  if (
    only?.kind === 'window' &&
    only.point !== undefined &&
    preference.dates?.length === 1 &&
    !preference.days
  ) {
    const date = preference.dates[0] ?? '';
    if (date === ctx.today.toISODate() && only.point <= ctx.nowMinute) fail('inThePast');
    const local = DateTime.fromISO(date, { zone: PLANNING_ZONE }).set({
      hour: Math.floor(only.point / 60),
      minute: only.point % 60,
    });
    // luxon moves a time that does not exist (02:30 when clocks go forward) and calls it valid.
    if (local.hour * 60 + local.minute !== only.point) fail('impossibleDate');
    delete preference.dates;
    preference.at = { date, minute: only.point };
  } else if (times.times) {
    preference.times = times.times;
  }
  if (times.excludedTimes) preference.excludedTimes = times.excludedTimes;

  // "vandaag 's ochtends" in the afternoon has passed.
  const today = ctx.today.toISODate();
  if (
    preference.dates?.every((date) => date === today) &&
    preference.times?.every((range) => range.end <= ctx.nowMinute)
  ) {
    fail('inThePast');
  }

  if (Object.keys(preference).length > 0) return preference;
  if (anything) return 'anything';
  return fail();
}

/**
 * Decides which items a negation covers: from "niet" to the end of its clause, or, when the
 * negation ends the clause ("maandag niet"), the clause before it.
 */
function markNegation(entries: Sem[]): Item[] {
  const items: Item[] = [];
  let group = 0;
  let clause: Item[] = [];
  let current: number | undefined;
  let pendingNegation: number | undefined;
  const closeClause = (): void => {
    if (pendingNegation !== undefined) {
      const uncovered = clause.filter((item) => !item.negated);
      if (uncovered.length === 0) fail(); // "niet" with nothing to say no to
      for (const item of uncovered) {
        item.negated = true;
        item.group = pendingNegation;
      }
    }
    clause = [];
    current = undefined;
    pendingNegation = undefined;
  };
  entries.forEach((entry, index) => {
    if (entry.kind === 'sep') return closeClause();
    if (entry.kind === 'neg') {
      group += 1;
      current = group;
      pendingNegation = group;
      return;
    }
    if (entry.kind === 'anything') {
      if (current !== undefined) fail(); // "niet altijd"
      return;
    }
    if (entry.kind === 'conj') return;
    pendingNegation = undefined;
    const item: Item = { sem: entry, index, negated: current !== undefined, group: current };
    items.push(item);
    clause.push(item);
  });
  closeClause();
  return items;
}

/** "niet maandagochtend" cannot be said with excluded days and excluded times. */
function checkNegatedGroups(items: Item[]): void {
  const kinds = new Map<number, Set<boolean>>();
  for (const item of items) {
    if (item.group === undefined) continue;
    const set = kinds.get(item.group) ?? new Set<boolean>();
    set.add(isDaySem(item.sem));
    kinds.set(item.group, set);
  }
  for (const set of kinds.values()) if (set.size > 1) fail();
}

/** "dinsdagochtend of donderdagmiddag" pairs different times with different days. */
function checkDayTimePairs(items: Item[], entries: Sem[]): void {
  const byIndex = new Map(items.map((item) => [item.index, item]));
  const signatures = new Set<string>();
  for (const item of items) {
    if (item.negated || (item.sem.kind !== 'weekdays' && item.sem.kind !== 'date')) continue;
    const attached: TimeSem[] = [];
    for (let i = item.index + 1; i < entries.length; i += 1) {
      const next = byIndex.get(i);
      if (!next || next.negated || isDaySem(next.sem)) break;
      attached.push(next.sem);
    }
    if (attached.length > 0) signatures.add(JSON.stringify(attached));
  }
  if (signatures.size > 1) fail();
}

function assembleTimes(
  items: Item[],
  entries: Sem[],
): Pick<TimePreference, 'times' | 'excludedTimes'> {
  const groups: TimeOfDayRange[][] = [];
  const excluded: TimeOfDayRange[] = [];
  let previous: { item: Item; closed: boolean } | undefined;
  for (const item of items) {
    const sem = item.sem;
    if (isDaySem(sem)) continue;
    if (item.negated) {
      if (sem.kind === 'window') excluded.push(sem.range);
      // "niet na 3 uur" is "voor 3 uur", and the other way round.
      else
        groups.push([
          sem.side === 'after'
            ? { start: 0, end: sem.minute }
            : { start: sem.minute, end: DAY_MINUTES },
        ]);
      continue;
    }
    const range =
      sem.kind === 'window'
        ? sem.range
        : sem.side === 'after'
          ? { start: sem.minute, end: DAY_MINUTES }
          : { start: 0, end: sem.minute };
    const closed = sem.kind === 'window';
    const between = previous ? entries.slice(previous.item.index + 1, item.index) : [];
    const or = between.some((e) => e.kind === 'conj' && e.or);
    const and = between.some((e) => (e.kind === 'conj' && !e.or) || e.kind === 'sep');
    const last = groups[groups.length - 1];
    // "ochtend of middag", "ochtend en middag": alternatives; "'s middags na 3 uur": both at once.
    if (previous && last && (or || (and && closed && previous.closed))) last.push(range);
    else groups.push([range]);
    previous = { item, closed };
  }
  const result: Pick<TimePreference, 'times' | 'excludedTimes'> = {};
  if (groups.length > 0) {
    let ranges: TimeOfDayRange[] = [{ start: 0, end: DAY_MINUTES }];
    for (const group of groups) {
      ranges = ranges.flatMap((a) =>
        group
          .map((b) => ({ start: Math.max(a.start, b.start), end: Math.min(a.end, b.end) }))
          .filter((r) => r.start < r.end),
      );
    }
    ranges = uniqueRanges(ranges);
    if (ranges.length === 0) fail(); // "'s ochtends na 3 uur"
    if (!(ranges.length === 1 && ranges[0]?.start === 0 && ranges[0].end === DAY_MINUTES))
      result.times = ranges;
  }
  if (excluded.length > 0) result.excludedTimes = uniqueRanges(excluded);
  return result;
}

function uniqueRanges(ranges: TimeOfDayRange[]): TimeOfDayRange[] {
  const seen = new Map(ranges.map((r) => [`${r.start}-${r.end}`, { start: r.start, end: r.end }]));
  return [...seen.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

function assembleDays(items: Item[], ctx: Ctx, preference: TimePreference): void {
  const days = new Set<Weekday>();
  const excludedDays = new Set<Weekday>();
  let dates: DateTime[] = [];
  const excludedDates: DateTime[] = [];
  const ranges: DayRange[] = [];
  let earliest: DateTime | undefined;
  let latest: DateTime | undefined;
  const bound = (side: 'earliest' | 'latest', date: DateTime): void => {
    if (side === 'earliest') earliest = earliest && earliest > date ? earliest : date;
    else latest = latest && latest < date ? latest : date;
  };

  for (const { sem, negated } of items) {
    switch (sem.kind) {
      case 'weekdays':
        for (const day of sem.days) (negated ? excludedDays : days).add(day);
        break;
      case 'date':
        (negated ? excludedDates : dates).push(sem.date);
        break;
      case 'range':
        if (negated) excludedDates.push(...datesIn(sem.range));
        else ranges.push(sem.range);
        break;
      case 'dateBound':
        if (!negated) bound(sem.side, sem.date);
        // "niet voor 1 december" is "vanaf 1 december".
        else if (sem.side === 'earliest') bound('latest', sem.date.minus({ days: 1 }));
        else bound('earliest', sem.date.plus({ days: 1 }));
        break;
    }
  }

  // "deze of volgende week": one stretch of days, or we cannot say it.
  const range = mergeRanges(ranges);
  if (dates.length > 0 && days.size > 0) {
    // "morgen of donderdag": the first such weekday joins the dates.
    const from = range?.from ?? ctx.today;
    for (const day of days) dates.push(from.plus({ days: (day - from.weekday + 7) % 7 }));
    days.clear();
  }
  if (range) {
    if (dates.length > 0 && !dates.every((d) => d >= range.from && d <= range.to)) {
      dates.push(...datesIn(range)); // "morgen of volgende week"
    } else if (dates.length === 0) {
      bound('earliest', range.from);
      bound('latest', range.to);
    }
  }

  if (earliest && latest && earliest > latest) fail();
  if (latest && latest < ctx.today) fail('inThePast');
  if (earliest && earliest > ctx.today.plus({ days: PLANNING_HORIZON_DAYS })) fail('tooFarAhead');

  const excludedIso = new Set(excludedDates.map(iso));
  if (dates.length > 0) {
    dates = dates.filter(
      (d) =>
        !excludedIso.has(iso(d)) &&
        !excludedDays.has(d.weekday as Weekday) &&
        (!earliest || d >= earliest) &&
        (!latest || d <= latest),
    );
    if (dates.length === 0) fail(); // "morgen, maar niet morgen"
    if (dates.some((d) => d > ctx.today.plus({ days: PLANNING_HORIZON_DAYS }))) fail('tooFarAhead');
    preference.dates = [...new Set(dates.map(iso))].sort();
    return;
  }
  if (earliest) preference.earliest = iso(earliest);
  if (latest) preference.latest = iso(latest);
  if (days.size > 0) {
    const remaining = [...days].filter((d) => !excludedDays.has(d)).sort((a, b) => a - b);
    if (remaining.length === 0) fail(); // "maandag, maar niet op maandag"
    preference.days = remaining;
  } else if (excludedDays.size > 0) {
    preference.excludedDays = [...excludedDays].sort((a, b) => a - b);
  }
  if (excludedIso.size > 0) preference.excludedDates = [...excludedIso].sort();
}

function mergeRanges(ranges: DayRange[]): DayRange | undefined {
  const sorted = [...ranges].sort((a, b) => a.from.toMillis() - b.from.toMillis());
  let merged: DayRange | undefined;
  for (const range of sorted) {
    if (!merged) merged = { ...range };
    else if (range.from <= merged.to.plus({ days: 1 }))
      merged.to = range.to > merged.to ? range.to : merged.to;
    else fail(); // "deze week of over drie weken"
  }
  return merged;
}

function datesIn(range: DayRange): DateTime[] {
  const out: DateTime[] = [];
  for (let d = range.from; d <= range.to && out.length < 62; d = d.plus({ days: 1 })) out.push(d);
  return out;
}

function iso(date: DateTime): string {
  return date.toISODate() ?? '';
}
