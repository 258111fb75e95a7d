import { InputHints, MessageFactory } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { meetingForms, type MeetingForm } from '../src/domain/coach.js';
import type { HandoffSummary } from '../src/domain/handoff.js';
import { languageTags } from '../src/domain/language.js';
import { PLANNING_ZONE, type TimePreference } from '../src/domain/planning.js';
import { parseTimePreference } from '../src/domain/timePreference.js';
import type { BookRequest, ResidentContext } from '../src/planning/planner.js';
import {
  CHOICE_PROMPT,
  ChoicePromptDialog,
  noChoice,
  yesChoice,
  type ChoicePromptOptions,
} from './choicePrompt.js';
import type { DialogDeps } from './deps.js';
import { localize } from './localizable.js';
import {
  OPEN_PROMPT,
  OpenPromptDialog,
  openAnswerSchema,
  type OpenPromptOptions,
} from './openPrompt.js';
import {
  answersSchema,
  calendarFile,
  currentBooking,
  meetingOf,
  offerOf,
  planIntents,
  preferenceOfChoice,
  residentOf,
  skipChoice,
  timePreferenceSchema,
  whenChoices,
  whereaboutsOf,
  type Answers,
  type PlanIntent,
} from './planning.js';
import { parsePhoneNumber } from './phoneNumber.js';
import { commandValues, type Choice } from './recognize.js';
import { replyFor } from './reply.js';
import { parseResidence } from './residence.js';
import {
  cardOf,
  formButtonKeys,
  readBack,
  readSlotValue,
  slotCardSchema,
  slotValueSchema,
  type SlotCard,
} from './slotCard.js';
import {
  SLOT_PROMPT,
  SlotPromptDialog,
  offerSchema,
  otherTimeChoice,
  slotAnswerSchema,
  type Offer,
} from './slotPrompt.js';

export const PLAN_MEETING_DIALOG = 'planMeeting';
/** The light questions, then the planning loop. */
const QUESTIONS = 'planMeetingQuestions';
/** When, which slot, how, confirm, book; starts over for "Andere tijd" and fresh options. */
const SCHEDULE = 'planMeetingSchedule';

/** A booking being moved: its coach comes first, and its way of meeting is kept if possible. */
const movingSchema = z.object({
  coachId: z.string().min(1),
  bookingId: z.string().min(1),
  form: z.enum(meetingForms),
  placeId: z.string().optional(),
});

export const planMeetingOptionsSchema = z.object({
  intent: z.enum(planIntents),
  /** Known answers (when moving: those of the booking), so nothing is asked twice. */
  answers: answersSchema.default({}),
  /** Moving an existing booking: no questions, `planner.move` instead of `book`. */
  moving: movingSchema.optional(),
  /** A "Kies deze tijd" pressed outside an offer (an old card): no questions, try that slot. */
  chosen: slotValueSchema.optional(),
});

export type PlanMeetingOptions = z.input<typeof planMeetingOptionsSchema>;

const scheduleOptionsSchema = planMeetingOptionsSchema.extend({
  /** A preference already known (after "net weg", or a new time typed at the offer). */
  preference: timePreferenceSchema.optional(),
  /** The resident's words for it, for the coach and for "“dinsdagochtend” lukt helaas niet". */
  words: z.string().optional(),
  /** Fresh options ready to show (from the planner's answer when a slot was gone). */
  offer: offerSchema.optional(),
});
type ScheduleOptions = z.infer<typeof scheduleOptionsSchema>;

/** What the schedule's steps keep between turns. */
const scheduleValuesSchema = z.object({
  preference: timePreferenceSchema.optional(),
  words: z.string().optional(),
  card: slotCardSchema.optional(),
  form: z.enum(meetingForms).optional(),
  /** For a phone or video meeting: when the resident agreed to keep their number, and the number. */
  consentAt: z.string().optional(),
  phone: z.string().optional(),
});
type ScheduleValues = z.infer<typeof scheduleValuesSchema>;

/** "Nee, andere tijd" under the read-back: "nee" and "andere tijd" both mean it. */
const notThisTimeChoice: Choice = {
  value: otherTimeChoice.value,
  buttonKey: 'plan.confirm.no.button',
  synonymsKey: ['common.no.synonyms', 'plan.otherTime.synonyms'],
};

