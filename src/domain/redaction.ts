import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { findPhoneNumbersInText } from 'libphonenumber-js';
import { asciiDigits } from './digits.js';

/**
 * Personal details that free text may carry and that Voordeur does not keep: a resident's answer
 * goes into a coach's summary or calendar entry only after these are taken out.
 */
export type RedactionKind = 'bsn' | 'iban' | 'phone' | 'email' | 'birthDate';

export interface RedactionOptions {
  /** Today: a date this many years back or more reads as a date of birth. */
  now: Date;
  /** The phone number the resident gave for the meeting, with consent: it stays. */
  keepPhone?: string | undefined;
  /** How a removed detail reads in the text. Default `[bsn]`, `[iban]`, … */
  mark?: (kind: RedactionKind) => string;
}

export interface Redacted {
  text: string;
  /** What was taken out, in order of appearance (one entry per detail). */
  found: RedactionKind[];
}

interface Span {
  kind: RedactionKind;
  start: number;
  end: number;
}

/** A date at least this many years ago is taken for a date of birth, not a meeting. */
const BIRTH_DATE_MIN_AGE_YEARS = 12;

/**
 * Takes BSNs, IBANs, phone numbers (other than `keepPhone`), e-mail addresses and dates of
 * birth out of free text. Each candidate is validated before it is removed — a BSN must pass
 * the elfproef, an IBAN its mod-97 check, a phone number the Dutch numbering plan — so ordinary
 * numbers (a postcode, a house number, a time, a meeting date) stay.
 *
 * @example
 * redactPersonalData('mijn bsn is 111222333, bel 06 12345678', { now })
 * // → { text: 'mijn bsn is [bsn], bel [phone]', found: ['bsn', 'phone'] }
 */
export function redactPersonalData(text: string, options: RedactionOptions): Redacted {
  const mark = options.mark ?? ((kind: RedactionKind) => `[${kind}]`);
  const spans: Span[] = [];
  // Found in a copy with ASCII digits (same length), removed from the original. Each finder
  // sees the text with what earlier finders took blanked out, so an IBAN's digits cannot be
  // read as part of a phone number after it.
  let scan = asciiDigits(text);
  const finders = [
    emailSpans,
    ibanSpans,
    bsnSpans,
    (t: string) => phoneSpans(t, options.keepPhone),
    (t: string) => birthDateSpans(t, options.now),
  ];
  for (const find of finders) {
    for (const found of find(scan)) {
      spans.push(found);
      scan =
        scan.slice(0, found.start) + ' '.repeat(found.end - found.start) + scan.slice(found.end);
    }
  }

  spans.sort((a, b) => a.start - b.start);
  let redacted = '';
  let at = 0;
  for (const span of spans) {
    redacted += text.slice(at, span.start) + mark(span.kind);
    at = span.end;
  }
  return { text: redacted + text.slice(at), found: spans.map((span) => span.kind) };
}

/** The elfproef of a BSN: 9 digits, 9×d1 + 8×d2 + … + 2×d8 − d9 divisible by 11, not all zero. */
export function isBsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

function emailSpans(text: string): Span[] {
  const pattern = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
  return [...text.matchAll(pattern)].map((m) => span('email', m.index, m[0].length));
}

/**
 * IBANs written electronically ("NL91ABNA0417164300") or in groups of four. A candidate may run
 * into the next word ("… 4300 en"), so the longest prefix that passes mod-97 is taken.
 */
function ibanSpans(text: string): Span[] {
  const spans: Span[] = [];
  const pattern = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,30}/gi;
  for (const m of text.matchAll(pattern)) {
    for (let length = m[0].length; length >= 15; length -= 1) {
      const candidate = m[0].slice(0, length);
      if (/\s$/.test(candidate)) continue;
      const electronic = electronicFormatIBAN(candidate);
      if (electronic && isValidIBAN(electronic)) {
        spans.push(span('iban', m.index, length));
        break;
      }
    }
  }
  return spans;
}

