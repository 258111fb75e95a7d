import { DateTime, IANAZone } from 'luxon';
import type { Coach } from './coach.js';
import {
  PLANNING_ZONE,
  type Interval,
  type Slot,
  type TimeOfDayRange,
  type TimePreference,
  type Weekday,
} from './planning.js';

/**
 * When a coach can meet a resident: working hours minus calendar events, Voordeur's own
 * bookings, closure days, buffers and the minimum notice, within a horizon — all in
 * {@link PLANNING_ZONE} wall time, whatever the server's zone.
 *
 * The search walks day by day and stops as soon as it has enough, so proposing three slots
 * across 50 coaches does not first build every slot of six weeks.
 *
 * Daylight saving time: a wall time that does not exist (2027-03-28 02:30) is skipped; a wall
 * time that happens twice (2026-10-25 02:30) means its first occurrence, so a resident is never
 * offered the same clock time twice.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const MINUTES_PER_DAY = 24 * 60;

export const defaultHorizonDays = 28;
export const defaultStepMinutes = 30;
export const defaultProposalCount = 3;

/** The calendars of one coach, as the calendar port and the bookings store return them. */
export interface CoachCalendar {
  coach: Coach;
  /** Events in the coach's own calendar (absolute time). */
  busy: readonly Interval[];
  /** Voordeur bookings of this coach, meeting time only (the buffer is added here). */
  bookings: readonly Interval[];
}

export interface SearchWindow {
  /** ISO dates on which nobody is met (see `closureDays`). */
  closures: ReadonlySet<string>;
  now: Date;
  /** No slot starts earlier than `now` plus this, e.g. 24 * 60. */
  minNoticeMinutes: number;
  /** Calendar days in Amsterdam, today included; default {@link defaultHorizonDays}. */
  horizonDays?: number;
  /** Slot starts fall on this grid from local midnight (and on each range's start); default 30. */
  stepMinutes?: number;
}

export type FreeSlotsInput = CoachCalendar & SearchWindow;

export interface ProposeSlotsInput extends SearchWindow {
  /** In order of preference (see `rankCoaches`): on equal start times the first coach wins. */
  coaches: readonly CoachCalendar[];
  preference: TimePreference;
  /** How many slots to propose; default {@link defaultProposalCount}. */
  count?: number;
  /** Propose different days while the horizon allows it; default true. */
  spreadDays?: boolean;
}

/** Which part of a preference was let go to find alternatives. */
export type Relaxation = 'times' | 'days' | 'everything';

export interface Alternatives {
  relaxed: Relaxation;
  /** The preference the slots do match, e.g. to say "Wel op dinsdag" after "dinsdagochtend". */
  preference: TimePreference;
  slots: Slot[];
}

/**
 * Every free slot of one coach within the horizon, sorted by start.
 *
 * A slot is `[start, start + meetingMinutes)`, fully inside one working-hours range (ranges of a
 * day that overlap or touch count as one), on a day that is not a closure day, starting no
 * earlier than `now + minNoticeMinutes`, and keeping `bufferMinutes` free before and after
 * every busy interval and booking.
 *
 * @example
 * freeSlots({ coach, busy, bookings: [], closures, now: clock.now(), minNoticeMinutes: 24 * 60 });
 */
export function freeSlots(input: FreeSlotsInput): Slot[] {
  const search = prepareSearch(input, [input]);
  const slots: Slot[] = [];
  const [walker] = walkers(search);
  if (!walker) return slots;
  for (const day of search.days()) collectDay(walker, day, search, anyTimeFilter, Infinity, slots);
  return slots;
}

/**
 * The earliest `count` slots across the given coaches that match the resident's preference,
 * sorted by start; empty when nothing matches (then see {@link nearestAlternatives}).
 *
 * For variety, a coach gets at most one slot per day, and with `spreadDays` (the default) each
 * proposal is on a different day. When the horizon has too few days or coaches for that, the
 * remaining places are filled with the earliest other matching slots, so a resident who asked
 * for one specific day still gets a choice on that day.
 */
