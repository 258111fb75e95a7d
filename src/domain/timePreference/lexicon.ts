/**
 * Every vocabulary merged into the lookup tables the grammar reads. A resident's words are
 * understood in every language whatever the conversation's language; only short forms of
 * weekdays and the order of numeric dates belong to one language.
 *
 * Tables have no prototype, so a word such as "constructor" is no weekday.
 */
import type { DayPart, Weekday } from '../calendarTime.js';
import { english } from './vocabulary/en.js';
import { dutch } from './vocabulary/nl.js';
import {
  PHRASE_MEANINGS,
  type MinuteRelation,
  type PhraseMeaning,
  type PrepKind,
  type ReadingLanguage,
  type Vocabulary,
} from './vocabulary.js';

const vocabularies: Record<ReadingLanguage, Vocabulary> = { nl: dutch, en: english };
const all = Object.values(vocabularies);

/** A lookup table without a prototype: only its own words are in it. */
type Table<T> = Readonly<Record<string, T>>;

function table<T>(pick: (vocabulary: Vocabulary) => Record<string, T>): Table<T> {
  return Object.assign(Object.create(null) as Record<string, T>, ...all.map(pick));
}

function wordSet(pick: (vocabulary: Vocabulary) => string): ReadonlySet<string> {
  return new Set(all.flatMap((vocabulary) => pick(vocabulary).split(/\s+/).filter(Boolean)));
}

/** A comma-separated list of phrases, each split into words. */
function phraseList(list: string | undefined): string[][] {
  return (list ?? '')
    .split(',')
    .map((phrase) => phrase.trim())
    .filter(Boolean)
    .map((phrase) => phrase.split(/\s+/));
}

/**
 * Phrases of every language, longest first; on equal length in the order of `kinds`. Matching
 * tries only the phrases that can start with the word at hand (see {@link PhraseTable.at}).
 */
export class PhraseTable<K> {
  private readonly byFirstWord = new Map<string, ReadonlyArray<[string[], K]>>();
  private readonly placeholderFirst: ReadonlyArray<[string[], K]>;

  constructor(kinds: readonly K[], lists: (vocabulary: Vocabulary, kind: K) => string | undefined) {
    const sorted = kinds
      .flatMap((kind) =>
        all.flatMap((vocabulary) =>
          phraseList(lists(vocabulary, kind)).map((words): [string[], K] => [words, kind]),
        ),
      )
      .sort((a, b) => b[0].length - a[0].length);
    const placeholder = (word: string | undefined): boolean => word?.startsWith('{') ?? false;
    this.placeholderFirst = sorted.filter(([words]) => placeholder(words[0]));
    for (const [words] of sorted) {
      const first = words[0] ?? '';
      if (placeholder(first) || this.byFirstWord.has(first)) continue;
      this.byFirstWord.set(
        first,
        sorted.filter(([other]) => other[0] === first || placeholder(other[0])),
      );
    }
  }

  /** The phrases, in matching order, that may start with this word (or with any token). */
  at(first: string | undefined): ReadonlyArray<[string[], K]> {
    return (first !== undefined && this.byFirstWord.get(first)) || this.placeholderFirst;
  }
}

export const weekdays: Table<Weekday> = table((v) => v.weekdays);
const weekdayAbbreviations = Object.fromEntries(
  Object.entries(vocabularies).map(([language, vocabulary]) => [
    language,
    Object.assign(Object.create(null) as Record<string, Weekday>, vocabulary.weekdayAbbreviations),
  ]),
) as Record<ReadingLanguage, Table<Weekday>>;

/** A weekday by name, plural or adverb ("maandagen", "dinsdags", "mondays"), or short form. */
export function weekdayOf(
  word: string | undefined,
  language: ReadingLanguage,
): Weekday | undefined {
  if (word === undefined) return undefined;
  const plain = weekdays[word] ?? weekdayAbbreviations[language][word];
  if (plain) return plain;
  const stem = /^(.+?)(?:en|s)$/.exec(word)?.[1];
  return stem ? weekdays[stem] : undefined;
}

export const dayPartWords: Table<DayPart> = table((v) => v.dayParts);
export const meridiemAdverbs: Table<'am' | 'pm'> = table((v) => v.meridiemAdverbs);
export const meridiemWords: Table<'am' | 'pm'> = table((v) => v.meridiemWords);
export const meridiemPrefixes = wordSet((v) => v.meridiemPrefixes);
export const relativeDays: Table<number> = table((v) => v.relativeDays);
export const months: Table<number> = table((v) => v.months);
export const monthsNeedingIn = wordSet((v) => v.monthsNeedingIn);
export const numberWords: Table<number> = table((v) => v.numberWords);
export const countWords: Table<number> = table((v) => ({ ...v.numberWords, ...v.countOnlyWords }));
export const minuteWords: Table<number> = table((v) => v.minuteWords);
export const minuteRelations: Table<MinuteRelation> = table((v) => v.minuteRelations);
/** Longest first, so "half past" is tried before "half". */
export const halfHours: ReadonlyArray<{ words: string[]; offset: number }> = all
  .flatMap((v) => v.halfHours.map(({ words, offset }) => ({ words: words.split(' '), offset })))
  .sort((a, b) => b.words.length - a.words.length);
export const noonWords = wordSet((v) => v.noonWords);
export const hourSuffixes = wordSet((v) => v.hourSuffixes);
export const articles = wordSet((v) => v.articles);
export const inWords = wordSet((v) => v.inWords);
export const ofWords = wordSet((v) => v.ofWords);
export const rangeConnectors = wordSet((v) => v.rangeConnectors);
export const betweenConnectors = wordSet((v) => v.betweenConnectors);
export const conjunctions: Table<'or' | 'and'> = table((v) => v.conjunctions);
export const negations = wordSet((v) => v.negations);
export const clauseWords = wordSet((v) => v.clauseWords);
export const fillers = wordSet((v) => v.fillers);
export const compounds: Table<string[]> = table((v) => v.compounds);
export const abbreviationsWithDot = wordSet((v) => v.abbreviationsWithDot);
export const ordinalSuffixes = wordSet((v) => v.ordinalSuffixes);

export const prepositions = new PhraseTable<PrepKind>(
  ['point', 'after', 'from', 'before', 'until', 'between'],
  (v, kind) => v.prepositions[kind],
);
export const phrases = new PhraseTable<PhraseMeaning>(PHRASE_MEANINGS, (v, m) => v.phrases[m]);

/** Whether numeric dates in this language may be written month first ("12/25"). */
export function monthFirstDates(language: ReadingLanguage): boolean {
  return vocabularies[language].monthFirstDates;
}
