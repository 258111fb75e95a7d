/**
 * When a coach can meet a resident: working hours minus calendar events, Voordeur's own
 * bookings, closure days, buffers and the minimum notice, within a horizon — all in
 * Amsterdam wall time (`PLANNING_ZONE`), whatever the server's zone.
 *
 * The search walks day by day and stops as soon as it has enough, so proposing three slots
 * across 50 coaches does not first build every slot of six weeks.
 *
 * Daylight saving time: a wall time that does not exist (2027-03-28 02:30) is skipped; a wall
 * time that happens twice (2026-10-25 02:30) means its first occurrence, so a resident is never
 * offered the same clock time twice.
 *
 * Here: the public search. In `availability/`: days in wall time (`localDay.ts`), matching a
 * preference (`preferenceFilter.ts`), a coach's busy time (`busyCursor.ts`) and the walk over the
 * days (`search.ts`).
 */
import type { Interval, Slot, TimePreference } from './calendarTime.js';
import { localDayOf } from './availability/localDay.js';
import { anyTimeFilter, compileTimes, dayMatches } from './availability/preferenceFilter.js';
import { collectDay, fill, prepareSearch, walkers } from './availability/search.js';
import type { CoachCalendar, SearchWindow } from './availability/searchWindow.js';

export { whyNothingMatches, type NotPossibleReason } from './availability/whyNot.js';
export {
  defaultHorizonDays,
  defaultStepMinutes,
  type CoachCalendar,
  type SearchWindow,
} from './availability/searchWindow.js';

export const defaultProposalCount = 3;

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

/**
 * Which part of a preference was let go to find alternatives: `startTime` keeps the day but
 * offers the starts nearest to an exact time that is taken ("om 10:45" → 10:30, 11:00).
 */
export type Relaxation = 'startTime' | 'times' | 'days' | 'everything';

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
  const near = nearestStarts(input);
  if (near) return near;
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

/** How far from a taken exact time the nearest starts are looked for. */
const NEAR_MINUTES = 180;

/**
 * An exact time that is taken ("woensdag om 10:45"): the starts nearest to it on the first day
 * that has any within three hours, the closest ones, shown in order of time.
 */
function nearestStarts(input: ProposeSlotsInput): Alternatives | undefined {
  const { preference } = input;
  const wanted = [...(preference.starts ?? []), ...(preference.at ? [preference.at.minute] : [])];
  if (wanted.length === 0) return undefined;
  const near: TimePreference = { ...preference };
  delete near.starts;
  delete near.at;
  if (preference.at) near.dates = [preference.at.date];
  const longest = Math.max(60, ...input.coaches.map(({ coach }) => coach.meetingMinutes));
  near.times = wanted.map((minute) => ({
    start: Math.max(0, minute - NEAR_MINUTES),
    end: Math.min(24 * 60, minute + NEAR_MINUTES + longest),
  }));
  const count = input.count ?? defaultProposalCount;
  const found = proposeSlots({ ...input, preference: near, count: 24, spreadDays: false });
  const first = found[0];
  if (!first) return undefined;
  const firstDay = localDayOf(first.start);
  const distance = (slot: Slot): number => {
    const minute = Math.round((slot.start - firstDay.start) / 60_000);
    return Math.min(...wanted.map((w) => Math.abs(minute - w)));
  };
  const slots = found
    .filter((slot) => localDayOf(slot.start).date === firstDay.date)
    .sort((a, b) => distance(a) - distance(b) || a.start - b.start)
    .slice(0, count)
    .sort((a, b) => a.start - b.start);
  return { relaxed: 'startTime', preference: near, slots };
}

function relaxations(preference: TimePreference): Array<Omit<Alternatives, 'slots'>> {
  const withoutTimes: TimePreference = { ...preference };
  delete withoutTimes.times;
  delete withoutTimes.excludedTimes;
  delete withoutTimes.at;
  delete withoutTimes.starts;
  if (withoutTimes.anyOf) {
    withoutTimes.anyOf = withoutTimes.anyOf.map(({ days, dates }) => ({
      ...(days ? { days } : {}),
      ...(dates ? { dates } : {}),
    }));
  }
  const at = preference.at;
  if (at) {
    withoutTimes.dates = (preference.dates ?? [at.date]).filter((date) => date === at.date);
  }
  const withoutDays: TimePreference = { ...preference };
  if (withoutDays.anyOf) {
    withoutDays.anyOf = withoutDays.anyOf.map(({ times, starts }) => ({
      ...(times ? { times } : {}),
      ...(starts ? { starts } : {}),
    }));
  }
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