/** Buttons after booking; global commands, so the interruptions act on them when pressed. */
const afterBookingChoices: Choice[] = [
  { value: commandValues.move, buttonKey: 'booking.move.button' },
  { value: commandValues.cancel, buttonKey: 'booking.cancel.button' },
  { value: commandValues.menu, buttonKey: 'menu.button' },
];

const gladKeys: Record<PlanIntent, string> = {
  work: 'plan.glad.work',
  meaningful: 'plan.glad.meaningful',
  talk: 'plan.glad.talk',
};

/** The first question is about what they would like, in the words of their path. */
const wishQuestions: Record<PlanIntent, { questionKey: string; choices: Choice[] }> = {
  work: {
    questionKey: 'plan.wishes.work.ask',
    choices: [
      { value: 'wish:outside', buttonKey: 'plan.wishes.outside.button' },
      { value: 'wish:people', buttonKey: 'plan.wishes.people.button' },
      { value: 'wish:hands', buttonKey: 'plan.wishes.hands.button' },
      { value: 'wish:unsure', buttonKey: 'plan.wishes.unsure.button' },
    ],
  },
  meaningful: {
    questionKey: 'plan.wishes.meaningful.ask',
    choices: [
      { value: 'wish:helping', buttonKey: 'plan.wishes.helping.button' },
      { value: 'wish:creative', buttonKey: 'plan.wishes.creative.button' },
      { value: 'wish:together', buttonKey: 'plan.wishes.together.button' },
      { value: 'wish:unsure', buttonKey: 'plan.wishes.unsure.button' },
    ],
  },
  talk: {
    questionKey: 'plan.wishes.talk.ask',
    choices: [
      { value: 'wish:aboutWork', buttonKey: 'plan.wishes.aboutWork.button' },
      { value: 'wish:aboutMeaningful', buttonKey: 'plan.wishes.aboutMeaningful.button' },
      { value: 'wish:unsure', buttonKey: 'plan.wishes.unsure.button' },
    ],
  },
};

const doesChoices: Choice[] = [
  { value: 'does:caring', buttonKey: 'plan.does.caring.button' },
  { value: 'does:sport', buttonKey: 'plan.does.sport.button' },
  { value: 'does:cooking', buttonKey: 'plan.does.cooking.button' },
];

const helpChoices: Choice[] = [
  { value: 'help:thinking', buttonKey: 'plan.help.thinking.button' },
  { value: 'help:slow', buttonKey: 'plan.help.slow.button' },
  { value: 'help:learning', buttonKey: 'plan.help.learning.button' },
];

const formValue = (form: MeetingForm) => `form:${form}`;
/** Meetings a coach can only hold with the resident's phone number. */
const needsNumber = (form: MeetingForm) => form === 'phone' || form === 'video';

const formOfValue = z
  .string()
  .transform((value) => value.replace(/^form:/, ''))
  .pipe(z.enum(meetingForms));

/** The options a waterfall keeps in its state (botbuilder's `WaterfallDialog` stores them there). */
function waterfallOptions(state: unknown): unknown {
  return typeof state === 'object' && state !== null && 'options' in state
    ? state.options
    : undefined;
}

/**
 * Whether a planning schedule is open somewhere in the stack: then slot buttons are its to
 * handle, and the global interruption leaves them alone.
 */
export function schedulesASlot(dc: DialogContext): boolean {
  for (let current: DialogContext | undefined = dc; current; current = current.child) {
    if (current.stack.some((instance) => instance.id === SCHEDULE)) return true;
  }
  return false;
}

/** The answer to a light question: their words, the chosen button's title, or nothing (skipped). */
function answerOf(result: unknown): string | undefined {
  const answer = openAnswerSchema.parse(result);
  if (answer.kind === 'text') return answer.text;
  return answer.value === skipChoice.value ? undefined : answer.label;
}

/**
 * Plans a first meeting with a named coach at a time that suits the resident (DESIGN.md, main
 * flow 3–6): a few light, skippable questions about wishes and what they already do, where they
 * live, when it suits them; then up to three slots as cards, how to meet, a read-back in words,
 * and the booking with a calendar file. Also moves a booking (`moving`) and takes a slot button
 * pressed outside an offer (`chosen`).
 */
