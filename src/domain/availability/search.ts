/**
 * The walk over the days of the horizon: each coach's working hours merged once, calendars
 * sorted, and per day the free slots that match, earliest first, until there are enough.
 */
import type { Coach } from '../coach.js';
import type { Interval, Slot, TimeOfDayRange, TimePreference, Weekday } from '../calendarTime.js';
import { BusyCursor } from './busyCursor.js';
import { MINUTE, localDay, localDayNumber, type LocalDay } from './localDay.js';
import { compileTimes, dayMatches, type TimeFilter } from './preferenceFilter.js';
import {
  defaultHorizonDays,
  defaultStepMinutes,
  type CoachCalendar,
  type SearchWindow,
} from './searchWindow.js';

/** One coach, ready to walk: hours merged, calendars sorted. Cursors are made per walk. */
interface PreparedCoach {
  coachId: string;
  meetingMs: number;
  bufferMs: number;
  /** Merged working-hours ranges per ISO weekday, sorted. */
  hours: ReadonlyMap<Weekday, readonly TimeOfDayRange[]>;
  busy: ReadonlyArray<readonly Interval[]>;
}

export interface Search {
  coaches: PreparedCoach[];
  notBefore: number;
  step: number;
  /** The days of the horizon that are not closed and not over before `notBefore`. */
  days(): Iterable<LocalDay>;
}

/** Checks the window and prepares the coaches once for every pass of one search. */
export function prepareSearch(window: SearchWindow, calendars: readonly CoachCalendar[]): Search {
  const horizonDays = window.horizonDays ?? defaultHorizonDays;
  const step = window.stepMinutes ?? defaultStepMinutes;
  if (!Number.isInteger(step) || step < 1) throw new RangeError('stepMinutes must be 1 or more');
  if (!Number.isFinite(horizonDays)) throw new RangeError('horizonDays must be a number');
  const now = window.now.getTime();
  const notBefore = now + window.minNoticeMinutes * MINUTE;
  const today = localDayNumber(now);
  return {
    coaches: calendars.map(prepareCoach),
    notBefore,
    step,
    *days() {
      for (let n = today; n < today + horizonDays; n += 1) {
        const day = localDay(n);
        if (day.end <= notBefore || window.closures.has(day.date)) continue;
        yield day;
      }
    },
  };
}

function prepareCoach({ coach, busy, bookings }: CoachCalendar): PreparedCoach {
  return {
    coachId: coach.id,
    meetingMs: coach.meetingMinutes * MINUTE,
    bufferMs: coach.bufferMinutes * MINUTE,
    hours: mergedHours(coach.workingHours),
    busy: [sortedByStart(busy), sortedByStart(bookings)],
  };
}

/**
 * Coaches come from validated configuration and are not changed in place, so their merged
 * hours are kept per `workingHours` object instead of being rebuilt for every search.
 */
const hoursCache = new WeakMap<Coach['workingHours'], Map<Weekday, TimeOfDayRange[]>>();

function mergedHours(workingHours: Coach['workingHours']): Map<Weekday, TimeOfDayRange[]> {
  let hours = hoursCache.get(workingHours);
  if (!hours) {
    hours = new Map();
    for (const [key, ranges] of Object.entries(workingHours)) {
      if (ranges && ranges.length > 0) hours.set(Number(key) as Weekday, mergeRanges(ranges));
    }
    hoursCache.set(workingHours, hours);
  }
  return hours;
}

function mergeRanges(ranges: readonly TimeOfDayRange[]): TimeOfDayRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: TimeOfDayRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ start: range.start, end: range.end });
  }
  return merged;
}

/** Calendar adapters return events in order; sort a copy only when they did not. */
function sortedByStart(list: readonly Interval[]): readonly Interval[] {
  for (let i = 1; i < list.length; i += 1) {
    if ((list[i] as Interval).start < (list[i - 1] as Interval).start) {
      return [...list].sort((a, b) => a.start - b.start);
    }
  }
  return list;
}

/** A coach during one walk over the days. */
interface Walker {
  coach: PreparedCoach;
  busy: BusyCursor;
}

/** Fresh cursors over each coach's busy time, for one walk from the first day. */
export function walkers(search: Search): Walker[] {
  return search.coaches.map((coach) => ({
    coach,
    busy: new BusyCursor(coach.busy, coach.bufferMs),
  }));
}

/** Appends up to `limit` free, matching slots of one coach on one day to `out`, in order. */
export function collectDay(
  { coach, busy }: Walker,
  day: LocalDay,
  search: Search,
  filter: TimeFilter,
  limit: number,
  out: Slot[],
): number {
  const ranges = coach.hours.get(day.weekday);
  if (!ranges) return 0;
  const { step, notBefore } = search;
  const { meetingMs } = coach;
  let added = 0;
  for (const range of ranges) {
    const rangeStart = day.boundary(range.start);
    const rangeEnd = day.boundary(range.end);
    if (rangeEnd - meetingMs < notBefore) continue;
    if (!filter.allows(rangeStart, rangeEnd, meetingMs)) continue;
    if (filter.starts) {
      // Exact times ("om kwart voor 11"): only those starts, on the grid or not.
      for (const start of filter.starts) {
        const end = start + meetingMs;
        if (start < rangeStart || end > rangeEnd || start < notBefore) continue;
        if (!filter.matches(start, end) || busy.overlaps(start, end)) continue;
        out.push({ coachId: coach.coachId, start, end });
        added += 1;
        if (added >= limit) return added;
      }
      continue;
    }
    for (
      let minute = range.start;
      minute < range.end;
      minute = minute === range.start ? (Math.floor(minute / step) + 1) * step : minute + step
    ) {
      const start = day.at(minute);
      if (start === undefined) continue;
      const end = start + meetingMs;
      if (end > rangeEnd) break;
      if (start < notBefore || !filter.matches(start, end) || busy.overlaps(start, end)) continue;
      out.push({ coachId: coach.coachId, start, end });
      added += 1;
      if (added >= limit) return added;
    }
  }
  return added;
}

/**
 * One pass of {@link proposeSlots}: walks the days in order and adds the earliest slots that
 * are not taken yet, at most `perCoachDay` per coach per day (and one per day if `onePerDay`),
 * until `picked` holds `count`. Returns how many it added.
 */
export function fill(
  search: Search,
  preference: TimePreference,
  count: number,
  perCoachDay: number,
  onePerDay: boolean,
  picked: Slot[],
  taken: Set<string>,
): number {
  const coaches = walkers(search);
  const before = picked.length;
  const pickedDays = new Set(picked.map((slot) => localDayNumber(slot.start)));
  for (const day of search.days()) {
    if (!dayMatches(preference, day)) continue;
    if (onePerDay && pickedDays.has(day.dayNumber)) continue;
    const filter = compileTimes(preference, day);
    const candidates: Slot[] = [];
    for (const walker of coaches) collectDay(walker, day, search, filter, perCoachDay, candidates);
    // Stable: on equal starts the coach given first stays first.
    candidates.sort((a, b) => a.start - b.start);
    for (const slot of candidates) {
      const key = `${slot.coachId}@${slot.start}`;
      if (taken.has(key)) continue;
      taken.add(key);
      picked.push(slot);
      if (picked.length >= count || onePerDay) break;
    }
    if (picked.length >= count) break;
  }
  return picked.length - before;
}
