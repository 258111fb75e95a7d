/**
 * The days and dates of one answer: weekdays, dates, weeks and bounds, with what is said no
 * to taken out, into the day fields of a {@link TimePreference}.
 */
import type { DateTime } from 'luxon';
import type { TimePreference, Weekday } from '../calendarTime.js';
import type { DayRange } from './meanings.js';
import type { Item } from './negation.js';
import { FURTHEST_DATE_AHEAD_DAYS, fail, type ReadingContext } from './reading.js';

/** Fills the day fields of `preference` from the day items (negated or not). */
export function assembleDays(items: Item[], ctx: ReadingContext, preference: TimePreference): void {
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
  if (earliest && earliest > ctx.today.plus({ days: FURTHEST_DATE_AHEAD_DAYS }))
    fail('tooFarAhead');

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
    if (dates.some((d) => d > ctx.today.plus({ days: FURTHEST_DATE_AHEAD_DAYS })))
      fail('tooFarAhead');
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
