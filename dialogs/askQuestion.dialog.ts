import {
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { DialogDeps } from './deps.js';
import { replyFor } from './reply.js';

export const ASK_QUESTION_DIALOG = 'askQuestion';

/**
 * The resident has a question first. Answering questions comes later; for now the
 * placeholder says so and gives the phone number.
 */
export class AskQuestionDialog extends WaterfallDialog {
  constructor(private readonly deps: DialogDeps) {
    super(ASK_QUESTION_DIALOG);
    this.addStep(this.tellWhatComesNext.bind(this));
  }

  private async tellWhatComesNext(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reply = await replyFor(this.deps, step.context);
    await reply.send('askQuestion.glad');
    await reply.send('askQuestion.comingSoon');
    return step.endDialog();
  }
}
