import { z } from 'zod';
import type { TimePreference } from '../src/domain/calendarTime.js';

const range = z.object({ start: z.number(), end: z.number() });
const weekday = z.literal([1, 2, 3, 4, 5, 6, 7]);

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
});
