import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from './botbuilderDialogs.js';
import * as z from 'zod';
import { pseudonym } from '../src/domain/pseudonym.js';
import type { CallbackRequest } from '../src/ports/callbacks.js';
import { askChoice } from './choicePrompt.js';
import { anytimeChoice, noChoice, skipChoice, yesChoice } from './commonChoices.js';
import type { DialogDeps } from './deps.js';
import { askOpen, openAnswerSchema, wordsOf } from './openPrompt.js';
import type { Choice } from './recognize.js';
import { replyFor } from './reply.js';
import { residentKeyOf } from './resident.js';

export const REQUEST_CALLBACK_DIALOG = 'requestCallback';

const stopChoice: Choice = {
  value: 'stop',
  buttonKey: 'callback.number.stop.button',
  synonymsKey: 'common.no.synonyms',
};

/** Kept between the steps, and only after the resident said yes. */
const valuesSchema = z.object({
  consentAt: z.string().optional(),
  phone: z.string().optional(),
});

/**
 * "Bel mij liever": a person calls the resident back, for whoever would rather talk than
 * chat. The number is
 * asked only after an explicit yes to keeping it for the call, and for how long; a no, or "toch
 * niet" at the number, stores nothing and gives the phone number to call instead.
 */
export class RequestCallbackDialog extends WaterfallDialog {
  constructor(private readonly deps: DialogDeps) {
    super(REQUEST_CALLBACK_DIALOG);
    this.addStep(this.askConsent.bind(this));
    this.addStep(this.askNumber.bind(this));
    this.addStep(this.askWhenToCall.bind(this));
    this.addStep(this.saveRequest.bind(this));
  }

  private async askConsent(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return askChoice(step, {
      questionKey: 'callback.consent.ask',
      values: { days: { key: 'common.days', values: { count: this.deps.retentionDays } } },
      retryKey: 'callback.consent.retry',
      choices: [yesChoice, noChoice],
    });
  }

  private async askNumber(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== yesChoice.value) return this.storeNothing(step);
    Object.assign(step.values, { consentAt: this.deps.clock.now().toISOString() });
    return askOpen(step, {
      questionKey: 'callback.number.ask',
      choices: [stopChoice],
      expect: 'phone',
    });
  }

  private async askWhenToCall(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = openAnswerSchema.parse(step.result);
    if (answer.kind !== 'phone') return this.storeNothing(step);
    Object.assign(step.values, { phone: answer.phone });
    return askOpen(step, {
      questionKey: 'callback.when.ask',
      choices: [anytimeChoice, skipChoice],
    });
  }

  private async saveRequest(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { consentAt, phone } = valuesSchema.parse(step.values);
    if (!consentAt || !phone) return this.storeNothing(step);
    const preferredTimes = wordsOf(openAnswerSchema.parse(step.result));
    const reply = await replyFor(this.deps, step.context);
    const residentKey = residentKeyOf(step.context);
    const now = this.deps.clock.now().toISOString();
    const request: CallbackRequest = {
      // The same message handled twice (a retried turn) gives the same id: one request.
      id: pseudonym(`${residentKey}|${step.context.activity.id ?? now}`),
      residentKey,
      phone,
      consentAt,
      ...(preferredTimes ? { preferredTimes } : {}),
      language: reply.lng,
      channel: step.context.activity.channelId ?? 'unknown',
      createdAt: now,
    };
    await this.deps.callbacks.put(request);
    await reply.send('callback.done', { number: phone });
    return step.endDialog();
  }

  private async storeNothing(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await (await replyFor(this.deps, step.context)).send('callback.noConsent');
    return step.endDialog();
  }
}
