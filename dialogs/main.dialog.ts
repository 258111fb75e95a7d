import type { DialogContext, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, WaterfallDialog } from './botbuilderDialogs.js';
import * as z from 'zod';
import { AskQuestionDialog, ASK_QUESTION_DIALOG } from './askQuestion.dialog.js';
import { CancelMeetingDialog, CANCEL_MEETING_DIALOG } from './cancelMeeting.dialog.js';
import { askChoice, ChoicePrompt } from './choicePrompt.js';
import { CommandRouter } from './commandRouter.js';
import { ConfirmComingDialog, CONFIRM_COMING_DIALOG } from './confirmComing.dialog.js';
import { EraseDataDialog, ERASE_DATA_DIALOG } from './eraseData.dialog.js';
import type { DialogDeps } from './deps.js';
import { intentChoices, intentFromValue, menuChoices } from './intents.js';
import { mainOptionsSchema, type MainOptions } from './mainOptions.js';
import { MoveMeetingDialog, MOVE_MEETING_DIALOG } from './moveMeeting.dialog.js';
import { OpenPrompt } from './openPrompt.js';
import { PlanMeetingDialog, PLAN_MEETING_DIALOG } from './planMeeting.dialog.js';
import type { PlanMeetingOptions } from './planMeetingOptions.js';
import { RequestCallbackDialog, REQUEST_CALLBACK_DIALOG } from './requestCallback.dialog.js';
import { WelcomeDialog, WELCOME_DIALOG } from './welcome.dialog.js';
import { currentBooking } from './bookedMeeting.js';
import {
  WelcomeBackDialog,
  WELCOME_BACK_DIALOG,
  type WelcomeBackOptions,
} from './welcomeBack.dialog.js';

export const MAIN_DIALOG = 'main';
const ROUTE = 'mainRoute';

/** Where each command's path starts (a slot button starts planning, with that slot). */
const commandDialogs = {
  callback: REQUEST_CALLBACK_DIALOG,
  move: MOVE_MEETING_DIALOG,
  cancel: CANCEL_MEETING_DIALOG,
  coming: CONFIRM_COMING_DIALOG,
  welcomeBack: WELCOME_BACK_DIALOG,
  erase: ERASE_DATA_DIALOG,
} as const;

/** One resident, one meeting: planning another while one is open asks to move it instead. */
const alreadyBooked: WelcomeBackOptions = { reason: 'alreadyBooked' };

/**
 * The router: greets a new resident, asks what they would like, runs that path and comes
 * back to the menu, forever. Global commands (menu, language, privacy, call back, moving or
 * cancelling the meeting, a slot button) are handled by the {@link CommandRouter} before the
 * open question sees the message, so the conversation never dead-ends.
 */
export class MainDialog extends ComponentDialog<MainOptions> {
  private readonly router: CommandRouter;

  constructor(private readonly deps: DialogDeps) {
    super(MAIN_DIALOG);
    this.router = new CommandRouter(deps);
    this.addDialog(
      new WaterfallDialog(ROUTE, [
        this.greetIfNew.bind(this),
        this.askWhatTheyWant.bind(this),
        this.startChosenPath.bind(this),
        this.offerMenuAgain.bind(this),
      ]),
    );
    this.addDialog(new ChoicePrompt(deps));
    this.addDialog(new OpenPrompt(deps));
    this.addDialog(new WelcomeDialog(deps));
    this.addDialog(new PlanMeetingDialog(deps));
    this.addDialog(new AskQuestionDialog(deps));
    this.addDialog(new MoveMeetingDialog(deps));
    this.addDialog(new CancelMeetingDialog(deps));
    this.addDialog(new ConfirmComingDialog(deps));
    this.addDialog(new RequestCallbackDialog(deps));
    this.addDialog(new WelcomeBackDialog(deps));
    this.addDialog(new EraseDataDialog(deps));
    this.initialDialogId = ROUTE;
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await this.router.interrupt(innerDc, (options) =>
      innerDc.beginDialog(ROUTE, options),
    );
    return interrupted ?? super.onContinueDialog(innerDc);
  }

  private async greetIfNew(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const profile = await this.deps.state.profile.get(step.context, {});
    return profile.greetedAt ? step.next() : step.beginDialog(WELCOME_DIALOG);
  }

  private async askWhatTheyWant(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = mainOptionsSchema.parse(step.options);
    if (options.command) return step.next();
    if (options.intent) return step.next(intentChoices[options.intent].value);
    const profile = await this.deps.state.profile.get(step.context);
    return askChoice(step, {
      questionKey: options.again ? 'menu.askAgain' : 'menu.ask',
      retryKey: 'menu.retry',
      choices: [...menuChoices],
      // With a meeting booked, moving and cancelling it are one tap away.
      extras: profile?.booking ? ['booking', 'privacy', 'language'] : ['privacy', 'language'],
    });
  }

  private async startChosenPath(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { command, slot } = mainOptionsSchema.parse(step.options);
    const booked = async () => (await currentBooking(this.deps, step.context)) !== undefined;
    if (command === 'slot') {
      if (await booked()) return step.beginDialog(WELCOME_BACK_DIALOG, alreadyBooked);
      // An old card's button with no schedule open: try that slot, as a first meeting.
      const plan: PlanMeetingOptions = { intent: 'talk', ...(slot ? { chosen: slot } : {}) };
      return step.beginDialog(PLAN_MEETING_DIALOG, plan);
    }
    if (command) return step.beginDialog(commandDialogs[command]);
    const intent = intentFromValue(z.string().parse(step.result));
    if (!intent) return step.replaceDialog(ROUTE);
    if (intent === 'question') return step.beginDialog(ASK_QUESTION_DIALOG);
    if (await booked()) return step.beginDialog(WELCOME_BACK_DIALOG, alreadyBooked);
    const plan: PlanMeetingOptions = { intent };
    return step.beginDialog(PLAN_MEETING_DIALOG, plan);
  }

  private async offerMenuAgain(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const next = await this.router.afterPath(step.context, step.result);
    return step.replaceDialog(ROUTE, next);
  }
}
