import * as z from 'zod';
import type { TimePreference } from '../src/domain/calendarTime.js';

const range = z.object({ start: z.number(), end: z.number() });
const weekday = z.literal([1, 2, 3, 4, 5, 6, 7]);

const option = z.object({
  days: z.array(weekday).optional(),
  dates: z.array(z.string()).optional(),
  times: z.array(range).optional(),
  starts: z.array(z.number()).optional(),
});

/** {@link TimePreference} as it is kept in dialog state between turns. */
export const timePreferenceSchema: z.ZodType<TimePreference> = z.object({
  days: z.array(weekday).optional(),
  excludedDays: z.array(weekday).optional(),
  dates: z.array(z.string()).optional(),
  excludedDates: z.array(z.string()).optional(),
  times: z.array(range).optional(),
  excludedTimes: z.array(range).optional(),
  earliest: z.string().optional(),
  latest: z.string().optional(),
  at: z.object({ date: z.string(), minute: z.number() }).optional(),
  starts: z.array(z.number()).optional(),
  anyOf: z.array(option).optional(),
});

/**
 * What was not read as typed: words left out and typos read as known words. Either makes the
 * dialog say back what it understood before offering times.
 */
export const readingDoubtsSchema = z.object({
  skipped: z.array(z.string()).optional(),
  corrected: z.array(z.object({ from: z.string(), to: z.string() })).optional(),
});
export type ReadingDoubtsState = z.infer<typeof readingDoubtsSchema>;
