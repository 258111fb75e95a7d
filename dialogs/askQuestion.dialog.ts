import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from './botbuilderDialogs.js';
import { callbackChoice, menuChoice } from './commonChoices.js';
import type { DialogDeps } from './deps.js';
import { intentChoices } from './intents.js';
import { askOpen, openAnswerSchema, wordsOf } from './openPrompt.js';
import { askQuestionOptionsSchema, type AskQuestionOptions } from './askQuestionOptions.js';
import { explainPrivacyFully } from './privacy.js';
import { topicText } from './askQuestionAnswers.js';
import { phoneForChannel } from './phoneNumber.js';
import {
  buttonPolarity,
  otherQuestionChoice,
  polarityOf,
  planChoice,
  topicChoices,
  topicIn,
  topicOfValue,
  understandQuestion,
  type Polarity,
  type QuestionStep,
  type QuestionTopic,
} from './questionTopics.js';
import { readInput, type Choice } from './recognize.js';
import { replyFor, type Reply } from './reply.js';

export const ASK_QUESTION_DIALOG = 'askQuestion';

/** Under an answer: another question, plan a meeting, or back to the menu. */
const afterAnswerChoices: Choice[] = [otherQuestionChoice, planChoice, menuChoice];

/**
 * "Ik heb eerst een vraag": short, honest answers to what residents ask before they come,
 * so nobody has to plan a meeting to learn whether it is free or voluntary. The topics are buttons; typed questions find their
 * topic by keywords from the locale files. A question it cannot answer gets the topics and a
 * call back by a person, never a guess. "Afspraak maken" ends with the talk intent, so the
 * main dialog starts planning the way its menu does.
 */
export class AskQuestionDialog extends WaterfallDialog<AskQuestionOptions> {
  constructor(private readonly deps: DialogDeps) {
    super(ASK_QUESTION_DIALOG);
    this.addStep(this.answerOrAskTopic.bind(this));
    this.addStep(this.actOnReply.bind(this));
  }

  private async answerOrAskTopic(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = askQuestionOptionsSchema.parse(step.options);
    const reply = await replyFor(this.deps, step.context);
    if (options.unknown) {
      await reply.send('askQuestion.unknown');
      return this.askTopic(step, 'askQuestion.unknownAsk', [...topicChoices, callbackChoice]);
    }
    let topic: QuestionTopic | undefined = options.topic;
    let polarity: Polarity | undefined = options.polarity;
    if (!topic && !options.again) {
      await reply.send('askQuestion.glad');
      // "Ik heb een vraag: kost het geld?" typed at the menu is answered at once.
      const input = readInput(step.context.activity);
      if (input.kind === 'text') {
        topic = topicIn(input.text, reply.lng, this.deps.i18n);
        if (topic) polarity = polarityOf(topic, input.text, this.deps.i18n);
      }
    }
    if (!topic) return this.askTopic(step, 'askQuestion.ask', [...topicChoices, menuChoice]);

    await this.answer(topic, reply, polarity, step.context.activity.channelId);
    return askOpen(step, {
      questionKey: 'askQuestion.next',
      choices: afterAnswerChoices,
    });
  }

  private async actOnReply(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = openAnswerSchema.parse(step.result);
    const reply = await replyFor(this.deps, step.context);
    let next: QuestionStep =
      answer.kind === 'choice'
        ? stepOfValue(answer.value)
        : understandQuestion(wordsOf(answer) ?? '', reply.lng, this.deps.i18n);
    const { activity } = step.context;
    if (
      next.kind === 'topic' &&
      activity.value === undefined &&
      typeof activity.text === 'string'
    ) {
      // Typed, even when the words are a button's ("Is het gratis?"): how it was put counts.
      next = { ...next, polarity: polarityOf(next.topic, activity.text, this.deps.i18n) };
    }
    switch (next.kind) {
      case 'topic':
        return this.restart(step, {
          topic: next.topic,
          ...(next.polarity ? { polarity: next.polarity } : {}),
        });
      case 'other':
        return this.restart(step, { again: true });
      case 'unknown':
        return this.restart(step, { unknown: true });
      case 'plan':
        // The main dialog reads this like a menu choice and starts planning a meeting.
        return step.endDialog(intentChoices.talk.value);
      case 'path':
        return step.endDialog(intentChoices[next.intent].value);
      case 'done':
        return step.endDialog();
    }
  }

  /**
   * The municipality's answer (or the default), its first message "Ja, …" or "Nee, …" when
   * the question was a yes/no question.
   */
  private async answer(
    topic: QuestionTopic,
    reply: Reply,
    polarity: Polarity | undefined,
    channelId: string | undefined,
  ): Promise<void> {
    if (topic === 'privacy') {
      await explainPrivacyFully(this.deps, reply);
      return;
    }
    const phone = phoneForChannel(channelId, this.deps.municipality.phone);
    const text = topicText(this.deps, reply, topic, phone);
    // "Ja, het is gratis. …" instead of the plain first message, for a yes/no question.
    const opening = polarity ? text[polarity] : undefined;
    const [first, ...rest] = text.answer;
    for (const message of [opening ?? first, ...rest]) if (message) await reply.sendText(message);
  }

  private askTopic(
    step: WaterfallStepContext,
    questionKey: string,
    choices: Choice[],
  ): Promise<DialogTurnResult> {
    return askOpen(step, { questionKey, choices });
  }

  private restart(step: WaterfallStepContext, options: AskQuestionOptions) {
    return step.replaceDialog(ASK_QUESTION_DIALOG, options);
  }
}

/** A pressed button (or its exact title typed) under a question. */
function stepOfValue(value: string): QuestionStep {
  const topic = topicOfValue(value);
  if (topic) return { kind: 'topic', topic, polarity: buttonPolarity(topic) };
  if (value === otherQuestionChoice.value) return { kind: 'other' };
  if (value === planChoice.value) return { kind: 'plan' };
  return { kind: 'unknown' };
}
