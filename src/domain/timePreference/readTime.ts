/**
 * The grammar of times of day: "14:30", "3 uur", "3pm", "half 2", "kwart over 2", "tien voor
 * half 3", "quarter to 3", "noon", and ranges such as "tussen 9 en 12" or "from 9am to 1pm".
 *
 * Office hours: an hour without a day half reads 1–7 as 13:00–19:00 and 8–12 as 08:00–12:00.
 */
import {
  articles,
  betweenConnectors,
  dayPartWords,
  halfHours,
  hourSuffixes,
  inWords,
  meridiemAdverbs,
  meridiemPrefixes,
  meridiemWords,
  minuteRelations,
  minuteWords,
  noonWords,
  numberWords,
  rangeConnectors,
} from './lexicon.js';
import { DAY_MINUTES, fail } from './reading.js';
import { wordAt, type Token } from './tokens.js';

export interface TimeRead {
  minute: number;
  next: number;
  /** Set when the hour could still take a day half from a later word ("tussen 8 en 10 's avonds"). */
  flexible: { hour: number; offset: number } | undefined;
  meridiem: 'am' | 'pm' | undefined;
}

export interface TimeRangeRead {
  start: number;
  end: number;
  next: number;
}

/** An hour number: digits 0–24 or a word ("drie", "three"). */
function readHour(tokens: readonly Token[], i: number): { hour: number; next: number } | undefined {
  const token = tokens[i];
  if (token?.kind === 'number' && !token.ordinal && token.digits.length <= 2 && token.value <= 24) {
    return { hour: token.value, next: i + 1 };
  }
  const word = wordAt(tokens, i);
  const value = word === undefined ? undefined : numberWords[word];
  return value === undefined ? undefined : { hour: value, next: i + 1 };
}

/**
 * A time of day: "14:30", "3 uur", "3pm", "half 2", "kwart over 2", "tien voor half 3",
 * "quarter to 3", "noon"; with `bare`, also "3" (after "na", "om", "tussen", …). Without
 * `minuteForms`, "ten to twelve" is not read as 11:50 (after "from" it is a range).
 */
export function readTime(
  tokens: readonly Token[],
  i: number,
  bare: boolean,
  minuteForms = true,
): TimeRead | undefined {
  const token = tokens[i];
  const word = wordAt(tokens, i);
  if (token?.kind === 'clock') {
    return withMeridiem(tokens, token.hour, token.minute, i + 1, token.explicit);
  }
  if (word !== undefined && noonWords.has(word)) {
    return { minute: 12 * 60, next: i + 1, flexible: undefined, meridiem: undefined };
  }
  const half = halfHours.find(({ words }) =>
    words.every((expected, k) => wordAt(tokens, i + k) === expected),
  );
  if (half) {
    const hourWord = wordAt(tokens, i + half.words.length);
    if (hourWord !== undefined && !half.hourWords.has(hourWord)) return undefined;
    const hour = readHour(tokens, i + half.words.length);
    return hour && withMeridiem(tokens, hour.hour, half.offset, hour.next, false);
  }
  // kwart over 2, tien voor half 3, quarter to 3, 5 over 10
  const minuteWord = word === undefined ? undefined : minuteWords[word];
  const minuteNumber =
    token?.kind === 'number' && !token.ordinal && token.value >= 1 && token.value <= 29
      ? token.value
      : undefined;
  const minutes = minuteWord ?? minuteNumber;
  if (minutes !== undefined && minuteForms) {
    const relationWord = wordAt(tokens, i + 1);
    const relation = relationWord === undefined ? undefined : minuteRelations[relationWord];
    if (relation && (relation.digits || minuteWord !== undefined)) {
      let j = i + 2;
      let offset = relation.sign * minutes;
      if (relation.half !== undefined && wordAt(tokens, j) === relation.half) {
        offset -= 30;
        j += 1;
      }
      const hour = readHour(tokens, j);
      if (hour && !(hour.hour === 0 || hour.hour > 12))
        return withMeridiem(tokens, hour.hour, offset, hour.next, false);
    }
  }
  const hour = readHour(tokens, i);
  if (!hour) return undefined;
  const suffix = wordAt(tokens, hour.next);
  const hasSuffix = suffix !== undefined && hourSuffixes.has(suffix);
  const read = withMeridiem(tokens, hour.hour, 0, hour.next, hour.hour > 12 || hour.hour === 0);
  if (!read) return undefined;
  if (!bare && !hasSuffix && read.meridiem === undefined) return undefined;
  return read;
}

/** Applies "uur", "am"/"pm", "'s middags", "in the afternoon", … after an hour. */
function withMeridiem(
  tokens: readonly Token[],
  hour: number,
  offset: number,
  i: number,
  explicit: boolean,
): TimeRead | undefined {
  if (hour > 24 || (hour === 24 && offset >= 0)) return undefined;
  let j = i;
  const suffix = wordAt(tokens, j);
  if (suffix !== undefined && hourSuffixes.has(suffix)) j += 1;
  const meridiem = readMeridiem(tokens, j);
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

function readMeridiem(
  tokens: readonly Token[],
  i: number,
): { meridiem: 'am' | 'pm'; next: number } | undefined {
  const word = wordAt(tokens, i);
  const said = word === undefined ? undefined : meridiemWords[word];
  if (said) return { meridiem: said, next: i + 1 };
  // "'s middags" lost its apostrophe: "s middags"
  const j = word !== undefined && meridiemPrefixes.has(word) ? i + 1 : i;
  const adverb = meridiemAdverbs[wordAt(tokens, j) ?? ''];
  if (adverb) return { meridiem: adverb, next: j + 1 };
  // "3 uur in de middag", "2 in the afternoon"
  const article = wordAt(tokens, i + 1);
  const dayPart = dayPartWords[wordAt(tokens, i + 2) ?? ''];
  if (word !== undefined && inWords.has(word) && article !== undefined && articles.has(article)) {
    if (dayPart) return { meridiem: dayPart === 'morning' ? 'am' : 'pm', next: i + 3 };
  }
  return undefined;
}

/** "tussen 9 en 12", "van 9 tot 12", "9-12", "9 tot 12 uur", "from 9am to 1pm". */
export function readTimeRange(
  tokens: readonly Token[],
  i: number,
  afterPreposition: boolean,
): TimeRangeRead | undefined {
  // After "from"/"tussen", "ten to twelve" is 10:00–12:00; on its own it is 11:50.
  if (afterPreposition) {
    const start = readTime(tokens, i, true, false);
    const plain = readTimeRangeFrom(tokens, start, afterPreposition);
    if (plain) return plain;
  }
  return readTimeRangeFrom(tokens, readTime(tokens, i, true), afterPreposition);
}

function readTimeRangeFrom(
  tokens: readonly Token[],
  start: TimeRead | undefined,
  afterPreposition: boolean,
): TimeRangeRead | undefined {
  if (!start) return undefined;
  const connector = tokens[start.next];
  const connects =
    connector?.kind === 'dash' ||
    (connector?.kind === 'word' &&
      (rangeConnectors.has(connector.text) ||
        (afterPreposition && betweenConnectors.has(connector.text))));
  if (!connects) return undefined;
  const end = readTime(tokens, start.next + 1, true);
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

/** "december 3 uur"? Then 3 is an hour, and this is no date. */
export function looksLikeTime(tokens: readonly Token[], i: number): boolean {
  const word = wordAt(tokens, i);
  return word !== undefined && (hourSuffixes.has(word) || meridiemWords[word] !== undefined);
}
