/**
 * The shape of one language's words for when a meeting suits: pure data, filled in per
 * language under `vocabulary/`. One grammar (`reader.ts`, `readDate.ts`, `readTime.ts`) reads
 * them all; adding a language means adding a vocabulary, not a parser.
 */
import type { DayPart, Weekday } from '../calendarTime.js';

/** The languages with a vocabulary: every conversation language. */
export type ReadingLanguage = 'nl' | 'en' | 'tr' | 'pl' | 'uk' | 'ar';

/** What a word before a time or a day does: "om 10 uur", "na 3 uur", "tot vrijdag", … */
export type PrepKind = 'point' | 'after' | 'from' | 'before' | 'until' | 'between';

/**
 * What a fixed phrase means; the grammar turns each into days or times (`meanings.ts`). In this
 * order, the first wins when two phrases of the same length match the same words.
 */
export const PHRASE_MEANINGS = [
  /** "maakt niet uit", "whenever". */
  'anything',
  /** Words with no meaning of their own: "de hele dag", "for me". */
  'nothing',
  /** A negation of more than one word: "liever niet", "apart from". */
  'negation',
  /** Starts a new clause: "bij voorkeur". */
  'clauseBreak',
  'morning',
  'afternoon',
  'evening',
  /** Morning and afternoon: "overdag". */
  'daytime',
  /** 15:00–17:00: "laat in de middag", "tegen het eind van de dag". */
  'lateAfternoon',
  /** 08:00–10:00: "vroeg in de ochtend". */
  'earlyMorning',
  /** A moment in this clause is when the resident is busy: "om 3 uur moet ik …", "I have to". */
  'busy',
  /** From 12:00: "na de middag", "after noon". */
  'afterNoon',
  /** Today: "nu meteen", "right now". */
  'today',
  /** 12:00–14:00. */
  'lunchtime',
  /** Over by noon: "voor de middag". */
  'beforeNoon',
  /** From 13:00: "na de lunch". */
  'afterLunch',
  'thisWeek',
  'nextWeek',
  'weekAfterNext',
  /** `{n}` weeks on: "over twee weken". */
  'inWeeks',
  /** `{n}` days on: "over 3 dagen". */
  'inDays',
  'withinWeeks',
  'withinDays',
  'thisMonth',
  'nextMonth',
  'thisWeekend',
  'nextWeekend',
  'weekend',
  /** Monday to Friday. */
  'workdays',
  'startOfWeek',
  'endOfWeek',
  /** `{wd}` of next week: "volgende donderdag". */
  'nextWeekday',
  /** The first `{wd}` from today: "aanstaande donderdag". */
  'comingWeekday',
  'dayAfterTomorrow',
] as const;
export type PhraseMeaning = (typeof PHRASE_MEANINGS)[number];

/** "kwart over 2", "quarter to 3": how a minute count relates to the hour after it. */
export interface MinuteRelation {
  /** +1 after the hour ("over", "past"), -1 before it ("voor", "to"). */
  sign: 1 | -1;
  /** Whether digits count ("5 over 10") or only minute words ("quarter past 3"). */
  digits: boolean;
  /** The word for "half" that may follow: "tien voor half 3" is 14:20. */
  half?: string;
}

/**
 * One language's words. Word lists are space-separated; phrase lists are comma-separated, and
 * a phrase may hold `{n}` (a count: 2, "twee", "a") or `{wd}` (a weekday).
 */
