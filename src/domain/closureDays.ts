import Holidays from 'date-holidays';

/**
 * The days the municipality is closed, so no first meeting is planned on them.
 *
 * `date-holidays` gives the Dutch public holidays (Nieuwjaar, Pasen, Koningsdag, Hemelvaart,
 * Pinksteren, Kerst). It marks Goede Vrijdag and Bevrijdingsdag only as `school`, because
 * whether offices close on them is up to the employer — so that is a setting here, not a fact.
 */

/** Which of the holidays that are not national days off the municipality closes on. */
export interface ClosedOn {
  /** Goede Vrijdag (Good Friday). */
  goodFriday: boolean;
  /**
   * Bevrijdingsdag (5 May). `'lustrum'`: only every fifth year (2025, 2030, …), when it is a
   * day off under many collective agreements, including the municipalities' own.
   */
  liberationDay: boolean | 'lustrum';
}

export const defaultClosedOn: ClosedOn = { goodFriday: false, liberationDay: 'lustrum' };

export interface ClosureDaysOptions {
  /** Calendar years to cover; a planning horizon around New Year needs both years. */
  years: readonly number[];
  /** More ISO dates the office is closed, e.g. the days between Christmas and New Year. */
  extraDates?: readonly string[];
  closedOn?: Partial<ClosedOn>;
}

const isoDate = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Rules as `date-holidays` writes them; stable across its languages, unlike the names. */
const goodFridayRule = 'easter -2';
const liberationDayRule = '05-05';

const netherlands = new Holidays('NL');

/**
 * ISO dates (`2026-04-27`) on which the municipality is closed in the given years.
 *
 * @example
 * closureDays({ years: [2026], extraDates: ['2026-12-28'] }).has('2026-04-27'); // true (Koningsdag)
 * @throws RangeError when an extra date is not an ISO date.
 */
export function closureDays(options: ClosureDaysOptions): Set<string> {
  const closedOn: ClosedOn = { ...defaultClosedOn, ...options.closedOn };
  const closed = new Set<string>();
  for (const year of options.years) {
    for (const holiday of netherlands.getHolidays(year)) {
      const date = holiday.date.slice(0, 10);
      if (holiday.type === 'public') closed.add(date);
      else if (holiday.rule === goodFridayRule && closedOn.goodFriday) closed.add(date);
      else if (holiday.rule === liberationDayRule && closesOnLiberationDay(closedOn, year)) {
        closed.add(date);
      }
    }
  }
  for (const date of options.extraDates ?? []) {
    if (!isValidIsoDate(date)) throw new RangeError(`Not an ISO date: ${date}`);
    closed.add(date);
  }
  return closed;
}

function closesOnLiberationDay(closedOn: ClosedOn, year: number): boolean {
  return closedOn.liberationDay === 'lustrum' ? year % 5 === 0 : closedOn.liberationDay;
}

function isValidIsoDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  // Rejects 2026-02-30, which the pattern allows.
  return new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}
