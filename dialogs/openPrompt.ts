import type { TurnContext } from 'botbuilder';
import {
  Dialog,
  type DialogContext,
  type DialogInstance,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { z } from 'zod';
import {
  parseTimePreference,
  PLANNING_HORIZON_DAYS,
  type UnclearReason,
} from '../src/domain/timePreference.js';
import type { DialogDeps } from './deps.js';
import { localizableValuesSchema, localizeAll } from './localizable.js';
import { parsePhoneNumber } from './phoneNumber.js';
import { attachmentReplyKey, readInput, recognizeExactChoice } from './recognize.js';
import { replyFor, type Reply } from './reply.js';
import { parseResidence } from './residence.js';

export const OPEN_PROMPT = 'openPrompt';

/** Own words are kept for the coach, but not endlessly. */
export const maxAnswerLength = 500;

const choiceSchema = z.object({
  value: z.string().min(1),
  buttonKey: z.string().min(1),
  synonymsKey: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
});

/**
 * What a typed answer must be. `text`: anything; `time`: a time preference the domain
 * understands; `place`: a place or postcode; `phone`: a phone number. An answer that is not
 * gets a kind explanation with examples and the question again: the prompt never guesses.
 */
const expectSchema = z.enum(['text', 'time', 'place', 'phone']);
type Expect = z.infer<typeof expectSchema>;

export const openPromptOptionsSchema = z.object({
  questionKey: z.string().min(1),
  values: localizableValuesSchema.default({}),
  /** Asked after an answer that did not fit; defaults to the question. */
  retryKey: z.string().min(1).optional(),
  /** Suggestions as buttons; typed, only the whole title or a synonym counts as the button. */
  choices: z.array(choiceSchema).default([]),
  expect: expectSchema.default('text'),
});

export type OpenPromptOptions = z.input<typeof openPromptOptionsSchema>;

/** A button (with its title in the language the resident saw), or their own words. */
export const openAnswerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choice'), value: z.string(), label: z.string() }),
  z.object({ kind: z.literal('text'), text: z.string() }),
]);
export type OpenAnswer = z.infer<typeof openAnswerSchema>;

const promptStateSchema = z.object({ options: openPromptOptionsSchema });
type PromptState = z.infer<typeof promptStateSchema>;

const unclearTimeKeys: Record<UnclearReason, string> = {
  notUnderstood: 'plan.when.unclear.notUnderstood',
  inThePast: 'plan.when.unclear.inThePast',
  impossibleDate: 'plan.when.unclear.impossibleDate',
  tooFarAhead: 'plan.when.unclear.tooFarAhead',
};

/** Why a typed answer does not fit, as a message key and its values; `undefined` if it fits. */
type Problem = { key: string; values?: Record<string, unknown> } | undefined;

/**
 * A question answered with a button or in the resident's own words ("Wat doet u nu al
 * graag?", "Wanneer komt het u goed uit?"). Like {@link ChoicePromptDialog} it keeps keys, not
 * text, so it asks again in a new language after a switch. Global commands never reach it:
 * the main dialog's interruptions take them first.
 */
export class OpenPromptDialog extends Dialog<OpenPromptOptions> {
  constructor(
    private readonly deps: DialogDeps,
    id: string = OPEN_PROMPT,
  ) {
    super(id);
  }

  override async beginDialog(
    dc: DialogContext,
    options?: OpenPromptOptions,
  ): Promise<DialogTurnResult> {
    const state: PromptState = { options: openPromptOptionsSchema.parse(options) };
    if (dc.activeDialog) dc.activeDialog.state = state;
    await this.ask(await replyFor(this.deps, dc.context), state, state.options.questionKey);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (!dc.activeDialog || dc.context.activity.type !== 'message') return Dialog.EndOfTurn;
    const state = promptStateSchema.parse(dc.activeDialog.state);
    const { options } = state;
    const reply = await replyFor(this.deps, dc.context);
    const input = readInput(dc.context.activity);
    const retryKey = options.retryKey ?? options.questionKey;

    if (input.kind === 'text') {
      const value = recognizeExactChoice(input.text, options.choices, reply.lng, this.deps.i18n);
      const choice = options.choices.find((candidate) => candidate.value === value);
      if (choice) {
        const answer: OpenAnswer = {
          kind: 'choice',
          value: choice.value,
          label: reply.text(choice.buttonKey),
        };
        return dc.endDialog(answer);
      }
      const problem = this.check(input.text, options.expect, reply);
      if (!problem) {
        const answer: OpenAnswer = { kind: 'text', text: input.text.slice(0, maxAnswerLength) };
        return dc.endDialog(answer);
      }
      await reply.send(problem.key, problem.values);
    } else if (input.kind === 'attachment') {
      await reply.send(attachmentReplyKey(input));
    } else if (input.kind === 'tooLong') {
      const problem = this.check('', options.expect, reply);
      await reply.send(problem?.key ?? 'prompt.tooLong', problem?.values);
    }
    await this.ask(reply, state, retryKey);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = promptStateSchema.parse(instance.state);
    await this.ask(await replyFor(this.deps, context), state, state.options.questionKey);
  }

  private check(text: string, expect: Expect, reply: Reply): Problem {
    switch (expect) {
      case 'text':
        return undefined;
      case 'time': {
        const parsed = parseTimePreference(text, {
          now: this.deps.clock.now(),
          language: reply.lng,
        });
        if (parsed.kind !== 'unclear') return undefined;
        return {
          key: unclearTimeKeys[parsed.reason],
          values: { weeks: Math.floor(PLANNING_HORIZON_DAYS / 7) },
        };
      }
      case 'place':
        return parseResidence(text) ? undefined : { key: 'plan.where.invalid' };
      case 'phone':
        return parsePhoneNumber(text) ? undefined : { key: 'callback.number.invalid' };
    }
  }

  private async ask(reply: Reply, state: PromptState, key: string): Promise<void> {
    await reply.ask(key, state.options.choices, localizeAll(reply, state.options.values));
  }
}
