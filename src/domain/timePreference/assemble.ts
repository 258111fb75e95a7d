/**
 * Puts the meanings of one answer together into one {@link TimePreference}: days and dates
 * (`assembleDays.ts`), times of day, and an exact moment when one time falls on one date.
 */
import { DateTime } from 'luxon';
import {
  PLANNING_ZONE,
  type PreferenceOption,
  type TimeOfDayRange,
  type TimePreference,
} from '../calendarTime.js';
import { assembleDays } from './assembleDays.js';
import { isDaySem, type Sem, type TimeSem } from './meanings.js';
import { checkNegatedGroups, markNegation, type Item } from './negation.js';
import { DAY_MINUTES, fail, type ReadingContext } from './reading.js';

/** The preference the meanings add up to, `'anything'` for "maakt niet uit", or throws. */
export function assemble(entries: Sem[], ctx: ReadingContext): TimePreference | 'anything' {
  const items = markNegation(entries);
  const anything = entries.some((e) => e.kind === 'anything');
  checkNegatedGroups(items);
  const segments = unionSegments(items, entries);
  if (segments.length > 1) return union(segments.map((segment) => assemble(segment, ctx)));

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
    if (!wallTimeExists(date, only.point)) fail('impossibleDate');
    delete preference.dates;
    preference.at = { date, minute: only.point };
  } else {
    if (times.times) preference.times = times.times;
    if (times.starts) preference.starts = times.starts;
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
 * Whether a wall time exists in the planning zone. Only on the night clocks go forward (the
 * last Sunday of March in Europe) can it not; only then is the zone asked, which is slow.
 */
function wallTimeExists(date: string, minute: number): boolean {
  const day = DateTime.fromISO(date, { zone: 'utc' });
  if (!(day.month === 3 && day.weekday === 7 && day.day >= 25)) return true;
  const local = DateTime.fromISO(date, { zone: PLANNING_ZONE }).set({
    hour: Math.floor(minute / 60),
    minute: minute % 60,
  });
  // luxon moves a time that does not exist (02:30 when clocks go forward) and calls it valid.
  return local.hour * 60 + local.minute === minute;
}

/**
 * "dinsdagochtend of donderdagmiddag" pairs different times with different days: then the
 * answer is cut into one part per day with its own times, each read on its own.
 */
function unionSegments(items: Item[], entries: Sem[]): Sem[][] {
  const byIndex = new Map(items.map((item) => [item.index, item]));
  const signatures = new Set<string>();
  const starts: number[] = [0];
  let previousWasTime = false;
  for (const item of items) {
    const day = item.sem.kind === 'weekdays' || item.sem.kind === 'date';
    if (!item.negated && day && previousWasTime) starts.push(item.index);
    if (!item.negated) previousWasTime = !isDaySem(item.sem);
    if (item.negated || !day) continue;
    const attached: TimeSem[] = [];
    for (let i = item.index + 1; i < entries.length; i += 1) {
      const next = byIndex.get(i);
      if (!next || next.negated || isDaySem(next.sem)) break;
      attached.push(next.sem);
    }
    if (attached.length > 0) signatures.add(JSON.stringify(attached));
  }
  if (signatures.size <= 1) return [entries];
  return starts.map((start, k) => entries.slice(start, starts[k + 1] ?? entries.length));
}

/** The parts of a union as one preference: what each part says of days and times is one option. */
function union(parts: Array<TimePreference | 'anything'>): TimePreference {
  const preference: TimePreference = {};
  const options: PreferenceOption[] = [];
  const merge = <T>(a: T[] | undefined, b: T[] | undefined): T[] | undefined =>
    a || b ? [...new Set([...(a ?? []), ...(b ?? [])])] : undefined;
  for (const part of parts) {
    if (part === 'anything') return fail();
    const { days, dates, times, starts, at, anyOf, ...shared } = part;
    if (anyOf) options.push(...anyOf);
    const option: PreferenceOption = {
      ...(days ? { days } : {}),
      ...(dates || at ? { dates: dates ?? (at ? [at.date] : []) } : {}),
      ...(times ? { times } : {}),
      ...(starts || at ? { starts: starts ?? (at ? [at.minute] : []) } : {}),
    };
    if (Object.keys(option).length > 0) options.push(option);
    // What one part says no to, or its week, holds for the whole answer.
    const excludedDays = merge(preference.excludedDays, shared.excludedDays);
    const excludedDates = merge(preference.excludedDates, shared.excludedDates);
    const excludedTimes = merge(preference.excludedTimes, shared.excludedTimes);
    if (excludedDays) preference.excludedDays = excludedDays.sort((a, b) => a - b);
    if (excludedDates) preference.excludedDates = excludedDates.sort();
    if (excludedTimes) preference.excludedTimes = excludedTimes;
    if (shared.earliest && !(preference.earliest && preference.earliest > shared.earliest))
      preference.earliest = shared.earliest;
    if (shared.latest && !(preference.latest && preference.latest < shared.latest))
      preference.latest = shared.latest;
  }
  if (options.length > 0) preference.anyOf = options;
  return preference;
}

function assembleTimes(
  items: Item[],
  entries: Sem[],
): Pick<TimePreference, 'times' | 'excludedTimes' | 'starts'> {
  const groups: TimeOfDayRange[][] = [];
  /** Per group, the exact starts in it ("om 10 uur"), or undefined when it has a window too. */
  const groupStarts: Array<number[] | undefined> = [];
  const excluded: TimeOfDayRange[] = [];
  let previous: { item: Item; closed: boolean } | undefined;
  for (const item of items) {
    const sem = item.sem;
    if (isDaySem(sem)) continue;
    if (item.negated) {
      if (sem.kind === 'window') excluded.push(sem.range);
      // "niet na 3 uur" is "voor 3 uur", and the other way round.
      else {
        groups.push([
          sem.side === 'after'
            ? { start: 0, end: sem.minute }
            : { start: sem.minute, end: DAY_MINUTES },
        ]);
        groupStarts.push(undefined);
      }
      continue;
    }
    const point = sem.kind === 'window' ? sem.point : undefined;
    // An exact time is a start: "om 10 uur" is a meeting from 10, however long it is.
    const range =
      point !== undefined
        ? { start: point, end: DAY_MINUTES }
        : sem.kind === 'window'
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
    if (previous && last && (or || (and && closed && previous.closed))) {
      last.push(range);
      const k = groupStarts.length - 1;
      const known = groupStarts[k];
      groupStarts[k] = known && point !== undefined ? [...known, point] : undefined;
    } else {
      groups.push([range]);
      groupStarts.push(point !== undefined ? [point] : undefined);
    }
    previous = { item, closed };
  }
  const result: Pick<TimePreference, 'times' | 'excludedTimes' | 'starts'> = {};
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
    const exact = groupStarts.filter((starts): starts is number[] => starts !== undefined);
    let starts: number[] | undefined;
    for (const group of exact) starts = starts ? starts.filter((s) => group.includes(s)) : group;
    if (starts) {
      const within = starts.filter((s) => ranges.some((r) => r.start <= s && s < r.end));
      if (within.length === 0) fail(); // "om 10 uur 's middags"
      result.starts = [...new Set(within)].sort((a, b) => a - b);
    }
    const onlyStarts = exact.length === groups.length;
    const whole = ranges.length === 1 && ranges[0]?.start === 0 && ranges[0].end === DAY_MINUTES;
    if (!whole && !onlyStarts) result.times = ranges;
  }
  if (excluded.length > 0) result.excludedTimes = uniqueRanges(excluded);
  return result;
}

function uniqueRanges(ranges: TimeOfDayRange[]): TimeOfDayRange[] {
  const seen = new Map(ranges.map((r) => [`${r.start}-${r.end}`, { start: r.start, end: r.end }]));
  return [...seen.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}
