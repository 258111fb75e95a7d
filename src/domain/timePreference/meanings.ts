/**
 * What the words mean: the days and times the grammar reads, before they are put together
 * into one `TimePreference` (`assemble.ts`).
 */
import type { DateTime } from 'luxon';
import { dayParts, type DayPart, type TimeOfDayRange, type Weekday } from '../calendarTime.js';
import { DAY_MINUTES, POINT_WINDOW_MINUTES, type ReadingContext } from './reading.js';
import type { PhraseMeaning, PrepKind } from './vocabulary.js';

export interface DayRange {
  from: DateTime;
  to: DateTime;
}

export type DaySem =
  | { kind: 'weekdays'; days: Weekday[] }
  | { kind: 'date'; date: DateTime }
  | { kind: 'range'; range: DayRange }
  | { kind: 'dateBound'; side: 'earliest' | 'latest'; date: DateTime };
export type TimeSem =
  | { kind: 'window'; range: TimeOfDayRange; point: number | undefined }
  | { kind: 'bound'; side: 'after' | 'before'; minute: number };
export type ContentSem = DaySem | TimeSem;
export type Sem =
  | ContentSem
  | { kind: 'neg' }
  | { kind: 'conj'; or: boolean }
  | { kind: 'sep' }
  | { kind: 'anything' }
  /** "moet", "must": a moment in this clause is when the resident is busy. */
  | { kind: 'busy' };

/** Whether a meaning is about days or dates (and not about times of day). */
export const isDaySem = (sem: ContentSem): sem is DaySem =>
  sem.kind === 'weekdays' ||
  sem.kind === 'date' ||
  sem.kind === 'range' ||
  sem.kind === 'dateBound';

/** A named part of the day ("ochtend"). */
export const part = (name: DayPart): TimeSem => ({
  kind: 'window',
  range: { ...dayParts[name] },
  point: undefined,
});
/** A window of the day, in minutes after midnight. */
export const timeWindow = (start: number, end: number): TimeSem => ({
  kind: 'window',
  range: { start, end },
  point: undefined,
});
/** Any of these weekdays. */
export const weekdays = (...days: Weekday[]): DaySem => ({ kind: 'weekdays', days });

/** A moment without a date ("om 10 uur"): the window of the meeting starting then. */
export function pointWindow(minute: number): TimeSem {
  return {
    kind: 'window',
    range: { start: minute, end: Math.min(minute + POINT_WINDOW_MINUTES, DAY_MINUTES) },
    point: minute,
  };
}

/** "na 1 december" is from 2 December, "voor 10 december" up to 9 December. */
export function dateBound(kind: PrepKind, range: DayRange): DaySem {
  switch (kind) {
    case 'after':
      return { kind: 'dateBound', side: 'earliest', date: range.to.plus({ days: 1 }) };
    case 'from':
      return { kind: 'dateBound', side: 'earliest', date: range.from };
    case 'before':
      return { kind: 'dateBound', side: 'latest', date: range.from.minus({ days: 1 }) };
    default:
      return { kind: 'dateBound', side: 'latest', date: range.to };
  }
}

/** A calendar week from Monday; this week starts today. */
const week = (ctx: ReadingContext, offset: number): DaySem => {
  const monday = ctx.today.startOf('week').plus({ days: 7 * offset });
  const from = offset === 0 ? ctx.today : monday;
  return { kind: 'range', range: { from, to: monday.plus({ days: 6 }) } };
};
const month = (ctx: ReadingContext, offset: number): DaySem => {
  const first = ctx.today.startOf('month').plus({ months: offset });
  const from = offset === 0 ? ctx.today : first;
  return { kind: 'range', range: { from, to: first.endOf('month').startOf('day') } };
};
const within = (ctx: ReadingContext, days: number): DaySem => ({
  kind: 'range',
  range: { from: ctx.today, to: ctx.today.plus({ days }) },
});
const inDays = (ctx: ReadingContext, days: number): DaySem => ({
  kind: 'date',
  date: ctx.today.plus({ days }),
});
/** The first such weekday from today, today included. */
export const nextOccurrence = (ctx: ReadingContext, day: Weekday): DaySem => ({
  kind: 'date',
  date: ctx.today.plus({ days: (day - ctx.today.weekday + 7) % 7 }),
});

/** Builds what a phrase means from its count `{n}` and weekday `{wd}`. */
export type Builder = (ctx: ReadingContext, n: number, day: Weekday) => Sem[];

export const phraseMeanings: Record<PhraseMeaning, Builder> = {
  anything: () => [{ kind: 'anything' }],
  nothing: () => [],
  negation: () => [{ kind: 'neg' }],
  clauseBreak: () => [{ kind: 'sep' }],
  morning: () => [part('morning')],
  afternoon: () => [part('afternoon')],
  evening: () => [part('evening')],
  daytime: () => [timeWindow(dayParts.morning.start, dayParts.afternoon.end)],
  busy: () => [{ kind: 'busy' }],
  lateAfternoon: () => [timeWindow(15 * 60, dayParts.afternoon.end)],
  earlyMorning: () => [timeWindow(dayParts.morning.start, 10 * 60)],
  afterNoon: () => [{ kind: 'bound', side: 'after', minute: 12 * 60 }],
  today: (ctx) => [inDays(ctx, 0)],
  lunchtime: () => [timeWindow(12 * 60, 14 * 60)],
  beforeNoon: () => [{ kind: 'bound', side: 'before', minute: 12 * 60 }],
  afterLunch: () => [{ kind: 'bound', side: 'after', minute: 13 * 60 }],
  thisWeek: (ctx) => [week(ctx, 0)],
  nextWeek: (ctx) => [week(ctx, 1)],
  weekAfterNext: (ctx) => [week(ctx, 2)],
  inWeeks: (ctx, n) => [week(ctx, n)],
  inDays: (ctx, n) => [inDays(ctx, n)],
  withinWeeks: (ctx, n) => [within(ctx, 7 * n)],
  withinDays: (ctx, n) => [within(ctx, n)],
  thisMonth: (ctx) => [month(ctx, 0)],
  nextMonth: (ctx) => [month(ctx, 1)],
  thisWeekend: (ctx) => [week(ctx, 0), weekdays(6, 7)],
  nextWeekend: (ctx) => [week(ctx, 1), weekdays(6, 7)],
  weekend: () => [weekdays(6, 7)],
  workdays: () => [weekdays(1, 2, 3, 4, 5)],
  startOfWeek: () => [weekdays(1, 2)],
  endOfWeek: () => [weekdays(4, 5)],
  nextWeekday: (ctx, _n, day) => [week(ctx, 1), weekdays(day)],
  comingWeekday: (ctx, _n, day) => [nextOccurrence(ctx, day)],
  dayAfterTomorrow: (ctx) => [inDays(ctx, 2)],
};
