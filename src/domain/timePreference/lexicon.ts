/**
 * Every vocabulary merged into the lookup tables the grammar reads. A resident's words are
 * understood in every language whatever the conversation's language; only short forms of
 * weekdays and the order of numeric dates belong to one language.
 *
 * Tables have no prototype, so a word such as "constructor" is no weekday.
 */
import type { DayPart, Weekday } from '../calendarTime.js';
import { fold } from './fold.js';
import { arabic } from './vocabulary/ar.js';
import { english } from './vocabulary/en.js';
import { dutch } from './vocabulary/nl.js';
import { polish } from './vocabulary/pl.js';
import { turkish } from './vocabulary/tr.js';
import { ukrainian } from './vocabulary/uk.js';
import {
  PHRASE_MEANINGS,
  type MinuteRelation,
  type PhraseMeaning,
  type PrepKind,
  type ReadingLanguage,
  type Vocabulary,
} from './vocabulary.js';

const vocabularies: Record<ReadingLanguage, Vocabulary> = {
  nl: dutch,
  en: english,
  tr: turkish,
  pl: polish,
  uk: ukrainian,
  ar: arabic,
};
const all = Object.values(vocabularies);

/** A lookup table without a prototype: only its own words are in it. */
type Table<T> = Readonly<Record<string, T>>;

/** Every word the vocabularies know, folded: what a typo is corrected towards, and what is read. */
const known = new Set<string>();
/** Words whose misspelling is corrected: days, day parts, time words (not fillers). */
const correctable = new Set<string>();

function folded<T>(entries: Record<string, T>, learn = true): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [word, value] of Object.entries(entries)) {
    const key = fold(word);
    out[key] = value;
    if (learn) known.add(key);
  }
  return out;
}

function table<T>(pick: (vocabulary: Vocabulary) => Record<string, T>, correct = true): Table<T> {
  const merged = Object.assign(
    Object.create(null) as Record<string, T>,
    ...all.map((vocabulary) => folded(pick(vocabulary))),
  ) as Record<string, T>;
  if (correct) for (const word of Object.keys(merged)) correctable.add(word);
  return merged;
}

function wordSet(pick: (vocabulary: Vocabulary) => string, correct = false): ReadonlySet<string> {
  const words = new Set(
    all.flatMap((vocabulary) => pick(vocabulary).split(/\s+/).filter(Boolean).map(fold)),
  );
  for (const word of words) {
    known.add(word);
    if (correct) correctable.add(word);
  }
  return words;
}

/** A comma-separated list of phrases, each split into words. */
function phraseList(list: string | undefined): string[][] {
  const phrases = (list ?? '')
    .split(',')
    .map((phrase) => phrase.trim())
    .filter(Boolean)
    .map((phrase) => fold(phrase).split(/\s+/));
  for (const words of phrases) {
    for (const word of words) {
      if (word.startsWith('{')) continue;
      known.add(word);
      correctable.add(word);
    }
  }
  return phrases;
}

/**
 * Phrases of every language, longest first; on equal length in the order of `kinds`. Matching
 * tries only the phrases that can start with the word at hand (see {@link PhraseTable.at}).
 */
/** A phrase: its words, what it means, and the one language it is read in (if only one). */
type PhraseEntry<K> = readonly [string[], K, ReadingLanguage | undefined];

/**
 * Short phrases of the languages beyond Dutch and English ("do", "po", "o" in Polish) are read
 * only in a conversation in that language: "I can't do mondays" has no Polish "until" in it.
 */
function onlyIn(language: ReadingLanguage, words: readonly string[]): ReadingLanguage | undefined {
  if (language === 'nl' || language === 'en') return undefined;
  return words.every((word) => word.length <= 2) ? language : undefined;
}

export class PhraseTable<K> {
  private readonly byFirstWord = new Map<string, ReadonlyArray<PhraseEntry<K>>>();
  private readonly placeholderFirst: ReadonlyArray<PhraseEntry<K>>;

