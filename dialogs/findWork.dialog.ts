import {
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { DialogDeps } from './deps.js';
import { replyFor } from './reply.js';

export const FIND_WORK_DIALOG = 'findWork';

/**
 * The resident wants work. For now an honest placeholder: planning a meeting in this chat is
 * coming; until then they can call. It never claims that anything was booked.
 */
export class FindWorkDialog extends WaterfallDialog {
  constructor(private readonly deps: DialogDeps) {
    super(FIND_WORK_DIALOG);
    this.addStep(this.tellWhatComesNext.bind(this));
  }

  private async tellWhatComesNext(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reply = await replyFor(this.deps, step.context);
    await reply.send('findWork.glad');
    await reply.send('findWork.comingSoon');
    return step.endDialog();
  }
}
