import type { Language } from '../src/domain/language.js';
import type { Translator } from '../src/i18n.js';
import { intentFromValue, menuChoices, type Intent } from './intents.js';
import { noChoice, yesChoice } from './commonChoices.js';
import {
  countWords,
  normalize,
  normalizedPhrases,
  recognizeChoice,
  recognizeExactChoice,
  type Choice,
} from './recognize.js';
import { languages } from '../src/domain/language.js';

/**
 * What residents ask before they plan a meeting. At most ten: WhatsApp shows more than three
 * buttons as a list of at most ten rows, and the "not understood" question adds one button.
 */
export const questionTopics = [
  'about',
  'voluntary',
  'cost',
  'benefit',
  'firstMeeting',
  'bringSomeone',
  'language',
  'circumstances',
  'privacy',
] as const;
export type QuestionTopic = (typeof questionTopics)[number];

export interface TopicAnswer {
  choice: Choice;
  /** The answer, one short message per key, in this order. Privacy reuses the privacy texts. */
  messageKeys: readonly string[];
}

export const topicAnswers: Record<QuestionTopic, TopicAnswer> = {
  about: {
    choice: {
      value: 'question:about',
      buttonKey: 'askQuestion.about.button',
      synonymsKey: 'askQuestion.about.synonyms',
    },
    messageKeys: ['askQuestion.about.answer', 'askQuestion.about.coach', 'askQuestion.about.named'],
  },
  voluntary: {
    choice: {
      value: 'question:voluntary',
      buttonKey: 'askQuestion.voluntary.button',
      synonymsKey: 'askQuestion.voluntary.synonyms',
    },
    messageKeys: [
      'askQuestion.voluntary.answer',
      'askQuestion.voluntary.rules',
      'askQuestion.voluntary.cancel',
    ],
  },
  cost: {
    choice: {
      value: 'question:cost',
      buttonKey: 'askQuestion.cost.button',
      synonymsKey: 'askQuestion.cost.synonyms',
    },
    messageKeys: ['askQuestion.cost.answer'],
  },
  benefit: {
    choice: {
      value: 'question:benefit',
      buttonKey: 'askQuestion.benefit.button',
      synonymsKey: 'askQuestion.benefit.synonyms',
    },
    messageKeys: [
      'askQuestion.benefit.answer',
      'askQuestion.benefit.coach',
      'askQuestion.benefit.everyone',
    ],
  },
  firstMeeting: {
    choice: {
      value: 'question:firstMeeting',
      buttonKey: 'askQuestion.firstMeeting.button',
      synonymsKey: 'askQuestion.firstMeeting.synonyms',
    },
    messageKeys: [
      'askQuestion.firstMeeting.answer',
      'askQuestion.firstMeeting.where',
      'askQuestion.firstMeeting.noForms',
    ],
  },
  bringSomeone: {
    choice: {
      value: 'question:bringSomeone',
      buttonKey: 'askQuestion.bringSomeone.button',
      synonymsKey: 'askQuestion.bringSomeone.synonyms',
    },
    messageKeys: ['askQuestion.bringSomeone.answer'],
  },
  language: {
    choice: {
      value: 'question:language',
      buttonKey: 'askQuestion.language.button',
      synonymsKey: 'askQuestion.language.synonyms',
    },
    messageKeys: [
      'askQuestion.language.answer',
      'askQuestion.language.chat',
      'askQuestion.language.coach',
    ],
  },
  circumstances: {
    choice: {
      value: 'question:circumstances',
      buttonKey: 'askQuestion.circumstances.button',
      synonymsKey: 'askQuestion.circumstances.synonyms',
    },
    messageKeys: [
      'askQuestion.circumstances.answer',
      'askQuestion.circumstances.yourChoice',
      'askQuestion.circumstances.help',
    ],
  },
  privacy: {
    choice: {
      value: 'question:privacy',
      buttonKey: 'askQuestion.privacy.button',
      synonymsKey: 'askQuestion.privacy.synonyms',
    },
    // The full privacy text (`privacy.full`, `privacy.link`) is the answer.
    messageKeys: [],
  },
};

export const topicChoices: readonly Choice[] = questionTopics.map(
  (topic) => topicAnswers[topic].choice,
);

/** "Andere vraag": the topics again. A plain "ja" to "Heeft u nog een vraag?" means it too. */
export const otherQuestionChoice: Choice = {
  value: 'question:other',
  buttonKey: 'askQuestion.other.button',
  synonymsKey: 'askQuestion.other.synonyms',
};

/** "Afspraak maken": on to planning a first meeting. */
export const planChoice: Choice = {
  value: 'question:plan',
  buttonKey: 'askQuestion.plan.button',
  synonymsKey: 'askQuestion.plan.synonyms',
};

/** No button: "nee", "bedankt" after an answer end the questions. */
const doneValue = 'question:done';

/** Only as a whole message: "ja" inside a sentence is not an answer to "nog een vraag?". */
const wholeAnswers: readonly Choice[] = [
  { ...otherQuestionChoice, synonymsKey: [yesChoice.synonymsKey ?? []].flat() },
  {
    value: doneValue,
    buttonKey: noChoice.buttonKey,
    synonymsKey: [noChoice.synonymsKey ?? [], 'askQuestion.done.synonyms'].flat(),
  },
];

/** What the resident's message asks for inside the questions. */
export type QuestionStep =
  | { kind: 'topic'; topic: QuestionTopic; polarity?: Polarity | undefined }
  | { kind: 'other' }
  | { kind: 'plan' }
  | { kind: 'done' }
  /** Another path from the menu ("ik wil werk"): the main dialog takes the words from here. */
  | { kind: 'path'; intent: Exclude<Intent, 'question'> }
  | { kind: 'unknown' };

