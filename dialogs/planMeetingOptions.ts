import * as z from 'zod';
import { meetingForms } from '../src/domain/coach.js';
import { slotValueSchema } from './slotCard.js';

/** What a resident can plan a first meeting for (a question first is another path). */
export const planIntents = ['work', 'meaningful', 'talk'] as const;
export type PlanIntent = (typeof planIntents)[number];

/** The answers to the light questions, in the resident's words or the chosen button's title. */
export const answersSchema = z.object({
  wishes: z.string().optional(),
  doesAlready: z.string().optional(),
  wouldHelp: z.string().optional(),
});
export type Answers = z.infer<typeof answersSchema>;

/** A booking being moved: its coach comes first, and its way of meeting is kept if possible. */
export const movingSchema = z.object({
  coachId: z.string().min(1),
  bookingId: z.string().min(1),
  form: z.enum(meetingForms),
  placeId: z.string().optional(),
});

/** How planning a meeting starts: for what, with what is known, and whether it is a move. */
export const planMeetingOptionsSchema = z.object({
  intent: z.enum(planIntents),
  /** Known answers (when moving: those of the booking), so nothing is asked twice. */
  answers: answersSchema.default({}),
  /** Moving an existing booking: no questions, `planner.move` instead of `book`. */
  moving: movingSchema.optional(),
  /** A "Kies deze tijd" pressed outside an offer (an old card): no questions, try that slot. */
  chosen: slotValueSchema.optional(),
});

export type PlanMeetingOptions = z.input<typeof planMeetingOptionsSchema>;