export class PlanMeetingDialog extends ComponentDialog<PlanMeetingOptions> {
  constructor(private readonly deps: DialogDeps) {
    super(PLAN_MEETING_DIALOG);
    this.addDialog(
      new WaterfallDialog(QUESTIONS, [
        this.askWhatTheyWouldLike.bind(this),
        this.askWhatTheyDo.bind(this),
        this.askWhatWouldHelp.bind(this),
        this.askWhereTheyLive.bind(this),
        this.planTheMeeting.bind(this),
        this.finish.bind(this),
      ]),
    );
    this.addDialog(
      new WaterfallDialog(SCHEDULE, [
        this.askWhenItSuits.bind(this),
        this.offerSlots.bind(this),
        this.askHowToMeet.bind(this),
        this.askToKeepTheirNumber.bind(this),
        this.askTheirNumber.bind(this),
        this.confirmBooking.bind(this),
        this.book.bind(this),
        this.followUp.bind(this),
      ]),
    );
    this.addDialog(new ChoicePromptDialog(deps));
    this.addDialog(new OpenPromptDialog(deps));
    this.addDialog(new SlotPromptDialog(deps));
    this.initialDialogId = QUESTIONS;
  }

  /**
   * A "Kies deze tijd" pressed while another question of the schedule is open (an earlier card
   * of this conversation): start the schedule over with that slot, keeping the answers.
   */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const slot = readSlotValue(innerDc.context.activity);
    if (slot && innerDc.activeDialog?.id !== SLOT_PROMPT) {
      const schedule = innerDc.stack.find((instance) => instance.id === SCHEDULE);
      const options = scheduleOptionsSchema.safeParse(waterfallOptions(schedule?.state));
      if (options.success) {
        await innerDc.cancelAllDialogs();
        const next: ScheduleOptions = { ...this.restart(options.data), chosen: slot };
        return innerDc.beginDialog(SCHEDULE, next);
      }
    }
    return super.onContinueDialog(innerDc);
  }

  protected override async onBeginDialog(
    innerDc: DialogContext,
    options?: PlanMeetingOptions,
  ): Promise<DialogTurnResult> {
    const parsed = planMeetingOptionsSchema.parse(options);
    if (parsed.moving || parsed.chosen) return innerDc.beginDialog(SCHEDULE, parsed);
    return innerDc.beginDialog(QUESTIONS, parsed);
  }

  // ------------------------------------------------------------------------------------------
  // The light questions

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
    return this.askOpen(step, { questionKey, choices: [...choices, skipChoice] });
  }

  private async askWhatTheyDo(step: WaterfallStepContext): Promise<DialogTurnResult> {
    Object.assign(step.values, { wishes: answerOf(step.result) });
    return this.askOpen(step, {
      questionKey: 'plan.does.ask',
      choices: [...doesChoices, skipChoice],
    });
  }

  private async askWhatWouldHelp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    Object.assign(step.values, { doesAlready: answerOf(step.result) });
    return this.askOpen(step, {
      questionKey: 'plan.help.ask',
      choices: [...helpChoices, skipChoice],
    });
  }

  private async askWhereTheyLive(step: WaterfallStepContext): Promise<DialogTurnResult> {
    Object.assign(step.values, { wouldHelp: answerOf(step.result) });
    const profile = (await this.deps.state.profile.get(step.context)) ?? {};
    if (profile.postcode || profile.place) return step.next();
    return this.askOpen(step, {
      questionKey: 'plan.where.ask',
      choices: [skipChoice],
      expect: 'place',
    });
  }

  private async planTheMeeting(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== undefined) {
      const answer = openAnswerSchema.parse(step.result);
      const residence = answer.kind === 'text' ? parseResidence(answer.text) : undefined;
      if (residence) {
        const profile = (await this.deps.state.profile.get(step.context)) ?? {};
        await this.deps.state.profile.set(step.context, { ...profile, ...residence });
      }
    }
    const options = planMeetingOptionsSchema.parse(step.options);
    const answers: Answers = answersSchema.parse(step.values);
    const schedule: ScheduleOptions = { intent: options.intent, answers };
    return step.beginDialog(SCHEDULE, schedule);
  }

  // ------------------------------------------------------------------------------------------
  // The schedule

  private async askWhenItSuits(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = scheduleOptionsSchema.parse(step.options);
    if (options.chosen || options.offer || options.preference) return step.next();
    return this.askOpen(step, {
      questionKey: options.moving ? 'plan.when.askMove' : 'plan.when.ask',
      retryKey: 'plan.when.retry',
      choices: whenChoices(this.deps.clock.now()),
      expect: 'time',
    });
  }

  private async offerSlots(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = scheduleOptionsSchema.parse(step.options);
    if (options.chosen) return step.next({ kind: 'slot', ...options.chosen });

    let preference: TimePreference | undefined = options.preference;
    let words = options.words;
    if (!options.offer && !preference) {
      const reply = await replyFor(this.deps, step.context);
      const answer = openAnswerSchema.parse(step.result);
      if (answer.kind === 'choice') {
        preference = preferenceOfChoice(answer.value);
        words = answer.label;
      } else {
        const parsed = parseTimePreference(answer.text, {
          now: this.deps.clock.now(),
          language: reply.lng,
        });
        if (parsed.kind === 'understood') preference = parsed.preference;
        else if (parsed.kind === 'anything') preference = {};
        words = answer.text;
      }
      // The prompt only lets understood answers through; anything else asks again.
      if (!preference) return step.replaceDialog(SCHEDULE, this.restart(options));
    }
    this.remember(step, { preference, words });

    let offer: Offer | undefined = options.offer;
    if (!offer) {
      const resident = await residentOf(this.deps, step.context);
      const chosenPreference = preference ?? {};
      const result = await this.deps.planner.propose(resident, chosenPreference);
      offer = offerOf(result, chosenPreference, words, whereaboutsOf(resident));
    }
    return step.beginDialog(SLOT_PROMPT, offer);
  }

  private async askHowToMeet(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = scheduleOptionsSchema.parse(step.options);
    const values = this.values(step);
    const answer = slotAnswerSchema.parse(step.result);
    if (answer.kind === 'otherTime') return step.replaceDialog(SCHEDULE, this.restart(options));
    if (answer.kind === 'time') {
      const reply = await replyFor(this.deps, step.context);
      const parsed = parseTimePreference(answer.text, {
        now: this.deps.clock.now(),
        language: reply.lng,
      });
      const preference =
        parsed.kind === 'understood'
          ? parsed.preference
          : parsed.kind === 'anything'
            ? {}
            : undefined;
      const next: ScheduleOptions = { ...this.restart(options), preference, words: answer.text };
      return step.replaceDialog(SCHEDULE, next);
    }

    const resident = await residentOf(this.deps, step.context);
    const card = answer.card ?? (await this.stillFree(resident, answer.coachId, answer.start));
    if (!card) return this.offerAfresh(step, options, values, resident, 'plan.unavailable.gone');
    this.remember(step, { card });

    const moving = options.moving;
    if (moving && moving.coachId === card.coachId && card.forms.includes(moving.form)) {
      return step.next(formValue(moving.form));
    }
    const [onlyForm] = card.forms;
    if (card.forms.length === 1 && onlyForm) return step.next(formValue(onlyForm));
    const withPlace = card.forms.includes('location');
    const prompt: ChoicePromptOptions = {
      questionKey: withPlace ? 'plan.how.askWithPlace' : 'plan.how.ask',
      values: { coach: card.coachName, place: card.place.name, address: card.place.address },
      retryKey: 'plan.how.retry',
      choices: meetingForms
        .filter((form) => card.forms.includes(form))
        .map((form) => ({ value: formValue(form), buttonKey: formButtonKeys[form] })),
    };
    return step.prompt(CHOICE_PROMPT, prompt);
  }

  /**
   * A coach can only call, or send a video link, with the resident's number: ask first whether
   * we may keep it (until the retention period after the meeting), never take it unasked.
   */
  private async askToKeepTheirNumber(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const form = formOfValue.parse(step.result);
    this.remember(step, { form, consentAt: undefined, phone: undefined });
    if (!needsNumber(form)) return step.next();
    const card = this.chosenCard(step);
    const prompt: ChoicePromptOptions = {
      questionKey: form === 'phone' ? 'plan.contact.askPhone' : 'plan.contact.askVideo',
      values: { coach: card.coachName },
      retryKey: 'plan.contact.retry',
      choices: [yesChoice, noChoice],
    };
    return step.prompt(CHOICE_PROMPT, prompt);
  }

  private async askTheirNumber(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = scheduleOptionsSchema.parse(step.options);
    const { form } = this.values(step);
    if (!form || !needsNumber(form)) return step.next();
    if (step.result === yesChoice.value) {
      this.remember(step, { consentAt: this.deps.clock.now().toISOString() });
      const prompt: OpenPromptOptions = {
        questionKey: 'plan.contact.number',
        choices: [],
        expect: 'phone',
      };
      return step.prompt(OPEN_PROMPT, prompt);
    }
    // No number: meet on location instead if the coach can, else choose again.
    const reply = await replyFor(this.deps, step.context);
    const card = this.chosenCard(step);
    if (card.forms.includes('location')) {
      this.remember(step, { form: 'location' });
      await reply.send('plan.contact.insteadLocation', { place: card.place.name });
      return step.next();
    }
    await reply.send('plan.contact.needed', { coach: card.coachName });
    return step.replaceDialog(SCHEDULE, this.restart(options));
  }

  private async confirmBooking(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = scheduleOptionsSchema.parse(step.options);
    const { form = 'location', consentAt, phone: known } = this.values(step);
    if (consentAt && !known) {
      const answer = openAnswerSchema.safeParse(step.result);
      const phone =
        answer.success && answer.data.kind === 'text'
          ? parsePhoneNumber(answer.data.text)
          : undefined;
      if (phone) this.remember(step, { phone });
    }
    const card = this.chosenCard(step);
    const meeting = readBack({
      start: card.start,
      coachName: card.coachName,
      form,
      placeName: card.place.name,
    });
    const prompt: ChoicePromptOptions = {
      questionKey: options.moving ? 'plan.confirm.askMove' : 'plan.confirm.ask',
      values: { meeting },
      retryKey: 'plan.confirm.retry',
      choices: [yesChoice, notThisTimeChoice],
    };
    return step.prompt(CHOICE_PROMPT, prompt);
  }

  private async book(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = scheduleOptionsSchema.parse(step.options);
    if (step.result !== yesChoice.value) return step.replaceDialog(SCHEDULE, this.restart(options));
    const values = this.values(step);
    const card = this.chosenCard(step);
    const form = values.form ?? 'location';
    const reply = await replyFor(this.deps, step.context);
    const resident = await residentOf(this.deps, step.context);
    const moving = options.moving;
    const placeId =
      form === 'location' || form === 'walk'
        ? moving?.coachId === card.coachId && moving.placeId
          ? moving.placeId
          : card.place.id
        : undefined;
    const phone = needsNumber(form) ? values.phone : undefined;
    const summary: HandoffSummary = {
      intent: options.intent,
      ...options.answers,
      ...(values.words ? { preferredTimes: values.words } : {}),
      ...(phone ? { phone } : {}),
      form,
      language: reply.lng,
      channel: resident.channel,
    };
    const request: BookRequest = {
      coachId: card.coachId,
      start: card.start,
      resident,
      form,
      ...(placeId ? { placeId } : {}),
      summary,
      ...(values.preference ? { preference: values.preference } : {}),
    };
    const result = moving
      ? await this.deps.planner.move(
          { coachId: moving.coachId, bookingId: moving.bookingId },
          request,
        )
      : await this.deps.planner.book(request);

    if (result.kind === 'unavailable') {
      const key = result.reason === 'taken' ? 'plan.unavailable.taken' : 'plan.unavailable.gone';
      const offer = offerOf(
        result.alternatives,
        values.preference ?? {},
        values.words,
        whereaboutsOf(resident),
        [{ key }],
      );
      const next: ScheduleOptions = {
        ...this.restart(options),
        offer,
        ...(values.preference ? { preference: values.preference } : {}),
        ...(values.words ? { words: values.words } : {}),
      };
      return step.replaceDialog(SCHEDULE, next);
    }

    const { booking, coach } = result;
    const profile = (await this.deps.state.profile.get(step.context)) ?? {};
    await this.deps.state.profile.set(step.context, {
      ...profile,
      booking: { coachId: coach.id, bookingId: booking.id },
      coachId: coach.id,
    });
    const meeting = String(localize(reply, meetingOf(booking, coach)));
    await reply.send(moving ? 'plan.booked.moved' : 'plan.booked.done', { meeting });
    await reply.send('plan.booked.coach', { coach: coach.name });
    if (phone) {
      await reply.send(form === 'phone' ? 'plan.booked.call' : 'plan.booked.videoLink', {
        coach: coach.name,
        phone,
      });
    }
    const calendar = MessageFactory.attachment(
      calendarFile(this.deps, reply, booking, coach),
      reply.text('plan.booked.calendar'),
      undefined,
      InputHints.IgnoringInput,
    );
    calendar.locale = languageTags[reply.lng];
    await step.context.sendActivity(calendar);
    // Any other answer ("dank u!") simply ends the path: the menu follows.
    return this.askOpen(step, { questionKey: 'plan.booked.ask', choices: afterBookingChoices });
  }

  /** After booking: what the resident said next goes back to the router, which acts on it. */
  private async followUp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = openAnswerSchema.safeParse(step.result);
    if (!answer.success) return step.endDialog();
    return step.endDialog(answer.data.kind === 'choice' ? answer.data.value : answer.data.text);
  }

  /** Ends the questions with whatever the schedule ended with. */
  private async finish(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(typeof step.result === 'string' ? step.result : undefined);
  }

  // ------------------------------------------------------------------------------------------
  // Helpers

  private askOpen(
    step: WaterfallStepContext,
    prompt: OpenPromptOptions,
  ): Promise<DialogTurnResult> {
    return step.prompt(OPEN_PROMPT, prompt);
  }

  /** The options to start the schedule over: who they are, not what was offered. */
  private restart(options: ScheduleOptions): ScheduleOptions {
    return {
      intent: options.intent,
      answers: options.answers,
      ...(options.moving ? { moving: options.moving } : {}),
    };
  }

  private values(step: WaterfallStepContext): ScheduleValues {
    return scheduleValuesSchema.parse(step.values);
  }

  private remember(step: WaterfallStepContext, values: ScheduleValues): void {
    Object.assign(step.values, values);
  }

  private chosenCard(step: WaterfallStepContext): SlotCard {
    const card = this.values(step).card;
    if (!card) throw new Error('planMeeting: no slot chosen before confirming');
    return card;
  }

  /**
   * Whether a slot that was not part of this offer (an old card's button) can still be had:
   * proposed again for exactly that moment, by any coach's calendar.
   */
  private async stillFree(
    resident: ResidentContext,
    coachId: string,
    start: string,
  ): Promise<SlotCard | undefined> {
    const startAt = new Date(start);
    if (startAt.getTime() <= this.deps.clock.now().getTime()) return undefined;
    const local = DateTime.fromJSDate(startAt).setZone(PLANNING_ZONE);
    const date = local.toISODate();
    if (!date) return undefined;
    const anyone: ResidentContext = {
      key: resident.key,
      language: resident.language,
      channel: resident.channel,
    };
    const result = await this.deps.planner.propose(
      anyone,
      { at: { date, minute: local.hour * 60 + local.minute } },
      10,
    );
    if (result.kind !== 'matches') return undefined;
    const proposal = result.proposals.find(
      (candidate) =>
        candidate.coach.id === coachId && candidate.start.getTime() === startAt.getTime(),
    );
    return proposal ? cardOf(proposal, whereaboutsOf(resident)) : undefined;
  }

  /** "Die tijd is niet meer vrij." and fresh options for the same wish. */
  private async offerAfresh(
    step: WaterfallStepContext,
    options: ScheduleOptions,
    values: ScheduleValues,
    resident: ResidentContext,
    key: string,
  ): Promise<DialogTurnResult> {
    const preference = values.preference ?? options.preference ?? {};
    const words = values.words ?? options.words;
    const result = await this.deps.planner.propose(resident, preference);
    const offer = offerOf(result, preference, words, whereaboutsOf(resident), [{ key }]);
    const next: ScheduleOptions = {
      ...this.restart(options),
      offer,
      preference,
      ...(words ? { words } : {}),
    };
    return step.replaceDialog(SCHEDULE, next);
  }
}
