import * as z from 'zod';
import { languages } from './language.js';

/**
 * A municipality's own answers to the questions residents ask before they come ("Is het
 * verplicht?"), per topic and language. Everything is optional: a topic or language that is not
 * given keeps Voordeur's safe default from the locale files (the meeting itself is voluntary; the
 * coach explains any rules of a benefit). Validated when the file is read, so a typo stops
 * start-up with a reason.
 */

/** The topics a municipality may word itself; the same list as the questions' topics. */
export const answerTopics = [
  'about',
  'voluntary',
  'cost',
  'benefit',
  'firstMeeting',
  'bringSomeone',
  'language',
  'circumstances',
] as const;
export type AnswerTopic = (typeof answerTopics)[number];

const message = z.string().trim().min(1).max(400);

/** One topic's answer in one language. */
export const topicTextSchema = z.strictObject({
  /** The answer, one short message each, in this order. */
  answer: z.array(message).min(1).max(4),
  /**
   * Replaces the first message when a yes/no question's honest answer is yes ("Is het gratis?"
   * → "Ja, het is gratis. …").
   */
  yes: message.optional(),
  /** … when it is no ("Kost het geld?", the button "Is het verplicht?" → "Nee, …"). */
  no: message.optional(),
});
export type TopicText = z.infer<typeof topicTextSchema>;

export const questionAnswersSchema = z.strictObject({
  $comment: z.string().optional(),
  answers: z.partialRecord(
    z.enum(answerTopics),
    z.partialRecord(z.enum(languages), topicTextSchema),
  ),
});
export type QuestionAnswers = z.infer<typeof questionAnswersSchema>['answers'];

/** What the dialogs know to answer questions with: the municipality's words and the facts. */
export interface QuestionContent {
  answers: QuestionAnswers;
  /** Length of a first meeting in minutes (the coaches file's most common `meetingMinutes`). */
  meetingMinutes: number;
}

/**
 * The most common meeting length among the coaches (the longest of equally common ones), for
 * "Hoe lang duurt het eerste gesprek?".
 *
 * @example typicalMeetingMinutes([{ meetingMinutes: 45 }, { meetingMinutes: 45 }, { meetingMinutes: 60 }]) // 45
 */
export function typicalMeetingMinutes(coaches: readonly { meetingMinutes: number }[]): number {
  const counts = new Map<number, number>();
  for (const { meetingMinutes } of coaches) {
    counts.set(meetingMinutes, (counts.get(meetingMinutes) ?? 0) + 1);
  }
  let best = 45;
  let bestCount = 0;
  for (const [minutes, count] of counts) {
    if (count > bestCount || (count === bestCount && minutes > best)) {
      best = minutes;
      bestCount = count;
    }
  }
  return best;
}
