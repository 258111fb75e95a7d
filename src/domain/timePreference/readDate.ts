/**
 * The grammar of calendar dates and months: "3 december", "3e december 2026", "december 3rd",
 * "the 3rd of december", "3/12", "2026-12-03", "donderdag 3 december", "in december".
 *
 * A day and month without a year that has passed this year means next year only if that is
 * within `FURTHEST_DATE_AHEAD_DAYS`; otherwise it is in the past. Problems with a date
 * are noted in the context's issues and reported only if every word was understood.
 */
import { DateTime } from 'luxon';
import type { Weekday } from '../calendarTime.js';
import { articles, months, monthsNeedingIn, ofWords, weekdayOf } from './lexicon.js';
import type { DaySem } from './meanings.js';
import { furthestDate, type ReadingContext } from './reading.js';
import { looksLikeTime } from './readTime.js';
import { wordAt, type Token } from './tokens.js';

/** A calendar date, optionally after its weekday ("donderdag 3 december"). */
export function readDate(
  tokens: readonly Token[],
  i: number,
  ctx: ReadingContext,
): { sems: DaySem[]; next: number } | undefined {
  let j = i;
  const weekday = weekdayOf(wordAt(tokens, j), ctx.language);
  if (weekday) {
    j += 1;
    while (articles.has(wordAt(tokens, j) ?? '')) j += 1;
  }
  const parts = readDateParts(tokens, j);
  if (!parts) return undefined;
  const date = resolveDate(ctx, parts.day, parts.month, parts.year, weekday);
  return { sems: date ? [{ kind: 'date', date }] : [], next: parts.next };
}

function readDateParts(
  tokens: readonly Token[],
  i: number,
): { day: number; month: number; year: number | undefined; next: number } | undefined {
  const token = tokens[i];
  if (token?.kind === 'numericDate') return { ...token, next: i + 1 };
  const dayNumber = (t: Token | undefined): number | undefined =>
    t?.kind === 'number' && t.digits.length <= 2 ? t.value : undefined;
  const year = (j: number): { year: number | undefined; next: number } => {
    const k = tokens[j]?.kind === 'sep' ? j + 1 : j;
    const t = tokens[k];
    return t?.kind === 'number' && !t.ordinal && t.digits.length === 4
      ? { year: t.value, next: k + 1 }
      : { year: undefined, next: j };
  };
  // 3 december, 3e december, 3rd of december
  const day = dayNumber(token);
  if (day !== undefined) {
    let j = i + 1;
    if (ofWords.has(wordAt(tokens, j) ?? '')) j += 1;
    const monthNumber = months[wordAt(tokens, j) ?? ''];
    if (monthNumber !== undefined) {
      j += 1;
      const y = year(j);
      return { day, month: monthNumber, year: y.year, next: y.next };
    }
    return undefined;
  }
  // december 3, december 3rd 2026
  const monthNumber = months[wordAt(tokens, i) ?? ''];
  if (monthNumber !== undefined) {
    const j = i + 1;
    const dayAfter = dayNumber(tokens[j]);
    if (dayAfter !== undefined && !looksLikeTime(tokens, j + 1)) {
      const y = year(j + 1);
      return { day: dayAfter, month: monthNumber, year: y.year, next: y.next };
    }
  }
  return undefined;
}

function resolveDate(
  ctx: ReadingContext,
  day: number,
  monthNumber: number,
  year: number | undefined,
  weekday: Weekday | undefined,
): DateTime | undefined {
  const { today, issues } = ctx;
  const make = (y: number): DateTime | undefined => {
    const date = DateTime.fromObject({ year: y, month: monthNumber, day }, { zone: 'utc' });
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
    else if (nextYear && nextYear <= furthestDate(ctx)) date = nextYear;
    else if (thisYear) return void issues.add('inThePast');
    // "29 februari" when neither this year nor the next weeks have one.
    else return void issues.add('impossibleDate');
  }
  if (!date) return void issues.add('impossibleDate');
  if (date > furthestDate(ctx)) return void issues.add('tooFarAhead');
  if (weekday !== undefined && date.weekday !== weekday) return void issues.add('impossibleDate');
  return date;
}

/**
 * A month on its own ("in december"): the rest of it, this year or next. Month words that are
 * ordinary words too ("may") count only when `introduced` by "in" or a preposition.
 */
export function readMonth(
  tokens: readonly Token[],
  i: number,
  ctx: ReadingContext,
  introduced: boolean,
): DaySem[] | undefined {
  const word = wordAt(tokens, i) ?? '';
  const number = months[word];
  if (number === undefined) return undefined;
  if (monthsNeedingIn.has(word) && !introduced) return undefined;
  const { today } = ctx;
  let first = today.startOf('month').set({ month: number });
  if (first < today.startOf('month')) {
    first = first.plus({ years: 1 });
    if (first > furthestDate(ctx)) {
      ctx.issues.add('inThePast');
      return [];
    }
  }
  if (first > furthestDate(ctx)) {
    ctx.issues.add('tooFarAhead');
    return [];
  }
  const from = first < today ? today : first;
  return [{ kind: 'range', range: { from, to: first.endOf('month').startOf('day') } }];
}