export function proposeSlots(input: ProposeSlotsInput): Slot[] {
  const count = input.count ?? defaultProposalCount;
  const spreadDays = input.spreadDays ?? true;
  const passes: Array<{ perCoachDay: number; onePerDay: boolean }> = [
    ...(spreadDays ? [{ perCoachDay: 1, onePerDay: true }] : []),
    { perCoachDay: 1, onePerDay: false },
    { perCoachDay: Infinity, onePerDay: false },
  ];
  const search = prepareSearch(input, input.coaches);
  const picked: Slot[] = [];
  const taken = new Set<string>();
  for (const pass of passes) {
    if (picked.length >= count) break;
    const { perCoachDay, onePerDay } = pass;
    const found = fill(search, input.preference, count, perCoachDay, onePerDay, picked, taken);
    // Every pass sees at least the slots of the one before: nothing found means nothing exists.
    if (found === 0 && picked.length === 0) break;
  }
  const order = new Map(input.coaches.map((entry, index) => [entry.coach.id, index]));
  return picked.sort(
    (a, b) => a.start - b.start || (order.get(a.coachId) ?? 0) - (order.get(b.coachId) ?? 0),
  );
}

/**
 * When nothing matches: the earliest slots for the preference relaxed step by step — first
 * without its times of day (and the time of an exact moment), then with its times but without
 * its days and dates, then anything within the horizon. Steps that would not change the
 * preference are skipped. The earliest/latest window is kept until the last step.
 *
 * @example
 * // "dinsdagochtend" is full → { relaxed: 'times', preference: { days: [2] }, slots: [...] }
 * nearestAlternatives({ ...input, preference: { days: [2], times: [dayParts.morning] } });
 */
export function nearestAlternatives(input: ProposeSlotsInput): Alternatives {
  for (const step of relaxations(input.preference)) {
    const slots = proposeSlots({ ...input, preference: step.preference });
    if (slots.length > 0) return { ...step, slots };
  }
  return { relaxed: 'everything', preference: {}, slots: [] };
}

/**
 * Whether a slot matches a preference, exactly as documented on {@link TimePreference}, in
 * Amsterdam wall time: the slot's date and weekday are those of its start.
 */
export function matchesPreference(slot: Interval, preference: TimePreference): boolean {
  const day = localDayOf(slot.start);
  if (!dayMatches(preference, day)) return false;
  return compileTimes(preference, day).matches(slot.start, slot.end);
}

function relaxations(preference: TimePreference): Array<Omit<Alternatives, 'slots'>> {
  const withoutTimes: TimePreference = { ...preference };
  delete withoutTimes.times;
  delete withoutTimes.excludedTimes;
  delete withoutTimes.at;
  const at = preference.at;
  if (at) {
    withoutTimes.dates = (preference.dates ?? [at.date]).filter((date) => date === at.date);
  }
  const withoutDays: TimePreference = { ...preference };
  for (const key of ['days', 'excludedDays', 'dates', 'excludedDates', 'at'] as const) {
    delete withoutDays[key];
  }
  const steps: Array<Omit<Alternatives, 'slots'>> = [
    { relaxed: 'times', preference: withoutTimes },
    { relaxed: 'days', preference: withoutDays },
    { relaxed: 'everything', preference: {} },
  ];
  const seen = new Set([canonical(preference)]);
  return steps.filter((step) => {
    const key = canonical(step.preference);
    // An empty preference is 'everything', whichever step got there first.
    if (seen.has(key) || (key === canonical({}) && step.relaxed !== 'everything')) return false;
    seen.add(key);
    return true;
  });
}

function canonical(preference: TimePreference): string {
  const entries = Object.entries(preference).filter(([, value]) => value !== undefined);
  return JSON.stringify(entries.sort(([a], [b]) => a.localeCompare(b)));
}

// ---------------------------------------------------------------------------------------------
// Days in Amsterdam wall time

const zone = IANAZone.create(PLANNING_ZONE);

/**
 * One calendar day in the planning zone. On the 363 days without a clock change a wall time is
 * plain arithmetic from midnight; on the other two, luxon builds each wall time and we check
 * that it round-trips (luxon silently moves 02:30 to 03:30 on the spring-forward night).
 */
class LocalDay {
  readonly date: string;
  readonly weekday: Weekday;
  /** Epoch ms of local midnight and of the next local midnight. */
  readonly start: number;
  readonly end: number;
  private readonly uniform: boolean;
  private readonly wallTimes = new Map<number, number | undefined>();

