import type { DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
import { Dialog } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { DialogDeps } from './deps.js';
import { chooseLanguageButton } from './languageChoice.js';
import { localizableValuesSchema, localizeAll } from './localizable.js';
import {
  attachmentReplyKey,
  commandValues,
  readInput,
  recognizeChoice,
  type Choice,
} from './recognize.js';
import { replyFor, type Button, type Reply } from './reply.js';

export const CHOICE_PROMPT = 'choicePrompt';

/** "Ja" and "Nee", for questions that are only that. */
export const yesChoice: Choice = {
  value: 'yes',
  buttonKey: 'common.yes.button',
  synonymsKey: 'common.yes.synonyms',
};
export const noChoice: Choice = {
  value: 'no',
  buttonKey: 'common.no.button',
  synonymsKey: 'common.no.synonyms',
};

const choiceSchema = z.object({
  value: z.string().min(1),
  buttonKey: z.string().min(1),
  synonymsKey: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
});

/**
 * Buttons for global commands shown under a question. The prompt does not handle them:
 * the main dialog's interruptions do, wherever the resident is.
 */
const extraSchema = z.enum(['privacy', 'language', 'menu', 'booking']);

export const choicePromptOptionsSchema = z.object({
  /** The question, asked again in the new language after a language switch. */
  questionKey: z.string().min(1),
  /** Placeholders of the question, put into words in the language of the moment. */
  values: localizableValuesSchema.default({}),
  /** The short hint sent with the buttons after a not-understood answer. */
  retryKey: z.string().min(1),
  choices: z.array(choiceSchema).min(1),
  extras: z.array(extraSchema).default([]),
});

export type ChoicePromptOptions = z.input<typeof choicePromptOptionsSchema>;

const promptStateSchema = z.object({
  options: choicePromptOptionsSchema,
  attempts: z.number().int().min(0),
});

type PromptState = z.infer<typeof promptStateSchema>;

/**
 * Asks a question with buttons and understands the answer as a button value, a title or a
 * synonym. Unlike botbuilder's ChoicePrompt it stores the question's keys, not the rendered
 * text, so a reprompt after a language switch asks the same question in the new language.
 * It never gives up: unknown answers get a friendly reply and the buttons again.
 */
export class ChoicePromptDialog extends Dialog<ChoicePromptOptions> {
  constructor(
    private readonly deps: DialogDeps,
    id: string = CHOICE_PROMPT,
  ) {
    super(id);
  }

  override async beginDialog(
    dc: DialogContext,
    options?: ChoicePromptOptions,
  ): Promise<DialogTurnResult> {
    const state: PromptState = { options: choicePromptOptionsSchema.parse(options), attempts: 0 };
    if (dc.activeDialog) dc.activeDialog.state = state;
    await this.ask(dc.context, state, state.options.questionKey);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (!dc.activeDialog || dc.context.activity.type !== 'message') return Dialog.EndOfTurn;
    const state = promptStateSchema.parse(dc.activeDialog.state);
    const reply = await replyFor(this.deps, dc.context);
    const input = readInput(dc.context.activity);
    if (input.kind === 'text') {
      const value = recognizeChoice(input.text, state.options.choices, reply.lng, this.deps.i18n);
      if (value !== undefined) return dc.endDialog(value);
    }

    state.attempts += 1;
    dc.activeDialog.state = state;
    if (input.kind === 'attachment') await reply.send(attachmentReplyKey(input));
    else if (state.attempts >= 2) await reply.send('prompt.notUnderstoodAgain');
    else await reply.send('prompt.notUnderstood');
    await this.ask(dc.context, state, state.options.retryKey, reply);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = promptStateSchema.parse(instance.state);
    await this.ask(context, state, state.options.questionKey);
  }

  private async ask(
    context: TurnContext,
    state: PromptState,
    key: string,
    known?: Reply,
  ): Promise<void> {
    const reply = known ?? (await replyFor(this.deps, context));
    const buttons: Button[] = [...state.options.choices];
    for (const extra of state.options.extras) {
      if (extra === 'privacy') {
        buttons.push({ value: commandValues.privacy, buttonKey: 'privacy.more.button' });
      } else if (extra === 'menu') {
        buttons.push({ value: commandValues.menu, buttonKey: 'menu.button' });
      } else if (extra === 'booking') {
        buttons.push({ value: commandValues.move, buttonKey: 'booking.move.button' });
        buttons.push({ value: commandValues.cancel, buttonKey: 'booking.cancel.button' });
      } else {
        // One button for all languages: six would crowd every question (and WhatsApp's list).
        buttons.push(chooseLanguageButton);
      }
    }
    await reply.ask(key, buttons, localizeAll(reply, state.options.values));
  }
}