export function topicOfValue(value: string | undefined): QuestionTopic | undefined {
  return questionTopics.find((topic) => topicAnswers[topic].choice.value === value);
}

/**
 * The topic a message is about: by button value or a phrase from the locale files, else by its
 * content words (`contentWords.topic.*`: "kan ik mijn zus meenemen?", "mag mijn zus mee?", "hoe
 * lang duurt het eerste gesprek?"). The topic with the most matching words wins; a tie is not
 * understood rather than guessed.
 */
export function topicIn(text: string, lng: Language, i18n: Translator): QuestionTopic | undefined {
  const byPhrase = topicOfValue(recognizeChoice(text, topicChoices, lng, i18n));
  if (byPhrase) return byPhrase;
  const tokens = normalize(text).split(' ');
  let best: { topic: QuestionTopic | undefined; score: number } = { topic: undefined, score: 0 };
  for (const topic of questionTopics) {
    const score = Math.max(
      0,
      ...languages.flatMap((language) =>
        normalizedPhrases(i18n, language, [], [topicWordKeys[topic]]).map((entry) =>
          countWords(tokens, entry),
        ),
      ),
    );
    if (score > best.score) best = { topic, score };
    else if (score > 0 && score === best.score) best = { topic: undefined, score };
  }
  return best.topic;
}

/** Each topic's content words (the keys spelled out, so the locale test sees them used). */
const topicWordKeys: Record<QuestionTopic, string> = {
  about: 'contentWords.topic.about',
  voluntary: 'contentWords.topic.voluntary',
  cost: 'contentWords.topic.cost',
  benefit: 'contentWords.topic.benefit',
  firstMeeting: 'contentWords.topic.firstMeeting',
  bringSomeone: 'contentWords.topic.bringSomeone',
  language: 'contentWords.topic.language',
  circumstances: 'contentWords.topic.circumstances',
  privacy: 'contentWords.topic.privacy',
};

/** Whether a yes/no question's honest answer is yes or no: "Is het gratis?" is yes. */
export type Polarity = 'yes' | 'no';

/**
 * The button titles are yes/no questions too: "Kost het geld?" and "Is het verplicht?" are
 * answered "Nee". Typed questions about bringing someone ("mag mijn zus mee?") are answered "Ja".
 */
const polarities: Partial<
  Record<QuestionTopic, { button?: Polarity; typed?: Polarity; words?: Record<Polarity, string> }>
> = {
  cost: {
    button: 'no',
    words: { yes: 'contentWords.polarity.cost.yes', no: 'contentWords.polarity.cost.no' },
  },
  voluntary: {
    button: 'no',
    words: {
      yes: 'contentWords.polarity.voluntary.yes',
      no: 'contentWords.polarity.voluntary.no',
    },
  },
  bringSomeone: { typed: 'yes' },
};

export function buttonPolarity(topic: QuestionTopic): Polarity | undefined {
  return polarities[topic]?.button;
}

/**
 * How a typed question about `topic` is put, so the answer starts with the right "Ja" or "Nee":
 * "Is het gratis?" → yes, "Kost het geld?" → no (`contentWords.polarity.<topic>.yes|no`). A
 * question that starts with a question word ("Wat kost het?") gets no yes or no at all.
 */
export function polarityOf(
  topic: QuestionTopic,
  text: string,
  i18n: Translator,
): Polarity | undefined {
  const polarity = polarities[topic];
  if (!polarity) return undefined;
  const tokens = normalize(text).split(' ');
  const says = (listKey: string) =>
    languages.some((language) =>
      normalizedPhrases(i18n, language, [], [listKey]).some(
        (entry) => countWords(tokens, entry) > 0,
      ),
    );
  const first = tokens[0] ?? '';
  const opensWithQuestionWord = languages.some((language) =>
    normalizedPhrases(i18n, language, [], ['contentWords.questionWords']).includes(first),
  );
  if (opensWithQuestionWord) return undefined;
  if (polarity.words) {
    // Only the topics whose button is a yes/no question have words for both ways of asking.
    if (says(polarity.words.yes)) return 'yes';
    if (says(polarity.words.no)) return 'no';
  }
  return polarity.typed;
}

/**
 * Understands a message inside the questions. Topics come first, so "nog een vraag: kost het
 * geld?" gets the answer, not the list; then the buttons' words; then the menu's paths, so
 * "ik wil werk" still leads to work. What matches nothing is `unknown`: the dialog then offers
 * the topics and a person, and never guesses.
 */
export function understandQuestion(text: string, lng: Language, i18n: Translator): QuestionStep {
  const whole = recognizeExactChoice(text, wholeAnswers, lng, i18n);
  if (whole === doneValue) return { kind: 'done' };
  if (whole === otherQuestionChoice.value) return { kind: 'other' };

  const topic = topicIn(text, lng, i18n);
  if (topic) return { kind: 'topic', topic, polarity: polarityOf(topic, text, i18n) };

  const button = recognizeChoice(text, [otherQuestionChoice, planChoice], lng, i18n);
  if (button === otherQuestionChoice.value) return { kind: 'other' };
  if (button === planChoice.value) return { kind: 'plan' };

  const intent = intentFromValue(recognizeChoice(text, menuChoices, lng, i18n));
  if (intent === 'question') return { kind: 'other' };
  if (intent) return { kind: 'path', intent };
  return { kind: 'unknown' };
}