  constructor(readonly dayNumber: number) {
    const utc = new Date(dayNumber * DAY);
    this.date = utc.toISOString().slice(0, 10);
    this.weekday = (((utc.getUTCDay() + 6) % 7) + 1) as Weekday;
    const civil = {
      year: utc.getUTCFullYear(),
      month: utc.getUTCMonth() + 1,
      day: utc.getUTCDate(),
    };
    const midnight = DateTime.fromObject(civil, { zone: PLANNING_ZONE });
    this.start = midnight.toMillis();
    this.end = midnight.plus({ days: 1 }).startOf('day').toMillis();
    this.uniform = this.end - this.start === DAY;
  }

  /** Epoch ms of a wall time this day, or undefined when the clock skips it. */
  at(minute: number): number | undefined {
    if (this.uniform) return this.start + minute * MINUTE;
    if (this.wallTimes.has(minute)) return this.wallTimes.get(minute);
    const epoch = this.resolve(minute);
    this.wallTimes.set(minute, epoch);
    return epoch;
  }

  /** Epoch ms where a range boundary lies: a skipped wall time becomes the first one after it. */
  boundary(minute: number): number {
    if (minute >= MINUTES_PER_DAY) return this.end;
    if (minute <= 0) return this.start;
    for (let m = minute; m < MINUTES_PER_DAY; m += 1) {
      const epoch = this.at(m);
      if (epoch !== undefined) return epoch;
    }
    return this.end;
  }

  private resolve(minute: number): number | undefined {
    const hour = Math.floor(minute / 60);
    const wall = DateTime.fromObject(
      {
        year: Number(this.date.slice(0, 4)),
        month: Number(this.date.slice(5, 7)),
        day: Number(this.date.slice(8, 10)),
        hour,
        minute: minute % 60,
      },
      { zone: PLANNING_ZONE },
    );
    if (wall.hour !== hour || wall.minute !== minute % 60) return undefined;
    // Twice on the night the clocks go back: luxon picks the later one; we want the first.
    const earlier = wall.toMillis() - 60 * MINUTE;
    return wallMinute(earlier) === minute && localDayNumber(earlier) === this.dayNumber
      ? earlier
      : wall.toMillis();
  }
}

function localMillis(epoch: number): number {
  return epoch + zone.offset(epoch) * MINUTE;
}

function localDayNumber(epoch: number): number {
  return Math.floor(localMillis(epoch) / DAY);
}

function wallMinute(epoch: number): number {
  const local = localMillis(epoch);
  return Math.floor((local - Math.floor(local / DAY) * DAY) / MINUTE);
}

/** Days are pure functions of their date, so they are shared between searches. */
const days = new Map<number, LocalDay>();
const maxCachedDays = 4000;

function localDay(dayNumber: number): LocalDay {
  let day = days.get(dayNumber);
  if (!day) {
    if (days.size >= maxCachedDays) days.clear();
    day = new LocalDay(dayNumber);
    days.set(dayNumber, day);
  }
  return day;
}

function localDayOf(epoch: number): LocalDay {
  return localDay(localDayNumber(epoch));
}

// ---------------------------------------------------------------------------------------------
// Preferences

function dayMatches(preference: TimePreference, day: LocalDay): boolean {
  const { date, weekday } = day;
  if (preference.earliest !== undefined && date < preference.earliest) return false;
  if (preference.latest !== undefined && date > preference.latest) return false;
  if (preference.days && !preference.days.includes(weekday)) return false;
  if (preference.excludedDays?.includes(weekday)) return false;
  if (preference.dates && !preference.dates.includes(date)) return false;
  if (preference.excludedDates?.includes(date)) return false;
  if (preference.at && preference.at.date !== date) return false;
  return true;
}

interface TimeFilter {
  matches(start: number, end: number): boolean;
  /** Whether a meeting of this length could match anywhere in [start, end); saves a walk. */
  allows(start: number, end: number, meetingMs: number): boolean;
}

const anyTimeFilter: TimeFilter = { matches: () => true, allows: () => true };

