import type { DateTime } from 'luxon';
import type { ReadingLanguage } from './vocabulary.js';

/** Why an answer could not be read; the dialog asks again with a reason-specific question. */
export type UnclearReason = 'notUnderstood' | 'inThePast' | 'impossibleDate' | 'tooFarAhead';

/**
 * The furthest ahead a typed date is read, in days: eight weeks. A date further ahead is
 * `tooFarAhead`. It is also the longest offer horizon the configuration allows
 * (`PLANNING_HORIZON_DAYS`, 1–56, default 28), so nothing a resident may ask for lies beyond it.
 */
export const FURTHEST_DATE_AHEAD_DAYS = 56;
/** Longer answers are not read at all. */
export const MAX_PREFERENCE_LENGTH = 500;
/** "om 10 uur" without a date: the meeting fits in the hour starting then. */
export const POINT_WINDOW_MINUTES = 60;

export const DAY_MINUTES = 24 * 60;

/** What one reading of an answer knows besides the words. */
export interface ReadingContext {
  /** Whose short forms and numeric date order apply; every language's words are read. */
  language: ReadingLanguage;
  /** Today's date in the planning zone, as midnight UTC (calendar arithmetic only). */
  today: DateTime;
  nowMinute: number;
  /** Date problems found while reading; reported only if all words were understood. */
  issues: Set<UnclearReason>;
  /** Words left out because no vocabulary knows them ("kinderen", "halen"). */
  skipped: string[];
}

/** The last day a typed date may fall on. */
export function furthestDate(ctx: ReadingContext): DateTime {
  return ctx.today.plus({ days: FURTHEST_DATE_AHEAD_DAYS });
}

/** Thrown to stop reading at the first word or combination that cannot be understood. */
export class Unclear extends Error {
  constructor(readonly reason: UnclearReason) {
    super(reason);
  }
}

/** Stops reading: the answer is unclear for this reason. */
export function fail(reason: UnclearReason = 'notUnderstood'): never {
  throw new Unclear(reason);
}
