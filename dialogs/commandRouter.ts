import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { Dialog } from './botbuilderDialogs.js';
import type { DialogDeps } from './deps.js';
import { intentFromValue, menuChoices, type Intent } from './intents.js';
import {
  askForLanguage,
  noticeLanguage,
  offerLanguage,
  switchLanguage,
  type LanguageNotice,
} from './languageChoice.js';
import type { MainOptions } from './mainOptions.js';
import { explainPrivacyFully } from './privacy.js';
import { tellWhatIsKept } from './privacyRequest.js';
import { readInput, recognizeChoice, recognizeCommand, type Command } from './recognize.js';
import { languageOf, replyFor, setLanguage } from './reply.js';
import { schedulesASlot } from './scheduleMeeting.dialog.js';
import { currentBooking } from './bookedMeeting.js';
import type { Language } from '../src/domain/language.js';
import { readSlotValue, type SlotValue } from './slotCard.js';

/** Starts the main dialog's route (again), optionally straight into a path. */
export type StartRoute = (options?: MainOptions) => Promise<DialogTurnResult>;

/** What a message says before any question reads it, and what it means for the conversation. */
type Heard = HeardWhat & {
  /** The resident wrote again after a while: a meeting they have is worth mentioning. */
  returning: boolean;
  /** What their message before the language offer asked for (see {@link CommandRouter.start}). */
  carried: Intent | undefined;
};
type HeardWhat =
  /** A "Kies deze tijd" button, from any card shown in this conversation. */
  | { kind: 'slot'; slot: SlotValue }
  /** A command that works at any moment ("menu", "English", "bel mij", "afspraak afzeggen"). */
  | { kind: 'command'; command: Command }
  /** Other typed words, and what they say about the conversation's language. */
  | { kind: 'words'; text: string; notice: LanguageNotice | undefined }
  /** A photo, a voice note, an empty message: for the open question to answer. */
  | { kind: 'other' };

/** The path a command starts on its own: a call back, moving or cancelling the meeting. */
function pathOf(command: Command): MainOptions | undefined {
  switch (command.kind) {
    case 'callback':
    case 'move':
    case 'cancel':
    case 'coming':
    case 'erase':
      return { command: command.kind };
    default:
      return undefined;
  }
}

/** A message after this long a silence is a resident coming back. */
const returnAfterMs = 60 * 60 * 1000;

const languageListKey = (command: { unsupported: boolean }) =>
  command.unsupported ? 'language.unsupported' : 'language.choose.ask';

/**
 * The one place that decides what a message asks for beyond the open question, in the three
 * moments it matters: a message with nothing open ({@link start}), a message while a question is
 * open ({@link interrupt}), and what the resident said last when a path ends ({@link afterPath}).
 * Every message is read once for its language, which also closes an open language offer.
 */
export class CommandRouter {
  constructor(private readonly deps: DialogDeps) {}

  /**
   * A message with nothing open (WhatsApp's first message): greet if needed, and act on what the
   * message already says. A first message clearly in another of Voordeur's languages
   * ("merhaba") is answered with the offer of that language, in that language, before the
   * greeting, so the greeting comes in the language the resident picks.
   */
  async start(dc: DialogContext, begin: StartRoute): Promise<void> {
    const heard = await this.hear(dc.context);
    let options: MainOptions = {};
    let listKey: Parameters<typeof askForLanguage>[2] | undefined;
    if (heard.kind === 'slot') {
      options = { command: 'slot', slot: heard.slot };
    } else if (heard.kind === 'command') {
      const { command } = heard;
      if (command.kind === 'language') {
        await setLanguage(this.deps, dc.context, command.language);
        // "أبحث عن عمل" got Arabic offered; choosing it goes on to work, not to the menu.
        if (heard.carried) options = { intent: heard.carried };
      } else if (command.kind === 'chooseLanguage') listKey = languageListKey(command);
      else options = pathOf(command) ?? {};
    } else if (heard.kind === 'words') {
      const { notice } = heard;
      const intent = await this.intentIn(dc.context, heard.text);
      if (notice?.kind === 'offer') {
        return this.offerCarrying(dc.context, notice.language, intent);
      }
      if (notice?.kind === 'switch') await setLanguage(this.deps, dc.context, notice.language);
      if (notice?.kind === 'list') listKey = notice.key;
      else if (intent) options = { intent };
      else if (notice?.kind === 'switch' && heard.carried) options = { intent: heard.carried };
      else if (heard.returning && (await currentBooking(this.deps, dc.context))) {
        options = { command: 'welcomeBack' };
      }
    } else if (heard.returning && (await currentBooking(this.deps, dc.context))) {
      options = { command: 'welcomeBack' };
    }
    await begin(options);
    // After the greeting and the menu: the languages, as the question to answer first.
    if (listKey) await askForLanguage(this.deps, dc.context, listKey);
  }