export interface Vocabulary {
  weekdays: Record<string, Weekday>;
  /** Short forms, read only in this language ("do" is a verb in English, "zo" a word in Dutch). */
  weekdayAbbreviations: Record<string, Weekday>;
  /** Endings that make a number an ordinal: "3e", "3rd". */
  ordinalSuffixes: string;
  /** Abbreviations whose dot ends no sentence: "di. 3 dec.". */
  abbreviationsWithDot: string;
  dayParts: Record<string, DayPart>;
  /** Day parts that, right after an hour, say which half of the day it is ("3 uur 's middags"). */
  meridiemAdverbs: Record<string, 'am' | 'pm'>;
  /** "3pm". */
  meridiemWords: Record<string, 'am' | 'pm'>;
  /** What is left of "'s" before a meridiem adverb once the apostrophe is gone. */
  meridiemPrefixes: string;
  /** Days from today: "morgen" is 1, "gisteren" -1. */
  relativeDays: Record<string, number>;
  months: Record<string, number>;
  /** Month words that are ordinary words too: a month only after "in" ("in may"). */
  monthsNeedingIn: string;
  /** One to twelve, as hours and counts. */
  numberWords: Record<string, number>;
  /** Words that are a count but never an hour: "a week". */
  countOnlyWords: Record<string, number>;
  /** Minutes before or after an hour: "kwart", "quarter". */
  minuteWords: Record<string, number>;
  minuteRelations: Record<string, MinuteRelation>;
  /** Half hours: "half 2" is 13:30 (offset -30), "half past 2" 14:30 (offset +30). */
  halfHours: Array<{ words: string; offset: number }>;
  /** Twelve o'clock as a word: "noon". */
  noonWords: string;
  /** After an hour: "3 uur", "3 o'clock". */
  hourSuffixes: string;
  /** "the" before a date ("thursday the 3rd") and in "in de middag". */
  articles: string;
  /** "in de middag", "in may". */
  inWords: string;
  /** "the 3rd of december". */
  ofWords: string;
  /** Joins two times into a range: "9 tot 12". */
  rangeConnectors: string;
  /** Joins two times only after a preposition: "tussen 9 en 12", not "9 en 12". */
  betweenConnectors: string;
  conjunctions: Record<string, 'or' | 'and'>;
  /** Words that say no to what follows or, at a clause's end, to what went before. */
  negations: string;
  /** Words that start a new, positive clause ("..., liever 's ochtends"). */
  clauseWords: string;
  /** Words that carry no meaning for when: politeness, pronouns, "op", "graag", "goed". */
  fillers: string;
  /** Words before a time or a day, per kind. `from` may start a range ("van 9 tot 12"). */
  prepositions: Record<PrepKind, string>;
  /** Words after a time, per kind: Turkish "15'ten sonra" (after 15), "10'dan önce". */
  postpositions?: Partial<Record<PrepKind, string>>;
  phrases: Partial<Record<PhraseMeaning, string>>;
  /** Words that stand for two: "dinsdagochtend" is "dinsdag ochtend". */
  compounds: Record<string, string[]>;
  /** Whether numeric dates may be written month first (12/25); then 3/12 is unclear. */
  monthFirstDates: boolean;
}

/** "ma=1 di=2" → { ma: 1, di: 2 }. */
export function numbers(spec: string): Record<string, number> {
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
export function counting(words: string): Record<string, number> {
  return Object.fromEntries(words.split(' ').map((word, i) => [word, i + 1]));
}

/** Weekday names in order from Monday. */
export function weekdayNames(words: string): Record<string, Weekday> {
  return counting(words) as Record<string, Weekday>;
}

/** { morning: 'ochtend morning' } → { ochtend: 'morning', morning: 'morning' }. */
export function byMeaning<T extends string>(groups: Record<T, string>): Record<string, T> {
  return Object.fromEntries(
    (Object.entries(groups) as Array<[T, string]>).flatMap(([meaning, words]) =>
      words.split(' ').map((word) => [word, meaning]),
    ),
  );
}

/**
 * Every compound of a day word and a day-part word, with the given endings:
 * ("dinsdag", { ochtend: 'ochtend' }, ['', 'en']) → { dinsdagochtend: ['dinsdag', 'ochtend'],
 * dinsdagochtenden: ['dinsdag', 'ochtend'] }.
 */
export function compoundWords(
  days: string,
  parts: Record<string, string>,
  endings: string[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const day of days.split(/\s+/).filter(Boolean)) {
    for (const [part, meaning] of Object.entries(parts)) {
      for (const ending of endings) out[`${day}${part}${ending}`] = [day, meaning];
    }
  }
  return out;
}
