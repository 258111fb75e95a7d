import type { TurnContext } from 'botbuilder';
import type {
  DialogContext,
  DialogTurnResult,
  PromptOptions,
  PromptRecognizerResult,
  PromptValidator,
} from 'botbuilder-dialogs';
import { Prompt } from './botbuilderDialogs.js';
import { z } from 'zod';
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

/** What botbuilder's `Prompt` keeps for one prompt between turns, with our reason for a retry. */
const promptStateSchema = z.object({
  attemptCount: z.number().int().min(0).optional(),
  problem: problemSchema.optional(),
});
export type PromptState = z.infer<typeof promptStateSchema>;

/** One turn of a prompt: the message, a reply in the resident's language, and the parsed options. */
export interface PromptTurn<O> {
  context: TurnContext;
  reply: Reply;
  options: O;
}

/** What an answer was read as: the value to end the prompt with, or why it does not fit. */
export type Read<T> = { value: T } | { problem: Problem | undefined };

/**
 * The validator of a prompt that takes every recognized answer. `Prompt` counts attempts
 * (`attemptCount`) only when it has a validator, so each prompt has one.
 */
export const acceptRecognized: PromptValidator<unknown> = async ({ recognized }) =>
  recognized.succeeded;

/**
 * A botbuilder `Prompt` that keeps the question's keys and placeholders, not rendered text, so a
 * reprompt after a language switch asks the same question in the new language. The lifecycle
 * (begin, continue, reprompt, attempts, validator) is botbuilder's; a prompt says how to ask
 * ({@link ask}) and how to read an answer ({@link read}), and returns a typed value. An answer
 * that does not fit gets its reason ({@link Problem}) and the question again: prompts here never
 * give up, and global commands never reach them (the command router takes those first).
 */
export abstract class LocalizedPrompt<T, O extends object> extends Prompt<T> {
  protected constructor(
    id: string,
    protected readonly deps: DialogDeps,
    private readonly optionsSchema: z.ZodType<O>,
    validator: PromptValidator<T> = acceptRecognized,
  ) {
    super(id, validator);
  }

  /** Asks the question (`isRetry`: after an answer that did not fit, its reason already sent). */
  protected abstract ask(turn: PromptTurn<O>, isRetry: boolean): Promise<void>;

  /** Reads the resident's message as an answer. */
  protected abstract read(turn: PromptTurn<O>): Read<T>;

  /** Refuses options that do not fit the prompt's schema before anything is asked. */
  override beginDialog(dc: DialogContext, options?: unknown): Promise<DialogTurnResult> {
    const parsed: O = this.optionsSchema.parse(options);
    return super.beginDialog(dc, parsed);
  }

  override continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    upgradeLegacyState(dc.activeDialog?.state);
    return super.continueDialog(dc);
  }

  /**
   * botbuilder's `Prompt` reads the answer here too, when `DialogContext.continueDialog` announces
   * the message (`activityReceived`) for adaptive dialogs' interruptions, and then again in
   * `continueDialog`. Here the command router handles interruptions, and nothing waits for this
   * event, so each answer is read once, in `continueDialog`.
   */
  protected override async onPreBubbleEvent(): Promise<boolean> {
    return false;
  }

  protected override async onPrompt(
    context: TurnContext,
    state: object,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    const reply = await replyFor(this.deps, context);
    const { problem } = promptStateSchema.parse(state);
    if (isRetry && problem) await reply.send(problem.key, problem.values);
    await this.ask({ context, reply, options: this.optionsSchema.parse(options) }, isRetry);
  }

  protected override async onRecognize(
    context: TurnContext,
    state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<T>> {
    const reply = await replyFor(this.deps, context);
    const read = this.read({ context, reply, options: this.optionsSchema.parse(options) });
    Object.assign(state, { problem: 'problem' in read ? read.problem : undefined });
    return 'value' in read ? { succeeded: true, value: read.value } : { succeeded: false };
  }
}

/**
 * A prompt opened before the prompts were built on botbuilder's `Prompt` kept `{ options,
 * attempts }` (or `{ offer }`); `Prompt` expects `{ options, state }`. Conversations open at an
 * update carry on instead of failing once.
 */
function upgradeLegacyState(instanceState: unknown): void {
  if (typeof instanceState !== 'object' || instanceState === null) return;
  const legacy = instanceState as { options?: unknown; offer?: unknown; state?: unknown };
  if (legacy.options === undefined && legacy.offer !== undefined) legacy.options = legacy.offer;
  if (typeof legacy.state !== 'object' || legacy.state === null) legacy.state = {};
}