/** The time-of-day parts of a preference as absolute intervals of one day. */
function compileTimes(preference: TimePreference, day: LocalDay): TimeFilter {
  const { times, excludedTimes, at } = preference;
  if (!times && !excludedTimes && !at) return anyTimeFilter;
  const toInterval = (range: TimeOfDayRange): Interval => ({
    start: day.boundary(range.start),
    end: day.boundary(range.end),
  });
  const within = times?.map(toInterval);
  const excluded = excludedTimes?.map(toInterval) ?? [];
  const atStart = at ? (day.at(at.minute) ?? Number.NaN) : undefined;
  return {
    matches(start, end) {
      if (atStart !== undefined && start !== atStart) return false;
      if (within && !within.some((range) => range.start <= start && end <= range.end)) {
        return false;
      }
      return !excluded.some((range) => range.start < end && start < range.end);
    },
    allows(start, end, meetingMs) {
      if (atStart !== undefined) return start <= atStart && atStart + meetingMs <= end;
      if (!within) return true;
      return within.some(
        (range) => Math.max(range.start, start) + meetingMs <= Math.min(range.end, end),
      );
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The walk

/** One coach, ready to walk: hours merged, calendars sorted. Cursors are made per walk. */
interface PreparedCoach {
  coachId: string;
  meetingMs: number;
  bufferMs: number;
  /** Merged working-hours ranges per ISO weekday, sorted. */
  hours: ReadonlyMap<Weekday, readonly TimeOfDayRange[]>;
  busy: ReadonlyArray<readonly Interval[]>;
}

interface Search {
  coaches: PreparedCoach[];
  notBefore: number;
  step: number;
  /** The days of the horizon that are not closed and not over before `notBefore`. */
  days(): Iterable<LocalDay>;
}

function prepareSearch(window: SearchWindow, calendars: readonly CoachCalendar[]): Search {
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

/**
 * Busy time of one coach, each interval widened by the buffer, merged lazily while the walk
 * moves forward. Slot starts only increase during a walk, so blocks that end before the current
 * start are never needed again and the whole walk costs one pass over the calendar.
 */
class BusyCursor {
  private readonly next: number[];
  private blockStart = -Infinity;
  private blockEnd = -Infinity;

  /** `lists` must each be sorted by start. */
  constructor(
    private readonly lists: ReadonlyArray<readonly Interval[]>,
    private readonly bufferMs: number,
  ) {
    this.next = lists.map(() => 0);
  }

  /** Whether [start, end) touches busy time; `start` must not decrease between calls. */
  overlaps(start: number, end: number): boolean {
    while (this.blockEnd <= start) this.loadBlock();
    return this.blockStart < end;
  }

  private loadBlock(): void {
    const first = this.take();
    if (!first) {
      this.blockStart = this.blockEnd = Infinity;
      return;
    }
    this.blockStart = first.start - this.bufferMs;
    this.blockEnd = first.end + this.bufferMs;
    for (;;) {
      const following = this.peek();
      if (!following || following.interval.start - this.bufferMs > this.blockEnd) return;
      this.next[following.list] = (this.next[following.list] ?? 0) + 1;
      if (following.interval.end > following.interval.start) {
        this.blockEnd = Math.max(this.blockEnd, following.interval.end + this.bufferMs);
      }
    }
  }

  private take(): Interval | undefined {
    for (;;) {
      const head = this.peek();
      if (!head) return undefined;
      this.next[head.list] = (this.next[head.list] ?? 0) + 1;
      // An event without duration (a reminder) keeps nobody busy.
      if (head.interval.end > head.interval.start) return head.interval;
    }
  }

  private peek(): { interval: Interval; list: number } | undefined {
    let best: { interval: Interval; list: number } | undefined;
    for (let list = 0; list < this.lists.length; list += 1) {
      const interval = this.lists[list]?.[this.next[list] ?? 0];
      if (interval && (!best || interval.start < best.interval.start)) best = { interval, list };
    }
    return best;
  }
}

/** A coach during one walk over the days. */
interface Walker {
  coach: PreparedCoach;
  busy: BusyCursor;
}

function walkers(search: Search): Walker[] {
  return search.coaches.map((coach) => ({
    coach,
    busy: new BusyCursor(coach.busy, coach.bufferMs),
  }));
}

/** Appends up to `limit` free, matching slots of one coach on one day to `out`, in order. */
function collectDay(
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
function fill(
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
