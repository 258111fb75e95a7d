/**
 * Whether a day and a slot on it match a resident's {@link TimePreference}, in wall time: the
 * slot's date and weekday are those of its start.
 */
import type { Interval, TimeOfDayRange, TimePreference } from '../calendarTime.js';
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
  return true;
}

export interface TimeFilter {
  matches(start: number, end: number): boolean;
  /** Whether a meeting of this length could match anywhere in [start, end); saves a walk. */
  allows(start: number, end: number, meetingMs: number): boolean;
}

export const anyTimeFilter: TimeFilter = { matches: () => true, allows: () => true };

/** The time-of-day parts of a preference as absolute intervals of one day. */
export function compileTimes(preference: TimePreference, day: LocalDay): TimeFilter {
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