  /**
   * Handles what a resident may say at any moment, before the open question sees it:
   * "menu"/"opnieuw" restarts, a language name switches language and repeats the open
   * question, "Taal / Language" shows the languages (the open question stays open), a message
   * clearly in another language offers that language, "Meer weten" explains privacy and repeats
   * the open question, "bel mij" starts a call-back request, "afspraak verzetten"/"afspraak
   * afzeggen" move or cancel the booking (or say kindly that there is none and repeat the
   * question), the reminder's "Ik kom" confirms the meeting, and a "Kies deze tijd" button from
   * an older card tries that slot.
   *
   * @returns the turn result when the message was such a command, otherwise `undefined`.
   */
  async interrupt(dc: DialogContext, restart: StartRoute): Promise<DialogTurnResult | undefined> {
    if (dc.context.activity.type !== 'message') return undefined;
    const heard = await this.hear(dc.context);
    const plain = heard.kind === 'other' || (heard.kind === 'words' && !heard.notice);
    if (heard.returning && plain) {
      // Back after a while, with a meeting: say so first, whatever question was still open.
      if (await currentBooking(this.deps, dc.context)) {
        await dc.cancelAllDialogs();
        return restart({ command: 'welcomeBack' });
      }
    }
    switch (heard.kind) {
      case 'other':
        return undefined;
      case 'slot':
        // An open schedule takes slot buttons itself, keeping the answers given so far.
        if (schedulesASlot(dc)) return undefined;
        await dc.cancelAllDialogs();
        return restart({ command: 'slot', slot: heard.slot });
      case 'words':
        return heard.notice ? this.actOnNotice(dc, heard, heard.notice, restart) : undefined;
      case 'command':
        if (heard.command.kind === 'language' && heard.carried) {
          await switchLanguage(this.deps, dc.context, heard.command.language);
          return this.goOnWith(dc, heard.carried, restart);
        }
        return this.actOnCommand(dc, heard.command, restart);
    }
  }

  /**
   * A path may end with what the resident said to its last question ("afspraak verzetten",
   * "ik wil werk"): the route goes there instead of asking "anything else?".
   */
  async afterPath(context: TurnContext, said: unknown): Promise<MainOptions> {
    if (typeof said !== 'string') return { again: true };
    const command = recognizeCommand(said, this.deps.i18n);
    if (command) return pathOf(command) ?? { again: true };
    const intent = await this.intentIn(context, said);
    return intent ? { intent } : { again: true };
  }

  private async hear(context: TurnContext): Promise<Heard> {
    const { returning, carried } = await this.notePresence(context);
    const what = await this.hearWhat(context);
    return { ...what, returning, carried };
  }

  private async hearWhat(context: TurnContext): Promise<HeardWhat> {
    const slot = readSlotValue(context.activity);
    const input = readInput(context.activity);
    // Every message closes an open language offer; only typed text is read for its language.
    const notice = await noticeLanguage(this.deps, context);
    if (slot) return { kind: 'slot', slot };
    if (input.kind !== 'text') return { kind: 'other' };
    const command = recognizeCommand(input.text, this.deps.i18n);
    if (command) return { kind: 'command', command };
    return { kind: 'words', text: input.text, notice };
  }

