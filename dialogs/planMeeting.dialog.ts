import type { DialogContext, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, WaterfallDialog } from './botbuilderDialogs.js';
import { currentBooking, meetingOf } from './bookedMeeting.js';
import { ChoicePrompt } from './choicePrompt.js';
import { skipChoice } from './commonChoices.js';
import type { DialogDeps } from './deps.js';
import { localize } from './localizable.js';
import {
  askOpen,
  openAnswerSchema,
  OpenPrompt,
  type OpenPromptOptions,
  wordsOf,
} from './openPrompt.js';
import { doesChoices, gladKeys, helpChoices, wishQuestions } from './planMeetingChoices.js';
import {
  answersSchema,
  planMeetingOptionsSchema,
  type Answers,
  type PlanMeetingOptions,
} from './planMeetingOptions.js';
import { replyFor } from './reply.js';
import { redactPersonalData } from '../src/domain/redaction.js';
import { SCHEDULE_MEETING_DIALOG, ScheduleMeetingDialog } from './scheduleMeeting.dialog.js';
import {
  scheduleMeetingOptionsSchema,
  startingOver,
  type ScheduleMeetingOptions,
} from './scheduleMeetingOptions.js';
import { readSlotValue } from './slotCard.js';
import { SLOT_PROMPT, SlotPrompt } from './slotPrompt.js';

export const PLAN_MEETING_DIALOG = 'planMeeting';
/** The light questions, then the schedule. */
const ASK_ABOUT_THEM = 'planMeetingQuestions';

/** The options a waterfall keeps in its state (botbuilder's `WaterfallDialog` stores them there). */
function waterfallOptions(state: unknown): unknown {
  return typeof state === 'object' && state !== null && 'options' in state
    ? state.options
    : undefined;
}

/**
 * Plans a first meeting with a named coach at a time that suits the resident: a few light,
 * skippable questions about wishes and what they already do, and where they live; then the
 * schedule ({@link ScheduleMeetingDialog}): when it suits, up to three slots as cards, how to
 * meet, a read-back in words, and the booking with a calendar file. Also moves a booking
 * (`moving`) and takes a slot button pressed outside an offer (`chosen`); both skip the
 * questions.
 */
export class PlanMeetingDialog extends ComponentDialog<PlanMeetingOptions> {
  constructor(private readonly deps: DialogDeps) {
    super(PLAN_MEETING_DIALOG);
    this.addDialog(
      new WaterfallDialog(ASK_ABOUT_THEM, [
        this.askWhatTheyWouldLike.bind(this),
        this.askWhatTheyDo.bind(this),
        this.askWhatWouldHelp.bind(this),
        this.askWhereTheyLive.bind(this),
        this.schedule.bind(this),
        this.passOnHowItEnded.bind(this),
      ]),
    );
    this.addDialog(new ScheduleMeetingDialog(deps));
    this.addDialog(new ChoicePrompt(deps));
    this.addDialog(new OpenPrompt(deps));
    this.addDialog(new SlotPrompt(deps));
    this.initialDialogId = ASK_ABOUT_THEM;
  }

  protected override async onBeginDialog(
    innerDc: DialogContext,
    options?: PlanMeetingOptions,
  ): Promise<DialogTurnResult> {
    const parsed = planMeetingOptionsSchema.parse(options);
    if (parsed.moving || parsed.chosen) return innerDc.beginDialog(SCHEDULE_MEETING_DIALOG, parsed);
    return innerDc.beginDialog(ASK_ABOUT_THEM, parsed);
  }

  /**
   * A "Kies deze tijd" pressed while another question of the schedule is open (an earlier card
   * of this conversation): start the schedule over with that slot, keeping the answers.
   */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const slot = readSlotValue(innerDc.context.activity);
    if (slot && innerDc.activeDialog?.id !== SLOT_PROMPT) {
      const schedule = innerDc.stack.find((instance) => instance.id === SCHEDULE_MEETING_DIALOG);
      const options = scheduleMeetingOptionsSchema.safeParse(waterfallOptions(schedule?.state));
      if (options.success) {
        await innerDc.cancelAllDialogs();
        const next: ScheduleMeetingOptions = { ...startingOver(options.data), chosen: slot };
        return innerDc.beginDialog(SCHEDULE_MEETING_DIALOG, next);
      }
    }
    return super.onContinueDialog(innerDc);
  }

  private async askWhatTheyWouldLike(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = planMeetingOptionsSchema.parse(step.options);
    const reply = await replyFor(this.deps, step.context);
    const existing = await currentBooking(this.deps, step.context);
    if (existing) {
      // One first meeting at a time: show it, and the menu offers moving or cancelling it.
      await reply.send('plan.alreadyBooked', {
        meeting: String(localize(reply, meetingOf(existing.booking, existing.coach))),
      });
      return step.endDialog();
    }
    await reply.send(gladKeys[options.intent]);
    await reply.send('plan.intro');
    const { questionKey, choices } = wishQuestions[options.intent];
    return this.ask(step, { questionKey, choices: [...choices, skipChoice] });
  }

  private async askWhatTheyDo(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await this.rememberAnswer(step, 'wishes');
    return this.ask(step, { questionKey: 'plan.does.ask', choices: [...doesChoices, skipChoice] });
  }

  private async askWhatWouldHelp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await this.rememberAnswer(step, 'doesAlready');
    return this.ask(step, { questionKey: 'plan.help.ask', choices: [...helpChoices, skipChoice] });
  }

  private async askWhereTheyLive(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await this.rememberAnswer(step, 'wouldHelp');
    const profile = (await this.deps.state.profile.get(step.context)) ?? {};
    if (profile.postcode || profile.place) return step.next();
    return this.ask(step, {
      questionKey: 'plan.where.ask',
      choices: [skipChoice],
      expect: 'place',
    });
  }

  private async schedule(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== undefined) {
      const answer = openAnswerSchema.parse(step.result);
      if (answer.kind === 'place') {
        const profile = (await this.deps.state.profile.get(step.context)) ?? {};
        await this.deps.state.profile.set(step.context, { ...profile, ...answer.residence });
      }
    }
    const options = planMeetingOptionsSchema.parse(step.options);
    const answers: Answers = answersSchema.parse(step.values);
    const schedule: ScheduleMeetingOptions = { intent: options.intent, answers };
    return step.beginDialog(SCHEDULE_MEETING_DIALOG, schedule);
  }

  /** Ends with whatever the schedule ended with: the router acts on what was said last. */
  private async passOnHowItEnded(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(typeof step.result === 'string' ? step.result : undefined);
  }

  private ask(step: WaterfallStepContext, prompt: OpenPromptOptions): Promise<DialogTurnResult> {
    return askOpen(step, prompt);
  }

  /**
   * Keeps the answer to the question just asked, in their words but without personal details
   * (BSN, IBAN, phone numbers, e-mail, dates of birth): it goes into the coach's summary and
   * calendar entry. Nothing when skipped. A resident who typed a BSN hears it was not kept.
   */
  private async rememberAnswer(step: WaterfallStepContext, name: keyof Answers): Promise<void> {
    const words = wordsOf(openAnswerSchema.parse(step.result));
    if (words === undefined) {
      Object.assign(step.values, { [name]: undefined });
      return;
    }
    const { text, found } = redactPersonalData(words, { now: this.deps.clock.now() });
    Object.assign(step.values, { [name]: text });
    if (found.includes('bsn')) {
      await (await replyFor(this.deps, step.context)).send('residentData.bsnNotKept');
    }
  }
}
