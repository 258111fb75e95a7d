import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from './botbuilderDialogs.js';
import { currentBooking, meetingOf } from './bookedMeeting.js';
import type { DialogDeps } from './deps.js';
import { localize } from './localizable.js';
import { replyFor } from './reply.js';

export const CONFIRM_COMING_DIALOG = 'confirmComing';

/**
 * "Ik kom", pressed under the WhatsApp reminder the day before: a short, warm confirmation that
 * names the meeting again ("Fijn dat u komt! Tot dan: donderdag 3 december om 13:30 bij
 * Dorpshuis Den Domp, met Elke."). The meeting is looked up fresh: when it was moved, cancelled
 * or erased since the reminder went, the resident hears that kindly, and the menu that follows
 * offers a new meeting.
 */
export class ConfirmComingDialog extends WaterfallDialog {
  constructor(private readonly deps: DialogDeps) {
    super(CONFIRM_COMING_DIALOG);
    this.addStep(this.confirm.bind(this));
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reply = await replyFor(this.deps, step.context);
    const found = await currentBooking(this.deps, step.context);
    if (!found) {
      await reply.send('reminder.comingNone');
      return step.endDialog();
    }
    await reply.send('reminder.coming', {
      meeting: String(localize(reply, meetingOf(found.booking, found.coach))),
    });
    return step.endDialog();
  }
}
