import {
  ComponentDialog,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { z } from 'zod';
import { AskQuestionDialog, ASK_QUESTION_DIALOG } from './askQuestion.dialog.js';
import { CancelMeetingDialog, CANCEL_MEETING_DIALOG } from './cancelMeeting.dialog.js';
import { CHOICE_PROMPT, ChoicePromptDialog, type ChoicePromptOptions } from './choicePrompt.js';
import type { DialogDeps } from './deps.js';
import { intentChoices, intentFromValue, intents, menuChoices, type Intent } from './intents.js';
import { interrupt } from './interruptions.js';
import { MoveMeetingDialog, MOVE_MEETING_DIALOG } from './moveMeeting.dialog.js';
import { OpenPromptDialog } from './openPrompt.js';
import {
  PlanMeetingDialog,
  PLAN_MEETING_DIALOG,
  type PlanMeetingOptions,
} from './planMeeting.dialog.js';
import { recognizeChoice, recognizeCommand } from './recognize.js';
import { languageOf } from './reply.js';
import { RequestCallbackDialog, REQUEST_CALLBACK_DIALOG } from './requestCallback.dialog.js';
import { slotValueSchema } from './slotCard.js';
import { WelcomeDialog, WELCOME_DIALOG } from './welcome.dialog.js';

export const MAIN_DIALOG = 'main';
const ROUTE = 'mainRoute';

export const mainOptionsSchema = z
  .object({
    /** Already understood from the first message, e.g. "ik wil werk" on WhatsApp. */
    intent: z.enum(intents).optional(),
    /** Coming back after a path: ask "anything else?" instead of the first question. */
    again: z.boolean().optional(),
    /** A global command that starts a path of its own (see `interruptions.ts`). */
    command: z.enum(['callback', 'move', 'cancel', 'slot']).optional(),
    /** With `command: 'slot'`: the slot a "Kies deze tijd" button carried. */
    slot: slotValueSchema.optional(),
  })
  .default({});

export type MainOptions = NonNullable<z.input<typeof mainOptionsSchema>>;

/** Where each intent leads. Later issues swap a placeholder for the real dialog here. */
const pathFor: Record<Intent, string> = {
  work: PLAN_MEETING_DIALOG,
  meaningful: PLAN_MEETING_DIALOG,
  question: ASK_QUESTION_DIALOG,
  talk: PLAN_MEETING_DIALOG,
};

/** Where each command's path starts. */
const commandPaths = {
  callback: REQUEST_CALLBACK_DIALOG,
  move: MOVE_MEETING_DIALOG,
  cancel: CANCEL_MEETING_DIALOG,
} as const;

/**
 * The router: greets a new resident, asks what they would like, runs that path and comes
 * back to the menu, forever. Global commands (menu, language, privacy, call back, moving or
 * cancelling the meeting, a slot button) are handled before the open question sees the
 * message, so the conversation never dead-ends.
 */
export class MainDialog extends ComponentDialog<MainOptions> {
  constructor(private readonly deps: DialogDeps) {
    super(MAIN_DIALOG);
    this.addDialog(
      new WaterfallDialog(ROUTE, [
        this.greetIfNew.bind(this),
        this.askWhatTheyWant.bind(this),
        this.startChosenPath.bind(this),
        this.offerMenuAgain.bind(this),
      ]),
    );
    this.addDialog(new ChoicePromptDialog(deps));
    this.addDialog(new OpenPromptDialog(deps));
    this.addDialog(new WelcomeDialog(deps));
    this.addDialog(new PlanMeetingDialog(deps));
    this.addDialog(new AskQuestionDialog(deps));
    this.addDialog(new MoveMeetingDialog(deps));
    this.addDialog(new CancelMeetingDialog(deps));
    this.addDialog(new RequestCallbackDialog(deps));
    this.initialDialogId = ROUTE;
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await interrupt(innerDc, this.deps, (options) =>
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
    const prompt: ChoicePromptOptions = {
      questionKey: options.again ? 'menu.askAgain' : 'menu.ask',
      retryKey: 'menu.retry',
      choices: [...menuChoices],
      // With a meeting booked, moving and cancelling it are one tap away.
      extras: profile?.booking ? ['booking', 'privacy', 'language'] : ['privacy', 'language'],
    };
    return step.prompt(CHOICE_PROMPT, prompt);
  }

  private async startChosenPath(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { command, slot } = mainOptionsSchema.parse(step.options);
    if (command === 'slot') {
      // An old card's button with no schedule open: try that slot, as a first meeting.
      const plan: PlanMeetingOptions = { intent: 'talk', ...(slot ? { chosen: slot } : {}) };
      return step.beginDialog(PLAN_MEETING_DIALOG, plan);
    }
    if (command) return step.beginDialog(commandPaths[command]);
    const intent = intentFromValue(z.string().parse(step.result));
    if (!intent) return step.replaceDialog(ROUTE);
    if (intent === 'question') return step.beginDialog(pathFor[intent]);
    const plan: PlanMeetingOptions = { intent };
    return step.beginDialog(pathFor[intent], plan);
  }

  private async offerMenuAgain(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // A path may end with what the resident said to its last question ("afspraak verzetten",
    // "ik wil werk"): act on that instead of asking "anything else?".
    if (typeof step.result === 'string') {
      const said = recognizeCommand(step.result, this.deps.i18n);
      if (said?.kind === 'callback' || said?.kind === 'move' || said?.kind === 'cancel') {
        const follow: MainOptions = { command: said.kind };
        return step.replaceDialog(ROUTE, follow);
      }
      const lng = await languageOf(this.deps, step.context);
      const intent = said
        ? undefined
        : intentFromValue(recognizeChoice(step.result, menuChoices, lng, this.deps.i18n));
      if (intent) {
        const follow: MainOptions = { intent };
        return step.replaceDialog(ROUTE, follow);
      }
    }
    const again: MainOptions = { again: true };
    return step.replaceDialog(ROUTE, again);
  }
}
