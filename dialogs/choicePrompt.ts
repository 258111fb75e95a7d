import type { DialogContext, DialogTurnResult, PromptValidator } from 'botbuilder-dialogs';
import * as z from 'zod';
import { cancelChoice, menuChoice, moveChoice, privacyChoice } from './commonChoices.js';
import type { DialogDeps } from './deps.js';
import { chooseLanguageButton } from './languageChoice.js';
import {
  askQuestion,
  LocalizedPrompt,
  questionSchema,
  type PromptTurn,
  type Read,
} from './localizedPrompt.js';
import { attachmentReplyKey, choiceSchema, readInput, recognizeChoice } from './recognize.js';
import type { Button } from './reply.js';

export const CHOICE_PROMPT = 'choicePrompt';

/**
 * Buttons for global commands shown under a question. The prompt does not handle them: the
 * command router does, wherever the resident is.
 */
const extraSchema = z.enum(['privacy', 'language', 'menu', 'booking']);
type Extra = z.infer<typeof extraSchema>;

export const choicePromptOptionsSchema = questionSchema.extend({
  /** The short hint sent with the buttons after a not-understood answer. */
  retryKey: z.string().min(1),
  choices: z.array(choiceSchema).min(1),
  extras: z.array(extraSchema).default([]),
});

export type ChoicePromptOptions = z.input<typeof choicePromptOptionsSchema>;
type Options = z.infer<typeof choicePromptOptionsSchema>;

const extraButtons: Record<Extra, readonly Button[]> = {
  privacy: [privacyChoice],
  menu: [menuChoice],
  booking: [moveChoice, cancelChoice],
  // One button for all languages: six would crowd every question (and WhatsApp's list).
  language: [chooseLanguageButton],
};

/**
 * After a typed answer that matched no button: "Sorry, dat begreep ik niet", and from the second
 * attempt on a friendlier hint. A photo or voice note has its own reason, set when it was read.
 */
const explainNotUnderstood: PromptValidator<string> = async ({
  recognized,
  state,
  attemptCount,
}) => {
  if (recognized.succeeded) return true;
  if (!('problem' in state) || state.problem === undefined) {
    const key = attemptCount >= 2 ? 'prompt.notUnderstoodAgain' : 'prompt.notUnderstood';
    Object.assign(state, { problem: { key } });
  }
  return false;
};

/**
 * Asks a question with buttons and ends with the chosen button's value: pressed, or its title or
 * a synonym typed, in any of Voordeur's languages. Unlike botbuilder's ChoicePrompt it keeps the
 * question's keys, so it asks again in a new language after a switch, and it never gives up.
 */
export class ChoicePrompt extends LocalizedPrompt<string, Options> {
  constructor(deps: DialogDeps, id: string = CHOICE_PROMPT) {
    super(id, deps, choicePromptOptionsSchema, explainNotUnderstood);
  }

  protected async ask({ reply, options }: PromptTurn<Options>, isRetry: boolean): Promise<void> {
    const extras = options.extras.flatMap((extra) => extraButtons[extra]);
    await askQuestion(reply, options, isRetry, extras);
  }

  protected read({ context, reply, options }: PromptTurn<Options>): Read<string> {
    const input = readInput(context.activity);
    if (input.kind === 'attachment') return { problem: { key: attachmentReplyKey(input) } };
    if (input.kind !== 'text') return { problem: undefined };
    const value = recognizeChoice(input.text, options.choices, reply.lng, this.deps.i18n);
    return value === undefined ? { problem: undefined } : { value };
  }
}

/** Asks a question with buttons from a waterfall step; the next step receives the chosen value. */
export function askChoice(
  step: DialogContext,
  options: ChoicePromptOptions,
): Promise<DialogTurnResult> {
  return step.prompt(CHOICE_PROMPT, options);
}
