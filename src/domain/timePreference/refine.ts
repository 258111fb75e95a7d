/**
 * A later answer to "Wanneer komt het u goed uit?" read together with the earlier ones, the way
 * a person listens: "dinsdagmiddag voor 3 uur", then "liever volgende week" is Tuesday afternoon
 * before 3 next week. A later answer replaces only the part it speaks about — the days ("toch
 * liever donderdag"), the week or dates ("over twee weken"), or the times ("na 3 uur") — and
 * adds what it says no to ("maar niet op vrijdag").
 */
import type { PreferenceOption, TimePreference } from '../calendarTime.js';

/**
 * The preference after a later answer: `next` replaces the days, the period or the times of
 * `previous` where it names them, and its exclusions are added.
 *
 * @example
 * refinePreference({ days: [2], times: [{ start: 720, end: 900 }] },
 *   { earliest: '2026-11-30', latest: '2026-12-06' });
 * // → { days: [2], times: [{ start: 720, end: 900 }], earliest: '2026-11-30', latest: '2026-12-06' }
 */
export function refinePreference(previous: TimePreference, next: TimePreference): TimePreference {
  const before = withoutAt(previous);
  const after = withoutAt(next);
  const out: TimePreference = { ...before };

  const namesDays = after.days !== undefined || after.dates !== undefined;
  const namesTimes = after.times !== undefined || after.starts !== undefined;
  const namesPeriod = after.earliest !== undefined || after.latest !== undefined;

  if (after.anyOf) {
    for (const key of ['days', 'dates', 'times', 'starts', 'anyOf'] as const) delete out[key];
    out.anyOf = after.anyOf;
  } else if (before.anyOf && (namesDays || namesTimes)) {
    const options = refineOptions(before.anyOf, after);
    if (options.length > 0) out.anyOf = options;
    else delete out.anyOf;
  }

  // A union refined keeps what the new answer says inside its options.
  const refinedUnion = before.anyOf !== undefined && out.anyOf !== undefined && !after.anyOf;
  if (namesDays && !after.anyOf && !refinedUnion) {
    delete out.days;
    delete out.dates;
    if (after.days) out.days = after.days;
    if (after.dates) {
      out.dates = after.dates;
      // A date replaces the week it was looked for in.
      delete out.earliest;
      delete out.latest;
    }
  }
  if (namesPeriod) {
    delete out.earliest;
    delete out.latest;
    if (after.earliest) out.earliest = after.earliest;
    if (after.latest) out.latest = after.latest;
    if (!after.dates && out.dates) {
      const inside = out.dates.filter(
        (date) =>
          (!after.earliest || date >= after.earliest) && (!after.latest || date <= after.latest),
      );
      if (inside.length > 0) out.dates = inside;
      else delete out.dates;
    }
  }
  if (namesTimes && !after.anyOf && !refinedUnion) {
    delete out.times;
    delete out.starts;
    if (after.times) out.times = after.times;
    if (after.starts) out.starts = after.starts;
  }

  // What is said no to adds up; a day said no to leaves the days named before.
  if (after.excludedDays) {
    out.excludedDays = union(before.excludedDays, after.excludedDays).sort((a, b) => a - b);
    if (out.days) {
      const left = out.days.filter((day) => !after.excludedDays?.includes(day));
      if (left.length > 0) {
        out.days = left;
        delete out.excludedDays;
      } else delete out.days;
    }
  } else if (namesDays && out.excludedDays && out.days) {
    delete out.excludedDays;
  }
  if (after.excludedDates)
    out.excludedDates = union(before.excludedDates, after.excludedDates).sort();
  if (after.excludedTimes) out.excludedTimes = union(before.excludedTimes, after.excludedTimes);
  return out;
}

/** An exact moment as a date with a start, so each part can be replaced on its own. */
function withoutAt(preference: TimePreference): TimePreference {
  const { at, ...rest } = preference;
  if (!at) return rest;
  return { ...rest, dates: rest.dates ?? [at.date], starts: rest.starts ?? [at.minute] };
}

/** "dinsdagochtend of donderdagmiddag", then "toch donderdag": the Thursday afternoon stays. */
function refineOptions(options: PreferenceOption[], next: TimePreference): PreferenceOption[] {
  const named = next.days;
  return options
    .filter((option) => !named || !option.days || option.days.some((day) => named.includes(day)))
    .map((option) => {
      const refined: PreferenceOption = { ...option };
      if (named && option.days) refined.days = option.days.filter((day) => named.includes(day));
      if (next.dates) {
        delete refined.days;
        refined.dates = next.dates;
      }
      if (next.times || next.starts) {
        delete refined.times;
        delete refined.starts;
        if (next.times) refined.times = next.times;
        if (next.starts) refined.starts = next.starts;
      }
      return refined;
    });
}

function union<T>(a: T[] | undefined, b: T[]): T[] {
  const seen = new Map<string, T>();
  for (const value of [...(a ?? []), ...b]) seen.set(JSON.stringify(value), value);
  return [...seen.values()];
}
