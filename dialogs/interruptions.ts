import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { DialogDeps } from './deps.js';
import {
  askForLanguage,
  noticeLanguage,
  offerLanguage,
  switchLanguage,
  type LanguageNotice,
} from './languageChoice.js';
import type { MainOptions } from './main.dialog.js';
import { schedulesASlot } from './planMeeting.dialog.js';
import { explainPrivacyFully } from './privacy.js';
import { readInput, recognizeCommand } from './recognize.js';
import { replyFor } from './reply.js';
import { readSlotValue } from './slotCard.js';

/** Starts the router again, optionally straight into a command's path. */
export type Restart = (options?: MainOptions) => Promise<DialogTurnResult>;

/**
 * Handles what a resident may say at any moment, before the open question sees it:
 * "menu"/"opnieuw" restarts, a language name switches language and repeats the open
 * question, "Taal / Language" shows the languages (the open question stays open), a message
 * clearly in another language offers that language, "Meer weten" explains privacy and repeats
 * the open question, "bel mij" starts a call-back request, "afspraak verzetten"/"afspraak
 * afzeggen" move or cancel the booking (or say kindly that there is none and repeat the
 * question), and a "Kies deze tijd" button from an older card tries that slot.
 *
 * @returns the turn result when the message was such a command, otherwise `undefined`.
 */
export async function interrupt(
  dc: DialogContext,
  deps: DialogDeps,
  restart: Restart,
): Promise<DialogTurnResult | undefined> {
  if (dc.context.activity.type !== 'message') return undefined;

  const slot = readSlotValue(dc.context.activity);
  const input = readInput(dc.context.activity);
  // Every message closes an open language offer; only typed text is read for its language.
  const notice = await noticeLanguage(deps, dc.context);
  if (slot) {
    // An open schedule takes slot buttons itself, keeping the answers given so far.
    if (schedulesASlot(dc)) return undefined;
    await dc.cancelAllDialogs();
    return restart({ command: 'slot', slot });
  }

  if (input.kind !== 'text') return undefined;
  const command = recognizeCommand(input.text, deps.i18n);
  if (!command) return notice ? actOnNotice(dc, deps, notice, restart) : undefined;

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
      await askForLanguage(
        deps,
        dc.context,
        command.unsupported ? 'language.unsupported' : 'language.choose.ask',
      );
      return Dialog.EndOfTurn;
    case 'privacy':
      await explainPrivacyFully(deps, await replyFor(deps, dc.context));
      return repeatQuestion(dc, restart);
    case 'callback':
      await dc.cancelAllDialogs();
      return restart({ command: 'callback' });
    case 'move':
    case 'cancel': {
      const profile = await deps.state.profile.get(dc.context);
      if (!profile?.booking) {
        // Nothing to move or cancel: say so, and keep the resident where they were.
        await (await replyFor(deps, dc.context)).send('booking.none');
        return repeatQuestion(dc, restart);
      }
      await dc.cancelAllDialogs();
      return restart({ command: command.kind });
    }
  }
}

async function actOnNotice(
  dc: DialogContext,
  deps: DialogDeps,
  notice: LanguageNotice,
  restart: Restart,
): Promise<DialogTurnResult> {
  switch (notice.kind) {
    case 'switch':
      await switchLanguage(deps, dc.context, notice.language);
      return repeatQuestion(dc, restart);
    case 'offer':
      await offerLanguage(deps, dc.context, notice.language);
      return Dialog.EndOfTurn;
    case 'list':
      await askForLanguage(deps, dc.context, notice.key);
      return Dialog.EndOfTurn;
  }
}

async function repeatQuestion(dc: DialogContext, restart: Restart): Promise<DialogTurnResult> {
  if (!dc.activeDialog) return restart();
  await dc.repromptDialog();
  return Dialog.EndOfTurn;
}
