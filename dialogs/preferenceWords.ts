import { DateTime } from 'luxon';
import type { Language } from '../src/domain/language.js';
import {
  PLANNING_ZONE,
  type PreferenceOption,
  type TimeOfDayRange,
  type TimePreference,
  type Weekday,
} from '../src/domain/calendarTime.js';
import type { Correction } from '../src/domain/timePreference.js';

/** Localized text for one key; the caller picks the language. */
export type Say = (key: string, values?: Record<string, unknown>) => string;

/**
 * A time preference in words, as the resident can check it ("dinsdag tussen 12:00 en 15:00,
 * van 30 november tot en met 6 december") and as the coach reads it in Dutch. Day and month
 * names come from `Intl` through luxon, the little words from the locale files.
 *
 * @example describePreference({ days: [2], times: [{ start: 720, end: 900 }] }, say, 'nl')
 * // 'dinsdag tussen 12:00 en 15:00'
 */
export function describePreference(preference: TimePreference, say: Say, lng: Language): string {
  const words = new Words(say, lng);
  const parts: string[] = [];
  const option = words.option(preference);
  if (option) parts.push(option);
  if (preference.anyOf) {
    parts.push(
      preference.anyOf
        .map((o) => words.option(o))
        .filter(Boolean)
        .join(say('timePreference.say.or')),
    );
  }
  if (preference.at) {
    parts.push(
      `${words.date(preference.at.date)} ${say('timePreference.say.at', { time: clock(preference.at.minute) })}`,
    );
  }
  if (preference.earliest && preference.latest) {
    parts.push(
      say('timePreference.say.period', {
        from: words.date(preference.earliest, false),
        to: words.date(preference.latest, false),
      }),
    );
  } else if (preference.earliest) {
    parts.push(say('timePreference.say.from', { from: words.date(preference.earliest, false) }));
  } else if (preference.latest) {
    parts.push(say('timePreference.say.until', { to: words.date(preference.latest, false) }));
  }
  const notOn = [
    ...(preference.excludedDays ?? []).map((day) => words.weekday(day)),
    ...(preference.excludedDates ?? []).map((date) => words.date(date)),
  ];
  if (notOn.length > 0) parts.push(say('timePreference.say.notOn', { days: words.list(notOn) }));
  for (const range of preference.excludedTimes ?? []) {
    parts.push(
      say('timePreference.say.notBetween', { from: clock(range.start), to: clock(range.end) }),
    );
  }
  return parts.length > 0 ? parts.join(', ') : say('timePreference.say.anything');
}

/** "dinsdagmidag → dinsdagmiddag": what a typo was read as, for the say-back. */
export function describeCorrections(corrections: readonly Correction[], say: Say): string {
  return corrections
    .map(({ from, to }) => say('timePreference.say.corrected', { from, to }))
    .join(' ');
}

class Words {
  constructor(
    private readonly say: Say,
    private readonly lng: Language,
  ) {}

  /** Days or dates with their times or starts: "dinsdag of donderdag om 10:00". */
  option(option: PreferenceOption): string {
    const days = [
      ...(option.days ?? []).map((day) => this.weekday(day)),
      ...(option.dates ?? []).map((date) => this.date(date)),
    ];
    const times = [
      ...(option.starts ?? []).map((minute) =>
        this.say('timePreference.say.at', { time: clock(minute) }),
      ),
      ...(option.starts ? [] : (option.times ?? []).map((range) => this.range(range))),
    ];
    return [days.length > 0 ? this.list(days) : '', times.length > 0 ? this.list(times) : '']
      .filter(Boolean)
      .join(' ');
  }

  weekday(day: Weekday): string {
    return DateTime.fromObject({ weekday: day }, { zone: PLANNING_ZONE })
      .reconfigure({ locale: this.lng })
      .toFormat('cccc');
  }

  date(iso: string, withWeekday = true): string {
    return DateTime.fromISO(iso, { zone: PLANNING_ZONE })
      .reconfigure({ locale: this.lng, numberingSystem: 'latn' })
      .toFormat(withWeekday ? 'cccc d MMMM' : 'd MMMM');
  }

  range(range: TimeOfDayRange): string {
    if (range.start <= 0) return this.say('timePreference.say.before', { to: clock(range.end) });
    if (range.end >= 24 * 60)
      return this.say('timePreference.say.after', { from: clock(range.start) });
    return this.say('timePreference.say.between', {
      from: clock(range.start),
      to: clock(range.end),
    });
  }

  list(items: string[]): string {
    return items.join(this.say('timePreference.say.or'));
  }
}

function clock(minute: number): string {
  const hours = Math.floor(minute / 60);
  return `${String(hours).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
