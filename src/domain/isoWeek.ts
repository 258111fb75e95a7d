import { DateTime } from 'luxon';

/**
 * Weeks as the team speaks of them: ISO weeks (Monday to Sunday) in Europe/Amsterdam,
 * written `2026-W48`. Funnel counts and conversation summaries are filed by week.
 */
const zone = 'Europe/Amsterdam';
const weekPattern = /^(\d{4})-W(\d{2})$/;

/** The ISO week `at` falls in, in Amsterdam. */
export function isoWeekOf(at: Date): string {
  const local = DateTime.fromJSDate(at, { zone });
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}

/** Whether `value` is a week that exists (`2026-W53` exists, `2027-W53` does not). */
export function isIsoWeek(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = weekPattern.exec(value);
  if (!match) return false;
  const week = DateTime.fromObject(
    { weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 },
    { zone },
  );
  return week.isValid && isoWeekOf(week.toJSDate()) === value;
}

/** Monday 00:00 to the next Monday 00:00 (Amsterdam) of an ISO week. */
export function weekSpan(week: string): { start: Date; end: Date } {
  const match = weekPattern.exec(week);
  if (!match || !isIsoWeek(week)) throw new RangeError(`not an ISO week: ${week}`);
  const start = DateTime.fromObject(
    { weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 },
    { zone },
  ).startOf('day');
  return { start: start.toJSDate(), end: start.plus({ weeks: 1 }).toJSDate() };
}

/** The week `offset` weeks after `week` (negative: before). */
export function shiftWeek(week: string, offset: number): string {
  const { start } = weekSpan(week);
  return isoWeekOf(
    DateTime.fromJSDate(start, { zone }).plus({ weeks: offset, hours: 12 }).toJSDate(),
  );
}
