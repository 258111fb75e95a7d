import type { DialogContext, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from './botbuilderDialogs.js';
import { refinePreference } from '../src/domain/timePreference.js';
import type { ResidentContext } from '../src/planner/planner.js';
import { announceBooking, rememberBooking } from './bookedMeeting.js';
import { bookRequestOf } from './bookRequest.js';
import { askChoice } from './choicePrompt.js';
import { noChoice, yesChoice } from './commonChoices.js';
import type { DialogDeps } from './deps.js';
import { cardIfStillFree, offerOf, proposeOffer } from './offer.js';
import { askOpen, openAnswerSchema } from './openPrompt.js';
import { replyFor } from './reply.js';
import { residentOf, whereaboutsOf } from './resident.js';
import {
  afterBookingChoices,
  formChoices,
  formOfValue,
  formValue,
  needsNumber,
  notThisTimeChoice,
} from './scheduleChoices.js';
import {
  scheduleMeetingOptionsSchema,
  scheduleValuesSchema,
  startingOver,
  type ScheduleMeetingOptions,
  type ScheduleValues,
} from './scheduleMeetingOptions.js';
import { readBack, type SlotCard } from './slotCard.js';
import { SLOT_PROMPT, slotAnswerSchema } from './slotPrompt.js';
import { describeCorrections, describePreference } from './preferenceWords.js';
import { preferenceOfChoice, whenChoices } from './whenQuestion.js';

/** Kept as it was when this waterfall lived inside the plan meeting dialog: stored stacks name it. */
export const SCHEDULE_MEETING_DIALOG = 'planMeetingSchedule';

/**
 * Whether a schedule is open somewhere in the stack: then slot buttons are its to handle, and
 * the command router leaves them alone.
 */
export function schedulesASlot(dc: DialogContext): boolean {
  for (let current: DialogContext | undefined = dc; current; current = current.child) {
    if (current.stack.some((instance) => instance.id === SCHEDULE_MEETING_DIALOG)) return true;
  }
  return false;
}

/**
 * When it suits, which slot, how to meet, the phone number if that needs one, a read-back in
 * words, and the booking with a calendar file. Starts over for "Andere tijd", for a new time
 * typed at the offer, and with fresh options when a slot was taken meanwhile. Runs inside
 * {@link PlanMeetingDialog}, which owns its prompts.
 */
export class ScheduleMeetingDialog extends WaterfallDialog<ScheduleMeetingOptions> {
  constructor(private readonly deps: DialogDeps) {
    super(SCHEDULE_MEETING_DIALOG);
    this.addStep(this.askWhenItSuits.bind(this));
    this.addStep(this.checkUnderstanding.bind(this));
    this.addStep(this.offerSlots.bind(this));
    this.addStep(this.askHowToMeet.bind(this));
    this.addStep(this.askToKeepTheirNumber.bind(this));
    this.addStep(this.askTheirNumber.bind(this));
    this.addStep(this.confirmBooking.bind(this));
    this.addStep(this.book.bind(this));
    this.addStep(this.passOnWhatTheySaidNext.bind(this));
  }

  private async askWhenItSuits(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = scheduleMeetingOptionsSchema.parse(step.options);
    if (options.chosen || options.offer || options.preference || options.pending) {
      return step.next();
    }
    return askOpen(step, {
      questionKey: options.askAgain
        ? 'timePreference.check.again'
        : options.moving
          ? 'plan.when.askMove'
          : 'plan.when.ask',
      retryKey: 'plan.when.retry',
      choices: whenChoices(this.deps.clock.now()),
      expect: 'time',
    });
  }

  /**
   * Reads the answer together with the earlier ones ("dinsdagmiddag", then "liever volgende
   * week"), and when words were left out or typos read as other words, says back what was
   * understood and asks "Klopt dat?" before offering anything.
   */
  private async checkUnderstanding(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = scheduleMeetingOptionsSchema.parse(step.options);
    if (options.chosen || options.offer) return step.next();
    if (options.preference) {
      this.remember(step, {
        preference: options.preference,
        ...(options.words ? { words: options.words, said: [options.words] } : {}),
      });
      return step.next();
    }
    const answer = options.pending ?? this.answerOf(step.result);
    if (!answer) return this.startOver(step, options, this.earlier(options));
    // "Maakt niet uit" starts afresh; anything else refines what was said before.
    const anything = Object.keys(answer.preference).length === 0;
    const preference =
      options.base && !anything
        ? refinePreference(options.base, answer.preference)
        : answer.preference;
    const said = [...(anything ? [] : (options.baseWords ?? [])), answer.text];
    this.remember(step, { preference, words: said.join(' · '), said });

    const doubtful = (answer.skipped?.length ?? 0) > 0 || (answer.corrected?.length ?? 0) > 0;
    if (!doubtful) return step.next();
    const reply = await replyFor(this.deps, step.context);
    if (answer.corrected?.length) {
      await reply.sendText(describeCorrections(answer.corrected, (k, v) => reply.text(k, v)));
    }
    return askChoice(step, {
      questionKey: 'timePreference.check.ask',
      values: { understood: describePreference(preference, (k, v) => reply.text(k, v), reply.lng) },
      retryKey: 'timePreference.check.retry',
      choices: [yesChoice, noChoice],
    });
  }

  private async offerSlots(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = scheduleMeetingOptionsSchema.parse(step.options);
    if (options.chosen) return step.next({ kind: 'slot', ...options.chosen });
    if (step.result === noChoice.value) {
      // "Nee" to what was understood: that reading is dropped, the earlier ones stay.
      return this.startOver(step, options, { ...this.earlier(options), askAgain: true });
    }
    const { preference = {}, said = [] } = this.values(step);
    const reply = await replyFor(this.deps, step.context);
    const understood = describePreference(preference, (k, v) => reply.text(k, v), reply.lng);
    // After more than one answer, say what they add up to, and use that for "lukt niet".
    const combined = said.length > 1;
    const offer =
      options.offer ??
      (await proposeOffer(
        this.deps,
        await residentOf(this.deps, step.context),
        preference,
        combined ? understood : said[0],
        combined ? [{ key: 'timePreference.offer.looking', values: { understood } }] : [],
      ));
    return step.beginDialog(SLOT_PROMPT, offer);
  }

  /** The preference a button or typed words stand for, with what was not read as typed. */
  private answerOf(result: unknown): ScheduleMeetingOptions['pending'] {
    const answer = openAnswerSchema.parse(result);
    if (answer.kind === 'choice') {
      const preference = preferenceOfChoice(answer.value);
      return preference ? { text: answer.label, preference } : undefined;
    }
    if (answer.kind === 'time') {
      const { text, preference, skipped, corrected } = answer;
      return {
        text,
        preference,
        ...(skipped ? { skipped } : {}),
        ...(corrected ? { corrected } : {}),
      };
    }
    return undefined;
  }

  /** What the earlier answers were understood as, for the next answer to refine. */
  private earlier(
    options: ScheduleMeetingOptions,
  ): Pick<ScheduleMeetingOptions, 'base' | 'baseWords'> {
    return {
      ...(options.base ? { base: options.base } : {}),
      ...(options.baseWords ? { baseWords: options.baseWords } : {}),
    };
  }

  /** What this schedule understood so far, for the next answer to refine. */
  private understoodSoFar(
    step: WaterfallStepContext,
  ): Pick<ScheduleMeetingOptions, 'base' | 'baseWords'> {
    const { preference, said } = this.values(step);
    return {
      ...(preference ? { base: preference } : {}),
      ...(said ? { baseWords: said } : {}),
    };
  }

  private async askHowToMeet(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = scheduleMeetingOptionsSchema.parse(step.options);
    const answer = slotAnswerSchema.parse(step.result);
    if (answer.kind === 'otherTime') {
      return this.startOver(step, options, this.understoodSoFar(step));
    }
    if (answer.kind === 'time') {
      // A time typed at the offer ("liever volgende week") refines what was said before.
      const { text, preference, skipped, corrected } = answer;
      const pending = {
        text,
        preference,
        ...(skipped ? { skipped } : {}),
        ...(corrected ? { corrected } : {}),
      };
      return this.startOver(step, options, { ...this.understoodSoFar(step), pending });
    }

    const resident = await residentOf(this.deps, step.context);
    const card =
      answer.card ?? (await cardIfStillFree(this.deps, resident, answer.coachId, answer.start));
    if (!card) return this.offerAfresh(step, options, resident, 'plan.unavailable.gone');
    this.remember(step, { card });

    const moving = options.moving;
    if (moving && moving.coachId === card.coachId && card.forms.includes(moving.form)) {
      return step.next(formValue(moving.form));
    }
    const [onlyForm] = card.forms;
    if (card.forms.length === 1 && onlyForm) return step.next(formValue(onlyForm));
    const withPlace = card.forms.includes('location');
    return askChoice(step, {
      questionKey: withPlace ? 'plan.how.askWithPlace' : 'plan.how.ask',
      values: { coach: card.coachName, place: card.place.name, address: card.place.address },
      retryKey: 'plan.how.retry',
      choices: formChoices(card.forms),
    });
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
    return askChoice(step, {
      questionKey: form === 'phone' ? 'plan.contact.askPhone' : 'plan.contact.askVideo',
      values: { coach: card.coachName },
      retryKey: 'plan.contact.retry',
      choices: [yesChoice, noChoice],
    });
  }

  private async askTheirNumber(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = scheduleMeetingOptionsSchema.parse(step.options);
    const { form } = this.values(step);
    if (!form || !needsNumber(form)) return step.next();
    if (step.result === yesChoice.value) {
      this.remember(step, { consentAt: this.deps.clock.now().toISOString() });
      return askOpen(step, {
        questionKey: 'plan.contact.number',
        choices: [],
        expect: 'phone',
      });
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
    return this.startOver(step, options);
  }

  private async confirmBooking(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = scheduleMeetingOptionsSchema.parse(step.options);
    const { form = 'location', consentAt, phone: known } = this.values(step);
    if (consentAt && !known) {
      const answer = openAnswerSchema.safeParse(step.result);
      if (answer.success && answer.data.kind === 'phone') {
        this.remember(step, { phone: answer.data.phone });
      }
    }
    const card = this.chosenCard(step);
    const meeting = readBack({
      start: card.start,
      coachName: card.coachName,
      form,
      placeName: card.place.name,
    });
    return askChoice(step, {
      questionKey: options.moving ? 'plan.confirm.askMove' : 'plan.confirm.ask',
      values: { meeting },
      retryKey: 'plan.confirm.retry',
      choices: [yesChoice, notThisTimeChoice],
    });
  }

  private async book(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = scheduleMeetingOptionsSchema.parse(step.options);
    if (step.result !== yesChoice.value) {
      return this.startOver(step, options, this.understoodSoFar(step));
    }
    const values = this.values(step);
    const card = this.chosenCard(step);
    const form = values.form ?? 'location';
    const reply = await replyFor(this.deps, step.context);
    const resident = await residentOf(this.deps, step.context);
    const preferenceUnderstood = values.preference
      ? describePreference(values.preference, (k, v) => this.deps.i18n.t('nl', k, v), 'nl')
      : undefined;
    const request = bookRequestOf({
      options,
      values,
      card,
      form,
      resident,
      language: reply.lng,
      ...(preferenceUnderstood ? { preferenceUnderstood } : {}),
    });
    const { moving } = options;
    const result = moving
      ? await this.deps.planner.move(
          { coachId: moving.coachId, bookingId: moving.bookingId },
          request,
        )
      : await this.deps.planner.book(request);

    if (result.kind === 'unavailable') {
      const key = result.reason === 'taken' ? 'plan.unavailable.taken' : 'plan.unavailable.gone';
      const { preference, words } = values;
      const offer = offerOf(result.alternatives, preference ?? {}, words, whereaboutsOf(resident), [
        { key },
      ]);
      return this.startOver(step, options, {
        offer,
        ...(preference ? { preference } : {}),
        ...(words ? { words } : {}),
      });
    }

    const { booking, coach } = result;
    await rememberBooking(this.deps, step.context, booking, coach);
    const phone = request.summary.phone;
    await announceBooking(this.deps, step.context, reply, {
      booking,
      coach,
      moved: moving !== undefined,
      form,
      ...(phone ? { phone } : {}),
    });
    // Any other answer ("dank u!") simply ends the path: the menu follows.
    return askOpen(step, {
      questionKey: 'plan.booked.ask',
      choices: afterBookingChoices,
    });
  }

  /** After booking: what the resident said next goes back to the router, which acts on it. */
  private async passOnWhatTheySaidNext(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = openAnswerSchema.safeParse(step.result);
    if (!answer.success) return step.endDialog();
    const { data } = answer;
    return step.endDialog(
      data.kind === 'choice' ? data.value : data.kind === 'text' ? data.text : undefined,
    );
  }

  /** "Die tijd is niet meer vrij." and fresh options for the same wish. */
  private async offerAfresh(
    step: WaterfallStepContext,
    options: ScheduleMeetingOptions,
    resident: ResidentContext,
    key: string,
  ): Promise<DialogTurnResult> {
    const values = this.values(step);
    const preference = values.preference ?? options.preference ?? {};
    const words = values.words ?? options.words;
    const offer = await proposeOffer(this.deps, resident, preference, words, [{ key }]);
    return this.startOver(step, options, { offer, preference, ...(words ? { words } : {}) });
  }

  /** Starts the schedule over for the same resident and wish, with what is known by now. */
  private startOver(
    step: WaterfallStepContext,
    options: ScheduleMeetingOptions,
    known: Pick<
      ScheduleMeetingOptions,
      'preference' | 'words' | 'offer' | 'base' | 'baseWords' | 'pending' | 'askAgain'
    > = {},
  ): Promise<DialogTurnResult> {
    const next: ScheduleMeetingOptions = { ...startingOver(options), ...known };
    return step.replaceDialog(SCHEDULE_MEETING_DIALOG, next);
  }

  private values(step: WaterfallStepContext): ScheduleValues {
    return scheduleValuesSchema.parse(step.values);
  }

  private remember(step: WaterfallStepContext, values: ScheduleValues): void {
    Object.assign(step.values, values);
  }

  private chosenCard(step: WaterfallStepContext): SlotCard {
    const card = this.values(step).card;
    if (!card) throw new Error('scheduleMeeting: no slot chosen before confirming');
    return card;
  }
}
