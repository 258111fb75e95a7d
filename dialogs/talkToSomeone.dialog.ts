import {
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { DialogDeps } from './deps.js';
import { replyFor } from './reply.js';

export const TALK_TO_SOMEONE_DIALOG = 'talkToSomeone';

/**
 * The resident wants a person. A human is always an alternative: for now the phone number;
 * a call-back request from the chat comes later.
 */
export class TalkToSomeoneDialog extends WaterfallDialog {
  constructor(private readonly deps: DialogDeps) {
    super(TALK_TO_SOMEONE_DIALOG);
    this.addStep(this.tellWhatComesNext.bind(this));
  }

  private async tellWhatComesNext(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reply = await replyFor(this.deps, step.context);
    await reply.send('talkToSomeone.ok');
    await reply.send('talkToSomeone.call');
    return step.endDialog();
  }
}
