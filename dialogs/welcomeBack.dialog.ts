import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from './botbuilderDialogs.js';
import * as z from 'zod';
import { currentBooking, meetingOf } from './bookedMeeting.js';
import { askChoice } from './choicePrompt.js';
import { cancelChoice, moveChoice } from './commonChoices.js';
import type { DialogDeps } from './deps.js';
import { MOVE_MEETING_DIALOG } from './moveMeeting.dialog.js';
import type { Choice } from './recognize.js';
import { replyFor } from './reply.js';

export const WELCOME_BACK_DIALOG = 'welcomeBack';

/**
 * Why the resident hears about their meeting: they wrote again after a while (`returning`), or
 * they set out to plan a second meeting while one is open (`alreadyBooked`).
 */
export const welcomeBackOptionsSchema = z
  .object({ reason: z.enum(['returning', 'alreadyBooked']).default('returning') })
  .default({ reason: 'returning' });
export type WelcomeBackOptions = NonNullable<z.input<typeof welcomeBackOptionsSchema>>;

/** "Nee, alles is goed": the meeting stays as it is. */
const nothingChoice: Choice = {
  value: 'no',
  buttonKey: 'returning.nothing.button',
  synonymsKey: 'common.no.synonyms',
};

/** "Afspraak verzetten", which a plain "ja" also means when asked whether to move it. */
const moveItChoice: Choice = {
  value: 'yes',
  buttonKey: 'booking.move.button',
  synonymsKey: ['common.yes.synonyms', 'booking.move.synonyms'],
};

const keepItChoice: Choice = {
  value: 'no',
  buttonKey: 'booking.keep.button',
  synonymsKey: 'common.no.synonyms',
};

/**
 * A resident with a meeting who comes back is greeted with it ("U heeft een afspraak met Elke op
 * dinsdag 8 december om 14:00. Wilt u iets veranderen?"), and one resident has one meeting: a
 * second booking while one is open asks whether to move the one they have. Moving and cancelling
 * are the command router's buttons, so they work here and at any later moment alike.
 */
export class WelcomeBackDialog extends WaterfallDialog<WelcomeBackOptions> {
  constructor(private readonly deps: DialogDeps) {
    super(WELCOME_BACK_DIALOG);
    this.addStep(this.showMeeting.bind(this));
    this.addStep(this.actOnAnswer.bind(this));
  }

  private async showMeeting(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { reason } = welcomeBackOptionsSchema.parse(step.options);
    const found = await currentBooking(this.deps, step.context);
    if (!found) return step.endDialog();
    const { booking, coach } = found;
    if (reason === 'returning') {
      return askChoice(step, {
        questionKey: 'returning.greeting',
        values: { coach: coach.name, when: { date: booking.start } },
        retryKey: 'returning.greeting',
        choices: [moveChoice, cancelChoice, nothingChoice],
      });
    }
    return askChoice(step, {
      questionKey: 'returning.alreadyBooked',
      values: { meeting: meetingOf(booking, coach) },
      retryKey: 'returning.alreadyBooked',
      choices: [moveItChoice, keepItChoice],
    });
  }

  private async actOnAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === moveItChoice.value) return step.replaceDialog(MOVE_MEETING_DIALOG);
    await (await replyFor(this.deps, step.context)).send('booking.kept');
    return step.endDialog();
  }
}
