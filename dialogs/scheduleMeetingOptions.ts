import * as z from 'zod';
import { meetingForms } from '../src/domain/coach.js';
import { offerSchema } from './offer.js';
import { planMeetingOptionsSchema } from './planMeetingOptions.js';
import { slotCardSchema } from './slotCard.js';
import { readingDoubtsSchema, timePreferenceSchema } from './timePreferenceSchema.js';

/** How the schedule (when, which slot, how, confirm, book) starts, or starts over. */
export const scheduleMeetingOptionsSchema = planMeetingOptionsSchema.extend({
  /** A preference already known (after "net weg", or a new time typed at the offer). */
  preference: timePreferenceSchema.optional(),
  /** The resident's words for it, for the coach and for "“dinsdagochtend” lukt helaas niet". */
  words: z.string().optional(),
  /** Fresh options ready to show (from the planner's answer when a slot was gone). */
  offer: offerSchema.optional(),
  /** What was understood from earlier answers: a new answer refines it ("liever volgende week"). */
  base: timePreferenceSchema.optional(),
  /** The resident's earlier answers, in their own words. */
  baseWords: z.array(z.string()).optional(),
  /** A time typed at the offer, to be read together with `base`. */
  pending: z
    .object({ text: z.string(), preference: timePreferenceSchema })
    .extend(readingDoubtsSchema.shape)
    .optional(),
  /** The resident said "Nee" to what was understood: ask again, differently. */
  askAgain: z.boolean().optional(),
});
export type ScheduleMeetingOptions = z.infer<typeof scheduleMeetingOptionsSchema>;

/** What the schedule's steps keep between turns. */
export const scheduleValuesSchema = z.object({
  preference: timePreferenceSchema.optional(),
  words: z.string().optional(),
  /** Every answer about when, in the resident's own words, in order. */
  said: z.array(z.string()).optional(),
  card: slotCardSchema.optional(),
  form: z.enum(meetingForms).optional(),
  /** For a phone or video meeting: when the resident agreed to keep their number, and the number. */
  consentAt: z.string().optional(),
  phone: z.string().optional(),
});
export type ScheduleValues = z.infer<typeof scheduleValuesSchema>;

/** The options to start the schedule over: who they are, not what was offered. */
export function startingOver(options: ScheduleMeetingOptions): ScheduleMeetingOptions {
  return {
    intent: options.intent,
    answers: options.answers,
    ...(options.moving ? { moving: options.moving } : {}),
  };
}
