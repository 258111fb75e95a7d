import type { AnswerTopic, TopicText } from '../src/domain/questionAnswers.js';
import type { DialogDeps } from './deps.js';
import { topicAnswers, type QuestionTopic } from './questionTopics.js';
import type { Reply } from './reply.js';

/** A meeting length when no coaches file says otherwise (the coaches' schema default). */
const defaultMeetingMinutes = 45;

/** Placeholders a municipality may use in its own answers, as the locale files do. */
function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * One topic's answer in the resident's language: the municipality's own words from the answers
 * file when it has them in that language, else Voordeur's default from the locale files (which
 * say, for example, that the meeting itself is voluntary and the coach explains any rules of a
 * benefit). Facts come from the system: the meeting length from the coaches file, the team's
 * phone number.
 */
export function topicText(
  deps: DialogDeps,
  reply: Reply,
  topic: Exclude<QuestionTopic, 'privacy'>,
  phone: string,
): TopicText {
  const minutes = deps.questions?.meetingMinutes ?? defaultMeetingMinutes;
  const values = { minutes: String(minutes) };
  const own = deps.questions?.answers[topic as AnswerTopic]?.[reply.lng];
  if (own) {
    const common = { ...values, municipality: deps.municipality.name, phone };
    return {
      answer: own.answer.map((message) => fill(message, common)),
      ...(own.yes ? { yes: fill(own.yes, common) } : {}),
      ...(own.no ? { no: fill(own.no, common) } : {}),
    };
  }
  const openings = openingKeys[topic];
  return {
    answer: topicAnswers[topic].messageKeys.map((key) => reply.text(key, values)),
    ...(openings?.yes ? { yes: reply.text(openings.yes, values) } : {}),
    ...(openings?.no ? { no: reply.text(openings.no, values) } : {}),
  };
}

/** Topics whose default answer has a "Ja, …" (and a "Nee, …") first message in the locale files. */
const openingKeys: Partial<Record<QuestionTopic, { yes: string; no?: string }>> = {
  cost: { yes: 'askQuestion.cost.yes', no: 'askQuestion.cost.no' },
  voluntary: { yes: 'askQuestion.voluntary.yes', no: 'askQuestion.voluntary.no' },
  bringSomeone: { yes: 'askQuestion.bringSomeone.yes' },
};
