/**
 * The shared vocabulary of planning a first meeting: weekdays, times of day, the resident's
 * time preference, and slots. Pure data; the logic lives in `timePreference.ts`,
 * `availability.ts` and `coachChoice.ts`.
 *
 * All wall-clock values are in {@link PLANNING_ZONE}. Dates are ISO calendar dates
 * (`2026-12-03`); times of day are minutes after local midnight (13:30 → 810).
 */

/** Every meeting happens in the municipality's time zone, whatever the server's zone. */
export const PLANNING_ZONE = 'Europe/Amsterdam';

/** ISO weekday: 1 = Monday … 7 = Sunday (luxon's numbering). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A window within a day, in minutes after local midnight; `end` is exclusive. */
export interface TimeOfDayRange {
  start: number;
  end: number;
}

/** Named parts of the day, as residents say them ("'s ochtends", "in the afternoon"). */
export type DayPart = 'morning' | 'afternoon' | 'evening';

export const dayParts: Record<DayPart, TimeOfDayRange> = {
  morning: { start: 8 * 60, end: 12 * 60 },
  afternoon: { start: 12 * 60, end: 17 * 60 },
  evening: { start: 17 * 60, end: 21 * 60 },
};

/**
 * When a resident would like to meet, as understood from buttons or their own words.
 * Every field narrows the choice; an empty preference ("maakt niet uit") allows everything.
 *
 * A slot matches when: its date is within [earliest, latest]; its weekday is in `days` (if
 * given) and not in `excludedDays`; its date is in `dates` (if given) and not in
 * `excludedDates`; the whole meeting lies within one of `times` (if given) and overlaps none
 * of `excludedTimes`; it starts at one of `starts` (if given); it matches one of `anyOf` (if given);
 * and, if `at` is given, it starts at that exact date and time.
 */
export interface TimePreference {
  days?: Weekday[];
  excludedDays?: Weekday[];
  dates?: string[];
  excludedDates?: string[];
  times?: TimeOfDayRange[];
  excludedTimes?: TimeOfDayRange[];
  earliest?: string;
  latest?: string;
  /** A precise moment ("morgen om 10 uur"): date and minutes after midnight. */
  at?: { date: string; minute: number };
  /**
   * Exact start times, minutes after midnight ("om kwart voor 11" → 645): the meeting starts at
   * one of them, also off the planner's 30-minute grid.
   */
  starts?: number[];
  /**
   * Alternatives ("dinsdagochtend of donderdagmiddag"): the slot must match at least one of
   * them, besides every other field.
   */
  anyOf?: PreferenceOption[];
}

/** One alternative of a union: days or dates, with times or exact starts on them. */
export interface PreferenceOption {
  days?: Weekday[];
  dates?: string[];
  times?: TimeOfDayRange[];
  starts?: number[];
}

/** A half-open interval of absolute time [start, end), in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** A concrete moment a coach could meet: absolute start and end (epoch ms). */
export interface Slot extends Interval {
  coachId: string;
}
