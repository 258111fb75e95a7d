import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from './botbuilderDialogs.js';
import * as z from 'zod';
import { askChoice } from './choicePrompt.js';
import type { DialogDeps } from './deps.js';
import { eraseAfterTurn, explainPrivacyFully, type EraseAfterTurn } from './privacy.js';
import { keptAbout, whenOf } from './privacyRequest.js';
import type { Choice } from './recognize.js';
import { replyFor } from './reply.js';
import { residentKeyOf } from './resident.js';

export const ERASE_DATA_DIALOG = 'eraseData';

const eraseYes: Choice = {
  value: 'erase:yes',
  buttonKey: 'residentData.erase.yes.button',
  // "ja" works too: the question is only yes or no.
  synonymsKey: ['residentData.erase.yes.synonyms', 'common.yes.synonyms'],
};
const eraseNo: Choice = {
  value: 'erase:no',
  buttonKey: 'residentData.erase.no.button',
  synonymsKey: ['residentData.erase.no.synonyms', 'common.no.synonyms'],
};

/**
 * "Verwijder mijn gegevens" (AVG art. 17): says what will happen — the meeting is cancelled and
 * the coach told, the call-back withdrawn — asks once to confirm, and on yes marks the turn for
 * erasure ({@link eraseAfterTurn}); the conversation ends, so a new message starts fresh.
 */
export class EraseDataDialog extends WaterfallDialog {
  constructor(private readonly deps: DialogDeps) {
    super(ERASE_DATA_DIALOG, []);
    this.addStep(this.sayWhatWillHappen.bind(this));
    this.addStep(this.eraseOrKeep.bind(this));
  }

  private async sayWhatWillHappen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reply = await replyFor(this.deps, step.context);
    if (!this.deps.residentData) {
      // Nothing here can erase: the privacy text says whom to call.
      await explainPrivacyFully(this.deps, reply);
      return step.endDialog();
    }
    const kept = await keptAbout(this.deps, step.context);
    const lines = [reply.text('residentData.erase.explain')];
    for (const meeting of kept?.meetings ?? []) {
      if (Date.parse(meeting.start) < this.deps.clock.now().getTime()) continue;
      lines.push(
        reply.text('residentData.erase.meeting', {
          coach: meeting.coachName,
          when: whenOf(reply, meeting.start),
        }),
      );
    }
    if ((kept?.callbacks.length ?? 0) > 0) lines.push(reply.text('residentData.erase.callback'));
    await reply.sendText(lines.join('\n\n'));
    return askChoice(step, {
      questionKey: 'residentData.erase.ask',
      retryKey: 'residentData.erase.retry',
      choices: [eraseYes, eraseNo],
    });
  }

  private async eraseOrKeep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reply = await replyFor(this.deps, step.context);
    if (z.string().parse(step.result) !== eraseYes.value) {
      await reply.send('residentData.erase.kept');
      return step.endDialog();
    }
    const marker: EraseAfterTurn = {
      key: residentKeyOf(step.context),
      channel: step.context.activity.channelId ?? 'unknown',
      done: reply.text('residentData.erase.done'),
      failed: reply.text('residentData.erase.failed'),
    };
    step.context.turnState.set(eraseAfterTurn, marker);
    // Everything of this conversation ends here: the next message starts a new one.
    return step.cancelAllDialogs();
  }
}
