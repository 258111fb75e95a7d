import { DateTime } from 'luxon';
import type { Language } from '../src/domain/language.js';
import {
  PLANNING_ZONE,
  dayParts,
  type TimePreference,
  type Weekday,
} from '../src/domain/calendarTime.js';
import {
  parseTimePreference,
  FURTHEST_DATE_AHEAD_DAYS,
  type ReadingDoubts,
  type UnclearReason,
} from '../src/domain/timePreference.js';
import { anytimeChoice, callbackChoice } from './commonChoices.js';
import type { Problem } from './localizedPrompt.js';
import type { Choice } from './recognize.js';

/**
 * "Wanneer komt het u goed uit?": its buttons, and what a pressed button or typed words mean as
 * a time preference for the planner.
 */

const weekdayButtonKeys: Partial<Record<Weekday, string>> = {
  1: 'plan.when.monday.button',
  2: 'plan.when.tuesday.button',
  3: 'plan.when.wednesday.button',
  4: 'plan.when.thursday.button',
  5: 'plan.when.friday.button',
};

const whenValues = {
  morning: 'when:morning',
  afternoon: 'when:afternoon',
  day: (weekday: Weekday) => `when:day:${weekday}`,
} as const;

/**
 * The buttons under "Wanneer komt het u goed uit?": morning, afternoon, any time, the next
 * three working days (tomorrow's first), and "Bel mij liever". Seven buttons: within the ten
 * a WhatsApp list allows. Other days and times are typed.
 */
export function whenChoices(now: Date): Choice[] {
  const today = DateTime.fromJSDate(now).setZone(PLANNING_ZONE);
  const days: Choice[] = [];
  for (let ahead = 1; days.length < 3 && ahead <= 7; ahead += 1) {
    const weekday = today.plus({ days: ahead }).weekday as Weekday;
    const buttonKey = weekdayButtonKeys[weekday];
    if (buttonKey) days.push({ value: whenValues.day(weekday), buttonKey });
  }
  return [
    { value: whenValues.morning, buttonKey: 'plan.when.morning.button' },
    { value: whenValues.afternoon, buttonKey: 'plan.when.afternoon.button' },
    anytimeChoice,
    ...days,
    callbackChoice,
  ];
}

/** The preference a "when" button stands for, or `undefined` for another value. */
export function preferenceOfChoice(value: string): TimePreference | undefined {
  if (value === whenValues.morning) return { times: [dayParts.morning] };
  if (value === whenValues.afternoon) return { times: [dayParts.afternoon] };
  if (value === anytimeChoice.value) return {};
  const day = /^when:day:([1-7])$/.exec(value)?.[1];
  return day ? { days: [Number(day) as Weekday] } : undefined;
}

const unclearKeys: Record<UnclearReason, string> = {
  notUnderstood: 'plan.when.unclear.notUnderstood',
  inThePast: 'plan.when.unclear.inThePast',
  impossibleDate: 'plan.when.unclear.impossibleDate',
  tooFarAhead: 'plan.when.unclear.tooFarAhead',
};

/** Why typed words are not a time we can plan, with examples of what is ("over 8 weken"). */
export function unclearTime(reason: UnclearReason): Problem {
  return { key: unclearKeys[reason], values: { weeks: Math.floor(FURTHEST_DATE_AHEAD_DAYS / 7) } };
}

/**
 * Typed words as a time preference ("dinsdagochtend", "na 3 uur"; "maakt niet uit" is any time),
 * or the reason they are not one. The one place the dialogs parse a typed time: prompts return
 * the preference, and the steps after them use it as it is.
 */
export function preferenceOfWords(
  text: string,
  now: Date,
  language: Language,
): ({ preference: TimePreference } & ReadingDoubts) | { reason: UnclearReason } {
  const parsed = parseTimePreference(text, { now, language });
  if (parsed.kind === 'unclear') return { reason: parsed.reason };
  const doubts: ReadingDoubts = {
    ...(parsed.skipped ? { skipped: parsed.skipped } : {}),
    ...(parsed.corrected ? { corrected: parsed.corrected } : {}),
  };
  return { preference: parsed.kind === 'understood' ? parsed.preference : {}, ...doubts };
}
