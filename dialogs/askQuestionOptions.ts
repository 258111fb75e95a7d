import * as z from 'zod';
import { questionTopics } from './questionTopics.js';

/** How the questions start: with the topics, with one topic's answer, or after one not understood. */
export const askQuestionOptionsSchema = z
  .object({
    /** Answer this topic straight away (asked for after an earlier answer). */
    topic: z.enum(questionTopics).optional(),
    /** How the question was put: "Is het gratis?" is answered "Ja", "Kost het geld?" "Nee". */
    polarity: z.enum(['yes', 'no']).optional(),
    /** The last message matched no topic: say so, and offer the topics and a person. */
    unknown: z.boolean().optional(),
    /** Back for another question: the topics without the welcome. */
    again: z.boolean().optional(),
  })
  .default({});

export type AskQuestionOptions = NonNullable<z.input<typeof askQuestionOptionsSchema>>;