  constructor(kinds: readonly K[], lists: (vocabulary: Vocabulary, kind: K) => string | undefined) {
    const sorted = kinds
      .flatMap((kind) =>
        (Object.entries(vocabularies) as Array<[ReadingLanguage, Vocabulary]>).flatMap(
          ([language, vocabulary]) =>
            phraseList(lists(vocabulary, kind)).map((words): PhraseEntry<K> => [
              words,
              kind,
              onlyIn(language, words),
            ]),
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

  /**
   * The phrases, in matching order, that may start with this word (or with any token) and are
   * read in a conversation in this language.
   */
  at(first: string | undefined, language: ReadingLanguage): ReadonlyArray<PhraseEntry<K>> {
    const entries = (first !== undefined && this.byFirstWord.get(first)) || this.placeholderFirst;
    return entries.some((entry) => entry[2] !== undefined && entry[2] !== language)
      ? entries.filter((entry) => entry[2] === undefined || entry[2] === language)
      : entries;
  }
}

export const weekdays: Table<Weekday> = table((v) => v.weekdays);
const weekdayAbbreviations = Object.fromEntries(
  Object.entries(vocabularies).map(([language, vocabulary]) => [
    language,
    folded(vocabulary.weekdayAbbreviations, false),
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
export const numberWords: Table<number> = table((v) => v.numberWords, false);
export const countWords: Table<number> = table(
  (v) => ({ ...v.numberWords, ...v.countOnlyWords }),
  false,
);
export const minuteWords: Table<number> = table((v) => v.minuteWords, false);
export const minuteRelations: Table<MinuteRelation> = table((v) => v.minuteRelations, false);
/**
 * Longest first, so "half past" is tried before "half". An hour written as a word must be a
 * number word of the same language: Dutch "half tien" is 09:30, British "half ten" 10:30, so
 * "half ten" is not read at all.
 */
export const halfHours: ReadonlyArray<{
  words: string[];
  offset: number;
  hourWords: ReadonlySet<string>;
}> = all
  .flatMap((v) =>
    v.halfHours.map(({ words, offset }) => ({
      words: fold(words).split(' '),
      offset,
      hourWords: new Set(Object.keys(v.numberWords).map(fold)),
    })),
  )
  .sort((a, b) => b.words.length - a.words.length);
export const noonWords = wordSet((v) => v.noonWords, true);
export const hourSuffixes = wordSet((v) => v.hourSuffixes);
export const articles = wordSet((v) => v.articles);
export const inWords = wordSet((v) => v.inWords);
export const ofWords = wordSet((v) => v.ofWords);
export const rangeConnectors = wordSet((v) => v.rangeConnectors);
export const betweenConnectors = wordSet((v) => v.betweenConnectors);
export const conjunctions: Table<'or' | 'and'> = table((v) => v.conjunctions, false);
export const negations = wordSet((v) => v.negations);
export const clauseWords = wordSet((v) => v.clauseWords);
export const fillers = wordSet((v) => v.fillers);
export const compounds: Table<string[]> = table((v) =>
  Object.fromEntries(Object.entries(v.compounds).map(([word, parts]) => [word, parts.map(fold)])),
);
export const abbreviationsWithDot = wordSet((v) => v.abbreviationsWithDot);
export const ordinalSuffixes = wordSet((v) => v.ordinalSuffixes);

export const prepositions = new PhraseTable<PrepKind>(
  ['point', 'after', 'from', 'before', 'until', 'between'],
  (v, kind) => v.prepositions[kind],
);
export const phrases = new PhraseTable<PhraseMeaning>(PHRASE_MEANINGS, (v, m) => v.phrases[m]);
/** Turkish "15'ten sonra": a word after a time that makes it a bound. */
export const postpositions = new PhraseTable<PrepKind>(
  ['after', 'from', 'before', 'until'],
  (v, kind) => v.postpositions?.[kind],
);

/** Whether the grammar knows this (folded) word in any vocabulary. */
export function isKnownWord(word: string): boolean {
  if (known.has(word)) return true;
  const stem = /^(.+?)(?:en|s)$/.exec(word)?.[1];
  return stem !== undefined && weekdays[stem] !== undefined; // "dinsdagen", "mondays"
}

/** Weekday short forms of every language ("do", "pt"), which are never corrected towards. */
const abbreviationWords = new Set(
  all.flatMap((vocabulary) => Object.keys(vocabulary.weekdayAbbreviations).map(fold)),
);

/**
 * A misspelt day, day-part or time word corrected: "dinsdagmidag" → "dinsdagmiddag", "tusday"
 * → "tuesday", "ochtent" → "ochtend". One letter off for words of four to seven letters, two
 * for longer ones (a swap of two letters counts as one); shorter words are never corrected,
 * and neither is a word two known words are equally near. `undefined` when nothing is near.
 */
export function correctWord(word: string): string | undefined {
  if (word.length < 4 || known.has(word) || abbreviationWords.has(word)) return undefined;
  const limit = word.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const candidate of candidatesNear(word, limit)) {
    // One above the best so far, so an equally near word is seen as a tie.
    const distance = editDistance(word, candidate, Math.min(bestDistance, limit) + 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && distance <= limit && candidate !== best) tie = true;
  }
  return best && !tie && bestDistance <= limit ? best : undefined;
}

/**
 * Known words by what is left of them after deleting up to two letters (as in SymSpell): two
 * words within edit distance d share such a form with at most d deletions each, so a typo is
 * looked up instead of compared with every word.
 */
let nearIndex: Map<string, string[]> | undefined;

function deletions(word: string, depth: number, out: Set<string>): void {
  out.add(word);
  if (depth === 0 || word.length <= 2) return;
  for (let i = 0; i < word.length; i += 1) {
    deletions(word.slice(0, i) + word.slice(i + 1), depth - 1, out);
  }
}

function candidatesNear(word: string, limit: number): Set<string> {
  if (!nearIndex) {
    nearIndex = new Map();
    for (const known of correctable) {
      // Never towards a word without meaning of its own ("heel", "wel"): that is no reading.
      if (known.length < 4 || fillers.has(known) || clauseWords.has(known)) continue;
      const forms = new Set<string>();
      deletions(known, known.length >= 6 ? 2 : 1, forms);
      for (const form of forms) {
        const list = nearIndex.get(form);
        if (list) list.push(known);
        else nearIndex.set(form, [known]);
      }
    }
  }
  const forms = new Set<string>();
  deletions(word, limit, forms);
  const out = new Set<string>();
  for (const form of forms) for (const candidate of nearIndex.get(form) ?? []) out.add(candidate);
  return out;
}

/**
 * Optimal string alignment distance (insert, delete, replace, swap of neighbours), giving up
 * once every path is at least `stop`.
 */
export function editDistance(a: string, b: string, stop = Infinity): number {
  if (Math.abs(a.length - b.length) >= stop) return stop;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (previous2[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= stop) return stop;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length] ?? stop;
}

/** Whether numeric dates in this language may be written month first ("12/25"). */
export function monthFirstDates(language: ReadingLanguage): boolean {
  return vocabularies[language].monthFirstDates;
}
