import {
  ComponentDialog,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { z } from 'zod';
import { AskQuestionDialog, ASK_QUESTION_DIALOG } from './askQuestion.dialog.js';
import { CHOICE_PROMPT, ChoicePromptDialog, type ChoicePromptOptions } from './choicePrompt.js';
import type { DialogDeps } from './deps.js';
import { FindWorkDialog, FIND_WORK_DIALOG } from './findWork.dialog.js';
import { intentChoices, intentFromValue, intents, menuChoices, type Intent } from './intents.js';
import { interrupt } from './interruptions.js';
import { MeaningfulDayDialog, MEANINGFUL_DAY_DIALOG } from './meaningfulDay.dialog.js';
import { TalkToSomeoneDialog, TALK_TO_SOMEONE_DIALOG } from './talkToSomeone.dialog.js';
import { WelcomeDialog, WELCOME_DIALOG } from './welcome.dialog.js';

export const MAIN_DIALOG = 'main';
const ROUTE = 'mainRoute';

export const mainOptionsSchema = z
  .object({
    /** Already understood from the first message, e.g. "ik wil werk" on WhatsApp. */
    intent: z.enum(intents).optional(),
    /** Coming back after a path: ask "anything else?" instead of the first question. */
    again: z.boolean().optional(),
  })
  .default({});

export type MainOptions = NonNullable<z.input<typeof mainOptionsSchema>>;

/** Where each intent leads. Later issues swap a placeholder for the real dialog here. */
const pathFor: Record<Intent, string> = {
  work: FIND_WORK_DIALOG,
  meaningful: MEANINGFUL_DAY_DIALOG,
  question: ASK_QUESTION_DIALOG,
  talk: TALK_TO_SOMEONE_DIALOG,
};

/**
 * The router: greets a new resident, asks what they would like, runs that path and comes
 * back to the menu, forever. Global commands (menu, language, privacy) are handled before
 * the open question sees the message, so the conversation never dead-ends.
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
    this.addDialog(new WelcomeDialog(deps));
    this.addDialog(new FindWorkDialog(deps));
    this.addDialog(new MeaningfulDayDialog(deps));
    this.addDialog(new AskQuestionDialog(deps));
    this.addDialog(new TalkToSomeoneDialog(deps));
    this.initialDialogId = ROUTE;
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await interrupt(innerDc, this.deps, () => innerDc.beginDialog(ROUTE));
    return interrupted ?? super.onContinueDialog(innerDc);
  }

  private async greetIfNew(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const profile = await this.deps.state.profile.get(step.context, {});
    return profile.greetedAt ? step.next() : step.beginDialog(WELCOME_DIALOG);
  }

  private async askWhatTheyWant(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = mainOptionsSchema.parse(step.options);
    if (options.intent) return step.next(intentChoices[options.intent].value);
    const prompt: ChoicePromptOptions = {
      questionKey: options.again ? 'menu.askAgain' : 'menu.ask',
      retryKey: 'menu.retry',
      choices: [...menuChoices],
      extras: ['privacy', 'language'],
    };
    return step.prompt(CHOICE_PROMPT, prompt);
  }

  private async startChosenPath(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const intent = intentFromValue(z.string().parse(step.result));
    if (!intent) return step.replaceDialog(ROUTE);
    return step.beginDialog(pathFor[intent]);
  }

  private async offerMenuAgain(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const again: MainOptions = { again: true };
    return step.replaceDialog(ROUTE, again);
  }
}
