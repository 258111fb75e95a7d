import { ActivityTypes, type TurnContext } from 'botbuilder';
import type {
  DialogContext,
  DialogInstance,
  DialogTurnResult,
  PromptRecognizerResult,
  PromptValidator,
} from 'botbuilder-dialogs';
import { Dialog } from './botbuilderDialogs.js';
import * as z from 'zod';
import type { DialogDeps } from './deps.js';
import { localizableValuesSchema, localizeAll } from './localizable.js';
import { choiceSchema } from './recognize.js';
import { replyFor, type Button, type Reply } from './reply.js';

/** A question as prompts keep it: keys and placeholders, put into words when asked. */
export const questionSchema = z.object({
  /** The question, asked again in the new language after a language switch. */
  questionKey: z.string().min(1),
  /** Placeholders of the question, put into words in the language of the moment. */
  values: localizableValuesSchema.default({}),
  /** Asked after an answer that did not fit; defaults to the question. */
  retryKey: z.string().min(1).optional(),
  /** The answers as buttons. */
  choices: z.array(choiceSchema).default([]),
});
type Question = z.infer<typeof questionSchema>;

/** Asks `question`, or its retry question after an answer that did not fit, with its buttons. */
export function askQuestion(
  reply: Reply,
  question: Question,
  isRetry: boolean,
  more: readonly Button[] = [],
): Promise<void> {
  const key = isRetry ? (question.retryKey ?? question.questionKey) : question.questionKey;
  return reply.ask(key, [...question.choices, ...more], localizeAll(reply, question.values));
}

/** Why an answer did not fit: a message key and its values, sent before the question again. */
export const problemSchema = z.object({
  key: z.string().min(1),
  values: z.record(z.string(), z.unknown()).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** What a prompt keeps between turns (as botbuilder's `Prompt` kept it), with our reason for a retry. */
const promptStateSchema = z.object({
  attemptCount: z.number().int().min(0).optional(),
  problem: problemSchema.optional(),
});
export type PromptState = z.infer<typeof promptStateSchema>;

/** A prompt's dialog instance state: `{ options, state }`, the shape botbuilder's `Prompt` used. */
interface PromptInstanceState {
  options: object;
  state: PromptState;
}

/** One turn of a prompt: the message, a reply in the resident's language, and the parsed options. */
export interface PromptTurn<O> {
  context: TurnContext;
  reply: Reply;
  options: O;
}

/** What an answer was read as: the value to end the prompt with, or why it does not fit. */
export type Read<T> = { value: T } | { problem: Problem | undefined };

/** The validator of a prompt that takes every recognized answer. */
export const acceptRecognized: PromptValidator<unknown> = async ({ recognized }) =>
  recognized.succeeded;

/**
 * A prompt that keeps the question's keys and placeholders, not rendered text, so a reprompt
 * after a language switch asks the same question in the new language. A prompt says how to ask
 * ({@link ask}) and how to read an answer ({@link read}), and returns a typed value; this class
 * runs the lifecycle botbuilder's `Prompt` runs (begin, continue, resume, reprompt, attempts,
 * validator) and keeps its state in the same shape, so open conversations carry on. It extends
 * `Dialog` rather than `Prompt` because `Prompt` loads botbuilder's choice recognizers (about
 * 0.6 MB of code) for list styles Voordeur never uses. An answer that does not fit gets its reason
 * ({@link Problem}) and the question again: prompts here never give up, and global commands never
 * reach them (the command router takes those first).
 */
export abstract class LocalizedPrompt<T, O extends object> extends Dialog {
  protected constructor(
    id: string,
    protected readonly deps: DialogDeps,
    private readonly optionsSchema: z.ZodType<O>,
    private readonly validator: PromptValidator<T> = acceptRecognized,
  ) {
    super(id);
  }

  /** Asks the question (`isRetry`: after an answer that did not fit, its reason already sent). */
  protected abstract ask(turn: PromptTurn<O>, isRetry: boolean): Promise<void>;

  /** Reads the resident's message as an answer. */
  protected abstract read(turn: PromptTurn<O>): Read<T>;

  /** Refuses options that do not fit the prompt's schema before anything is asked. */
  override async beginDialog(dc: DialogContext, options?: unknown): Promise<DialogTurnResult> {
    const parsed = this.optionsSchema.parse(options);
    const instance: PromptInstanceState = { options: parsed, state: {} };
    Object.assign(dc.activeDialog!.state, instance);
    await this.onPrompt(dc.context, instance.state, parsed, false);
    return Dialog.EndOfTurn;
  }

  /** Reads a message as the answer: ends the prompt with its value, or asks again. */
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const instance = upgradeLegacyState(dc.activeDialog!.state);
    if (dc.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    // Read from the stored state once per turn: the answer and a retry question both use it.
    const options = this.optionsSchema.parse(instance.options);
    const recognized = await this.onRecognize(dc.context, instance.state, options);
    instance.state.attemptCount = (instance.state.attemptCount ?? 0) + 1;
    const valid = await this.validator({
      context: dc.context,
      recognized,
      state: instance.state,
      options: instance.options,
      attemptCount: instance.state.attemptCount,
    });
    if (valid) return dc.endDialog(recognized.value);
    if (!dc.context.responded) await this.onPrompt(dc.context, instance.state, options, true);
    return Dialog.EndOfTurn;
  }

  /** A dialog started on top of the prompt ended: ask the question again. */
  override async resumeDialog(dc: DialogContext): Promise<DialogTurnResult> {
    await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, dialog: DialogInstance): Promise<void> {
    const instance = upgradeLegacyState(dialog.state);
    await this.onPrompt(context, instance.state, this.optionsSchema.parse(instance.options), false);
  }

  protected async onPrompt(
    context: TurnContext,
    state: object,
    options: O,
    isRetry: boolean,
  ): Promise<void> {
    const reply = await replyFor(this.deps, context);
    const { problem } = promptStateSchema.parse(state);
    if (isRetry && problem) await reply.send(problem.key, problem.values);
    await this.ask({ context, reply, options }, isRetry);
  }

  protected async onRecognize(
    context: TurnContext,
    state: object,
    options: O,
  ): Promise<PromptRecognizerResult<T>> {
    const reply = await replyFor(this.deps, context);
    const read = this.read({ context, reply, options });
    Object.assign(state, { problem: 'problem' in read ? read.problem : undefined });
    return 'value' in read ? { succeeded: true, value: read.value } : { succeeded: false };
  }
}

/**
 * A prompt opened before the prompts were built on botbuilder's `Prompt` kept `{ options,
 * attempts }` (or `{ offer }`); the prompt expects `{ options, state }`. Conversations open at an
 * update carry on instead of failing once.
 */
function upgradeLegacyState(instanceState: unknown): PromptInstanceState {
  const legacy = (
    typeof instanceState === 'object' && instanceState !== null ? instanceState : {}
  ) as { options?: unknown; offer?: unknown; state?: unknown };
  if (legacy.options === undefined && legacy.offer !== undefined) legacy.options = legacy.offer;
  if (typeof legacy.state !== 'object' || legacy.state === null) legacy.state = {};
  return legacy as PromptInstanceState;
}
