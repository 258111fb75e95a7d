import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from './botbuilderDialogs.js';
import {
  calendarFile,
  currentBooking,
  forgetBooking,
  meetingOf,
  sendCalendarFile,
} from './bookedMeeting.js';
import { askChoice } from './choicePrompt.js';
import { yesChoice } from './commonChoices.js';
import type { DialogDeps } from './deps.js';
import { localize } from './localizable.js';
import { residentOf } from './resident.js';
import type { Choice } from './recognize.js';
import { replyFor } from './reply.js';

export const CANCEL_MEETING_DIALOG = 'cancelMeeting';

const keepIt: Choice = {
  value: 'no',
  buttonKey: 'booking.keep.button',
  synonymsKey: 'common.no.synonyms',
};

/**
 * The resident cancels their meeting: "afspraak afzeggen", typed or pressed, at any moment. It
 * reads the meeting back and asks once; cancelling twice, or without a meeting, gets a friendly
 * word instead of an error. The coach stays remembered, so a new meeting is with them again.
 * The resident gets a cancellation calendar file, so the meeting leaves their own calendar too.
 */
export class CancelMeetingDialog extends WaterfallDialog {
  constructor(private readonly deps: DialogDeps) {
    super(CANCEL_MEETING_DIALOG);
    this.addStep(this.askToConfirm.bind(this));
    this.addStep(this.cancel.bind(this));
  }

  private async askToConfirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const found = await currentBooking(this.deps, step.context);
    if (!found) {
      await (await replyFor(this.deps, step.context)).send('booking.none');
      return step.endDialog();
    }
    return askChoice(step, {
      questionKey: 'booking.cancelAsk',
      values: { meeting: meetingOf(found.booking, found.coach) },
      retryKey: 'booking.cancelRetry',
      choices: [yesChoice, keepIt],
    });
  }

  private async cancel(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reply = await replyFor(this.deps, step.context);
    if (step.result !== yesChoice.value) {
      await reply.send('booking.kept');
      return step.endDialog();
    }
    // Looked up again: the meeting may have gone while the question was open.
    const found = await currentBooking(this.deps, step.context);
    if (!found) {
      await reply.send('booking.none');
      return step.endDialog();
    }
    await this.deps.planner.cancel(await residentOf(this.deps, step.context), found.current);
    await forgetBooking(this.deps, step.context);
    await reply.send('booking.cancelled', {
      meeting: String(localize(reply, meetingOf(found.booking, found.coach))),
    });
    // The same UID with a higher SEQUENCE and METHOD:CANCEL: the resident's own calendar, which
    // got the booking's file, drops the meeting when they open this one.
    const file = calendarFile(this.deps, reply, found.booking, found.coach, this.deps.clock.now());
    await sendCalendarFile(step.context, reply, file, 'booking.cancelledCalendar');
    return step.endDialog();
  }
}
