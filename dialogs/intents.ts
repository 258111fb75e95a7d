import type { Choice } from './recognize.js';

/** What a resident can come for: questions first, or a first meeting planned for the other three. */
export const intents = ['work', 'meaningful', 'question', 'talk'] as const;
export type Intent = (typeof intents)[number];

/** The menu's answers: machine value, button title and synonyms (both from the locale files). */
export const intentChoices: Record<Intent, Choice> = {
  work: {
    value: 'intent:work',
    buttonKey: 'intent.work.button',
    synonymsKey: 'intent.work.synonyms',
  },
  meaningful: {
    value: 'intent:meaningful',
    buttonKey: 'intent.meaningful.button',
    synonymsKey: 'intent.meaningful.synonyms',
  },
  question: {
    value: 'intent:question',
    buttonKey: 'intent.question.button',
    // A question typed at the menu ("Is het gratis?") leads to its answer at once.
    synonymsKey: [
      'intent.question.synonyms',
      'askQuestion.voluntary.synonyms',
      'askQuestion.cost.synonyms',
      'askQuestion.benefit.synonyms',
      'askQuestion.firstMeeting.synonyms',
      'askQuestion.bringSomeone.synonyms',
      'askQuestion.circumstances.synonyms',
      // Topic words too: "mag mijn zus mee?", "hoe lang duurt het eerste gesprek?" (the
      // topics of questionTopics.ts, which imports this file).
      'contentWords.topic.about',
      'contentWords.topic.voluntary',
      'contentWords.topic.cost',
      'contentWords.topic.benefit',
      'contentWords.topic.firstMeeting',
      'contentWords.topic.bringSomeone',
      'contentWords.topic.language',
      'contentWords.topic.circumstances',
      'contentWords.topic.privacy',
    ],
  },
  talk: {
    value: 'intent:talk',
    buttonKey: 'intent.talk.button',
    synonymsKey: 'intent.talk.synonyms',
  },
};

/** In menu order. */
export const menuChoices: readonly Choice[] = intents.map((intent) => intentChoices[intent]);

export function intentFromValue(value: string | undefined): Intent | undefined {
  return intents.find((intent) => intentChoices[intent].value === value);
}
