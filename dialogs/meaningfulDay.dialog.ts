import {
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { DialogDeps } from './deps.js';
import { replyFor } from './reply.js';

export const MEANINGFUL_DAY_DIALOG = 'meaningfulDay';

/**
 * The resident wants something meaningful to do (volunteering, day activities). For now an
 * honest placeholder that points to the phone; it never claims that anything was booked.
 */
export class MeaningfulDayDialog extends WaterfallDialog {
  constructor(private readonly deps: DialogDeps) {
    super(MEANINGFUL_DAY_DIALOG);
    this.addStep(this.tellWhatComesNext.bind(this));
  }

  private async tellWhatComesNext(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reply = await replyFor(this.deps, step.context);
    await reply.send('meaningfulDay.glad');
    await reply.send('meaningfulDay.comingSoon');
    return step.endDialog();
  }
}
