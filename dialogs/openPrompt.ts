import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import * as z from 'zod';
import { skipChoice } from './commonChoices.js';
import type { DialogDeps } from './deps.js';
import {
  askQuestion,
  LocalizedPrompt,
  questionSchema,
  type Problem,
  type PromptTurn,
  type Read,
} from './localizedPrompt.js';
import { parsePhoneNumber } from './phoneNumber.js';
import { attachmentReplyKey, readInput, recognizeExactChoice } from './recognize.js';
import type { Reply } from './reply.js';
import { parseResidence, residenceSchema } from './residence.js';
import { readingDoubtsSchema, timePreferenceSchema } from './timePreferenceSchema.js';
import { preferenceOfWords, unclearTime } from './whenQuestion.js';

export const OPEN_PROMPT = 'openPrompt';

/** Own words are kept for the coach, but not endlessly. */
export const maxAnswerLength = 500;

/**
 * What a typed answer must be. `text`: anything; `time`: a time preference the domain
 * understands; `place`: a place or postcode; `phone`: a phone number. An answer that is not
 * gets a kind explanation with examples and the question again: the prompt never guesses.
 */
const expectSchema = z.enum(['text', 'time', 'place', 'phone']);
type Expect = z.infer<typeof expectSchema>;

/** Buttons are suggestions: typed, only the whole title or a synonym counts as the button. */
export const openPromptOptionsSchema = questionSchema.extend({
  expect: expectSchema.default('text'),
});

export type OpenPromptOptions = z.input<typeof openPromptOptionsSchema>;
type Options = z.infer<typeof openPromptOptionsSchema>;

/**
 * A button (with its title in the language the resident saw), or typed words read as the
 * question expects: as they are (`text`), a time preference with the words it came from
 * (`time`), where they live (`place`), or a phone number in international form (`phone`).
 */
export const openAnswerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choice'), value: z.string(), label: z.string() }),
  z.object({ kind: z.literal('text'), text: z.string() }),
  z
    .object({ kind: z.literal('time'), text: z.string(), preference: timePreferenceSchema })
    .extend(readingDoubtsSchema.shape),
  z.object({ kind: z.literal('place'), residence: residenceSchema }),
  z.object({ kind: z.literal('phone'), phone: z.string() }),
]);
export type OpenAnswer = z.infer<typeof openAnswerSchema>;

/** What a message too long to read gets, per expectation: the same as any unreadable answer. */
const tooLongProblems: Record<Expect, Problem> = {
  text: { key: 'prompt.tooLong' },
  time: unclearTime('notUnderstood'),
  place: { key: 'plan.where.invalid' },
  phone: { key: 'callback.number.invalid' },
};

/**
 * The words of a light question's answer for the coach: the resident's own, or the chosen
 * button's title; `undefined` when skipped.
 */
export function wordsOf(answer: OpenAnswer): string | undefined {
  if (answer.kind === 'text' || answer.kind === 'time') return answer.text;
  if (answer.kind === 'choice') return answer.value === skipChoice.value ? undefined : answer.label;
  return undefined;
}

/**
 * A question answered with a button or in the resident's own words ("Wat doet u nu al
 * graag?", "Wanneer komt het u goed uit?"). Ends with an {@link OpenAnswer}: what the words
 * were read as travels with them, so no step after it reads them again.
 */
export class OpenPrompt extends LocalizedPrompt<OpenAnswer, Options> {
  constructor(deps: DialogDeps, id: string = OPEN_PROMPT) {
    super(id, deps, openPromptOptionsSchema);
  }

  protected async ask({ reply, options }: PromptTurn<Options>, isRetry: boolean): Promise<void> {
    await askQuestion(reply, options, isRetry);
  }

  protected read({ context, reply, options }: PromptTurn<Options>): Read<OpenAnswer> {
    const input = readInput(context.activity);
    switch (input.kind) {
      case 'attachment':
        return { problem: { key: attachmentReplyKey(input) } };
      case 'tooLong':
        return { problem: tooLongProblems[options.expect] };
      case 'empty':
        return { problem: undefined };
      case 'text':
        break;
    }
    const { text } = input;
    const value = recognizeExactChoice(text, options.choices, reply.lng, this.deps.i18n);
    const choice = options.choices.find((candidate) => candidate.value === value);
    if (choice)
      return {
        value: { kind: 'choice', value: choice.value, label: reply.text(choice.buttonKey) },
      };
    return this.readTyped(text, options.expect, reply);
  }

  private readTyped(text: string, expect: Expect, reply: Reply): Read<OpenAnswer> {
    switch (expect) {
      case 'text':
        return { value: { kind: 'text', text: text.slice(0, maxAnswerLength) } };
      case 'time': {
        const time = preferenceOfWords(text, this.deps.clock.now(), reply.lng);
        if ('reason' in time) return { problem: unclearTime(time.reason) };
        return { value: { kind: 'time', text: text.slice(0, maxAnswerLength), ...time } };
      }
      case 'place': {
        const residence = parseResidence(text);
        return residence
          ? { value: { kind: 'place', residence } }
          : { problem: { key: 'plan.where.invalid' } };
      }
      case 'phone': {
        const phone = parsePhoneNumber(text);
        return phone
          ? { value: { kind: 'phone', phone } }
          : { problem: { key: 'callback.number.invalid' } };
      }
    }
  }
}

/** Asks an open question from a waterfall step; the next step receives an {@link OpenAnswer}. */
export function askOpen(
  step: DialogContext,
  options: OpenPromptOptions,
): Promise<DialogTurnResult> {
  return step.prompt(OPEN_PROMPT, options);
}