/** Nine digits, possibly grouped ("123 456 782", "1234.56.782"), that pass the elfproef. */
function bsnSpans(text: string): Span[] {
  const pattern = /(?<![\d:-]|\d[.,])\d(?:[ .]?\d){8}(?![\d:-]|[.,]\d)/g;
  return [...text.matchAll(pattern)]
    .filter((m) => isBsn(m[0].replace(/[ .]/g, '')))
    .map((m) => span('bsn', m.index, m[0].length));
}

/**
 * Phone numbers as the Dutch numbering plan allows them, written the way people write them: with
 * the trunk 0 or an international prefix ("0612345678", "+31 6 …", "0032 …"). A bare run of
 * digits ("123456789") and a date ("08-12-2026") are not taken for one.
 */
function phoneSpans(text: string, keepPhone: string | undefined): Span[] {
  // Text with fewer digits than any phone number holds none (most messages have no digit at
  // all), so the parser is spared.
  if (digitCount(text) < minPhoneDigits) return [];
  const kept = keepPhone ? e164(keepPhone) : undefined;
  return findPhoneNumbersInText(text, 'NL')
    .filter((found) => {
      const written = text.slice(found.startsAt, found.endsAt).replace(/^\(/, '');
      return /^(\+|0)/.test(written) && !datePattern.test(written);
    })
    .filter((found) => found.number.number !== kept)
    .map((found) => ({ kind: 'phone' as const, start: found.startsAt, end: found.endsAt }));
}

const datePattern = /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/;
/**
 * Fewer digits than any phone number has: the shortest, a country code with the shortest number
 * of its plan, or a Dutch number with its trunk 0, has six (a test checks the metadata).
 */
export const minPhoneDigits = 5;

/** ASCII digits in `text` (the finders see digits already made ASCII). */
function digitCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) count++;
  }
  return count;
}

function e164(phone: string): string | undefined {
  return findPhoneNumbersInText(asciiDigits(phone), 'NL')[0]?.number.number;
}

const monthNames = new Map<string, number>([
  ['jan', 1],
  ['januari', 1],
  ['january', 1],
  ['feb', 2],
  ['februari', 2],
  ['february', 2],
  ['mrt', 3],
  ['maart', 3],
  ['mar', 3],
  ['march', 3],
  ['apr', 4],
  ['april', 4],
  ['mei', 5],
  ['may', 5],
  ['jun', 6],
  ['juni', 6],
  ['june', 6],
  ['jul', 7],
  ['juli', 7],
  ['july', 7],
  ['aug', 8],
  ['augustus', 8],
  ['august', 8],
  ['sep', 9],
  ['sept', 9],
  ['september', 9],
  ['okt', 10],
  ['oct', 10],
  ['oktober', 10],
  ['october', 10],
  ['nov', 11],
  ['november', 11],
  ['dec', 12],
  ['december', 12],
] as const);

/**
 * A full date ("12-03-1980", "12/3/1980", "12 maart 1980", "1980-03-12") whose year lies at
 * least {@link BIRTH_DATE_MIN_AGE_YEARS} years back: nobody plans a meeting then, so it is a
 * date of birth. Recent and future dates (a meeting, "3 december 2026") stay.
 */
function birthDateSpans(text: string, now: Date): Span[] {
  const latestBirthYear = now.getUTCFullYear() - BIRTH_DATE_MIN_AGE_YEARS;
  const spans: Span[] = [];
  const plausible = (day: number, month: number, year: number) =>
    year >= 1900 && year <= latestBirthYear && month >= 1 && month <= 12 && day >= 1 && day <= 31;

  for (const m of text.matchAll(/\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b/g))
    if (plausible(Number(m[1]), Number(m[2]), Number(m[3])))
      spans.push(span('birthDate', m.index, m[0].length));
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g))
    if (plausible(Number(m[3]), Number(m[2]), Number(m[1])))
      spans.push(span('birthDate', m.index, m[0].length));
  for (const m of text.matchAll(/\b(\d{1,2})\s+(\p{L}+)\.?\s+(\d{4})\b/gu)) {
    const month = monthNames.get(m[2]!.toLowerCase());
    if (month && plausible(Number(m[1]), month, Number(m[3])))
      spans.push(span('birthDate', m.index, m[0].length));
  }
  return spans;
}

function span(kind: RedactionKind, start: number, length: number): Span {
  return { kind, start, end: start + length };
}
