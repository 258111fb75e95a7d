/**
 * Whether a day and a slot on it match a resident's {@link TimePreference}, in wall time: the
 * slot's date and weekday are those of its start.
 */
import type {
  Interval,
  PreferenceOption,
  TimeOfDayRange,
  TimePreference,
} from '../calendarTime.js';
import type { LocalDay } from './localDay.js';

/** Whether a day can hold a slot for this preference: its date, weekday and bounds. */
export function dayMatches(preference: TimePreference, day: LocalDay): boolean {
  const { date, weekday } = day;
  if (preference.earliest !== undefined && date < preference.earliest) return false;
  if (preference.latest !== undefined && date > preference.latest) return false;
  if (preference.days && !preference.days.includes(weekday)) return false;
  if (preference.excludedDays?.includes(weekday)) return false;
  if (preference.dates && !preference.dates.includes(date)) return false;
  if (preference.excludedDates?.includes(date)) return false;
  if (preference.at && preference.at.date !== date) return false;
  if (preference.anyOf && !preference.anyOf.some((option) => optionDayMatches(option, day)))
    return false;
  return true;
}

function optionDayMatches(option: PreferenceOption, day: LocalDay): boolean {
  if (option.days && !option.days.includes(day.weekday)) return false;
  if (option.dates && !option.dates.includes(day.date)) return false;
  return true;
}

export interface TimeFilter {
  matches(start: number, end: number): boolean;
  /** Whether a meeting of this length could match anywhere in [start, end); saves a walk. */
  allows(start: number, end: number, meetingMs: number): boolean;
  /**
   * The only starts that can match (absolute ms), when the preference names exact times: then
   * the walk tries these instead of its grid, so 10:45 can be offered on a 30-minute grid.
   */
  starts?: readonly number[];
}

export const anyTimeFilter: TimeFilter = { matches: () => true, allows: () => true };

interface TimeParts {
  times?: TimeOfDayRange[] | undefined;
  excludedTimes?: TimeOfDayRange[] | undefined;
  starts?: number[] | undefined;
  at?: TimePreference['at'];
}

/** The time-of-day parts of a preference as absolute intervals of one day. */
export function compileTimes(preference: TimePreference, day: LocalDay): TimeFilter {
  const own = compileParts(preference, day);
  if (!preference.anyOf) return own;
  const options = preference.anyOf
    .filter((option) => optionDayMatches(option, day))
    .map((option) => compileParts(option, day));
  if (options.length === 0) return { matches: () => false, allows: () => false, starts: [] };
  const optionStarts = options.every((option) => option.starts)
    ? options.flatMap((option) => option.starts ?? [])
    : undefined;
  const starts = own.starts
    ? own.starts.filter((start) => !optionStarts || optionStarts.includes(start))
    : optionStarts;
  return {
    matches: (start, end) =>
      own.matches(start, end) && options.some((option) => option.matches(start, end)),
    allows: (start, end, meetingMs) =>
      own.allows(start, end, meetingMs) &&
      options.some((option) => option.allows(start, end, meetingMs)),
    ...(starts ? { starts: [...new Set(starts)].sort((a, b) => a - b) } : {}),
  };
}

function compileParts(parts: TimeParts, day: LocalDay): TimeFilter {
  const { times, excludedTimes, at } = parts;
  if (!times && !excludedTimes && !at && !parts.starts) return anyTimeFilter;
  const toInterval = (range: TimeOfDayRange): Interval => ({
    start: day.boundary(range.start),
    end: day.boundary(range.end),
  });
  const within = times?.map(toInterval);
  const excluded = excludedTimes?.map(toInterval) ?? [];
  let starts: number[] | undefined;
  if (at || parts.starts) {
    const minutes = at
      ? (parts.starts ?? [at.minute]).filter((m) => m === at.minute)
      : parts.starts;
    starts = (minutes ?? [])
      .map((minute) => day.at(minute))
      .filter((start): start is number => start !== undefined)
      .sort((a, b) => a - b);
  }
  const startSet = starts ? new Set(starts) : undefined;
  return {
    matches(start, end) {
      if (startSet && !startSet.has(start)) return false;
      if (within && !within.some((range) => range.start <= start && end <= range.end)) {
        return false;
      }
      return !excluded.some((range) => range.start < end && start < range.end);
    },
    allows(start, end, meetingMs) {
      if (starts) return starts.some((s) => start <= s && s + meetingMs <= end);
      if (!within) return true;
      return within.some(
        (range) => Math.max(range.start, start) + meetingMs <= Math.min(range.end, end),
      );
    },
    ...(starts ? { starts } : {}),
  };
}
