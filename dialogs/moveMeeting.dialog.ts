import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from './botbuilderDialogs.js';
import { currentBooking, meetingOf } from './bookedMeeting.js';
import type { DialogDeps } from './deps.js';
import { localize } from './localizable.js';
import { PLAN_MEETING_DIALOG } from './planMeeting.dialog.js';
import type { PlanMeetingOptions } from './planMeetingOptions.js';
import { replyFor } from './reply.js';

export const MOVE_MEETING_DIALOG = 'moveMeeting';

/**
 * The resident moves their meeting: "afspraak verzetten", typed or pressed, at any moment. It
 * shows the meeting as it stands and plans a new time, with the same coach first (the planner's
 * continuity) and the same way of meeting when that coach offers it. The new slot is booked
 * before the old one is freed, so a failed move never leaves the resident without a meeting.
 */
export class MoveMeetingDialog extends WaterfallDialog {
  constructor(private readonly deps: DialogDeps) {
    super(MOVE_MEETING_DIALOG);
    this.addStep(this.planANewTime.bind(this));
    this.addStep(this.finish.bind(this));
  }

  private async planANewTime(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reply = await replyFor(this.deps, step.context);
    const found = await currentBooking(this.deps, step.context);
    if (!found) {
      await reply.send('booking.none');
      return step.endDialog();
    }
    const { booking, coach, current } = found;
    const meeting = String(localize(reply, meetingOf(booking, coach)));
    await reply.send('booking.moveIntro', { meeting, coach: coach.name });
    const { wishes, doesAlready, wouldHelp } = booking.summary;
    const options: PlanMeetingOptions = {
      intent: booking.summary.intent,
      answers: {
        ...(wishes ? { wishes } : {}),
        ...(doesAlready ? { doesAlready } : {}),
        ...(wouldHelp ? { wouldHelp } : {}),
      },
      moving: {
        ...current,
        form: booking.form,
        ...(booking.placeId ? { placeId: booking.placeId } : {}),
      },
    };
    return step.beginDialog(PLAN_MEETING_DIALOG, options);
  }

  private async finish(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }
}
