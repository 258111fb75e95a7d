/**
 * Why nothing matches a preference, when the reason is a rule rather than full calendars: the
 * minimum notice ("vandaag" at 16:00), a day nobody works (the weekend), a closure day, or a
 * day beyond the planning horizon. The resident hears the rule, with the earliest time that
 * can be had, instead of a bare "lukt niet".
 */
import type { TimePreference, Weekday } from '../calendarTime.js';
import { localDay, localDayNumber, MINUTE, type LocalDay } from './localDay.js';
import { compileTimes, dayMatches } from './preferenceFilter.js';
import { defaultHorizonDays, type CoachCalendar, type SearchWindow } from './searchWindow.js';

/** The rule that rules out every day the resident named. */
export type NotPossibleReason = 'notice' | 'noWork' | 'closed' | 'horizon' | 'outsideHours';

/** How far ahead named days are looked at: the furthest a typed date may be (eight weeks). */
const LOOK_AHEAD_DAYS = 56;

/**
 * The rule that rules out all the days (and times) the preference names, or `undefined` when
 * at least one of them is possible in principle (then the calendars are simply full).
 *
 * @example
 * // At 16:00 with 24 hours' notice: "vandaag" → 'notice'; "zaterdag" → 'noWork'.
 * whyNothingMatches({ ...window, coaches }, { dates: ['2026-11-23'] });
 */
export function whyNothingMatches(
  input: SearchWindow & { coaches: readonly CoachCalendar[] },
  preference: TimePreference,
): NotPossibleReason | undefined {
  if (Object.keys(preference).length === 0) return undefined;
  const now = input.now.getTime();
  const notBefore = now + input.minNoticeMinutes * MINUTE;
  const horizon = input.horizonDays ?? defaultHorizonDays;
  const today = localDayNumber(now);
  const workdays = new Set<Weekday>();
  for (const { coach } of input.coaches) {
    for (const [key, ranges] of Object.entries(coach.workingHours)) {
      if (ranges && ranges.length > 0) workdays.add(Number(key) as Weekday);
    }
  }
  let first: NotPossibleReason | undefined;
  let namedAny = false;
  for (let n = today; n < today + LOOK_AHEAD_DAYS; n += 1) {
    const day = localDay(n);
    if (!dayMatches(preference, day)) continue;
    namedAny = true;
    const reason = ruleOut(day, n - today, preference, input, { notBefore, horizon, workdays });
    if (reason === undefined) return undefined;
    first ??= reason;
  }
  return namedAny ? first : 'horizon';
}

function ruleOut(
  day: LocalDay,
  offset: number,
  preference: TimePreference,
  input: SearchWindow & { coaches: readonly CoachCalendar[] },
  rules: { notBefore: number; horizon: number; workdays: ReadonlySet<Weekday> },
): NotPossibleReason | undefined {
  if (offset >= rules.horizon) return 'horizon';
  if (input.closures.has(day.date)) return 'closed';
  if (!rules.workdays.has(day.weekday)) return 'noWork';
  const filter = compileTimes(preference, day);
  let withinHours = false;
  for (const { coach } of input.coaches) {
    const meetingMs = coach.meetingMinutes * MINUTE;
    for (const range of coach.workingHours[day.weekday] ?? []) {
      const start = day.boundary(range.start);
      const end = day.boundary(range.end);
      const fits = (from: number): boolean =>
        from + meetingMs <= end && filter.allows(from, end, meetingMs);
      if (fits(Math.max(start, rules.notBefore))) return undefined;
      if (fits(start)) withinHours = true;
    }
  }
  // Possible but for the notice ("vandaag", "nu meteen"), or outside everyone's hours ("om 22 uur").
  return withinHours ? 'notice' : 'outsideHours';
}
