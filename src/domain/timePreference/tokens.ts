/**
 * Turns a resident's text into tokens: words (lower case, no accents, compounds split),
 * numbers, clock times, numeric dates, dashes and separators. Emoji and decoration are dropped;
 * a letter or digit of a script the vocabularies do not cover makes the text unclear.
 */
import { asciiDigits } from '../digits.js';
import { fold } from './fold.js';
import {
  abbreviationsWithDot,
  compounds,
  correctWord,
  isKnownWord,
  monthFirstDates,
  ordinalSuffixes,
} from './lexicon.js';
import { fail } from './reading.js';
import type { ReadingLanguage } from './vocabulary.js';

export type Token =
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
    `(?<ordinal>(\\d+)(?:${[...ordinalSuffixes].join('|')}))(?!\\p{L})`,
    /(?<number>\d+)/.source,
    /(?<word>\p{L}+)/u.source,
    /(?<dash>-)/.source,
    /(?<sep>[,;.!?:\n،؛؟])/.source,
    /(?<other>\S)/.source,
  ].join('|'),
  'gu',
);

/** "3 dec. 2026", "di. 3 december": the dot of an abbreviation ends no sentence. */
const ABBREVIATION_DOT = new RegExp(`\\b(${[...abbreviationsWithDot].join('|')})\\.`, 'g');

/** A misspelt word that was read as a known one: said back to the resident. */
export interface Correction {
  from: string;
  to: string;
}

/**
 * Turkish case endings on a number: "10'da" (at 10), "15'ten" (from 15, before "sonra"),
 * "12'ye" (to 12, before "kadar"). Split off as a marker the Turkish vocabulary reads as an
 * hour suffix; without an apostrophe only in a Turkish conversation ("10da" is Dutch "10th").
 */
const TURKISH_ENDING = /(\d)(['’]?)(dan|den|tan|ten|da|de|ta|te|ya|ye|a|e)(?![\p{L}])/gu;

function splitTurkishEndings(text: string, language: ReadingLanguage): string {
  return text.replace(
    TURKISH_ENDING,
    (whole, digit: string, apostrophe: string, ending: string) => {
      if (!apostrophe && language !== 'tr') return whole;
      const marker = ending.endsWith('n') ? 'trabl' : /^[dt]/.test(ending) ? 'trloc' : 'trdat';
      return `${digit} ${marker} `;
    },
  );
}

/**
 * Turns text into tokens: lower case, no accents, no emoji, compounds split, typos of known
 * words corrected (each noted in `corrections`).
 */
export function tokenize(
  text: string,
  language: ReadingLanguage,
  corrections: Correction[] = [],
): Token[] {
  const normalized = fold(splitTurkishEndings(asciiDigits(text), language))
    // Symbols and the one abbreviation with a slash become Dutch words, which every
    // conversation reads: the grammar reads the words of all vocabularies.
    .replace(/\bt\s*\/\s*m\b/g, ' tot en met ') // "t/m"
    .replace(/(?<![a-z])([ap])\.\s?m\b\.?/g, '$1m') // "p.m."
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
      for (const text of readWord(g.word, corrections)) tokens.push({ kind: 'word', text });
    } else if (g.dash !== undefined) {
      tokens.push({ kind: 'dash' });
    } else if (g.sep !== undefined) {
      tokens.push({ kind: 'sep' });
    } else if (g.other !== undefined && /[\p{L}\p{N}]/u.test(g.other)) {
      tokens.push({ kind: 'word', text: g.other }); // a digit of another script: not read
    }
    // Anything else (emoji, symbols, quotes, brackets) is decoration.
  }
  return tokens;
}

const ARABIC_AND = 'و';

/** A word as the grammar reads it: a compound split, Arabic "و" (and) split off, a typo corrected. */
function readWord(word: string, corrections: Correction[]): string[] {
  const compound = compounds[word];
  if (compound) return compound;
  if (isKnownWord(word)) return [word];
  // Arabic writes "and" joined to the next word: "والخميس" is "و الخميس".
  if (word.startsWith(ARABIC_AND) && word.length > 2 && isKnownWord(word.slice(1))) {
    return [ARABIC_AND, ...readWord(word.slice(1), corrections)];
  }
  const corrected = correctWord(word);
  if (corrected === undefined) return [word];
  corrections.push({ from: word, to: corrected });
  return compounds[corrected] ?? [corrected];
}

function numericDate(
  a: number,
  b: number,
  year: number | undefined,
  language: ReadingLanguage,
): Token {
  if (monthFirstDates(language)) {
    if (a <= 12 && b <= 12 && a !== b) fail(); // 3/12: March or December?
    if (a <= 12 && b > 12) return { kind: 'numericDate', month: a, day: b, year };
  }
  return { kind: 'numericDate', day: a, month: b, year };
}

/** The word at `i`, or undefined for any other token or past the end. */
export function wordAt(tokens: readonly Token[], i: number): string | undefined {
  const token = tokens[i];
  return token?.kind === 'word' ? token.text : undefined;
}