  /**
   * Notes when the resident wrote, and takes the intent carried over a language offer: it
   * counts for the answer to that offer only.
   */
  private async notePresence(
    context: TurnContext,
  ): Promise<{ returning: boolean; carried: Intent | undefined }> {
    const profile = await this.deps.state.profile.get(context, {});
    const now = this.deps.clock.now();
    const last = profile.lastSeenAt === undefined ? NaN : Date.parse(profile.lastSeenAt);
    const { carriedIntent, ...rest } = profile;
    await this.deps.state.profile.set(context, { ...rest, lastSeenAt: now.toISOString() });
    return { returning: now.getTime() - last >= returnAfterMs, carried: carriedIntent };
  }

  /** Offers a language, remembering what the message asked for, to carry it over. */
  private async offerCarrying(
    context: TurnContext,
    language: Language,
    intent: Intent | undefined,
  ): Promise<void> {
    await offerLanguage(this.deps, context, language);
    if (!intent) return;
    const profile = await this.deps.state.profile.get(context, {});
    await this.deps.state.profile.set(context, { ...profile, carriedIntent: intent });
  }

  /** Leaves whatever question was open for the path the resident asked for before. */
  private async goOnWith(
    dc: DialogContext,
    intent: Intent,
    restart: StartRoute,
  ): Promise<DialogTurnResult> {
    await dc.cancelAllDialogs();
    return restart({ intent });
  }

  /** A menu choice in the resident's words ("ik zoek werk"), in their language first. */
  private async intentIn(context: TurnContext, text: string): Promise<Intent | undefined> {
    const lng = await languageOf(this.deps, context);
    return intentFromValue(recognizeChoice(text, menuChoices, lng, this.deps.i18n));
  }

  private async actOnCommand(
    dc: DialogContext,
    command: Command,
    restart: StartRoute,
  ): Promise<DialogTurnResult> {
    const { deps } = this;
    switch (command.kind) {
      case 'menu':
        await dc.cancelAllDialogs();
        return restart();
      case 'language':
        await switchLanguage(deps, dc.context, command.language);
        return repeatQuestion(dc, restart);
      case 'chooseLanguage':
        // The list is the question now; the open question waits under it, and is asked again
        // in the chosen language.
        await askForLanguage(deps, dc.context, languageListKey(command));
        return Dialog.EndOfTurn;
      case 'privacy':
        await explainPrivacyFully(deps, await replyFor(deps, dc.context));
        return repeatQuestion(dc, restart);
      case 'whatKept':
        await tellWhatIsKept(deps, dc.context);
        return repeatQuestion(dc, restart);
      case 'erase':
        await dc.cancelAllDialogs();
        return restart(pathOf(command));
      case 'callback':
      case 'coming':
        // "Ik kom" from the reminder answers itself, with or without a meeting left.
        await dc.cancelAllDialogs();
        return restart(pathOf(command));
      case 'move':
      case 'cancel': {
        const profile = await deps.state.profile.get(dc.context);
        if (!profile?.booking) {
          // Nothing to move or cancel: say so, and keep the resident where they were.
          await (await replyFor(deps, dc.context)).send('booking.none');
          return repeatQuestion(dc, restart);
        }
        await dc.cancelAllDialogs();
        return restart(pathOf(command));
      }
    }
  }

  private async actOnNotice(
    dc: DialogContext,
    heard: { text: string; carried: Intent | undefined },
    notice: LanguageNotice,
    restart: StartRoute,
  ): Promise<DialogTurnResult> {
    switch (notice.kind) {
      case 'switch':
        await switchLanguage(this.deps, dc.context, notice.language);
        if (heard.carried) return this.goOnWith(dc, heard.carried, restart);
        return repeatQuestion(dc, restart);
      case 'offer':
        await this.offerCarrying(
          dc.context,
          notice.language,
          await this.intentIn(dc.context, heard.text),
        );
        return Dialog.EndOfTurn;
      case 'list':
        await askForLanguage(this.deps, dc.context, notice.key);
        return Dialog.EndOfTurn;
    }
  }
}

async function repeatQuestion(dc: DialogContext, restart: StartRoute): Promise<DialogTurnResult> {
  if (!dc.activeDialog) return restart();
  await dc.repromptDialog();
  return Dialog.EndOfTurn;
}
